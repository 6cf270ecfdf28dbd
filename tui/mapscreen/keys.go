package mapscreen

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// keyMap holds the Map screen's own keys; the map's pan and zoom keys are mapview's.
type keyMap struct {
	Layer, Plan, NextTurf, PrevTurf key.Binding
	Pick, Start, Knock, Yes         key.Binding
	Indicator, No                   key.Binding
}

// defaultKeys are the screen's keys, their help in p's language. Yes takes y and o in both
// languages, as every question of the interface does.
func defaultKeys(p *i18n.Printer) keyMap {
	help := func(keys, id string) key.BindingOpt { return key.WithHelp(keys, p.T(id)) }
	return keyMap{
		Layer:     key.NewBinding(key.WithKeys("tab"), help("tab", "tui.map.key.layer")),
		Plan:      key.NewBinding(key.WithKeys("p"), help("p", "tui.map.key.plan")),
		NextTurf:  key.NewBinding(key.WithKeys("]"), help("[/]", "tui.map.key.turf")),
		PrevTurf:  key.NewBinding(key.WithKeys("[")),
		Pick:      key.NewBinding(key.WithKeys("x"), help("x", "tui.map.key.pick")),
		Indicator: key.NewBinding(key.WithKeys("v"), help("v", "tui.map.key.indicator")),
		Start:     key.NewBinding(key.WithKeys("s"), help("s", "tui.map.key.start")),
		Knock:     key.NewBinding(key.WithKeys("d"), help("d", "tui.map.key.knock")),
		Yes:       key.NewBinding(key.WithKeys("y", "o"), key.WithHelp(p.T("tui.map.key.yes"), p.T("tui.map.key.yes.help"))),
		No:        key.NewBinding(key.WithKeys("n"), key.WithHelp(p.T("tui.map.key.other"), p.T("tui.map.key.no"))),
	}
}

// ShortHelp lists the screen's keys, then the map's.
func (m *Model) ShortHelp() []key.Binding { return append(m.ownKeys(), m.view.ShortHelp()...) }

// FullHelp lists the screen's keys, then the map's in their columns.
func (m *Model) FullHelp() [][]key.Binding {
	return append([][]key.Binding{m.ownKeys()}, m.view.FullHelp()...)
}

// ownKeys are the screen's keys that do something now: p once there are plans, [ and ] while
// one is shown.
func (m *Model) ownKeys() []key.Binding {
	if m.pick.door != nil {
		return []key.Binding{m.keys.Yes, m.keys.No}
	}
	if m.pick.on {
		return []key.Binding{m.keys.Start, m.keys.Knock, m.keys.Pick}
	}
	ks := []key.Binding{m.keys.Layer, m.keys.Indicator, m.keys.Pick}
	if len(m.plans) > 0 {
		ks = append(ks, m.keys.Plan)
	}
	if len(m.turfs) > 0 {
		ks = append(ks, m.keys.NextTurf)
	}
	return ks
}
