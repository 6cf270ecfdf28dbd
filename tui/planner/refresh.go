package planner

import (
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// refreshedMsg carries a plan shown, read again after someone changed the campaign.
type refreshedMsg struct {
	plan canvass.Plan
	err  error
}

// ScreenID delivers the plan to this screen whichever screen is active.
func (refreshedMsg) ScreenID() common.ScreenID { return ID }

// Refresh reads again what the screen shows, after a change to the campaign file (someone else's
// assignment, outcome or plan): the list of plans, or the plan open, keeping the selection.
func (m *Model) Refresh() tea.Cmd {
	switch m.step {
	case stepForm, stepPlans:
		return m.loadPlans()
	case stepResult:
		camp, ctx, name := m.camp, m.common.Ctx, m.result.plan.Name
		return func() tea.Msg {
			p, err := camp.Plan(ctx, name)
			return refreshedMsg{plan: p, err: err}
		}
	}
	return nil
}

// refreshed shows the plan read again in place of the one shown, the same turf and street
// selected; a plan deleted meanwhile stays shown, with the reason in the notice.
func (m *Model) refreshed(msg refreshedMsg) {
	r := &m.result
	if m.step != stepResult || msg.plan.Name != r.plan.Name {
		return
	}
	if msg.err != nil {
		m.notice = problemText(m.common.P, "tui.planner.problem.reread", msg.err)
		return
	}
	selected := r.selected()
	r.plan = msg.plan
	if selected != nil {
		for i, t := range r.plan.Turfs {
			if t.ID == selected.ID {
				r.turf = i
			}
		}
	}
	r.turf = min(r.turf, max(0, len(r.plan.Turfs)-1))
	if t := r.selected(); t != nil {
		r.stop = min(r.stop, max(0, len(t.Stops)-1))
		if r.dialog != nil && r.dialog.problem != "" {
			r.dialog.seen = *t // the conflict was shown: saving again is a choice made on what is there now
		}
	}
}

// PlansOnly makes the screen open on the stored plans and never show the plan form: for a member
// who may read plans but not build them (a volunteer sees the plans holding turfs of theirs).
func (m *Model) PlansOnly() *Model {
	m.plansOnly, m.step = true, stepPlans
	return m
}
