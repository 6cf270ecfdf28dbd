package planner

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/tui/common"
)

// keyMap holds the Plan builder's keys. Enter means the next field in the form, except on the
// Build button.
type keyMap struct {
	common.FieldKeys
	common.ListKeys
	Enter, Build, Escape, Plans           key.Binding
	Pane, Assign, Outcome, New, PlansList key.Binding
	Results                               key.Binding
	Open, Rerun, Delete, Yes              key.Binding
	Save, Cancel                          key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		FieldKeys: common.DefaultFieldKeys(nil),
		Enter:     key.NewBinding(key.WithKeys("enter")),
		Build:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "build")),
		Escape:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave field")),
		Plans:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "stored plans")),

		ListKeys:  common.DefaultListKeys(nil),
		Pane:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "turfs/streets")),
		Assign:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "assign turf")),
		Outcome:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "record outcome")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new plan")),
		PlansList: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "stored plans")),
		Results:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import results")),

		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Rerun:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rerun")),
		Delete: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Yes:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),

		Save:   key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.step {
	case stepForm:
		if m.form.pending != nil {
			return []key.Binding{k.Yes, key.NewBinding(key.WithKeys("n"), key.WithHelp("other", "back to the form"))}
		}
		if m.form.typing() {
			return []key.Binding{k.Build, k.NextField, k.Escape}
		}
		return []key.Binding{k.Build, k.Left, k.NextField, k.Plans}
	case stepResult:
		if m.results != nil {
			return []key.Binding{key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "import")), k.Cancel}
		}
		if m.result.dialog != nil {
			return []key.Binding{k.Save, k.NextField, k.Cancel}
		}
		return []key.Binding{k.Up, k.Pane, k.Assign, k.Outcome, k.Results, k.New, k.PlansList}
	case stepPersonal:
		return []key.Binding{k.New}
	case stepPlans:
		if m.list.confirm != nil {
			return []key.Binding{k.Yes, key.NewBinding(key.WithKeys("n"), key.WithHelp("other", "no"))}
		}
		return []key.Binding{k.Up, k.Open, k.Rerun, k.Delete, k.New}
	}
	return nil // working: only ctrl+c, which the root does not list in this mode
}

// FullHelp lists the same keys in one column, with the form's plans list.
func (m *Model) FullHelp() [][]key.Binding {
	ks := m.ShortHelp()
	if m.step == stepForm && m.form.pending == nil {
		ks = append(ks, m.keys.PrevField)
		if m.form.typing() {
			ks = append(ks, m.keys.Plans)
		}
	}
	return [][]key.Binding{ks}
}
