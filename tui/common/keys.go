package common

import "charm.land/bubbles/v2/key"

// KeyMap holds the keys the root handles on every screen. Screens keep their own bindings.
type KeyMap struct {
	Quit      key.Binding
	Interrupt key.Binding // ctrl+c alone: it quits even while typing, where q is text
	Back      key.Binding
	Help      key.Binding
}

// DefaultKeyMap returns the global keys.
func DefaultKeyMap() *KeyMap {
	return &KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
	}
}

// FieldKeys move through a column of fields and through a field's choices: the same keys on
// every screen with a form, so that a user who learnt one form knows them all. A screen embeds
// them in its own key map.
type FieldKeys struct {
	NextField, PrevField key.Binding
	Left, Right          key.Binding // a choice's previous and next value; Left labels both
}

// DefaultFieldKeys returns the forms' keys: tab or ↓ to the next field, ←/→ through choices.
func DefaultFieldKeys() FieldKeys {
	return FieldKeys{
		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("↓/tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("↑", "previous field")),
		Left:      key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "choose")),
		Right:     key.NewBinding(key.WithKeys("right")),
	}
}

// ListKeys move the cursor through a list of items; Up labels both for the help. A screen
// embeds them in its own key map.
type ListKeys struct {
	Up, Down key.Binding
}

// DefaultListKeys returns the lists' keys: arrows or k/j.
func DefaultListKeys() ListKeys {
	return ListKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		Down: key.NewBinding(key.WithKeys("down", "j")),
	}
}
