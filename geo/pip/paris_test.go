package pip_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/pip"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// banAddress is a BAN address point, identified by its id, number and suffix only.
type banAddress struct {
	id, number, rep, street string
	pt                      orb.Point
}

func readBAN(t *testing.T, path string) []banAddress {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range []string{"id", "numero", "rep", "nom_voie", "lon", "lat"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("%s: no column %q", path, c)
		}
	}
	var out []banAddress
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: line %d: %v", path, line, err)
		}
		lon, err1 := strconv.ParseFloat(rec[col["lon"]], 64)
		lat, err2 := strconv.ParseFloat(rec[col["lat"]], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: line %d: lon/lat are not numbers", path, line)
		}
		out = append(out, banAddress{rec[col["id"]], rec[col["numero"]], rec[col["rep"]], rec[col["nom_voie"]], orb.Point{lon, lat}})
	}
}

// readLayer decodes the polygons of a GeoJSON FeatureCollection. It decodes the geometry itself
// rather than with orb/geojson, which would add a BSON driver to the module's dependencies
// (data/areafile made the same choice); orb's Polygon and MultiPolygon decode directly from
// GeoJSON coordinates.
func readLayer(t *testing.T, path string) []orb.Geometry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	geoms := make([]orb.Geometry, len(fc.Features))
	for i, f := range fc.Features {
		switch f.Geometry.Type {
		case "Polygon":
			var p orb.Polygon
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			geoms[i] = p
		case "MultiPolygon":
			var mp orb.MultiPolygon
			err = json.Unmarshal(f.Geometry.Coordinates, &mp)
			geoms[i] = mp
		default:
			t.Fatalf("%s: feature %d: geometry type %q, want Polygon or MultiPolygon", path, i, f.Geometry.Type)
		}
		if err != nil {
			t.Fatalf("%s: feature %d: coordinates: %v", path, i, err)
		}
	}
	return geoms
}

// contains is plain closed containment by orb, the brute-force reference.
func contains(g orb.Geometry, pt orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, pt)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, pt)
	}
	return false
}

// TestParis20e assigns the 12,698 BAN addresses of the 20e to the polling stations, IRIS and
// quartiers. Each gets exactly one owner: by Locate for all but two per layer, which lie a few
// millimetres (a metre for the IRIS) outside the layer and are snapped to the nearest polygon by
// LocateNear. The addresses per area match orb's brute-force containment.
func TestParis20e(t *testing.T) {
	dir := shared.Path(t, "data", "paris-20e")
	addrs := readBAN(t, filepath.Join(dir, "adresses-75120.csv"))
	if len(addrs) != 12698 {
		t.Fatalf("read %d BAN addresses, want 12,698", len(addrs))
	}
	pts := make([]orb.Point, len(addrs))
	for i, a := range addrs {
		pts[i] = a.pt
	}
	// The two addresses of boulevard de Ménilmontant are geocoded on the boulevard's centre
	// line, which is the 20e's western boundary, and land 9 and 15 mm west of it. The older
	// IRIS contours draw the boundary elsewhere: these two are inside, two others outside.
	menilmontant := []string{"30 v Boulevard de Ménilmontant", "100 v Boulevard de Ménilmontant"}
	for _, layer := range []struct {
		file    string
		areas   int
		snapped []string
	}{
		{"bureaux-de-vote-2024-20e.geojson", 76, menilmontant},
		{"iris-20e.geojson", 73, []string{"330 v Rue de Belleville", "3 v Avenue de la Porte de Vincennes"}},
		{"quartiers-administratifs-20e.geojson", 4, menilmontant},
	} {
		t.Run(layer.file, func(t *testing.T) {
			geoms := readLayer(t, filepath.Join(dir, layer.file))
			if len(geoms) != layer.areas {
				t.Fatalf("%d areas, want %d", len(geoms), layer.areas)
			}
			ix, err := pip.NewIndex(geoms, nil)
			if err != nil {
				t.Fatal(err)
			}
			singles := make([]*pip.Index, len(geoms))
			for i, g := range geoms {
				if singles[i], err = pip.NewIndex([]orb.Geometry{g}, []int{i}); err != nil {
					t.Fatal(err)
				}
			}
			owners := ix.LocateAllNear(pts, 2, pip.SnapMetres)
			got := make([]int, len(geoms))  // addresses per area, off edges, by Locate
			want := make([]int, len(geoms)) // the same by orb's containment
			var snapped []string
			for k, a := range addrs {
				if owners[k] == pip.NoOwner {
					t.Errorf("BAN address %s: no owner within %g m", a.id, pip.SnapMetres)
					continue
				}
				n := 0
				for _, s := range singles {
					if _, ok := s.Locate(a.pt); ok {
						n++
					}
				}
				switch {
				case n > 1:
					t.Errorf("BAN address %s has %d owners, want one", a.id, n)
				case n == 0:
					snapped = append(snapped, a.number+" "+a.rep+" "+a.street)
					if nearest := nearestArea(geoms, a.pt); owners[k] != nearest {
						t.Errorf("BAN address %s snapped to area %d, but the nearest is %d", a.id, owners[k], nearest)
					}
				case ix.OnBoundary(a.pt):
					t.Logf("BAN address %s lies exactly on an edge", a.id)
				default:
					got[owners[k]]++
					for i, g := range geoms {
						if contains(g, a.pt) {
							want[i]++
						}
					}
				}
			}
			for i := range geoms {
				if got[i] != want[i] {
					t.Errorf("area %d: %d addresses by Locate, %d by planar containment", i, got[i], want[i])
				}
			}
			if !sameSet(snapped, layer.snapped) {
				t.Errorf("addresses outside every area: %q, want %q", snapped, layer.snapped)
			}
		})
	}
}

// nearestArea is the area whose boundary is nearest to pt, by orb's planar distance in degrees:
// a brute-force reference, valid where one area is clearly nearer than the others.
func nearestArea(geoms []orb.Geometry, pt orb.Point) int {
	best, bestD := -1, math.Inf(1)
	for i, g := range geoms {
		if d := planar.DistanceFrom(g, pt); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

func sameSet(a, b []string) bool {
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
