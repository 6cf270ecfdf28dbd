package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// streetState renders the network tables and the audit trail, to check "unchanged" on content.
func streetState(t testing.TB, s *Store) string {
	t.Helper()
	return dumpTables(t, s,
		"SELECT id, line, name, from_node, to_node, hex(geom) FROM street_segments ORDER BY id",
		"SELECT file, layer, lines FROM street_network",
		"SELECT id, operation, params, hash FROM audit ORDER BY id")
}

func writeStreets(t testing.TB, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "voies.geojson")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A crossing of two streets sharing a vertex, a third street apart (a bridge over nothing), a
// square (not a line) and a line with one point.
const someStreets = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"N_SQ_VO":"1","L_LONGMIN":"Rue A"},"geometry":{"type":"LineString","coordinates":[[2.390,48.850],[2.391,48.850],[2.392,48.850]]}},
{"type":"Feature","properties":{"N_SQ_VO":"2","L_LONGMIN":"Rue B"},"geometry":{"type":"MultiLineString","coordinates":[[[2.391,48.849],[2.391,48.850]],[[2.391,48.850],[2.391,48.851]]]}},
{"type":"Feature","properties":{"N_SQ_VO":"3","L_LONGMIN":"Pont C"},"geometry":{"type":"LineString","coordinates":[[2.395,48.849],[2.395,48.851]]}},
{"type":"Feature","properties":{"N_SQ_VO":"4","L_LONGMIN":"Place D"},"geometry":{"type":"Polygon","coordinates":[[[2.39,48.85],[2.391,48.85],[2.391,48.851],[2.39,48.85]]]}},
{"type":"Feature","properties":{"N_SQ_VO":"5","L_LONGMIN":"Rue E"},"geometry":{"type":"LineString","coordinates":[[2.39,48.85]]}}
]}`

func TestImportStreets(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	path := writeStreets(t, someStreets)
	rep, err := s.ImportStreets(ctx, path, StreetOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 5 || rep.Imported != 3 || rep.Rejected != 2 {
		t.Errorf("read %d, imported %d, rejected %d; want 5, 3, 2", rep.Read, rep.Imported, rep.Rejected)
	}
	for i, want := range []struct {
		line  int
		field string
	}{{4, "geometry"}, {5, "geometry"}} {
		if e := rep.Errors[i]; e.Line != want.line || e.Field != want.field || strings.Contains(e.Reason, "Place D") {
			t.Errorf("rejection %d: %+v, want feature %d, field %q, no name echoed", i, e, want.line, want.field)
		}
	}
	notices := ""
	for _, w := range rep.Warnings {
		notices += w.Reason + "\n"
	}
	for _, want := range []string{`id from property "N_SQ_VO"`, "network: 5 segments between 7 nodes", "in 2 connected piece(s)",
		"a piece apart from the rest: 1 segment(s), 222 m"} {
		if !strings.Contains(notices, want) {
			t.Errorf("the report lacks %q:\n%s", want, notices)
		}
	}
	segs, err := s.StreetSegments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	net, err := network.New(segs)
	if err != nil || len(net.Segments) != 5 || net.Segments[0].Name != "Rue A" || net.Segments[0].Line != "1" {
		t.Fatalf("stored network: %v, %+v", err, segs)
	}

	// The same file again changes nothing but the trail; another replaces the network.
	before := dumpTables(t, s, "SELECT id, line, name, from_node, to_node, hex(geom) FROM street_segments ORDER BY id")
	rep, err = s.ImportStreets(ctx, path, StreetOptions{}, nil)
	if err != nil || rep.Replaced != 3 {
		t.Fatalf("again: replaced %d, %v; want 3", rep.Replaced, err)
	}
	if after := dumpTables(t, s, "SELECT id, line, name, from_node, to_node, hex(geom) FROM street_segments ORDER BY id"); after != before {
		t.Errorf("the same file imported twice changed the network:\n%s\n%s", before, after)
	}
	other := writeStreets(t, `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Rue Z"},
		"geometry":{"type":"LineString","coordinates":[[2.39,48.85],[2.391,48.85]]}}]}`)
	if _, err := s.ImportStreets(ctx, other, StreetOptions{IDField: "nom", NameField: "nom"}, nil); err != nil {
		t.Fatal(err)
	}
	if segs, _ := s.StreetSegments(ctx); len(segs) != 1 || segs[0].Name != "Rue Z" {
		t.Errorf("after another file: %+v, want its one segment", segs)
	}
}

// TestImportStreetsRefusedLeavesStoreUnchanged: a file that is not a street layer, or holds no
// line, is refused naming the file, and the network stays as it was.
func TestImportStreetsRefusedLeavesStoreUnchanged(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportStreets(ctx, writeStreets(t, someStreets), StreetOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	before := streetState(t, s)
	for name, body := range map[string]string{
		"not json":   `voies;nom`,
		"no line":    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1"},"geometry":{"type":"Point","coordinates":[2.39,48.85]}}]}`,
		"no feature": `{"type":"FeatureCollection","features":[]}`,
	} {
		_, err := s.ImportStreets(ctx, writeStreets(t, body), StreetOptions{}, nil)
		var in *InputError
		if !errors.As(err, &in) || in.File != "voies.geojson" {
			t.Errorf("%s: %v, want an input error naming the file", name, err)
		}
		if after := streetState(t, s); after != before {
			t.Errorf("%s: the store changed", name)
		}
	}
}

// TestImportStreetsParis20e imports the Ville de Paris voies of the 20e: every feature, fields
// found by their usual names, and the pieces apart from the rest reported.
func TestImportStreetsParis20e(t *testing.T) {
	s := newStore(t)
	rep, err := s.ImportStreets(context.Background(), shared.Path(t, "data", "paris-20e", "voies-20e.geojson"), StreetOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 497 || rep.Rejected != 0 {
		t.Errorf("imported %d, rejected %d; want 497, 0", rep.Imported, rep.Rejected)
	}
	if !strings.Contains(rep.Warnings[1].Reason, "network: 1730 segments between 1176 nodes") {
		t.Errorf("network notice %q", rep.Warnings[1].Reason)
	}
}

func BenchmarkImportStreetsParis(b *testing.B) {
	path := shared.Path(b, "data", "paris", "voies-paris.geojson")
	for range b.N {
		s := newStore(b)
		rep, err := s.ImportStreets(context.Background(), path, StreetOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Imported), "lines")
	}
}
