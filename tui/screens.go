package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/compliance"
	"github.com/campagne-fr/porteaporte/tui/consent"
	"github.com/campagne-fr/porteaporte/tui/dashboard"
	"github.com/campagne-fr/porteaporte/tui/exporter"
	"github.com/campagne-fr/porteaporte/tui/importer"
	"github.com/campagne-fr/porteaporte/tui/mapscreen"
	"github.com/campagne-fr/porteaporte/tui/planner"
)

// entry is a screen the dashboard leads to, and how to build it.
type entry struct {
	dashboard.MenuItem
	build func(common.Common, deps) common.Screen
	needs policy.Action // offered only to a member whose role allows it (the screen's operations check again)
}

// entries lists the screens reachable from the dashboard, in menu order, each with its own key.
//
// Adding a screen is adding its package and one line here. The package (tui/<name>) exports an
// ID and a constructor taking a common.Common; its model implements common.Screen with pointer
// receivers, tags the messages of its background work with common.Tagged, reports
// common.ModeTyping while a text field has focus and common.ModeBusy while work must not be
// interrupted by quitting. What the constructor needs from the campaign goes through deps (add a
// field there, filled in New), so that tests can replace it.
func entries() []entry {
	return []entry{
		{item(importer.ID, "i", "import", "Import a file", "list, addresses, areas, results, consents, objections"),
			func(c common.Common, d deps) common.Screen { return importer.New(c, d.importer, d.dir) }, policy.ImportPublic},
		{item(consent.ID, "c", "consent", "Check or record a consent", "one person: may they be visited by name?"),
			func(c common.Common, d deps) common.Screen { return consent.New(c, d.consent) }, policy.Consents},
		{item(areas.ID, "a", "areas", "Areas", "voters, doors, abstention by area; mark some for a plan"),
			func(c common.Common, d deps) common.Screen { return areas.New(c, d.areas, mapscreen.ID, planner.ID) }, policy.ReadAreas},
		{item(mapscreen.ID, "m", "map", "Map", "areas, addresses and a plan's turfs and routes"),
			func(c common.Common, d deps) common.Screen { return mapscreen.New(c, d.maps, d.picker) }, policy.ReadMap},
		{item(planner.ID, "p", "plan", "Plan builder", "areas cut into turfs, walks, volunteers, outcomes"),
			func(c common.Common, d deps) common.Screen {
				if !d.may(policy.BuildPlan) {
					return planner.New(c, d.planner, d.dir).PlansOnly()
				}
				return planner.New(c, d.planner, d.dir)
			}, policy.ReadPlan},
		{item(exporter.ID, "e", "export", "Export", "a plan's street lists (CSV, HTML, GPX, GeoJSON), with the notice"),
			func(c common.Common, d deps) common.Screen { return exporter.New(c, d.exporter) }, policy.ExportStreets},
		{item(compliance.ID, "r", "compliance", "Compliance", "register of processing, audit trail, retention and purge"),
			func(c common.Common, d deps) common.Screen { return compliance.New(c, d.compliance, d.dir) }, policy.ReadRegister},
	}
}

// item builds a menu line: the key k opens screen id; short names it in the key help.
func item(id common.ScreenID, k, short, title, about string) dashboard.MenuItem {
	return dashboard.MenuItem{To: id, Key: key.NewBinding(key.WithKeys(k), key.WithHelp(k, short)), Title: title, About: about}
}
