package mapscreen

import "charm.land/bubbles/v2/key"

// keyMap holds the Map screen's own keys; the map's pan and zoom keys are mapview's.
type keyMap struct {
	Layer, Plan, NextTurf, PrevTurf key.Binding
	Pick, Start, Knock, Yes         key.Binding
	Indicator                       key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Layer:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next layer")),
		Plan:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plan")),
		NextTurf:  key.NewBinding(key.WithKeys("]"), key.WithHelp("[/]", "turf")),
		PrevTurf:  key.NewBinding(key.WithKeys("[")),
		Pick:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "pick a place")),
		Indicator: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "colour by indicator")),
		Start:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start walks here")),
		Knock:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "do not knock")),
		Yes:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
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
		return []key.Binding{m.keys.Yes, key.NewBinding(key.WithKeys("n"), key.WithHelp("other", "no"))}
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
