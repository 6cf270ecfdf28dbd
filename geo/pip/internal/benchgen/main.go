// Command benchgen drives .ci/bench-pip, the comparison of geo/pip with SpatiaLite on the same
// 1,000 polygons and 1,000,000 points (tiling.BenchData):
//
//	benchgen sql DIR      writes DIR/load.sql and DIR/points.csv, which load the data into SpatiaLite
//	benchgen go DIR       assigns the points with geo/pip, prints the rates, writes DIR/go-owners.csv
//	benchgen compare DIR  compares DIR/sl-owners.csv (SpatiaLite's point,polygon rows) with Go's
package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/campagne-fr/porteaporte/geo/pip"
	"github.com/campagne-fr/porteaporte/geo/pip/internal/tiling"

	"github.com/paulmach/orb"
)

const points = 1_000_000

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchgen sql|go|compare DIR")
		os.Exit(2)
	}
	dir := os.Args[2]
	var err error
	switch os.Args[1] {
	case "sql":
		err = writeSQL(filepath.Join(dir, "load.sql"))
	case "go":
		err = runGo(dir)
	case "compare":
		err = compare(dir)
	default:
		err = fmt.Errorf("unknown command %q, want sql, go or compare", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

// num formats a coordinate with the fewest digits that read back as the same float64, so that
// SpatiaLite gets exactly the coordinates Go uses.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func writeSQL(path string) error {
	polys, pts := tiling.BenchData(points)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "SELECT InitSpatialMetadata(1);")
	fmt.Fprintln(w, "BEGIN;")
	fmt.Fprintln(w, "CREATE TABLE polys (id INTEGER PRIMARY KEY);")
	fmt.Fprintln(w, "SELECT AddGeometryColumn('polys', 'geom', 4326, 'POLYGON', 'XY');")
	for i, p := range polys {
		fmt.Fprintf(w, "INSERT INTO polys (id, geom) VALUES (%d, GeomFromText('POLYGON(", i)
		for r, ring := range p {
			if r > 0 {
				w.WriteString(",")
			}
			w.WriteString("(")
			for k, pt := range ring {
				if k > 0 {
					w.WriteString(",")
				}
				w.WriteString(num(pt[0]) + " " + num(pt[1]))
			}
			w.WriteString(")")
		}
		fmt.Fprintln(w, ")', 4326));")
	}
	fmt.Fprintln(w, "COMMIT;")
	// A million INSERT statements take minutes to parse; the shell's .import reads the points as
	// text in seconds, and one INSERT … SELECT turns them into geometries.
	csvPath := filepath.Join(filepath.Dir(path), "points.csv")
	fmt.Fprintln(w, "CREATE TABLE raw_pts (id INTEGER PRIMARY KEY, x TEXT, y TEXT);")
	fmt.Fprintln(w, ".mode csv")
	fmt.Fprintf(w, ".import %s raw_pts\n", csvPath)
	fmt.Fprintln(w, "CREATE TABLE pts (id INTEGER PRIMARY KEY);")
	fmt.Fprintln(w, "SELECT AddGeometryColumn('pts', 'geom', 4326, 'POINT', 'XY');")
	fmt.Fprintln(w, "INSERT INTO pts (id, geom) SELECT id, GeomFromText('POINT(' || x || ' ' || y || ')', 4326) FROM raw_pts;")
	fmt.Fprintln(w, "DROP TABLE raw_pts;")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return writeCSV(csvPath, len(pts), func(i int) string { return fmt.Sprintf("%d,%s,%s", i, num(pts[i][0]), num(pts[i][1])) })
}

// writeCSV writes n lines, line(i) for each i.
func writeCSV(path string, n int, line func(i int) string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		w.WriteString(line(i))
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func newIndex(polys []orb.Polygon) (*pip.Index, error) {
	geoms := make([]orb.Geometry, len(polys))
	for i, p := range polys {
		geoms[i] = p
	}
	return pip.NewIndex(geoms, nil)
}

// runGo times the index build and the assignment on one and on two goroutines, and writes the
// owners found on one.
func runGo(dir string) error {
	polys, pts := tiling.BenchData(points)
	start := time.Now()
	ix, err := newIndex(polys)
	if err != nil {
		return err
	}
	build := time.Since(start)
	start = time.Now()
	owners := ix.LocateAll(pts, 1)
	one := time.Since(start)
	start = time.Now()
	ix.LocateAll(pts, 2)
	two := time.Since(start)
	fmt.Printf("geo/pip: index of %d polygons built in %.1f ms\n", len(polys), build.Seconds()*1000)
	fmt.Printf("geo/pip: %d points in %.3f s on 1 goroutine:  %.0f points/s\n", len(pts), one.Seconds(), float64(len(pts))/one.Seconds())
	fmt.Printf("geo/pip: %d points in %.3f s on 2 goroutines: %.0f points/s\n", len(pts), two.Seconds(), float64(len(pts))/two.Seconds())
	if err := os.WriteFile(filepath.Join(dir, "go-rate.txt"), []byte(fmt.Sprintf("%.0f\n", float64(len(pts))/one.Seconds())), 0o644); err != nil {
		return err
	}
	return writeCSV(filepath.Join(dir, "go-owners.csv"), len(owners), func(i int) string { return fmt.Sprintf("%d,%d", i, owners[i]) })
}

// readPairs reads point,polygon rows and returns the polygons of each point.
func readPairs(path string) (map[int][]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = 2
	out := map[int][]int{}
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, line, err)
		}
		pt, err1 := strconv.Atoi(rec[0])
		poly, err2 := strconv.Atoi(rec[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: line %d: want two integers (point, polygon)", path, line)
		}
		if poly != pip.NoOwner {
			out[pt] = append(out[pt], poly)
		}
	}
}

// compare counts the points on which SpatiaLite and geo/pip disagree, apart from points lying
// exactly on an edge, where ST_Contains gives no owner (the boundary is not contained) and
// geo/pip gives one by the half-open rule.
func compare(dir string) error {
	goOwners, err := readPairs(filepath.Join(dir, "go-owners.csv"))
	if err != nil {
		return err
	}
	slOwners, err := readPairs(filepath.Join(dir, "sl-owners.csv"))
	if err != nil {
		return err
	}
	polys, pts := tiling.BenchData(points)
	ix, err := newIndex(polys)
	if err != nil {
		return err
	}
	var onEdge, disagree, slMulti, slNone, goNone int
	for i, pt := range pts {
		g, s := goOwners[i], slOwners[i]
		if len(g) == 0 {
			goNone++
		}
		if len(s) == 0 {
			slNone++
		}
		if len(s) > 1 {
			slMulti++
		}
		if ix.OnBoundary(pt) {
			onEdge++
			continue
		}
		if len(g) != len(s) || len(g) == 1 && g[0] != s[0] {
			disagree++
		}
	}
	fmt.Printf("owners: %d points, %d exactly on an edge; without an owner: geo/pip %d, SpatiaLite %d; several SpatiaLite owners: %d\n",
		len(pts), onEdge, goNone, slNone, slMulti)
	fmt.Printf("owners: %d disagreements between geo/pip and SpatiaLite on points not on an edge\n", disagree)
	if disagree > 0 {
		return fmt.Errorf("%d points not on an edge have different owners", disagree)
	}
	return nil
}
