package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
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

// entries lists the screens reachable from the dashboard, in menu order, each with its own key,
// their names in p's language.
//
// Adding a screen is adding its package and one line here. The package (tui/<name>) exports an
// ID and a constructor taking a common.Common; its model implements common.Screen with pointer
// receivers, tags the messages of its background work with common.Tagged, reports
// common.ModeTyping while a text field has focus and common.ModeBusy while work must not be
// interrupted by quitting. What the constructor needs from the campaign goes through deps (add a
// field there, filled in New), so that tests can replace it.
func entries(p *i18n.Printer) []entry {
	item := func(id common.ScreenID, k, name string) dashboard.MenuItem {
		pre := "tui.root.menu." + name
		return dashboard.MenuItem{To: id, Key: key.NewBinding(key.WithKeys(k), key.WithHelp(k, p.T(pre+".key"))),
			Title: p.T(pre + ".title"), About: p.T(pre + ".about")}
	}
	return []entry{
		{item(importer.ID, "i", "import"),
			func(c common.Common, d deps) common.Screen { return importer.New(c, d.importer, d.dir) }, policy.ImportPublic},
		{item(consent.ID, "c", "consent"),
			func(c common.Common, d deps) common.Screen { return consent.New(c, d.consent) }, policy.Consents},
		{item(areas.ID, "a", "areas"),
			func(c common.Common, d deps) common.Screen { return areas.New(c, d.areas, mapscreen.ID, planner.ID) }, policy.ReadAreas},
		{item(mapscreen.ID, "m", "map"),
			func(c common.Common, d deps) common.Screen { return mapscreen.New(c, d.maps, d.picker) }, policy.ReadMap},
		{item(planner.ID, "p", "plan"),
			func(c common.Common, d deps) common.Screen {
				if !d.may(policy.BuildPlan) {
					return planner.New(c, d.planner, d.dir).PlansOnly()
				}
				return planner.New(c, d.planner, d.dir)
			}, policy.ReadPlan},
		{item(exporter.ID, "e", "export"),
			func(c common.Common, d deps) common.Screen { return exporter.New(c, d.exporter) }, policy.ExportStreets},
		{item(compliance.ID, "r", "compliance"),
			func(c common.Common, d deps) common.Screen { return compliance.New(c, d.compliance, d.dir) }, policy.ReadRegister},
	}
}

// menuIDs are the catalog's messages of the menu, built above from a screen's name:
// "tui.root.menu.import.key", "tui.root.menu.import.title", "tui.root.menu.import.about",
// "tui.root.menu.consent.key", "tui.root.menu.consent.title", "tui.root.menu.consent.about",
// "tui.root.menu.areas.key", "tui.root.menu.areas.title", "tui.root.menu.areas.about",
// "tui.root.menu.map.key", "tui.root.menu.map.title", "tui.root.menu.map.about",
// "tui.root.menu.plan.key", "tui.root.menu.plan.title", "tui.root.menu.plan.about",
// "tui.root.menu.export.key", "tui.root.menu.export.title", "tui.root.menu.export.about",
// "tui.root.menu.compliance.key", "tui.root.menu.compliance.title", "tui.root.menu.compliance.about".
