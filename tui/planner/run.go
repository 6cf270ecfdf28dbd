package planner

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// layer is one layer of a level and its areas, for the form's layer choice and its hint of ids.
type layer struct {
	name  string
	areas []canvass.AreaStats
}

// layersMsg carries the layers of level.
type layersMsg struct {
	level  string
	layers []layer
	err    error
}

// planMsg ends a build, a rerun or the reading of a stored plan; done says what was done.
type planMsg struct {
	plan canvass.Plan
	done string
	err  error
}

// plansMsg carries the stored plans.
type plansMsg struct {
	plans []canvass.PlanSummary
	err   error
}

// deletedMsg says that plan name was deleted, or why not.
type deletedMsg struct {
	name string
	err  error
}

// savedMsg ends an assignment or an outcome: apply updates the plan shown once the campaign took it.
type savedMsg struct {
	done  string
	apply func(*canvass.Plan)
	err   error
}

// The campaign's answers come back to this screen whichever screen is active.
func (layersMsg) ScreenID() common.ScreenID  { return ID }
func (planMsg) ScreenID() common.ScreenID    { return ID }
func (plansMsg) ScreenID() common.ScreenID   { return ID }
func (deletedMsg) ScreenID() common.ScreenID { return ID }
func (savedMsg) ScreenID() common.ScreenID   { return ID }

// loadLayers reads the layers of the level chosen, and their areas.
func (m *Model) loadLayers() tea.Cmd {
	camp, ctx, level := m.camp, m.common.Ctx, m.form.level()
	return func() tea.Msg {
		areas, err := camp.Areas(ctx, level)
		if err != nil {
			return layersMsg{level: level, err: err}
		}
		by := map[string][]canvass.AreaStats{}
		for _, a := range areas {
			by[a.Layer] = append(by[a.Layer], a)
		}
		msg := layersMsg{level: level}
		for name, as := range by {
			msg.layers = append(msg.layers, layer{name: name, areas: as})
		}
		sort.Slice(msg.layers, func(i, j int) bool { return msg.layers[i].name < msg.layers[j].name })
		return msg
	}
}

// buildCmd builds and stores the plan asked for; start says how its start was read, or is "".
func (m *Model) buildCmd(req canvass.PlanRequest, start string) tea.Cmd {
	camp, ctx, pr := m.camp, m.common.Ctx, m.common.P
	return func() tea.Msg {
		p, err := camp.BuildPlan(ctx, req)
		done := strings.Join(append([]string{pr.T("tui.planner.built", "Name", p.Name, "Turfs", pr.T("tui.planner.turfs", "Count", len(p.Turfs)))}, start), " ")
		return planMsg{plan: p, err: err, done: strings.TrimSpace(done)}
	}
}

// openCmd reads stored plan name.
func (m *Model) openCmd(name string) tea.Cmd {
	camp, ctx := m.camp, m.common.Ctx
	return func() tea.Msg {
		p, err := camp.Plan(ctx, name)
		return planMsg{plan: p, err: err}
	}
}

// rerunCmd builds stored plan name again on the data as it is now.
func (m *Model) rerunCmd(name string) tea.Cmd {
	camp, ctx, pr := m.camp, m.common.Ctx, m.common.P
	return func() tea.Msg {
		p, err := camp.RerunPlan(ctx, name)
		return planMsg{plan: p, err: err, done: pr.T("tui.planner.rebuilt", "Name", name, "Turfs", pr.T("tui.planner.turfs", "Count", len(p.Turfs)))}
	}
}

// loadPlans reads the stored plans.
func (m *Model) loadPlans() tea.Cmd {
	camp, ctx := m.camp, m.common.Ctx
	return func() tea.Msg {
		ps, err := camp.Plans(ctx)
		return plansMsg{plans: ps, err: err}
	}
}

// deleteCmd deletes stored plan name.
func (m *Model) deleteCmd(name string) tea.Cmd {
	camp, ctx := m.camp, m.common.Ctx
	return func() tea.Msg { return deletedMsg{name: name, err: camp.DeletePlan(ctx, name)} }
}

// assignCmd records who walks turf id of plan, and when.
func (m *Model) assignCmd(plan string, id int, volunteer, date string, seen canvass.Turf) tea.Cmd {
	camp, ctx, p := m.camp, m.common.Ctx, m.common.P
	return func() tea.Msg {
		err := camp.AssignTurf(ctx, plan, id, volunteer, date, seen)
		done := p.T("tui.planner.assigned", "Turf", id, "Volunteer", volunteer, "Date", i18n.Day(date))
		return savedMsg{err: err, done: done, apply: func(p *canvass.Plan) {
			for i := range p.Turfs {
				if p.Turfs[i].ID == id {
					p.Turfs[i].Volunteer, p.Turfs[i].Date = volunteer, date
				}
			}
		}}
	}
}

// outcomeCmd records what was done on a street of turf id of plan, on day (the one the campaign
// records by default), and keeps it on the plan shown, so that the street reopens on it. seen is
// the turf as the person last read it: a change made meanwhile by someone else is a conflict.
func (m *Model) outcomeCmd(plan string, id int, street string, o canvass.Outcome, day string, seen canvass.Turf) tea.Cmd {
	camp, ctx, p := m.camp, m.common.Ctx, m.common.P
	return func() tea.Msg {
		err := camp.RecordOutcome(ctx, plan, id, o, seen)
		done := p.T("tui.planner.recorded", "Street", street, "Turf", id, "Knocked", o.Knocked, "Answered", o.Answered, "Leaflets", o.Leaflets)
		return savedMsg{err: err, done: done, apply: func(p *canvass.Plan) {
			o.On = day
			for i := range p.Turfs {
				if p.Turfs[i].ID == id { // what this screen saved is what it saw last
					kept := []canvass.Outcome{o} // a new slice: the dialog's copy of the turf shares the old one
					for _, x := range p.Turfs[i].Outcomes {
						if x.StreetID != o.StreetID {
							kept = append(kept, x)
						}
					}
					p.Turfs[i].Outcomes = kept
				}
			}
		}}
	}
}
