package exporter

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Export screen's keys.
type keyMap struct {
	common.ListKeys
	Left, Right, Choose                      key.Binding
	NextSection, PrevSection, Toggle, All    key.Binding
	Write, Notice, StopTyping, Again, Scroll key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		ListKeys:    common.DefaultListKeys(nil),
		Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "move")),
		Right:       key.NewBinding(key.WithKeys("right", "l")),
		Choose:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose plan")),
		NextSection: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		PrevSection: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous part")),
		Toggle:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pick")),
		All:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all/none")),
		Write:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")),
		Notice:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "leaflet")),
		StopTyping:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop typing")),
		Again:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back to options")),
		Scroll:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll")),
	}
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.step {
	case stepPlans:
		if len(m.plans) == 0 {
			return nil
		}
		return []key.Binding{k.Up, k.Choose}
	case stepOptions:
		switch m.focus {
		case secTurfs:
			return []key.Binding{k.Write, k.NextSection, k.Toggle, k.Notice}
		case secFormats:
			return []key.Binding{k.Write, k.NextSection, k.Toggle, k.Notice}
		}
		return []key.Binding{k.Write, k.NextSection, k.StopTyping}
	case stepDone:
		return []key.Binding{k.Again, k.Scroll, k.Notice}
	}
	return nil
}

// FullHelp lists the same keys in one column, with the previous part in the options.
func (m *Model) FullHelp() [][]key.Binding {
	ks := m.ShortHelp()
	if m.step == stepOptions {
		switch m.focus {
		case secTurfs:
			ks = append(ks, m.keys.Up, m.keys.All)
		case secFormats:
			ks = append(ks, m.keys.Left)
		}
		ks = append(ks, m.keys.PrevSection)
	}
	return [][]key.Binding{ks}
}
