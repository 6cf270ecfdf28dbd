package data

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/data/shared"
)

// areaState renders the areas, their index and the audit trail, row by row, so that "unchanged"
// is checked on content and not only on counts.
func areaState(t testing.TB, s *Store) string {
	t.Helper()
	return dumpTables(t, s,
		"SELECT id, level, layer, code, name, hex(geom) FROM areas ORDER BY id",
		"SELECT id, min_lon, max_lon, min_lat, max_lat FROM areas_rtree ORDER BY id",
		"SELECT id, operation, params, hash FROM audit ORDER BY id")
}

// area is one stored area, geometry decoded.
type area struct {
	id             int64
	code, name     string
	geom           orb.Geometry
	minLon, maxLon float64
	minLat, maxLat float64
}

// areas lists the stored areas of a layer by code, with their index entry.
func areas(t testing.TB, s *Store, level, layer string) map[string]area {
	t.Helper()
	rows, err := s.db.Query(`SELECT a.id, a.code, a.name, a.geom, r.min_lon, r.max_lon, r.min_lat, r.max_lat
		FROM areas a JOIN areas_rtree r ON r.id = a.id WHERE a.level = ? AND a.layer = ?`, level, layer)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]area{}
	for rows.Next() {
		var a area
		var blob []byte
		if err := rows.Scan(&a.id, &a.code, &a.name, &blob, &a.minLon, &a.maxLon, &a.minLat, &a.maxLat); err != nil {
			t.Fatal(err)
		}
		if a.geom, err = wkb.Unmarshal(blob); err != nil {
			t.Fatalf("area %s: stored geometry is not WKB: %v", a.code, err)
		}
		out[a.code] = a
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM areas WHERE level = ? AND layer = ?", level, layer).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(out) {
		t.Fatalf("%d areas in layer %s, %d of them indexed", n, layer, len(out))
	}
	return out
}

func areaCounts(t *testing.T, rep Report, read, imported, rejected, replaced int) {
	t.Helper()
	if rep.Read != read || rep.Imported != imported || rep.Rejected != rejected || rep.Replaced != replaced {
		t.Errorf("read/imported/rejected/replaced = %d/%d/%d/%d, want %d/%d/%d/%d (errors %v)",
			rep.Read, rep.Imported, rep.Rejected, rep.Replaced, read, imported, rejected, replaced, rep.Errors)
	}
}

// The test layers are invented shapes around (10, 40), no real place.
const (
	// +-----+
	// |  A  |
	// +-----+
	squareA = `{"type":"Polygon","coordinates":[[[10,40],[10.01,40],[10.01,40.01],[10,40.01],[10,40]]]}`
	// +-----------+
	// |  +---+  B |
	// |  +---+    |
	// +-----------+
	squareWithHoleB = `{"type":"Polygon","coordinates":[[[10.02,40],[10.05,40],[10.05,40.03],[10.02,40.03],[10.02,40]],
		[[10.03,40.01],[10.03,40.02],[10.04,40.02],[10.04,40.01],[10.03,40.01]]]}`
	// +--+   +--+
	// |C1|   |C2|
	// +--+   +--+
	twoSquaresC = `{"type":"MultiPolygon","coordinates":[[[[10,40.1],[10.01,40.1],[10.01,40.11],[10,40.1]]],
		[[[10.02,40.1],[10.03,40.1],[10.03,40.11],[10.02,40.11],[10.02,40.1]]]]}`
)

func feature(props, geom string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":%s,"geometry":%s}`, props, geom)
}

func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + "\n" + strings.Join(features, ",\n") + "\n]}\n"
}

