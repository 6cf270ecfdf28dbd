package mapview

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// KeyMap holds the map's keys. Pan only labels the four directions for the help.
type KeyMap struct {
	Left, Right, Up, Down key.Binding
	Pan                   key.Binding
	ZoomIn, ZoomOut       key.Binding
	Reset                 key.Binding
	Colour                key.Binding // disabled, and so out of the help, when colour is off
	Labels                key.Binding
}

// DefaultKeyMap returns the map's keys, their help in p's language: arrows or hjkl pan, +/- zoom,
// 0 fits the layers. None of them is a global key of the root (q, esc, ?, ctrl+c).
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	help := func(keys, id string) key.BindingOpt { return key.WithHelp(keys, p.T(id)) }
	return KeyMap{
		Left:    key.NewBinding(key.WithKeys("left", "h"), help("←/h", "tui.map.view.key.left")),
		Right:   key.NewBinding(key.WithKeys("right", "l"), help("→/l", "tui.map.view.key.right")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), help("↑/k", "tui.map.view.key.up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), help("↓/j", "tui.map.view.key.down")),
		Pan:     key.NewBinding(key.WithKeys("left", "right", "up", "down", "h", "j", "k", "l"), help("←↓↑→", "tui.map.view.key.pan")),
		ZoomIn:  key.NewBinding(key.WithKeys("+", "="), help("+", "tui.map.view.key.zoom-in")),
		ZoomOut: key.NewBinding(key.WithKeys("-", "_"), help("-", "tui.map.view.key.zoom-out")),
		Reset:   key.NewBinding(key.WithKeys("0"), help("0", "tui.map.view.key.fit")),
		Colour:  key.NewBinding(key.WithKeys("c"), help("c", "tui.map.view.key.colour")),
		Labels:  key.NewBinding(key.WithKeys("n"), help("n", "tui.map.view.key.names")),
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
