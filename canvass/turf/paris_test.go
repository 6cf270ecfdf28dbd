package turf_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/areafile"
	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// parisDoors reads the BAN addresses of Paris 20e as doors, on their Lambert-93 metres, and their
// lon/lat. The test is skipped when ../shared is absent.
func parisDoors(tb testing.TB) ([]turf.Door, []orb.Point) {
	tb.Helper()
	return banDoors(tb, shared.Path(tb, "data", "paris-20e", "adresses-75120.csv"), "")
}

// banDoors reads the BAN addresses of a file (plain or gzipped) as doors, those of one commune
// when insee is given, with their lon/lat.
func banDoors(tb testing.TB, path, insee string) ([]turf.Door, []orb.Point) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		if in, err = gzip.NewReader(f); err != nil {
			tb.Fatal(err)
		}
	}
	r := csv.NewReader(in)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var doors []turf.Door
	var lonlat []orb.Point
	for _, row := range rows[1:] {
		if insee != "" && row[6] != insee {
			continue
		}
		n, _ := strconv.Atoi(row[2])
		x, _ := strconv.ParseFloat(row[10], 64)
		y, _ := strconv.ParseFloat(row[11], 64)
		lon, _ := strconv.ParseFloat(row[12], 64)
		lat, _ := strconv.ParseFloat(row[13], 64)
		parts := strings.SplitN(row[0], "_", 3)
		doors = append(doors, turf.Door{ID: row[0], StreetID: parts[0] + "_" + parts[1], Street: row[4], Number: n,
			Rep: row[3], At: orb.Point{x, y}, Voters: 10})
		lonlat = append(lonlat, orb.Point{lon, lat})
	}
	return doors, lonlat
}

// TestCutParis20e holds Cut to the targets of the planning issue against the bisection baseline,
// both run here on the 12,698 real addresses of Paris 20e.
func TestCutParis20e(t *testing.T) {
	doors, _ := parisDoors(t)
	for _, target := range []float64{50, 150, 300} {
		opt := turf.DefaultOptions()
		opt.Target = target
		turfs, m := turf.Cut(doors, opt)
		_, base := turf.CutBisection(doors, opt)
		t.Logf("target %3.0f: %d turfs, CV %.1f%%, max dev %.1f%%, %.1f m/door (baseline %.1f), %d/%d streets split (baseline %d)",
			target, len(turfs), 100*m.CV, 100*m.MaxDeviation, m.MetresPerDoor, base.MetresPerDoor, m.StreetsSplit, m.Streets, base.StreetsSplit)
		everyDoorOnce(t, target, turfs, len(doors))
		if m.CV > 0.10 || m.MaxDeviation > 0.20 {
			t.Errorf("target %.0f: CV %.3f, max deviation %.3f: want ≤ 0.10 and ≤ 0.20", target, m.CV, m.MaxDeviation)
		}
		if m.MetresPerDoor > 1.2*base.MetresPerDoor {
			t.Errorf("target %.0f: %.1f m per door, want ≤ 1.2 × %.1f", target, m.MetresPerDoor, base.MetresPerDoor)
		}
		if float64(m.StreetsSplit) > 0.2*float64(base.StreetsSplit) {
			t.Errorf("target %.0f: %d streets split, want ≤ 0.2 × %d", target, m.StreetsSplit, base.StreetsSplit)
		}
	}
}

// everyDoorOnce checks that each of n doors is in exactly one of the turfs.
func everyDoorOnce(t *testing.T, target float64, turfs []turf.Turf, n int) {
	t.Helper()
	seen := map[int]bool{}
	for _, tf := range turfs {
		for _, d := range tf.Doors {
			if seen[d] {
				t.Fatalf("target %.0f: door %d in two turfs", target, d)
			}
			seen[d] = true
		}
	}
	if len(seen) != n {
		t.Errorf("target %.0f: %d of %d doors in a turf", target, len(seen), n)
	}
}

// BenchmarkCutParis20e reports, per turf size, the time of a cut and its metrics: in straight
// lines, beside the bisection baseline, and on the street network of voies-20e, all on the
// 12,698 addresses of Paris 20e.
func BenchmarkCutParis20e(b *testing.B) {
	net, doors, joined := parisNetwork(b)
	onStreets := func(_ []turf.Door, opt turf.Options) ([]turf.Turf, turf.Metrics) {
		opt.Network = net
		return turf.Cut(joined, opt)
	}
	for _, target := range []float64{50, 150, 300} {
		opt := turf.DefaultOptions()
		opt.Target = target
		for _, algo := range []struct {
			name string
			cut  func([]turf.Door, turf.Options) ([]turf.Turf, turf.Metrics)
		}{{"streets", turf.Cut}, {"bisection", turf.CutBisection}, {"network", onStreets}} {
			b.Run(fmt.Sprintf("%s/%.0f", algo.name, target), func(b *testing.B) {
				var m turf.Metrics
				for range b.N {
					_, m = algo.cut(doors, opt)
				}
				b.ReportMetric(100*m.CV, "%cv")
				b.ReportMetric(100*m.MaxDeviation, "%maxdev")
				b.ReportMetric(m.MetresPerDoor, "m/door")
				b.ReportMetric(float64(m.StreetsSplit), "split")
				b.ReportMetric(float64(m.Reentered), "reentered")
			})
		}
	}
}

