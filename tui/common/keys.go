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
