package planner

import (
	"charm.land/bubbles/v2/key"

	"github.com/campagne-fr/porteaporte/internal/i18n"
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
	// The help of the questions' other answer, in the printer's language.
	BackToForm, No, Import key.Binding
}

// defaultKeys returns the keys with their help in p's language. Yes is y or o (oui) in both
// languages, so that a question is answered the same whichever the interface speaks.
func defaultKeys(p *i18n.Printer) keyMap {
	fields, list := common.DefaultFieldKeys(p), common.DefaultListKeys(p)
	fields.NextField.SetHelp(fields.NextField.Help().Key, p.T("tui.planner.key.next"))
	fields.PrevField.SetHelp(fields.PrevField.Help().Key, p.T("tui.planner.key.prev"))
	fields.Left.SetHelp(fields.Left.Help().Key, p.T("tui.planner.key.choose"))
	list.Up.SetHelp(list.Up.Help().Key, p.T("tui.planner.key.move"))
	return keyMap{
		FieldKeys: fields,
		Enter:     key.NewBinding(key.WithKeys("enter")),
		Build:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", p.T("tui.planner.key.build"))),
		Escape:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.planner.key.leave"))),
		Plans:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", p.T("tui.planner.key.plans"))),

		ListKeys:  list,
		Pane:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", p.T("tui.planner.key.pane"))),
		Assign:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", p.T("tui.planner.key.assign"))),
		Outcome:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", p.T("tui.planner.key.outcome"))),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", p.T("tui.planner.key.new"))),
		PlansList: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", p.T("tui.planner.key.plans"))),
		Results:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", p.T("tui.planner.key.results"))),

		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.T("tui.planner.key.open"))),
		Rerun:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", p.T("tui.planner.key.rerun"))),
		Delete: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", p.T("tui.planner.key.delete"))),
		Yes:    key.NewBinding(key.WithKeys("y", "o"), key.WithHelp(p.T("tui.planner.key.yes"), p.T("tui.planner.key.yes.help"))),

		Save:   key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", p.T("tui.planner.key.save"))),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.T("tui.planner.key.cancel"))),

		BackToForm: key.NewBinding(key.WithKeys("n"), key.WithHelp(p.T("tui.planner.key.other"), p.T("tui.planner.key.toform"))),
		No:         key.NewBinding(key.WithKeys("n"), key.WithHelp(p.T("tui.planner.key.other"), p.T("tui.planner.key.no"))),
		Import:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", p.T("tui.planner.key.import"))),
	}
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.step {
	case stepForm:
		if m.form.pending != nil {
			return []key.Binding{k.Yes, k.BackToForm}
		}
		if m.form.typing() {
			return []key.Binding{k.Build, k.NextField, k.Escape}
		}
		return []key.Binding{k.Build, k.Left, k.NextField, k.Plans}
	case stepResult:
		if m.results != nil {
			return []key.Binding{k.Import, k.Cancel}
		}
		if m.result.dialog != nil {
			return []key.Binding{k.Save, k.NextField, k.Cancel}
		}
		return []key.Binding{k.Up, k.Pane, k.Assign, k.Outcome, k.Results, k.New, k.PlansList}
	case stepPersonal:
		return []key.Binding{k.New}
	case stepPlans:
		if m.list.confirm != nil {
			return []key.Binding{k.Yes, k.No}
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