// readNetwork reads a layer of street centre lines of the Ville de Paris as a network.
func readNetwork(tb testing.TB, path string) *network.Network {
	tb.Helper()
	r, err := areafile.Open(context.Background(), path, "")
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	var lines []network.Line
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		id, name := fmt.Sprint(f.Properties["N_SQ_VO"]), fmt.Sprint(f.Properties["L_LONGMIN"])
		switch g := f.Geometry.(type) {
		case orb.LineString:
			lines = append(lines, network.Line{ID: id, Name: name, Path: g})
		case orb.MultiLineString:
			for _, l := range g {
				lines = append(lines, network.Line{ID: id, Name: name, Path: l})
			}
		}
	}
	return network.Build(lines)
}

// placeDoors places doors on the network as canvass does: sub-addresses joined to their street,
// then each on a segment of its street. It returns the doors as the BAN gives them with the same
// places, for today's walks, and the doors joined, for walks on the network.
func placeDoors(tb testing.TB, net *network.Network, doors []turf.Door, lonlat []orb.Point) (raw, joined []turf.Door) {
	tb.Helper()
	joined = slices.Clone(doors)
	turf.JoinSubAddresses(joined)
	streets := make([]string, len(joined))
	for i, d := range joined {
		streets[i] = d.Street
	}
	places, how, _ := turf.Locate(net, lonlat, streets)
	tb.Logf("network: %d segments, %d nodes; doors placed by name %d, nearest %d, far %d", len(net.Segments), len(net.Nodes),
		how.ByName, how.Nearest, how.Far)
	raw = slices.Clone(doors)
	for i := range doors {
		raw[i].Place, joined[i].Place = places[i], places[i]
	}
	return raw, joined
}

// parisNetwork reads the street centre lines of voies-20e as a network and places the doors of
// Paris 20e on it, as canvass does.
func parisNetwork(tb testing.TB) (net *network.Network, raw, joined []turf.Door) {
	tb.Helper()
	doors, lonlat := parisDoors(tb)
	net = readNetwork(tb, shared.Path(tb, "data", "paris-20e", "voies-20e.geojson"))
	raw, joined = placeDoors(tb, net, doors, lonlat)
	return net, raw, joined
}

// walked measures turfs on the network, each walk from its first door to its last along the
// shortest walks between doors: the same measure for walks ordered in straight lines and for
// walks ordered on the network.
func walked(r *network.Router, doors []turf.Door, turfs []turf.Turf) float64 {
	metres, n := 0.0, 0
	for _, t := range turfs {
		metres += turf.NetworkMetres(r, doors, t.Doors, nil)
		n += len(t.Doors)
	}
	return metres / float64(n)
}

// TestNetworkCutParis20e holds walks on the network to the targets of the network issue, against
// today's walks (cut and ordered in straight lines) measured on the same network.
func TestNetworkCutParis20e(t *testing.T) {
	net, raw, joined := parisNetwork(t)
	checkNetworkCut(t, net, raw, joined, []float64{50, 150, 300})
}

// TestNetworkCutParis11e holds the walks of Paris 11e, on the network of all of Paris, to the same
// targets.
func TestNetworkCutParis11e(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of Paris")
	}
	doors, lonlat := banDoors(t, shared.Path(t, "data", "paris", "adresses-75.csv.gz"), "75111")
	net := readNetwork(t, shared.Path(t, "data", "paris", "voies-paris.geojson"))
	raw, joined := placeDoors(t, net, doors, lonlat)
	checkNetworkCut(t, net, raw, joined, []float64{150})
}

// checkNetworkCut cuts the doors into turfs at each target, in straight lines (today's walks, on
// the doors as the BAN gives them) and on the network, measures both on the network with the same
// code, and holds the walks on the network to the targets: every door in one turf, balance (CV ≤
// 10%, max deviation ≤ 20%), at most 0.75 times the metres of today's walks, and no street entered
// more than twice by a turf's walk.
func checkNetworkCut(t *testing.T, net *network.Network, raw, joined []turf.Door, targets []float64) {
	router := net.Joined().Router()
	for _, target := range targets {
		opt := turf.DefaultOptions()
		opt.Target = target
		base, bm := turf.Cut(raw, opt)
		baseMetres := walked(router, raw, base)
		opt.Network = net
		start := time.Now()
		turfs, m := turf.Cut(joined, opt)
		took := time.Since(start)
		metres := walked(router, joined, turfs)
		t.Logf("target %3.0f: %d turfs in %v, CV %.1f%%, max dev %.1f%%, %.1f m/door on the network (straight-line walks %.1f: %.2f×), "+
			"%d of %d street–turf pairs entered more than twice (straight-line walks %d of %d)",
			target, len(turfs), took.Round(time.Millisecond), 100*m.CV, 100*m.MaxDeviation, metres, baseMetres, metres/baseMetres,
			m.Reentered, m.Pairs, bm.Reentered, bm.Pairs)
		everyDoorOnce(t, target, turfs, len(joined))
		if m.CV > 0.10 || m.MaxDeviation > 0.20 {
			t.Errorf("target %.0f: CV %.3f, max deviation %.3f: want ≤ 0.10 and ≤ 0.20", target, m.CV, m.MaxDeviation)
		}
		if metres > 0.75*baseMetres {
			t.Errorf("target %.0f: %.1f m per door, want ≤ 0.75 × %.1f", target, metres, baseMetres)
		}
		if m.Reentered > 0 {
			t.Errorf("target %.0f: %d street–turf pairs entered more than twice, want none", target, m.Reentered)
		}
	}
}
