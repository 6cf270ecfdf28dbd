package mapview

import "charm.land/bubbles/v2/key"

// KeyMap holds the map's keys. Pan only labels the four directions for the help.
type KeyMap struct {
	Left, Right, Up, Down key.Binding
	Pan                   key.Binding
	ZoomIn, ZoomOut       key.Binding
	Reset                 key.Binding
	Colour                key.Binding // disabled, and so out of the help, when colour is off
	Labels                key.Binding
}

// DefaultKeyMap returns the map's keys: arrows or hjkl pan, +/- zoom, 0 fits the layers.
// None of them is a global key of the root (q, esc, ?, ctrl+c).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Left:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "pan left")),
		Right:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "pan right")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "pan up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "pan down")),
		Pan:     key.NewBinding(key.WithKeys("left", "right", "up", "down", "h", "j", "k", "l"), key.WithHelp("←↓↑→", "pan")),
		ZoomIn:  key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "zoom in")),
		ZoomOut: key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "zoom out")),
		Reset:   key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "fit")),
		Colour:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "colour by")),
		Labels:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "names")),
	}
}

// ShortHelp lists the map's keys in one line, for a screen to append to its own.
func (m Model) ShortHelp() []key.Binding {
	k := m.Keys
	return []key.Binding{k.Pan, k.ZoomIn, k.ZoomOut, k.Reset, k.Colour, k.Labels}
}

// FullHelp lists every key of the map: moves, then the view's settings.
func (m Model) FullHelp() [][]key.Binding {
	k := m.Keys
	return [][]key.Binding{{k.Left, k.Right, k.Up, k.Down}, {k.ZoomIn, k.ZoomOut, k.Reset, k.Colour, k.Labels}}
}
