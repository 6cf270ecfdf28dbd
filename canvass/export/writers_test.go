package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/campagne-fr/porteaporte/canvass/walk"
)

// hostile is a turf whose street names and numbers look like spreadsheet formulas.
func hostile() Turf {
	return Turf{Sheet: Sheet{Plan: "Été 2027 / test"}, Turf: walk.Turf{ID: 3, Doors: 5, Voters: 9, Metres: 420, Minutes: 17,
		Stops: []walk.Stop{
			{Street: `=HYPERLINK("http://example.org","clic")`, Side: "odd", From: "-1", To: "+33", Voters: 4,
				Numbers: []walk.Door{{Number: "-1", Lon: 2.40, Lat: 48.86}, {Number: "+33", Lon: 2.401, Lat: 48.8605, DoNotKnock: true}}},
			{Street: "@SUM(A1)", Side: "even", From: "2", To: "2", Voters: 3,
				Numbers: []walk.Door{{Number: "2", Lon: 2.402, Lat: 48.861}}},
			{Street: "\tRue du Tab", Side: "both", From: "4", To: "6", Voters: 2,
				Numbers: []walk.Door{{Number: "4", Lon: 2.4025, Lat: 48.8602}, {Number: "\r6", Lon: 2.4015, Lat: 48.8598}}},
		}}}
}

var testNotice = Notice{Lang: "fr", Title: "Information", Parts: []NoticePart{{"Responsable", "-Comité = test"}, {"Droits", "répondez STOP"}}}

// TestCSVFormulaCellsNeutralized opens the CSV as text and checks that no cell a spreadsheet reads
// starts with a formula character.
func TestCSVFormulaCellsNeutralized(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, hostile(), testNotice); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasPrefix(text, "\ufeffOrdre;Rue;Côté;") {
		t.Fatalf("CSV does not start with the BOM and the French header: %q", text[:min(40, len(text))])
	}
	if !strings.Contains(text, "\r\n") {
		t.Error("CSV lines do not end with CRLF")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	r.Comma, r.FieldsPerRecord = ';', -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d column %d: %q starts with a formula character", i+1, j+1, cell)
			}
			seen[cell] = true
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://example.org","clic")`, "'@SUM(A1)", "'\tRue du Tab", "'-1 à +33", "'-1, +33",
		"'+33", "Responsable : -Comité = test"} {
		if !seen[want] {
			t.Errorf("no cell %q in the CSV", want)
		}
	}
	if len(rows) != 1+3+1+3 { // header, stops, total, notice title and parts (the reader skips the blank row)
		t.Errorf("%d rows, want 8", len(rows))
	}
	if !strings.Contains(text, "\r\n\r\nInformation\r\n") {
		t.Error("the notice does not follow the stops after a blank row")
	}
}

