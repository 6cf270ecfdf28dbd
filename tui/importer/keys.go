package importer

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Import screen's keys. Some only label what a widget does, for the help.
type keyMap struct {
	common.FieldKeys
	Move, Open, Parent key.Binding // the picker's, for the help
	Start, Escape      key.Binding
	Cancel             key.Binding
	Scroll, Again      key.Binding
	Replace            key.Binding
}

// defaultKeys returns the Import screen's keys, their help in p's language.
func defaultKeys(p *i18n.Printer) keyMap {
	return keyMap{
		FieldKeys: common.DefaultFieldKeys(p),
		Move:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", p.T("tui.common.key.move"))),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.common.key.choose"))),
		Parent:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", p.T("tui.importer.key.parent"))),
		Start:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.importer.key.start"))),
		Escape:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.importer.key.other"))),
		Cancel:    key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", p.T("tui.importer.key.cancel"))),
		Scroll:    key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", p.T("tui.importer.key.scroll"))),
		Again:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.importer.key.again"))),
		Replace:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", p.T("tui.importer.key.replace"))),
	}
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.step {
	case stepConfirm:
		if m.typing() {
			return []key.Binding{k.Start, k.NextField, k.Escape}
		}
		return []key.Binding{k.Start, k.Left, k.NextField}
	case stepRunning:
		return []key.Binding{k.Cancel}
	case stepDone:
		if m.replaceRefused() {
			return []key.Binding{k.Replace, k.Again, k.Scroll}
		}
		return []key.Binding{k.Again, k.Scroll}
	}
	return []key.Binding{k.Move, k.Open, k.Parent}
}

// FullHelp lists the same keys in one column.
func (m *Model) FullHelp() [][]key.Binding {
	ks := m.ShortHelp()
	if m.step == stepConfirm {
		ks = append(ks, m.keys.PrevField)
	}
	return [][]key.Binding{ks}
}