func TestImportAreasGeoJSON(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "quartiers-test.geojson", collection(
		feature(`{"c_qu":77,"l_qu":"Nord","surface":12.5}`, squareA),
		feature(`{"c_qu":78,"l_qu":"Sud"}`, squareWithHoleB),
		feature(`{"c_qu":79,"l_qu":"Est"}`, twoSquaresC),
	))
	var seen []Progress
	rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, func(p Progress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 3, 3, 0, 0)
	if rep.File != "quartiers-test.geojson" || rep.Kind != "areas" {
		t.Errorf("report names %q (%s)", rep.File, rep.Kind)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 0 ||
		!strings.Contains(rep.Warnings[0].Reason, `"c_qu"`) || !strings.Contains(rep.Warnings[0].Reason, `"l_qu"`) {
		t.Errorf("the guessed properties are not named in a line-0 warning: %v", rep.Warnings)
	}
	if len(seen) == 0 || seen[len(seen)-1].Rows != 3 || seen[len(seen)-1].Total == 0 {
		t.Errorf("progress: %v", seen)
	}
	got := areas(t, s, "neighborhood", "quartiers-test")
	want := map[string]struct {
		name string
		geom orb.Geometry
	}{
		"77": {"Nord", orb.Polygon{{{10, 40}, {10.01, 40}, {10.01, 40.01}, {10, 40.01}, {10, 40}}}},
		"78": {"Sud", orb.Polygon{
			{{10.02, 40}, {10.05, 40}, {10.05, 40.03}, {10.02, 40.03}, {10.02, 40}},
			{{10.03, 40.01}, {10.03, 40.02}, {10.04, 40.02}, {10.04, 40.01}, {10.03, 40.01}}}},
		"79": {"Est", orb.MultiPolygon{
			{{{10, 40.1}, {10.01, 40.1}, {10.01, 40.11}, {10, 40.1}}},
			{{{10.02, 40.1}, {10.03, 40.1}, {10.03, 40.11}, {10.02, 40.11}, {10.02, 40.1}}}}},
	}
	if len(got) != len(want) {
		t.Fatalf("stored %d areas, want %d", len(got), len(want))
	}
	for code, w := range want {
		a, ok := got[code]
		if !ok {
			t.Errorf("area %s not stored", code)
			continue
		}
		if a.name != w.name || !orb.Equal(a.geom, w.geom) {
			t.Errorf("area %s: %q %v, want %q %v", code, a.name, a.geom, w.name, w.geom)
		}
		// The R*Tree stores 32-bit floats, rounded outwards: its box must hold the geometry.
		b := w.geom.Bound()
		if a.minLon > b.Min[0] || a.maxLon < b.Max[0] || a.minLat > b.Min[1] || a.maxLat < b.Max[1] ||
			b.Min[0]-a.minLon > 1e-5 || a.maxLon-b.Max[0] > 1e-5 {
			t.Errorf("area %s: index box [%g %g]x[%g %g] does not fit bounds %v", code, a.minLon, a.maxLon, a.minLat, a.maxLat, b)
		}
	}
	log, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := log[len(log)-1]
	if last.Operation != "import.areas" || last.Params["layer"] != "quartiers-test" || last.Params["level"] != "neighborhood" ||
		last.Params["imported"] != float64(3) || last.Params["read"] != float64(3) || last.Params["file"] != "quartiers-test.geojson" {
		t.Errorf("audit entry: %s %v", last.Operation, last.Params)
	}
}

func TestImportAreasFieldsAndLayerChosen(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "x.geojson", collection(
		feature(`{"ref":"A","label":"Alpha","id":"1"}`, squareA),
		feature(`{"ref":"B","label":"Beta","id":"2"}`, squareWithHoleB),
	))
	rep, err := s.ImportAreas(context.Background(), path,
		AreaOptions{Level: "constituency", Layer: "circos", IDField: "ref", NameField: "label"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 2, 2, 0, 0)
	if len(rep.Warnings) != 0 {
		t.Errorf("nothing was guessed, yet: %v", rep.Warnings)
	}
	got := areas(t, s, "constituency", "circos")
	if got["A"].name != "Alpha" || got["B"].name != "Beta" {
		t.Errorf("areas: %v", got)
	}
}

