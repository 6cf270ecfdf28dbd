package common

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// KeyMap holds the keys the root handles on every screen. Screens keep their own bindings.
type KeyMap struct {
	Quit      key.Binding
	Interrupt key.Binding // ctrl+c alone: it quits even while typing, where q is text
	Back      key.Binding
	Help      key.Binding
}

// DefaultKeyMap returns the global keys, their help in p's language.
func DefaultKeyMap(p *i18n.Printer) *KeyMap {
	return &KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", p.T("tui.common.key.quit"))),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", p.T("tui.common.key.quit"))),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.common.key.back"))),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", p.T("tui.common.key.help"))),
	}
}

// FieldKeys move through a column of fields and through a field's choices: the same keys on
// every screen with a form, so that a user who learnt one form knows them all. A screen embeds
// them in its own key map.
type FieldKeys struct {
	NextField, PrevField key.Binding
	Left, Right          key.Binding // a choice's previous and next value; Left labels both
}

// DefaultFieldKeys returns the forms' keys, their help in p's language: tab or ↓ to the next
// field, ←/→ through choices.
func DefaultFieldKeys(p *i18n.Printer) FieldKeys {
	return FieldKeys{
		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("↓/tab", p.T("tui.common.key.next-field"))),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("↑", p.T("tui.common.key.previous-field"))),
		Left:      key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", p.T("tui.common.key.choose"))),
		Right:     key.NewBinding(key.WithKeys("right")),
	}
}

// ListKeys move the cursor through a list of items; Up labels both for the help. A screen
// embeds them in its own key map.
type ListKeys struct {
	Up, Down key.Binding
}

// DefaultListKeys returns the lists' keys, their help in p's language: arrows or k/j.
func DefaultListKeys(p *i18n.Printer) ListKeys {
	return ListKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", p.T("tui.common.key.move"))),
		Down: key.NewBinding(key.WithKeys("down", "j")),
	}
}
