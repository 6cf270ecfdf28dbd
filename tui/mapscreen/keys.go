package mapscreen

import "charm.land/bubbles/v2/key"

// keyMap holds the Map screen's own keys; the map's pan and zoom keys are mapview's.
type keyMap struct {
	Layer, Plan, NextTurf, PrevTurf key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Layer:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next layer")),
		Plan:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plan")),
		NextTurf: key.NewBinding(key.WithKeys("]"), key.WithHelp("[/]", "turf")),
		PrevTurf: key.NewBinding(key.WithKeys("[")),
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
	ks := []key.Binding{m.keys.Layer}
	if len(m.plans) > 0 {
		ks = append(ks, m.keys.Plan)
	}
	if len(m.turfs) > 0 {
		ks = append(ks, m.keys.NextTurf)
	}
	return ks
}