func TestImportAreasNoNameUsesTheCode(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "bv.geojson", collection(feature(`{"id_bv":"20-1","code_insee":"75120"}`, squareA)))
	rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := areas(t, s, "neighborhood", "bv"); got["20-1"].name != "20-1" {
		t.Errorf("areas: %v", got)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, `"id_bv"`) ||
		!strings.Contains(rep.Warnings[0].Reason, "names are the ids") {
		t.Errorf("warnings: %v", rep.Warnings)
	}
}

func TestImportAreasIDMember(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "osm.geojson", collection(
		`{"type":"Feature","id":"way/1","properties":{"name":"Un"},"geometry":`+squareA+`}`,
		`{"type":"Feature","id":2,"properties":{"name":"Deux"},"geometry":`+squareWithHoleB+`}`,
		`{"type":"Feature","properties":{"name":"Sans"},"geometry":`+twoSquaresC+`}`,
	))
	rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 3, 2, 1, 0)
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, `"id" member`) || !strings.Contains(rep.Warnings[0].Reason, `"name"`) {
		t.Errorf("warnings: %v", rep.Warnings)
	}
	if rep.Errors[0].Line != 3 || rep.Errors[0].Field != "id" {
		t.Errorf("errors: %v", rep.Errors)
	}
	got := areas(t, s, "neighborhood", "osm")
	if got["way/1"].name != "Un" || got["2"].name != "Deux" {
		t.Errorf("areas: %v", got)
	}
}

func TestImportAreasStreetsAndSingleFeature(t *testing.T) {
	s := newStore(t)
	// +----+----+      a street of two parts
	//           +----
	streets := tempFile(t, "voies.geojson", collection(
		feature(`{"N_SQ_VO":"1","L_LONGMIN":"Rue Une"}`, `{"coordinates":[[10,40],[10.01,40],[10.02,40]],"type":"LineString"}`),
		feature(`{"N_SQ_VO":"2","L_LONGMIN":"Rue Deux"}`, `{"type":"MultiLineString","coordinates":[[[10,40.01],[10.01,40.01]],[[10.01,40.02],[10.02,40.02]]]}`),
		feature(`{"N_SQ_VO":"3","L_LONGMIN":"Place Trois"}`, squareA),
	))
	rep, err := s.ImportAreas(context.Background(), streets, AreaOptions{Level: "street"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 3, 3, 0, 0)
	got := areas(t, s, "street", "voies")
	if _, ok := got["2"].geom.(orb.MultiLineString); !ok || got["1"].name != "Rue Une" {
		t.Errorf("streets: %v", got)
	}

	// A lone Feature, members in an unusual order.
	single := tempFile(t, "one.json", `{"properties":{"code":"X"},"geometry":`+squareA+`,"type":"Feature"}`)
	rep, err = s.ImportAreas(context.Background(), single, AreaOptions{Level: "constituency"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 1, 1, 0, 0)
	if _, ok := areas(t, s, "constituency", "one")["X"]; !ok {
		t.Error("the lone feature was not stored")
	}
}

func TestImportAreasRejectsBadFeatures(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "bad.geojson", collection(
		feature(`{"code":"ok1"}`, squareA),            // 1
		feature(`{"nom":"no code"}`, squareWithHoleB), // 2
		feature(`{"code":"ok1"}`, twoSquaresC),        // 3: duplicate
		// 4: a bow tie
		// +   +
		// |\ /|
		// | X |
		// |/ \|
		// +   +
		feature(`{"code":"bowtie"}`, `{"type":"Polygon","coordinates":[[[10,40],[10.02,40.02],[10.02,40],[10,40.02],[10,40]]]}`),
		// 5: not closed
		feature(`{"code":"open"}`, `{"type":"Polygon","coordinates":[[[10,40],[10.01,40],[10.01,40.01],[10,40.01]]]}`),
		// 6: Lambert-93 metres
		feature(`{"code":"metres"}`, `{"type":"Polygon","coordinates":[[[654000,6862000],[655000,6862000],[655000,6863000],[654000,6862000]]]}`),
		// 7: a line is no neighborhood
		feature(`{"code":"line"}`, `{"type":"LineString","coordinates":[[10,40],[10.01,40]]}`),
		// 8: unknown type
		feature(`{"code":"circle"}`, `{"type":"Circle","coordinates":[10,40]}`),
		// 9: a position of one number
		feature(`{"code":"short"}`, `{"type":"Polygon","coordinates":[[[10],[10.01,40],[10.01,40.01],[10],[10]]]}`),
		// 10: no geometry
		feature(`{"code":"null"}`, `null`),
		// 11: not a feature
		`{"type":"Polygon","coordinates":[]}`,
		// 12: 3 points
		feature(`{"code":"tri"}`, `{"type":"Polygon","coordinates":[[[10,40],[10.01,40],[10,40]]]}`),
		feature(`{"code":"ok2"}`, twoSquaresC), // 13
	))
	rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 13, 2, 11, 0)
	wantRowErrors(t, rep.Errors, []RowError{
		{Line: 2, Field: "code", Reason: "no id"},
		{Line: 3, Field: "code", Reason: "duplicate id"},
		{Line: 4, Field: "geometry", Reason: "crosses or touches itself"},
		{Line: 5, Field: "geometry", Reason: "not closed"},
		{Line: 6, Field: "geometry", Reason: "longitude 654000"},
		{Line: 7, Field: "geometry", Reason: "LineString cannot be a neighborhood"},
		{Line: 8, Field: "geometry", Reason: `unknown geometry type "Circle"`},
		{Line: 9, Field: "geometry", Reason: "ring 1: position 1"},
		{Line: 10, Field: "geometry", Reason: "no geometry"},
		{Line: 11, Field: "type", Reason: "not a Feature"},
		{Line: 12, Field: "geometry", Reason: "too few points"},
	})
	for i, e := range rep.Errors {
		if !strings.HasPrefix(e.Reason, fmt.Sprintf("feature %d: ", e.Line)) {
			t.Errorf("error %d: %+v, want a reason starting with its feature number", i, e)
		}
	}
	got := areas(t, s, "neighborhood", "bad")
	if len(got) != 2 || got["ok1"].geom.GeoJSONType() != "Polygon" {
		t.Errorf("stored: %v (the first ok1 must win over its duplicate)", got)
	}
}

