package planner

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
)

// plans is the list of stored plans, and the rerun or deletion waiting for its confirmation.
type plans struct {
	plans   []canvass.PlanSummary
	read    bool // false until the list was read
	cursor  int
	top     int
	confirm *confirm
}

// confirm is an action on a stored plan that asks first: both replace or lose what it holds.
type confirm struct {
	rerun bool // otherwise delete
	name  string
}

func (l *plans) set(msg plansMsg) {
	l.plans, l.read = msg.plans, msg.err == nil
	l.cursor = min(l.cursor, max(0, len(l.plans)-1))
}

// has reports whether a plan of that name is stored, as last read.
func (l *plans) has(name string) bool {
	for _, p := range l.plans {
		if p.Name == name {
			return true
		}
	}
	return false
}

// selected is the plan under the cursor, or nil when there is none.
func (l *plans) selected() *canvass.PlanSummary {
	if l.cursor >= len(l.plans) {
		return nil
	}
	return &l.plans[l.cursor]
}

// toPlans shows the stored plans, read again.
func (m *Model) toPlans() tea.Cmd {
	m.form.blur()
	m.step, m.notice, m.err = stepPlans, "", nil
	m.list.confirm = nil
	return m.loadPlans()
}

func (m *Model) updatePlans(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	l, keys := &m.list, m.keys
	if c := l.confirm; c != nil {
		l.confirm = nil
		if !key.Matches(k, keys.Yes) {
			m.notice = m.common.P.T("tui.planner.plans.unchanged")
			return nil
		}
		if c.rerun {
			return m.work(m.common.P.T("tui.planner.rebuilding", "Name", c.name), m.rerunCmd(c.name))
		}
		return m.deleteCmd(c.name)
	}
	m.notice = ""
	p := l.selected()
	switch {
	case key.Matches(k, keys.Up):
		l.cursor = max(0, l.cursor-1)
	case key.Matches(k, keys.Down):
		l.cursor = min(max(0, len(l.plans)-1), l.cursor+1)
	case key.Matches(k, keys.New):
		return m.toForm()
	case p == nil:
	case key.Matches(k, keys.Open):
		return m.work(m.common.P.T("tui.planner.reading", "Name", p.Name), m.openCmd(p.Name))
	case key.Matches(k, keys.Rerun):
		l.confirm = &confirm{rerun: true, name: p.Name}
	case key.Matches(k, keys.Delete):
		l.confirm = &confirm{name: p.Name}
	}
	return nil
}

// deleted reads the list again once a plan is gone.
func (m *Model) deleted(msg deletedMsg) tea.Cmd {
	if msg.err != nil {
		m.err = msg.err
		return nil
	}
	m.notice = m.common.P.T("tui.planner.plans.deleted", "Name", msg.name)
	if m.result.plan.Name == msg.name {
		m.result = result{} // the plan shown is gone too
	}
	return m.loadPlans()
}
