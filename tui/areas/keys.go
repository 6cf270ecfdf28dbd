package areas

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
)

// keyMap holds the Areas screen's keys. Move only labels the table's own keys for the help.
type keyMap struct {
	Move, Down, Up, NextLevel, PrevLevel key.Binding
	Sort, Reverse, Filter, Mark, Clear   key.Binding
	Map, Plan                            key.Binding
	Keep, Drop                           key.Binding // while typing the filter
}

func defaultKeys() keyMap {
	return keyMap{
		Move:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Down:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "inside")),
		Up:        key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "area above")),
		NextLevel: key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab", "level")),
		PrevLevel: key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("h", "previous level")),
		Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reverse:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Mark:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		Clear:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear marks")),
		Map:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "map")),
		Plan:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plan")),
		Keep:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Drop:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// tableKeys are the table's moves without space, which marks an area here.
func tableKeys() table.KeyMap {
	k := table.DefaultKeyMap()
	k.PageDown = key.NewBinding(key.WithKeys("f", "pgdown"), key.WithHelp("f/pgdn", "page down"))
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
