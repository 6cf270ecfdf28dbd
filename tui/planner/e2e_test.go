package planner

import (
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestEndToEnd runs the real binary on the demo campaign in a 100×30 tmux terminal, as a new
// organizer would: from the dashboard to the Plan builder, a plan of the quartiers cut into turfs
// of 100 doors, a turf assigned; the CLI then reads the plan back from the campaign file.
func TestEndToEnd(t *testing.T) {
	d := tuitest.NewDemo(t)
	term := d.Start(100, 30)
	term.WaitFor(`canvass · Dashboard`)
	term.WaitFor(`p\s+Plan builder`)

	term.Keys("p")
	term.WaitFor(`Describe a plan`)
	term.WaitFor(`\[bureaux-de-vote\]\s+quartiers`)
	term.Type("est")
	term.Keys("Tab", "Tab", "Tab", "Right") // the quartiers layer
	term.WaitFor(`\[quartiers\]`)
	term.Keys("Tab", "Tab")
	term.Type("all")
	term.Keys("Tab", "C-u")
	term.Type("100")
	term.Keys("C-s")
	term.WaitFor(`Built and stored plan "est": 1\d turfs\.`)
	term.WaitFor(`Turf 1: streets in walking order`)
	term.WaitFor(`(?m)^▸\s+1 1 Centre-Bourg\s+\d+\s+\d+`)

	term.Keys("a")
	term.WaitFor(`Assign turf 1`)
	term.Type("Équipe Centre")
	term.Keys("Enter", "C-u")
	term.Type("2027-03-21")
	term.Keys("Enter")
	term.WaitFor(`Turf 1 assigned to Équipe Centre on 2027-03-21\.`)

	term.Keys("q")
	term.WaitExit()
	out, err := d.Command("plan", "show", "est").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Équipe Centre on 2027-03-21") {
		t.Errorf("plan show after the session: %v\n%s", err, out)
	}
}
