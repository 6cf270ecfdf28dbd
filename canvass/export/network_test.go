package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/walk"
)

var networkNotice = export.Notice{Lang: "fr", Title: "Information", Parts: []export.NoticePart{{"Responsable", "Comité Essai"}}}

// networkTurf is a turf walked along the streets: down Rue des Pyrénées from Rue de Ménilmontant
// to Rue de l'Ermitage (odd side), then along Rue de l'Ermitage to a dead end.
//
//	Ménilmontant ──┬── Pyrénées 271, 273, 305 ──┬── Ermitage 2, 4 ──▷ (dead end)
func networkTurf() export.Turf {
	return export.Turf{Sheet: export.Sheet{Plan: "est", Generated: "2027-02-01", OnStreets: true}, Turf: walk.Turf{ID: 2,
		Doors: 5, Voters: 21, Metres: 310, Minutes: 14,
		Path: orb.LineString{{2.3900, 48.8700}, {2.3910, 48.8700}, {2.3920, 48.8702}, {2.3930, 48.8702}, {2.3930, 48.8712}},
		Stops: []walk.Stop{
			{Street: "Rue des Pyrénées", Side: "odd", From: "271", To: "305", Voters: 15, FromStreet: "Rue de Ménilmontant",
				ToStreet: "Rue de l'Ermitage", Numbers: []walk.Door{{Number: "271", Lon: 2.3901, Lat: 48.8701},
					{Number: "273", Lon: 2.3905, Lat: 48.8701}, {Number: "305", Lon: 2.3928, Lat: 48.8703, DoNotKnock: true}}},
			{Street: "Rue de l'Ermitage", Side: "both", From: "2", To: "4", Voters: 6, FromStreet: "Rue des Pyrénées",
				Numbers: []walk.Door{{Number: "2", Lon: 2.3931, Lat: 48.8705}, {Number: "4", Lon: 2.3929, Lat: 48.8710}}},
		}}}
}

// TestStreetListReadsStretches checks how a stop on a street network names where it runs, in the
// French of street lists, through the CSV's street cell.
func TestStreetListReadsStretches(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"Rue de Ménilmontant", "Rue de l'Ermitage", "Rue X, de la rue de Ménilmontant à la rue de l'Ermitage"},
		{"Boulevard de Belleville", "Avenue Gambetta", "Rue X, du boulevard de Belleville à l'avenue Gambetta"},
		{"Allée Marie Laurent", "Passage Dieu", "Rue X, de l'allée Marie Laurent au passage Dieu"},
		{"Villa Riberolle", "FV/20", "Rue X, de la villa Riberolle à FV/20"},
		{"Hameau du Danube", "", "Rue X, depuis le hameau du Danube"},
		{"", "Impasse Satan", "Rue X, jusqu'à l'impasse Satan"},
		{"Place Gambetta", "Place Gambetta", "Rue X, au carrefour de la place Gambetta"},
		{"", "", "Rue X"},
	} {
		tf := export.Turf{Sheet: export.Sheet{Plan: "p"}, Turf: walk.Turf{ID: 1, Stops: []walk.Stop{{Street: "Rue X", Side: "both",
			From: "1", To: "1", FromStreet: tc.from, ToStreet: tc.to, Numbers: []walk.Door{{Number: "1"}}}}}}
		var b bytes.Buffer
		if err := export.WriteCSV(&b, tf, networkNotice); err != nil {
			t.Fatal(err)
		}
		line := strings.Split(b.String(), "\r\n")[1]
		if cell := strings.Split(line, ";")[1]; strings.Trim(cell, `"`) != tc.want {
			t.Errorf("from %q to %q: %q, want %q", tc.from, tc.to, cell, tc.want)
		}
	}
}

// TestGoldenNetworkTurf writes a turf walked along the streets in every format: the maps, the
// GPX track and the GeoJSON route follow its path, not the doors; each says the distance is along
// the streets. testdata/TestGoldenNetworkTurf/ holds the files; -update rewrites them.
func TestGoldenNetworkTurf(t *testing.T) {
	tf := networkTurf()
	for _, format := range append(export.Formats, export.Field) {
		var b bytes.Buffer
		if err := export.Write(&b, format, tf, networkNotice); err != nil {
			t.Fatal(err)
		}
		got := b.Bytes()
		checkFollowsStreets(t, format, tf, got)
		checkGolden(t, filepath.Join("testdata", t.Name(), "turf."+format+".golden"), got)
	}
}

var polyline = regexp.MustCompile(`<polyline[^>]* points="([^"]*)"`)

// checkFollowsStreets checks that a file draws the turf's path and says distances follow streets.
func checkFollowsStreets(t *testing.T, format string, tf export.Turf, file []byte) {
	t.Helper()
	text := string(file)
	switch format {
	case "html", export.Field:
		m := polyline.FindStringSubmatch(text)
		if m == nil || len(strings.Fields(m[1])) != len(tf.Path) {
			t.Errorf("%s: the map's route is not the path of %d points: %v", format, len(tf.Path), m)
		}
		if !strings.Contains(text, "310 m par les rues") {
			t.Errorf("%s: does not say the 310 m are along the streets", format)
		}
		if !strings.Contains(text, "de la rue de Ménilmontant à la rue de l&#39;Ermitage") {
			t.Errorf("%s: the first stop does not say where it runs", format)
		}
	case "gpx":
		var doc struct {
			Trk struct {
				Points []struct {
					Lat float64 `xml:"lat,attr"`
					Lon float64 `xml:"lon,attr"`
				} `xml:"trkseg>trkpt"`
			} `xml:"trk"`
			Rte struct {
				Desc string `xml:"desc"`
			} `xml:"rte"`
		}
		if err := xml.Unmarshal(file, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Trk.Points) != len(tf.Path) || doc.Trk.Points[4].Lat != tf.Path[4][1] {
			t.Errorf("gpx: track of %d points, want the path's %d", len(doc.Trk.Points), len(tf.Path))
		}
		if doc.Rte.Desc != "Parcours de 310 m par les rues" {
			t.Errorf("gpx: route described %q", doc.Rte.Desc)
		}
	case "geojson":
		var fc struct {
			Features []struct {
				Geometry struct {
					Coordinates json.RawMessage `json:"coordinates"`
				} `json:"geometry"`
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(file, &fc); err != nil {
			t.Fatal(err)
		}
		for _, f := range fc.Features {
			switch f.Properties["kind"] {
			case "turf":
				if f.Properties["distances"] != "network" {
					t.Errorf("geojson: turf distances %v, want network", f.Properties["distances"])
				}
			case "route":
				var line [][2]float64
				json.Unmarshal(f.Geometry.Coordinates, &line)
				if len(line) != len(tf.Path) || line[2] != [2]float64(tf.Path[2]) {
					t.Errorf("geojson: route %v, want the path", line)
				}
			}
		}
	}
}
