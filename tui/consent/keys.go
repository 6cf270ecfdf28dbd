package consent

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Consent screen's keys.
type keyMap struct {
	common.FieldKeys
	Check, Record, StopTyping, Cancel key.Binding
	Consent, Withdraw, Oppose, Again  key.Binding
	Yes, No                           key.Binding
	Knock                             key.Binding
}

// defaultKeys returns the keys with their help in p's language. Yes is y or o (oui) in both
// languages.
func defaultKeys(p *i18n.Printer) keyMap {
	fields := common.DefaultFieldKeys(p)
	fields.NextField.SetHelp(fields.NextField.Help().Key, p.T("tui.consent.key.next"))
	fields.PrevField.SetHelp(fields.PrevField.Help().Key, p.T("tui.consent.key.prev"))
	fields.Left.SetHelp(fields.Left.Help().Key, p.T("tui.consent.key.choose"))
	return keyMap{
		FieldKeys:  fields,
		Check:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.consent.key.check"))),
		Record:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.consent.key.record"))),
		StopTyping: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.consent.key.stoptyping"))),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.consent.key.cancel"))),
		Consent:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", p.T("tui.consent.key.consent"))),
		Withdraw:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", p.T("tui.consent.key.withdraw"))),
		Oppose:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", p.T("tui.consent.key.oppose"))),
		Again:      key.NewBinding(key.WithKeys("enter", "n"), key.WithHelp("enter", p.T("tui.consent.key.again"))),
		Yes:        key.NewBinding(key.WithKeys("y", "o"), key.WithHelp(p.T("tui.consent.key.yes"), p.T("tui.consent.key.yes.help"))),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", p.T("tui.consent.key.no.help"))),
		Knock:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", p.T("tui.consent.key.knock"))),
	}
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.step {
	case stepVerdict:
		return []key.Binding{k.Consent, k.Withdraw, k.Oppose, k.Again}
	case stepConfirm:
		return []key.Binding{k.Yes, k.No}
	case stepIdentity:
		if m.identity.typing() {
			return []key.Binding{k.Check, k.NextField, k.Knock, k.StopTyping}
		}
		return []key.Binding{k.Check, k.NextField, k.Knock}
	}
	keys := []key.Binding{k.Record, k.NextField}
	if fl := m.active().focused(); fl != nil && fl.choices != nil {
		keys = append(keys, k.Left)
	}
	if m.active().typing() {
		keys = append(keys, k.Cancel) // in normal mode the root shows esc as back
	}
	return keys
}

// FullHelp lists the same keys in one column, with the previous field in the forms.
func (m *Model) FullHelp() [][]key.Binding {
	ks := m.ShortHelp()
	if m.step != stepVerdict && m.step != stepConfirm {
		ks = append(ks, m.keys.PrevField)
	}
	return [][]key.Binding{ks}
}
