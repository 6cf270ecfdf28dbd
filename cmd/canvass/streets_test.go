package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/demo"
)

// TestStreetsCommands imports the demo town's street lines as the network walks follow, then
// builds, shows and exports a plan that walks along them and says so.
func TestStreetsCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	dir, db := demoWithPlan(t)
	files, err := demo.Generate(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	code, out := canvassRun(t, "--db", db, "plan", "show", "Est")
	if code != 0 || !strings.Contains(out, "Metres: distances in straight lines") {
		t.Errorf("before streets: exit %d, want distances in straight lines\n%s", code, out)
	}
	code, out = canvassRun(t, "--db", db, "import", "streets", files.Streets)
	if code != 0 || !strings.Contains(out, "(streets):") || !strings.Contains(out, "network:") ||
		!strings.Contains(out, "addresses on a segment of their own street") {
		t.Fatalf("import streets: exit %d\n%s", code, out)
	}
	code, out = canvassRun(t, "--db", db, "plan", "--name", "Est", "--level", "neighborhood", "--layer", "quartiers",
		"--areas", "1", "--turf-doors", "100", "--json")
	if code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, out)
	}
	var plan struct {
		Distances string `json:"distances"`
		Turfs     []struct {
			Path  [][2]float64 `json:"path"`
			Stops []struct {
				Numbers []struct {
					Number string `json:"number"`
				} `json:"numbers"`
			} `json:"stops"`
		} `json:"turfs"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if plan.Distances != "network" || len(plan.Turfs) == 0 || len(plan.Turfs[0].Path) < 2 || plan.Turfs[0].Stops[0].Numbers[0].Number == "" {
		t.Errorf("plan --json: distances %q, %d turfs; want network and paths", plan.Distances, len(plan.Turfs))
	}
	code, out = canvassRun(t, "--db", db, "plan", "show", "Est")
	if code != 0 || !strings.Contains(out, "Metres: walks and distances along the streets") || !strings.Contains(out, ", from ") {
		t.Errorf("plan show: exit %d, want walks along the streets and stretches\n%s", code, out)
	}
	lists := filepath.Join(dir, "listes")
	if code, out = canvassRun(t, "--db", db, "export", "Est", "--format", "html,gpx", "--turfs", "1", "--out", lists); code != 0 {
		t.Fatalf("export: exit %d\n%s", code, out)
	}
	html, _ := os.ReadFile(filepath.Join(lists, "est-turf-01.html"))
	gpx, _ := os.ReadFile(filepath.Join(lists, "est-turf-01.gpx"))
	if !strings.Contains(string(html), "par les rues") || !strings.Contains(string(gpx), "<trkpt") {
		t.Error("the street list does not say it follows the streets, or the GPX has no track")
	}
}
