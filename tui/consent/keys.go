package consent

import (
	"charm.land/bubbles/v2/key"

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

func defaultKeys() keyMap {
	return keyMap{
		FieldKeys:  common.DefaultFieldKeys(nil),
		Check:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check")),
		Record:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "record")),
		StopTyping: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop typing")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Consent:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "record consent")),
		Withdraw:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "withdrawal")),
		Oppose:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "objection")),
		Again:      key.NewBinding(key.WithKeys("enter", "n"), key.WithHelp("enter", "check again")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "record it, for good")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "do not record")),
		Knock:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "do not knock at an address")),
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
