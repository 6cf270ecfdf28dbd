package compliance

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// keyMap holds the Compliance screen's keys.
type keyMap struct {
	NextTab, PrevTab, Tab1, Tab2, Tab3 key.Binding
	Scroll, Sideways                   key.Binding
	Markdown, HTML                     key.Binding
	Purge, Force, Confirm, Cancel      key.Binding
}

// defaultKeys returns the keys with their help in p's language.
func defaultKeys(p *i18n.Printer) keyMap {
	return keyMap{
		NextTab:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/1-3", p.T("tui.compliance.key.nexttab"))),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", p.T("tui.compliance.key.prevtab"))),
		Tab1:     key.NewBinding(key.WithKeys("1")),
		Tab2:     key.NewBinding(key.WithKeys("2")),
		Tab3:     key.NewBinding(key.WithKeys("3")),
		Scroll:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", p.T("tui.compliance.key.scroll"))),
		Sideways: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", p.T("tui.compliance.key.sideways"))),
		Markdown: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", p.T("tui.compliance.key.markdown"))),
		HTML:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", p.T("tui.compliance.key.html"))),
		Purge:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", p.T("tui.compliance.key.purge"))),
		Force:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", p.T("tui.compliance.key.force"))),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.compliance.key.confirm"))),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.compliance.key.cancel"))),
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
