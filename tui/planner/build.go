package planner

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// pending is a build the organizer is asked to confirm: what it makes, where its walks start, and
// whether it replaces a stored plan.
type pending struct {
	req     canvass.PlanRequest
	preview canvass.Plan
	start   string // how the start was read, or ""
	replace bool
}

// preparedMsg carries the start read and, when a confirmation is due, what the build would make.
type preparedMsg struct {
	req     canvass.PlanRequest
	start   string
	preview *canvass.Plan
	replace bool
	err     error
	bad     field // the field the error is about, when it is one
}

func (preparedMsg) ScreenID() common.ScreenID { return ID }

// build starts building what the form asks for, or says what is missing and goes to it. A start
// is read by the campaign first (an address, a place, coordinates in either order), and a build
// that replaces a stored plan or is sized in minutes is shown before it is made: nothing is
// stored until the organizer says yes to what they see.
func (m *Model) build() tea.Cmd {
	f := &m.form
	if f.personal() {
		return m.buildPersonal()
	}
	req, bad, problem := f.request(m.common.P)
	if problem != "" {
		m.notice, m.err = problem, nil
		f.focus = indexOf(f.fields(), bad)
		return f.syncFocus()
	}
	start := strings.TrimSpace(f.start.Value())
	replace := m.list.has(req.Name)
	confirm := replace || measures[f.measure] == "minutes"
	f.blur()
	if start == "" && !confirm {
		return m.work(m.common.P.T("tui.planner.building", "Name", req.Name), m.buildCmd(req, ""))
	}
	return m.work(m.common.P.T("tui.planner.preparing"), m.prepareCmd(req, start, confirm, replace))
}

// prepareCmd reads the start, then previews the plan when the organizer is to confirm it.
func (m *Model) prepareCmd(req canvass.PlanRequest, start string, confirm, replace bool) tea.Cmd {
	camp, ctx, p := m.camp, m.common.Ctx, m.common.P
	return func() tea.Msg {
		msg := preparedMsg{req: req, replace: replace}
		if start != "" {
			sp, err := camp.ResolveStart(ctx, start)
			if err != nil {
				msg.err, msg.bad = err, fieldStart
				return msg
			}
			msg.req.Start = &sp.Point
			msg.start = p.T("tui.planner.start", "Typed", start, "Found", sp.Found, "Lat", p.Float(sp.Point[1], 5), "Lon", p.Float(sp.Point[0], 5))
		}
		if confirm {
			p, err := camp.PreviewPlan(ctx, msg.req)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.preview = &p
		}
		return msg
	}
}

// prepared asks for the confirmation, builds at once when none is due, or shows why not: a start
// outside the campaign stops here, before any plan is touched.
func (m *Model) prepared(msg preparedMsg) tea.Cmd {
	if m.step != stepWorking {
		return nil
	}
	if msg.err != nil {
		m.step, m.err = m.from, msg.err
		if msg.bad != 0 {
			m.form.focus = indexOf(m.form.fields(), msg.bad)
		}
		return m.form.syncFocus()
	}
	if msg.preview == nil {
		m.step = m.from
		return m.work(m.common.P.T("tui.planner.building", "Name", msg.req.Name), m.buildCmd(msg.req, msg.start))
	}
	m.step = stepForm
	m.form.pending = &pending{req: msg.req, preview: *msg.preview, start: msg.start, replace: msg.replace}
	return nil
}

// confirmKey builds on yes; any other key drops the build, so that a confirmation never outlives
// the form it was asked on.
func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	p := m.form.pending
	m.form.pending = nil
	if !key.Matches(k, m.keys.Yes) {
		m.notice = m.common.P.T("tui.planner.notbuilt")
		return m.form.syncFocus()
	}
	return m.work(m.common.P.T("tui.planner.building", "Name", p.req.Name), m.buildCmd(p.req, p.start))
}

// pendingView is the question a pending build asks.
func (m *Model) pendingView() string {
	p := m.form.pending
	if p == nil {
		return ""
	}
	s, w, pr := m.common.Styles, m.common.Width, m.common.P
	doors := 0
	lo, hi := 0.0, 0.0
	for i, t := range p.preview.Turfs {
		doors += t.Doors
		size := t.Size(p.preview.Measure)
		if i == 0 || size < lo {
			lo = size
		}
		hi = max(hi, size)
	}
	lines := []string{s.Heading.Render(pr.T("tui.planner.question", "Name", p.req.Name)), "", pr.T("tui.planner.wouldmake", "Name", p.req.Name,
		"Turfs", pr.T("tui.planner.turfs", "Count", len(p.preview.Turfs)), "Size", sizeRange(pr, lo, hi, p.preview.Measure), "Doors", doors)}
	if p.start != "" {
		lines = append(lines, p.start)
	}
	if p.preview.Note != "" {
		lines = append(lines, pr.T("tui.planner.note", "Note", reword(pr, p.preview.Note)))
	}
	if p.replace {
		lines = append(lines, pr.T("tui.planner.wouldreplace", "Name", p.req.Name))
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(common.Wrap(l, w, 2) + "\n")
	}
	b.WriteString("\n" + common.Wrap(s.Warn.Render(pr.T("tui.planner.confirm")), w, 0))
	return b.String()
}

// sizeRange writes the sizes of a plan's turfs in p's language: "118 to 124 minutes", "150 doors".
func sizeRange(p *i18n.Printer, lo, hi float64, measure string) string {
	whole := func(x float64) int {
		if measure == "minutes" {
			return turf.WholeMinutes(x)
		}
		return int(x + 0.5)
	}
	if whole(lo) == whole(hi) {
		return p.T(sizeIDs[measure], "Count", whole(lo))
	}
	return p.T(rangeIDs[measure], "Lo", whole(lo), "Count", whole(hi))
}

// StartMsg gives the form a start picked elsewhere (a point on the Map screen), as the text the
// Start field reads: "latitude, longitude".
type StartMsg struct{ Text string }

// ScreenID sends the message to the Plan builder.
func (StartMsg) ScreenID() common.ScreenID { return ID }

// startPicked takes a start picked on the map into the form, which drops any build waiting for a
// yes: the form changed.
func (m *Model) startPicked(msg StartMsg) tea.Cmd {
	if m.step == stepWorking {
		return nil
	}
	f := &m.form
	f.kind, f.pending = 0, nil
	f.start.SetValue(msg.Text)
	cmd := m.toForm()
	f.focus = indexOf(f.fields(), fieldStart)
	return tea.Batch(cmd, f.syncFocus())
}
