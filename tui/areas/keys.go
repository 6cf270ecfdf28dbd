package areas

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Areas screen's keys. Move only labels the table's own keys for the help.
type keyMap struct {
	Move, Down, Up, NextLevel, PrevLevel key.Binding
	Sort, Reverse, Filter, Mark, Clear   key.Binding
	Map, Plan                            key.Binding
	Keep, Drop                           key.Binding // while typing the filter
}

func defaultKeys(p *i18n.Printer) keyMap {
	help := func(keys, id string) key.BindingOpt { return key.WithHelp(keys, p.T(id)) }
	return keyMap{
		Move:      common.DefaultListKeys(p).Up,
		Down:      key.NewBinding(key.WithKeys("enter"), help("enter", "tui.areas.key.inside")),
		Up:        key.NewBinding(key.WithKeys("backspace"), help("⌫", "tui.areas.key.above")),
		NextLevel: key.NewBinding(key.WithKeys("tab", "l", "right"), help("tab", "tui.areas.key.level")),
		PrevLevel: key.NewBinding(key.WithKeys("shift+tab", "h", "left"), help("h", "tui.areas.key.previous-level")),
		Sort:      key.NewBinding(key.WithKeys("s"), help("s", "tui.areas.key.sort")),
		Reverse:   key.NewBinding(key.WithKeys("S"), help("S", "tui.areas.key.reverse")),
		Filter:    key.NewBinding(key.WithKeys("/"), help("/", "tui.areas.key.filter")),
		Mark:      key.NewBinding(key.WithKeys("space"), key.WithHelp(p.T("tui.areas.key.space"), p.T("tui.areas.key.mark"))),
		Clear:     key.NewBinding(key.WithKeys("x"), help("x", "tui.areas.key.clear")),
		Map:       key.NewBinding(key.WithKeys("m"), help("m", "tui.areas.key.map")),
		Plan:      key.NewBinding(key.WithKeys("p"), help("p", "tui.areas.key.plan")),
		Keep:      key.NewBinding(key.WithKeys("enter"), help("enter", "tui.areas.key.keep")),
		Drop:      key.NewBinding(key.WithKeys("esc"), help("esc", "tui.areas.key.drop")),
	}
}

// tableKeys are the table's moves without space, which marks an area here, their help in p's
// language.
func tableKeys(p *i18n.Printer) table.KeyMap {
	k := table.DefaultKeyMap()
	k.PageDown = key.NewBinding(key.WithKeys("f", "pgdown"), key.WithHelp("f/pgdn", p.T("tui.areas.key.page-down")))
	k.PageUp.SetHelp("b/pgup", p.T("tui.areas.key.page-up"))
	k.GotoTop.SetHelp("g/home", p.T("tui.areas.key.top"))
	k.GotoBottom.SetHelp("G/end", p.T("tui.areas.key.bottom"))
	return k
}

// ShortHelp lists the keys that matter most, or the filter's while typing it.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.typing {
		return []key.Binding{k.Keep, k.Drop}
	}
	return []key.Binding{k.Down, k.NextLevel, k.Sort, k.Filter, k.Mark, k.Map, k.Plan}
}

// FullHelp lists every key: moving through levels, arranging the table, marking.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.typing {
		return [][]key.Binding{m.ShortHelp()}
	}
	t := m.table.KeyMap
	return [][]key.Binding{
		{k.Move, t.PageDown, t.PageUp, t.GotoTop, t.GotoBottom},
		{k.Down, k.Up, k.NextLevel, k.PrevLevel},
		{k.Sort, k.Reverse, k.Filter},
		{k.Mark, k.Clear, k.Map, k.Plan},
	}
}