func TestGPXStructure(t *testing.T) {
	var b bytes.Buffer
	turf := hostile()
	if err := WriteGPX(&b, turf, testNotice); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName  xml.Name
		Version  string `xml:"version,attr"`
		Metadata struct {
			Desc string `xml:"desc"`
		} `xml:"metadata"`
		Wpts []gpxPoint `xml:"wpt"`
		Rte  struct {
			Points []gpxPoint `xml:"rtept"`
		} `xml:"rte"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("GPX does not parse: %v", err)
	}
	if doc.XMLName.Space != GPXNamespace || doc.XMLName.Local != "gpx" || doc.Version != "1.1" {
		t.Errorf("root element %v version %q, want gpx in %s, 1.1", doc.XMLName, doc.Version, GPXNamespace)
	}
	if len(doc.Wpts) != len(turf.Stops) {
		t.Errorf("%d waypoints, want one per stop (%d)", len(doc.Wpts), len(turf.Stops))
	}
	var want []string
	for _, s := range turf.Stops {
		for _, d := range s.Numbers {
			want = append(want, d.Number+" "+s.Street)
		}
	}
	if len(doc.Rte.Points) != len(want) {
		t.Fatalf("%d route points, want %d", len(doc.Rte.Points), len(want))
	}
	for i, p := range doc.Rte.Points {
		if p.Name != want[i] {
			t.Errorf("route point %d is %q, want %q (walking order)", i, p.Name, want[i])
		}
	}
	if doc.Rte.Points[1].Desc != "NE PAS FRAPPER" {
		t.Errorf("the do-not-knock door is not marked: %+v", doc.Rte.Points[1])
	}
	if !strings.Contains(doc.Metadata.Desc, "répondez STOP") {
		t.Error("the notice is not in the GPX metadata")
	}
	// Elements must come in the schema's order: metadata, wpt, rte.
	text := b.String()
	if !(strings.Index(text, "<metadata>") < strings.Index(text, "<wpt") && strings.LastIndex(text, "<wpt") < strings.Index(text, "<rte>")) {
		t.Error("GPX elements are not in schema order (metadata, wpt, rte)")
	}
}

func TestGeoJSON(t *testing.T) {
	var b bytes.Buffer
	turf := hostile()
	if err := WriteGeoJSON(&b, turf, testNotice); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2+len(turf.Stops) {
		t.Fatalf("%s with %d features, want a FeatureCollection of outline, route and %d stops", fc.Type, len(fc.Features), len(turf.Stops))
	}
	var hull orb.Polygon
	if err := json.Unmarshal(fc.Features[0].Geometry.Coordinates, &hull); err != nil || fc.Features[0].Geometry.Type != "Polygon" {
		t.Fatalf("first feature is not the outline polygon: %v", err)
	}
	var route orb.LineString
	if err := json.Unmarshal(fc.Features[1].Geometry.Coordinates, &route); err != nil || fc.Features[1].Geometry.Type != "LineString" {
		t.Fatalf("second feature is not the route: %v", err)
	}
	if len(route) != turf.Doors {
		t.Errorf("route has %d points, want %d doors", len(route), turf.Doors)
	}
	ring := hull[0]
	if ring[0] != ring[len(ring)-1] || planar.Area(ring) <= 0 {
		t.Errorf("outline ring not closed and counter-clockwise: %v", ring)
	}
	for _, p := range route {
		if !planar.RingContains(ring, p) && !onRing(ring, p) {
			t.Errorf("door %v outside the outline", p)
		}
	}
	if n, _ := fc.Features[0].Properties["notice"].(string); !strings.Contains(n, "répondez STOP") {
		t.Error("the notice is not in the outline's properties")
	}
	if nk := fc.Features[2].Properties["do_not_knock"].([]any); len(nk) != 1 || nk[0] != "+33" {
		t.Errorf("stop 1 do_not_knock = %v, want [+33]", nk)
	}
}

func onRing(r orb.Ring, p orb.Point) bool {
	for _, q := range r {
		if q == p {
			return true
		}
	}
	return false
}

func TestConvexHullDegenerate(t *testing.T) {
	if h := convexHull([]orb.Point{{0, 0}, {1, 1}, {2, 2}}); h != nil {
		t.Errorf("collinear points have hull %v, want none", h)
	}
	one := hullPolygon([]orb.Point{{2.4, 48.8}})
	if len(one) != 1 || len(one[0]) != 5 || !planar.RingContains(one[0], orb.Point{2.4, 48.8}) {
		t.Errorf("one door gives outline %v, want a small square around it", one)
	}
	sq := convexHull([]orb.Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0.5, 0.5}, {0.5, 0}})
	if len(sq) != 4 {
		t.Errorf("hull of a square with inner and edge points: %v", sq)
	}
}

func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "fine"); return err }
	failing := func(w io.Writer) error { return errors.New("disk full") }
	if _, err := WriteFiles(dir, 0o600, []File{{"a.csv", ok}, {"b.csv", failing}}); err == nil {
		t.Fatal("a failing writer gave no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("after a failure the directory holds %v, want nothing", entries)
	}
	paths, err := WriteFiles(dir, 0o600, []File{{"a.csv", ok}, {"b.csv", ok}})
	if err != nil || len(paths) != 2 {
		t.Fatalf("%v, %v", paths, err)
	}
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v, want 0700", st.Mode().Perm())
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", p, st.Mode().Perm(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("directory holds %d entries, want the 2 files and no temporary file", len(entries))
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{"est": "est", "Démo Été/2": "demo-ete-2", "../../etc": "etc", "***": "plan",
		"Quartier  Saint-Blaise": "quartier-saint-blaise", "  ÉCOLE_Nº 2 ": "ecole-n-2",
		// A ligature is a letter of its own, not a-z: names of files already written stay as they were.
		"Cœur d'Alène": "c-ur-d-alene"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := FileName("Est", 3, "csv"); got != "est-turf-03.csv" {
		t.Errorf("FileName = %q", got)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, hostile(), testNotice); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, bad := range []string{"<script", "<link", "src=", "@import", "url("} {
		if strings.Contains(text, bad) {
			t.Errorf("HTML contains %q: it must not fetch anything", bad)
		}
	}
	for _, want := range []string{"@page { size: A4; margin: 12mm; }", "<svg", "<polyline", "Ne pas frapper à ces adresses",
		"=HYPERLINK(&#34;http://example.org&#34;,&#34;clic&#34;)", "répondez STOP", `<span class="box"></span>`} {
		if !strings.Contains(text, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestSpan(t *testing.T) {
	for _, c := range []struct {
		in     []string
		lo, hi string
	}{
		{[]string{"2", "3", "1", "28P", "30", "5"}, "1", "30"},
		{[]string{"12B", "12", "12A"}, "12", "12B"},
		{[]string{"s/n", "7"}, "7", "7"},
		{[]string{"s/n"}, "", ""},
	} {
		if lo, hi := Span(c.in); lo != c.lo || hi != c.hi {
			t.Errorf("Span(%q) = %q, %q; want %q, %q", c.in, lo, hi, c.lo, c.hi)
		}
	}
}
