package areas

import (
	"testing"

	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestEndToEnd runs the real binary on the demo campaign, with a plan built by the CLI, in a
// 100×30 tmux terminal: from the dashboard to the Areas screen, down into the constituency,
// sorted, two quartiers marked, their map with the plan's turfs, and back.
func TestEndToEnd(t *testing.T) {
	d := tuitest.NewDemo(t)
	d.Run("plan", "--name", "est", "--level", "neighborhood", "--layer", "quartiers", "--rule", "all", "--turf-doors", "100")
	term := d.Start(100, 30)
	term.WaitFor(`canvass · Dashboard`)
	term.WaitFor(`a\s+Areas`)

	term.Keys("a")
	term.WaitFor(`canvass · Areas`)
	term.WaitFor(`(?m)^▸\s+9901\s+9901\s+37\d\d\s+1632\s+7\s+\d+\.\d%`)
	term.Keys("Enter")
	term.WaitFor(`10 neighborhoods in circonscriptions 9901`)
	term.Keys("/")
	term.Type("tilleuls")
	term.WaitFor(`(?m)^/ tilleuls`)
	term.Keys("Enter")
	term.WaitFor(`2 neighborhoods in circonscriptions 9901 · filter: tilleuls`)
	term.Keys("/", "Escape")
	term.WaitFor(`10 neighborhoods in circonscriptions 9901\s`)
	term.Keys("s", "s", "s", "s") // id, name, layer, voters: largest first
	term.WaitFor(`sorted by voters, descending`)
	term.WaitFor(`(?m)^▸\s+3\s+Les Tilleuls\s+quartiers\s+16\d\d`)
	term.Keys("Space", "Space") // the two largest: Les Tilleuls and Centre-Bourg
	term.WaitFor(`2 areas of quartiers marked for a plan`)

	term.Keys("m")
	term.WaitFor(`canvass · Map`)
	term.WaitFor(`neighborhood · quartiers · 3 areas · 1632 addresses · 2 marked`)
	term.WaitFor(`[⠁-⣿]{10}`) // the map is drawn
	term.WaitFor(`No plan shown: p shows the stored plan\.`)
	term.Keys("p")
	term.WaitFor(`Plan est · turf 1 of 1\d: \d+ doors`)
	term.Keys("]")
	term.WaitFor(`Plan est · turf 2 of 1\d`)
	term.Keys("+")
	term.WaitFor(`zoom ×1\.41`)

	term.Keys("Escape")
	term.WaitFor(`canvass · Areas`)
	term.WaitFor(`2 areas of quartiers marked for a plan`)
	term.Keys("Escape") // up to the constituencies
	term.WaitFor(`(?m)^▸\s+9901`)
	term.Keys("Escape")
	term.WaitFor(`canvass · Dashboard`)
	term.Keys("q")
	term.WaitExit()
}