// fatal checks that an import failed with an *InputError naming the file (and a line when line >
// 0), and left the store as it was.
func areaFatal(t *testing.T, s *Store, path string, opt AreaOptions, line int, in string) {
	t.Helper()
	before := areaState(t, s)
	_, err := s.ImportAreas(context.Background(), path, opt, nil)
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an *InputError", err)
	}
	if ie.File != filepath.Base(path) || !strings.Contains(err.Error(), filepath.Base(path)) {
		t.Errorf("error does not name the file: %v", err)
	}
	if line > 0 && ie.Line != line {
		t.Errorf("error on line %d, want %d: %v", ie.Line, line, err)
	}
	if !strings.Contains(err.Error(), in) {
		t.Errorf("error %q does not say %q", err, in)
	}
	if after := areaState(t, s); after != before {
		t.Errorf("store changed by a failed import:\nbefore %s\nafter %s", before, after)
	}
}

func TestImportAreasFatalErrorsLeaveStoreUnchanged(t *testing.T) {
	s := newStore(t)
	// An earlier import of the same layer, which a failed import must not touch.
	good := collection(feature(`{"code":"a"}`, squareA), feature(`{"code":"b"}`, squareWithHoleB))
	layer := AreaOptions{Level: "neighborhood", Layer: "quartiers"}
	if _, err := s.ImportAreas(context.Background(), tempFile(t, "q.geojson", good), layer, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, body string
		opt        AreaOptions
		line       int
		in         string
	}{
		// The last feature is cut: the first ones were read and stored before the error.
		{"truncated", good[:len(good)-20], layer, 4, "ends too early"},
		{"syntax error on line 3", "{\"type\":\"FeatureCollection\",\n\"features\":[\n" + feature(`{"code":"a"}`, squareA) + ",,\n]}", layer, 3, "invalid character"},
		{"not JSON", "id;name\n1;x\n", layer, 1, "not JSON"},
		{"wrong top-level type", `{"type":"Polygon","coordinates":[[[10,40],[10.01,40],[10.01,40.01],[10,40]]]}`, layer, 1, `top-level type is "Polygon"`},
		{"an array", `[1,2]`, layer, 1, "expected a JSON object"},
		{"empty", ``, layer, 0, "empty file"},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, layer, 1, "must be an array"},
		{"no type", `{"features":[]}`, layer, 0, `no top-level "type"`},
		{"garbage after", good + "x", layer, 6, "more data after"},
		{"projected crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[]}`, layer, 1, "EPSG::2154"},
		{"no features", collection(), layer, 0, "no features"},
		{"nothing importable", collection(feature(`{"nom":"x"}`, squareA)), AreaOptions{Level: "neighborhood", Layer: "quartiers", IDField: "code_x"}, 0, "none of its 1 features"},
		{"no id property to guess", collection(feature(`{"nom":"x","surface":3}`, squareA)), layer, 1, `"surface"`},
		{"bad level", good, AreaOptions{Level: "city"}, 0, `unknown level "city"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			areaFatal(t, s, tempFile(t, "broken.geojson", c.body), c.opt, c.line, c.in)
		})
	}
	if n := len(areas(t, s, "neighborhood", "quartiers")); n != 2 {
		t.Errorf("%d areas left in the earlier layer, want 2", n)
	}
}

func TestImportAreasTwiceChangesNothing(t *testing.T) {
	s := newStore(t)
	path := tempFile(t, "q.geojson", collection(feature(`{"code":"a"}`, squareA), feature(`{"code":"b"}`, squareWithHoleB),
		feature(`{"code":"c"}`, twoSquaresC)))
	opt := AreaOptions{Level: "neighborhood"}
	first, err := s.ImportAreas(context.Background(), path, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	state := areaState(t, s)
	second, err := s.ImportAreas(context.Background(), path, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, first, 3, 3, 0, 0)
	areaCounts(t, second, 3, 3, 0, 3)
	// Everything but the second audit entry is the same, area ids included.
	after := areaState(t, s)
	if i := strings.LastIndex(after, "--\n"); i < 0 || !strings.HasPrefix(after, state[:strings.LastIndex(state, "--\n")]) {
		t.Errorf("second import changed the store:\n%s\n%s", state, after)
	}
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Areas["neighborhood"] != 3 {
		t.Errorf("counts: %v", c.Areas)
	}
}

func TestImportAreasNewerVersionReplacesItsLayerOnly(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	opt := AreaOptions{Level: "neighborhood", Layer: "iris"}
	old := tempFile(t, "iris-2019.geojson", collection(feature(`{"CODE_IRIS":"1"}`, squareA), feature(`{"CODE_IRIS":"2"}`, squareWithHoleB)))
	other := tempFile(t, "quartiers.geojson", collection(feature(`{"c_qu":"1"}`, squareA)))
	if _, err := s.ImportAreas(ctx, old, opt, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportAreas(ctx, other, AreaOptions{Level: "neighborhood"}, nil); err != nil {
		t.Fatal(err)
	}
	kept := areas(t, s, "neighborhood", "iris")["2"].id
	// 1 is gone, 2 moves, 3 is new.
	newer := tempFile(t, "iris-2024.geojson", collection(feature(`{"CODE_IRIS":"2"}`, twoSquaresC), feature(`{"CODE_IRIS":"3"}`, squareA)))
	rep, err := s.ImportAreas(ctx, newer, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 2, 2, 0, 2)
	got := areas(t, s, "neighborhood", "iris")
	if len(got) != 2 || got["2"].id != kept || got["2"].geom.GeoJSONType() != "MultiPolygon" || got["3"].code != "3" {
		t.Errorf("iris after the newer import: %v", got)
	}
	if n := len(areas(t, s, "neighborhood", "quartiers")); n != 1 {
		t.Errorf("another layer was touched: %d areas left", n)
	}
	var indexed int
	if err := s.db.QueryRow("SELECT count(*) FROM areas_rtree").Scan(&indexed); err != nil || indexed != 3 {
		t.Errorf("%d index entries, want 3 (%v)", indexed, err)
	}
}

func TestImportAreasCancelledHalfWayLeavesStoreUnchanged(t *testing.T) {
	s := newStore(t)
	features := make([]string, 500)
	for i := range features {
		x := 10 + float64(i)*0.001
		features[i] = feature(fmt.Sprintf(`{"code":"%d"}`, i),
			fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,40],[%g,40],[%g,40.001],[%g,40]]]}`, x, x+0.001, x+0.001, x))
	}
	path := tempFile(t, "many.geojson", collection(features...))
	before := areaState(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.ImportAreas(ctx, path, AreaOptions{Level: "neighborhood"}, func(p Progress) {
		if p.Rows >= 200 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if after := areaState(t, s); after != before {
		t.Errorf("store changed by a cancelled import:\n%s", after)
	}
}

// gpkgGeom encodes a GeoPackageBinary blob: the header, an envelope of the given kind (0 or 1 here)
// and WKB, header fields in the byte order given.
func gpkgGeom(t testing.TB, g orb.Geometry, srs int32, order binary.ByteOrder, envelope bool) []byte {
	t.Helper()
	flags := byte(0)
	if order == binary.LittleEndian {
		flags |= 1
	}
	if envelope {
		flags |= 1 << 1
	}
	b := []byte{'G', 'P', 0, flags, 0, 0, 0, 0}
	order.PutUint32(b[4:], uint32(srs))
	if envelope {
		bd := g.Bound()
		for _, v := range []float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
			var x [8]byte
			order.PutUint64(x[:], math.Float64bits(v))
			b = append(b, x[:]...)
		}
	}
	w, err := wkb.Marshal(g, order)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, w...)
}

