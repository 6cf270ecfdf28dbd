package arc

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/arc/internal/carplib"
	"github.com/campagne-fr/porteaporte/internal/cputime"
)

// reference is one row of the table of ../shared/data/carp/REFERENCE.md: an instance and the
// cost HGS-CARP reached on it in 10 s.
type reference struct {
	set, name string
	cost      int64
}

// references reads the table of REFERENCE.md in dir, in its order.
func references(tb testing.TB, dir string) []reference {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, "REFERENCE.md"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var refs []reference
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(strings.Trim(strings.TrimSpace(sc.Text()), "|"), "|")
		if len(cells) != 8 {
			continue
		}
		cost, err := strconv.ParseInt(strings.TrimSpace(cells[7]), 10, 64)
		if err != nil {
			continue // the header
		}
		refs = append(refs, reference{strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1]), cost})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(refs) == 0 {
		tb.Fatal("no reference costs in REFERENCE.md")
	}
	return refs
}

// problem is the CARP of a CARPLIB instance: closed routes from the depot; every edge can be
// walked, the required ones are also services. Vertices are numbered from 0.
func problem(in *carplib.Instance) *Problem {
	p := &Problem{Nodes: in.Vertices, Start: in.Depot - 1, End: in.Depot - 1, Capacity: in.Capacity}
	for _, e := range in.Required {
		p.Services = append(p.Services, Service{From: e.U - 1, To: e.V - 1, Cost: e.Cost, Demand: e.Demand})
		p.Links = append(p.Links, Link{From: e.U - 1, To: e.V - 1, Cost: e.Cost})
	}
	for _, e := range in.Other {
		p.Links = append(p.Links, Link{From: e.U - 1, To: e.V - 1, Cost: e.Cost})
	}
	return p
}

// BenchmarkCARP solves every instance of ../shared/data/carp once per iteration with the default
// options (seed 1), checks the solution, and prints a table: cost, reference, gap, wall and
// processor time per solve, then the mean and worst gap of each set. Run it with -benchtime 1x.
func BenchmarkCARP(b *testing.B) {
	dir := shared.Path(b, "data", "carp")
	type row struct {
		reference
		cost      int64
		wall, cpu time.Duration
	}
	var rows []row
	for _, ref := range references(b, dir) {
		b.Run(ref.name, func(b *testing.B) {
			in, err := carplib.Load(filepath.Join(dir, ref.name+".dat"))
			if err != nil {
				b.Fatal(err)
			}
			p := problem(in)
			var sol Solution
			begin, cpu := time.Now(), cputime.Used()
			for b.Loop() {
				if sol, err = Solve(p, Options{Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			r := row{ref, sol.Cost, time.Since(begin) / time.Duration(b.N), (cputime.Used() - cpu) / time.Duration(b.N)}
			checkSolution(b, p, sol)
			b.ReportMetric(float64(r.cpu.Microseconds())/1000, "cpu-ms/op")
			b.ReportMetric(gap(r.cost, ref.cost), "%over")
			rows = append(rows, r)
		})
	}
	fmt.Println("| set | instance | cost | reference | gap | wall | processor |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %d | %d | %+.2f%% | %.2f s | %.2f s |\n", r.set, r.name, r.cost, r.reference.cost,
			gap(r.cost, r.reference.cost), r.wall.Seconds(), r.cpu.Seconds())
	}
	fmt.Println()
	fmt.Println("| set | instances | mean gap | worst gap | mean processor | worst processor | worst wall |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, set := range []string{"gdb", "val", "egl"} {
		var n int
		var sum, worst float64
		var cpu, worstCPU, worstWall time.Duration
		for _, r := range rows {
			if r.set != set {
				continue
			}
			g := gap(r.cost, r.reference.cost)
			n, sum, worst, cpu = n+1, sum+g, max(worst, g), cpu+r.cpu
			worstCPU, worstWall = max(worstCPU, r.cpu), max(worstWall, r.wall)
		}
		if n > 0 {
			fmt.Printf("| %s | %d | %+.2f%% | %+.2f%% | %.2f s | %.2f s | %.2f s |\n", set, n, sum/float64(n), worst,
				(cpu / time.Duration(n)).Seconds(), worstCPU.Seconds(), worstWall.Seconds())
		}
	}
}

// gap is how far cost is above ref, in percent.
func gap(cost, ref int64) float64 { return 100 * float64(cost-ref) / float64(ref) }
