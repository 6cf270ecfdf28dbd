package exporter

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Export screen's keys.
type keyMap struct {
	common.ListKeys
	Left, Right, Choose                      key.Binding
	NextSection, PrevSection, Toggle, All    key.Binding
	Write, Notice, StopTyping, Again, Scroll key.Binding
}

// defaultKeys returns the keys with their help in p's language.
func defaultKeys(p *i18n.Printer) keyMap {
	return keyMap{
		ListKeys:    common.DefaultListKeys(p),
		Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", p.T("tui.exporter.key.move"))),
		Right:       key.NewBinding(key.WithKeys("right", "l")),
		Choose:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.exporter.key.choose"))),
		NextSection: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", p.T("tui.exporter.key.next"))),
		PrevSection: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", p.T("tui.exporter.key.previous"))),
		Toggle:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", p.T("tui.exporter.key.pick"))),
		All:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", p.T("tui.exporter.key.all"))),
		Write:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.exporter.key.write"))),
		Notice:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", p.T("tui.exporter.key.leaflet"))),
		StopTyping:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.exporter.key.stoptyping"))),
		Again:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.exporter.key.again"))),
		Scroll:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", p.T("tui.exporter.key.scroll"))),
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
