package exporter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestEndToEnd runs the real binary on the demo campaign (a fictional town) with a plan built by
// the CLI, in a 100×30 tmux terminal: the Export screen writes every turf in every format into
// the default folder, the files are on disk, and the Compliance screen's audit trail, intact,
// shows the export.
func TestEndToEnd(t *testing.T) {
	d := tuitest.NewDemo(t)
	d.Run("plan", "--name", "est", "--level", "neighborhood", "--layer", "quartiers", "--rule", "all", "--turf-doors", "100")
	term := d.Start(100, 30)
	term.WaitFor(`canvass · Dashboard`)
	term.Keys("e")
	term.WaitFor(`Choose a plan to export`)
	term.WaitFor(`› est\s+neighborhood`)
	term.Keys("Enter")
	term.WaitFor(`▸ Turfs\s+16 of 16 chosen \(all\)`)
	term.WaitFor(`Folder\s+\./exports/est`)
	term.WaitFor(`information notice is included in every file`)
	term.Keys("Enter")
	out := filepath.Join(d.Dir, "exports", "est")
	term.WaitFor(`✓ Wrote 64 files into ` + out)
	term.WaitFor(`est-turf-01\.csv`)

	for turf := 1; turf <= 16; turf++ {
		for _, ext := range []string{"csv", "html", "gpx", "geojson"} {
			path := filepath.Join(out, "est-turf-"+pad(turf)+"."+ext)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatalf("the screen said it wrote %s: %v", path, err)
			}
			if st.Size() == 0 || st.Mode().Perm() != 0o600 {
				t.Errorf("%s: %d bytes, mode %v; want content, 0600", path, st.Size(), st.Mode().Perm())
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "est-turf-01.html"))
	if err != nil || !strings.Contains(string(html), "Information sur vos données personnelles") {
		t.Errorf("the street list lacks the information notice (%v)", err)
	}

	// Each esc on its own: escapes sent together read as alt+esc.
	term.Keys("Escape")
	term.WaitFor(`▸ Turfs`)
	term.Keys("Escape")
	term.WaitFor(`Choose a plan to export`)
	term.Keys("Escape")
	term.WaitFor(`canvass · Dashboard`)
	term.Keys("r")
	term.WaitFor(`REGISTRE DES ACTIVITÉS DE TRAITEMENT`)
	term.Keys("2")
	term.WaitFor(`✓ Chain intact: 11 entries`)
	term.WaitFor(`export\s+\{"files":64,"formats":\["csv","html","gpx","geojson"\]`)
	term.Keys("q")
	term.WaitExit()
}

// pad writes a turf number as the file names do.
func pad(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