// writeGPKG builds a minimal GeoPackage: the three gpkg tables and one feature table per entry of
// tables, each row (code, name, geometry blob).
func writeGPKG(t testing.TB, path string, srs int, tables map[string][][3]any) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
			organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL),
			('RGF93 / Lambert-93', 2154, 'EPSG', 2154, 'PROJCS["RGF93 / Lambert-93"]', NULL),
			('WGS 84 again', 99, 'epsg', 4326, 'GEOGCS["WGS 84"]', NULL)`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
			description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
			srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for table, rows := range tables {
		for _, q := range []string{
			fmt.Sprintf(`CREATE TABLE %q (fid INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT, nom TEXT, geom BLOB)`, table),
			fmt.Sprintf(`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('%s', 'features', '%s', %d)`, table, table, srs),
			fmt.Sprintf(`INSERT INTO gpkg_geometry_columns VALUES ('%s', 'geom', 'GEOMETRY', %d, 0, 0)`, table, srs),
		} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range rows {
			if _, err := db.Exec(fmt.Sprintf(`INSERT INTO %q (code, nom, geom) VALUES (?, ?, ?)`, table), r[0], r[1], r[2]); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestImportAreasGeoPackage(t *testing.T) {
	s := newStore(t)
	a := orb.Polygon{{{10, 40}, {10.01, 40}, {10.01, 40.01}, {10, 40.01}, {10, 40}}}
	b := orb.MultiPolygon{a, {{{10.02, 40}, {10.03, 40}, {10.03, 40.01}, {10.02, 40}}}}
	// +   +
	// |\ /|   a bow tie
	// +   +
	bowTie := orb.Polygon{{{10, 40}, {10.02, 40.02}, {10.02, 40}, {10, 40.02}, {10, 40}}}
	path := filepath.Join(t.TempDir(), "secteurs.gpkg")
	writeGPKG(t, path, 4326, map[string][][3]any{"secteurs": {
		{"A", "Alpha", gpkgGeom(t, a, 4326, binary.LittleEndian, true)},
		{"B", "Beta", gpkgGeom(t, b, 4326, binary.BigEndian, false)},
		{nil, "No code", gpkgGeom(t, a, 4326, binary.LittleEndian, false)},
		{"D", "Bow tie", gpkgGeom(t, bowTie, 4326, binary.LittleEndian, true)},
		{"E", "Not GP", []byte("XX not a geometry")},
		{"F", "No geometry", nil},
	}})
	rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	areaCounts(t, rep, 6, 2, 4, 0)
	got := areas(t, s, "neighborhood", "secteurs")
	if !orb.Equal(got["A"].geom, a) || !orb.Equal(got["B"].geom, b) || got["A"].name != "Alpha" {
		t.Errorf("stored: %v", got)
	}
	wantLines := []int{3, 4, 5, 6}
	for i, e := range rep.Errors {
		if e.Line != wantLines[i] || !strings.HasPrefix(e.Reason, fmt.Sprintf("feature %d: ", wantLines[i])) {
			t.Errorf("error %d: %+v", i, e)
		}
	}
	if !strings.Contains(rep.Errors[2].Reason, `"GP" header`) || rep.Errors[2].Field != "geom" {
		t.Errorf("bad blob: %+v", rep.Errors[2])
	}
}

func TestImportAreasGeoPackageChecksItsCoordinateSystemAndTable(t *testing.T) {
	s := newStore(t)
	a := orb.Polygon{{{10, 40}, {10.01, 40}, {10.01, 40.01}, {10, 40.01}, {10, 40}}}
	dir := t.TempDir()

	lambert := filepath.Join(dir, "lambert.gpkg")
	writeGPKG(t, lambert, 2154, map[string][][3]any{"t": {{"A", "", gpkgGeom(t, a, 2154, binary.LittleEndian, false)}}})
	areaFatal(t, s, lambert, AreaOptions{Level: "neighborhood"}, 0, "srs_id 2154 (EPSG:2154); lon/lat WGS84 (EPSG:4326) expected")

	// srs_id 99 is declared as EPSG 4326: accepted.
	alias := filepath.Join(dir, "alias.gpkg")
	writeGPKG(t, alias, 99, map[string][][3]any{"t": {{"A", "", gpkgGeom(t, a, 99, binary.LittleEndian, false)}}})
	if rep, err := s.ImportAreas(context.Background(), alias, AreaOptions{Level: "neighborhood"}, nil); err != nil || rep.Imported != 1 {
		t.Errorf("srs_id 99 = EPSG:4326: %v %v", rep, err)
	}

	two := filepath.Join(dir, "two.gpkg")
	writeGPKG(t, two, 4326, map[string][][3]any{
		"iris":      {{"I1", "", gpkgGeom(t, a, 4326, binary.LittleEndian, false)}},
		"quartiers": {{"Q1", "", gpkgGeom(t, a, 4326, binary.LittleEndian, false)}, {"Q2", "", gpkgGeom(t, a, 4326, binary.LittleEndian, false)}},
	})
	areaFatal(t, s, two, AreaOptions{Level: "neighborhood"}, 0, `2 feature tables ("iris", "quartiers")`)
	rep, err := s.ImportAreas(context.Background(), two, AreaOptions{Level: "neighborhood", Layer: "quartiers"}, nil)
	if err != nil || rep.Imported != 2 {
		t.Errorf("choosing the table by layer name: %v %v", rep, err)
	}

	notGPKG := filepath.Join(dir, "plain.sqlite")
	writeGPKG(t, notGPKG, 4326, nil)
	if _, err := os.Stat(notGPKG); err != nil {
		t.Fatal(err)
	}
	areaFatal(t, s, notGPKG, AreaOptions{Level: "neighborhood"}, 0, "no feature table")
}

func TestImportAreasParis20e(t *testing.T) {
	cases := []struct {
		file, level string
		n           int
		id          string // the property the importer must guess
	}{
		{"bureaux-de-vote-2024-20e.geojson", "neighborhood", 76, "id_bv"},
		{"iris-20e.geojson", "neighborhood", 73, "CODE_IRIS"},
		{"quartiers-administratifs-20e.geojson", "neighborhood", 4, "c_qu"},
		{"circonscriptions-p20-75-06-08-15.geojson", "constituency", 3, "codeCirconscription"},
		{"circonscriptions-20e-depuis-bureaux.geojson", "constituency", 3, "codeCirconscription"},
		{"voies-20e.geojson", "street", 497, "N_SQ_VO"},
	}
	s := newStore(t)
	total := map[string]int{}
	for _, c := range cases {
		path := shared.Path(t, "data", "paris-20e", c.file)
		for round := range 2 {
			rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: c.level}, nil)
			if err != nil {
				t.Fatalf("%s: %v", c.file, err)
			}
			replaced := 0
			if round == 1 {
				replaced = c.n
			}
			areaCounts(t, rep, c.n, c.n, 0, replaced)
			if len(rep.Warnings) == 0 || !strings.Contains(rep.Warnings[0].Reason, fmt.Sprintf("%q", c.id)) {
				t.Errorf("%s: guessed %v, want id from %q", c.file, rep.Warnings, c.id)
			}
		}
		total[c.level] += c.n
	}
	counts, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for level, n := range total {
		if counts.Areas[level] != n {
			t.Errorf("%s: %d areas stored, want %d", level, counts.Areas[level], n)
		}
	}
	// The quartier codes join the polling stations' num_quartier.
	if got := areas(t, s, "neighborhood", "quartiers-administratifs-20e"); got["77"].name != "Belleville" {
		t.Errorf("quartier 77: %+v", got["77"])
	}
}

func BenchmarkImportAreasParisStreets(b *testing.B) {
	path := shared.Path(b, "data", "paris-20e", "voies-20e.geojson")
	s := newStore(b)
	for b.Loop() {
		if _, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "street"}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// writeGrid writes a FeatureCollection of n square areas of 40 vertices each, about 1.1 kB a
// feature, on one line per feature as exporters do.
func writeGrid(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "grid.geojson")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i := range n {
		x, y := 2+float64(i%1000)*0.0001, 48+float64(i/1000)*0.0001
		fmt.Fprintf(w, `{"type":"Feature","properties":{"code":"%d","nom":"Zone %d"},"geometry":{"type":"Polygon","coordinates":[[`, i, i)
		for k := range 40 { // 10 points a side, counter-clockwise
			var px, py float64
			switch s, t := k/10, float64(k%10)*0.00001; s {
			case 0:
				px, py = x+t, y
			case 1:
				px, py = x+0.0001, y+t
			case 2:
				px, py = x+0.0001-t, y+0.0001
			default:
				px, py = x, y+0.0001-t
			}
			fmt.Fprintf(w, "[%.7f,%.7f],", px, py)
		}
		fmt.Fprintf(w, "[%.7f,%.7f]]]}}", x, y)
		if i < n-1 {
			w.WriteString(",\n")
		}
	}
	w.WriteString("\n]}\n")
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportAreasGrid imports generated layers of two sizes and reports features/s and the
// peak Go heap sampled during the import: the heap must not grow with the file.
func BenchmarkImportAreasGrid(b *testing.B) {
	for _, n := range []int{10_000, 50_000} {
		b.Run(fmt.Sprintf("features=%d", n), func(b *testing.B) {
			path := writeGrid(b, n)
			s := newStore(b)
			var peak uint64
			var ms runtime.MemStats
			sample := func(p Progress) {
				if p.Rows%1024 == 0 {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
			}
			runtime.GC()
			b.ResetTimer()
			for b.Loop() {
				rep, err := s.ImportAreas(context.Background(), path, AreaOptions{Level: "neighborhood"}, sample)
				if err != nil || rep.Imported != n {
					b.Fatalf("%v %v", rep.Imported, err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "features/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
