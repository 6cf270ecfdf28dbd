package compliance

import "charm.land/bubbles/v2/key"

// keyMap holds the Compliance screen's keys.
type keyMap struct {
	NextTab, PrevTab, Tab1, Tab2, Tab3 key.Binding
	Scroll, Sideways                   key.Binding
	Markdown, HTML                     key.Binding
	Purge, Force, Confirm, Cancel      key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		NextTab:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/1-3", "next tab")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Tab1:     key.NewBinding(key.WithKeys("1")),
		Tab2:     key.NewBinding(key.WithKeys("2")),
		Tab3:     key.NewBinding(key.WithKeys("3")),
		Scroll:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll")),
		Sideways: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "scroll sideways")),
		Markdown: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "save .md")),
		HTML:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save .html")),
		Purge:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "purge")),
		Force:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "purge anyway (early)")),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "purge for good")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp lists the keys of the current tab and step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.tab {
	case tabRegister:
		return []key.Binding{k.NextTab, k.Scroll, k.Markdown, k.HTML}
	case tabAudit:
		return []key.Binding{k.NextTab, k.Scroll, k.Sideways}
	}
	switch m.purge {
	case purgeIdle, purgeDone:
		return []key.Binding{k.NextTab, k.Purge}
	case purgeRefused:
		return []key.Binding{k.NextTab, k.Force}
	case purgeConfirm:
		return []key.Binding{k.Confirm, k.Cancel}
	}
	return nil
}

// FullHelp lists the same keys in one column, with the previous tab where tabs change.
func (m *Model) FullHelp() [][]key.Binding {
	ks := m.ShortHelp()
	if !m.busy() && m.purge != purgeConfirm {
		ks = append(ks, m.keys.PrevTab)
	}
	return [][]key.Binding{ks}
}
