package planner

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// pane is the list the arrows move in.
type pane int

const (
	paneTurfs pane = iota
	paneStreets
)

// result is a plan on screen: the turf and the stop selected, and a dialog when one is open.
type result struct {
	plan   canvass.Plan
	turf   int // index in plan.Turfs
	stop   int // index in the selected turf's stops
	pane   pane
	top    [2]int // the first row shown of each list, so that the selection stays in view
	dialog *dialog
}

// show puts plan on screen, its first turf selected.
func (r *result) show(p canvass.Plan) {
	*r = result{plan: p}
}

func (r *result) setWidth(w int) {
	if r.dialog != nil {
		r.dialog.setWidth(w)
	}
}

// selected is the selected turf, or nil for a plan without turfs.
func (r *result) selected() *canvass.Turf {
	if r.turf >= len(r.plan.Turfs) {
		return nil
	}
	return &r.plan.Turfs[r.turf]
}

// recorded is the outcome stored for the selected stop's street in the selected turf, if any.
func (r *result) recorded() (canvass.Outcome, bool) {
	t, st := r.selected(), r.selectedStop()
	if t == nil || st == nil {
		return canvass.Outcome{}, false
	}
	for _, o := range t.Outcomes {
		if o.StreetID == st.StreetID {
			return o, true
		}
	}
	return canvass.Outcome{}, false
}

// selectedStop is the selected stop of the selected turf, or nil.
func (r *result) selectedStop() *canvass.Stop {
	t := r.selected()
	if t == nil || r.stop >= len(t.Stops) {
		return nil
	}
	return &t.Stops[r.stop]
}

// dialogKind says what a dialog records.
type dialogKind int

const (
	dialogAssign dialogKind = iota
	dialogOutcome
)

// dialog is a small form over the result: a turf's volunteer and date, or a street's outcome.
type dialog struct {
	kind    dialogKind
	labels  []string
	inputs  []textinput.Model
	focus   int
	saving  bool
	problem string // why the values were not taken
	before  string // what was recorded before, when the dialog corrects it
	// seen is the turf as it was when the dialog opened: a save over a change made meanwhile by
	// someone else is refused (canvass.ConflictError) instead of overwriting it.
	seen canvass.Turf
}

func (d *dialog) setWidth(w int) {
	for i := range d.inputs {
		d.inputs[i].SetWidth(max(1, min(30, w-labelWidth-2)))
	}
}

func (d *dialog) syncFocus() tea.Cmd {
	for i := range d.inputs {
		d.inputs[i].Blur()
	}
	return d.inputs[d.focus].Focus()
}

func (d *dialog) value(i int) string { return strings.TrimSpace(d.inputs[i].Value()) }

// openAssign opens the assignment of the selected turf, with what it has already.
func (m *Model) openAssign() tea.Cmd {
	t := m.result.selected()
	if t == nil {
		return nil
	}
	s, p := m.common.Styles, m.common.P
	d := &dialog{kind: dialogAssign, labels: []string{p.T("tui.planner.label.volunteer"), p.T("tui.planner.label.date")},
		inputs: []textinput.Model{common.NewInput(s, 200), common.NewInput(s, 200)}}
	d.inputs[0].Placeholder = p.T("tui.planner.placeholder.volunteer")
	d.inputs[0].SetValue(t.Volunteer)
	d.inputs[1].Placeholder = m.common.Now().Format("02/01/2006")
	d.inputs[1].SetValue(frenchDate(t.Date))
	d.inputs[1].CharLimit = 10
	return m.open(d)
}

// openOutcome opens the outcome of the selected street.
func (m *Model) openOutcome() tea.Cmd {
	if m.result.pane != paneStreets {
		// The street is chosen first, in its list.
		m.result.pane = paneStreets
		m.notice = m.common.P.T("tui.planner.outcome.choose")
		return nil
	}
	if m.result.selectedStop() == nil {
		return nil
	}
	s, p := m.common.Styles, m.common.P
	d := &dialog{kind: dialogOutcome, labels: []string{p.T("tui.planner.label.knocked"), p.T("tui.planner.label.answered"), p.T("tui.planner.label.leaflets")},
		inputs: []textinput.Model{common.NewInput(s, 200), common.NewInput(s, 200), common.NewInput(s, 200)}}
	for i := range d.inputs {
		d.inputs[i].Placeholder = "0"
		d.inputs[i].CharLimit = 5
	}
	// A street recorded before opens on what was recorded: saving corrects it.
	if o, ok := m.result.recorded(); ok {
		for i, n := range []int{o.Knocked, o.Answered, o.Leaflets} {
			d.inputs[i].SetValue(strconv.Itoa(n))
		}
		d.before = p.T("tui.planner.outcome.before", "Date", i18n.Day(o.On))
	}
	return m.open(d)
}

func (m *Model) open(d *dialog) tea.Cmd {
	m.notice = ""
	if t := m.result.selected(); t != nil {
		d.seen = *t
	}
	d.setWidth(m.common.Width)
	m.result.dialog = d
	return d.syncFocus()
}

func (m *Model) updateResult(msg tea.Msg) tea.Cmd {
	r := &m.result
	if r.dialog != nil {
		return m.updateDialog(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	m.notice = ""
	keys := m.keys
	switch {
	case key.Matches(k, keys.Up):
		m.move(-1)
	case key.Matches(k, keys.Down):
		m.move(1)
	case key.Matches(k, keys.Pane):
		r.pane = 1 - r.pane
	case key.Matches(k, keys.Assign):
		return m.openAssign()
	case key.Matches(k, keys.Outcome):
		return m.openOutcome()
	case key.Matches(k, keys.Results):
		return m.openResults()
	case key.Matches(k, keys.New):
		return m.toForm()
	case key.Matches(k, keys.Plans), key.Matches(k, keys.PlansList):
		return m.toPlans()
	}
	return nil
}

// move moves the selection of the list with focus; a new turf starts at its first street.
func (m *Model) move(by int) {
	r := &m.result
	switch r.pane {
	case paneTurfs:
		if n := len(r.plan.Turfs); n > 0 {
			was := r.turf
			r.turf = min(max(r.turf+by, 0), n-1)
			if r.turf != was {
				r.stop, r.top[paneStreets] = 0, 0
			}
		}
	case paneStreets:
		if t := r.selected(); t != nil && len(t.Stops) > 0 {
			r.stop = min(max(r.stop+by, 0), len(t.Stops)-1)
		}
	}
}

func (m *Model) updateDialog(msg tea.Msg) tea.Cmd {
	d := m.result.dialog
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey || d.saving {
		if !isKey {
			var cmd tea.Cmd
			d.inputs[d.focus], cmd = d.inputs[d.focus].Update(msg)
			return cmd
		}
		return nil
	}
	keys := m.keys
	switch {
	case key.Matches(k, keys.Escape):
		m.result.dialog = nil
		return nil
	case key.Matches(k, keys.Build), key.Matches(k, keys.Enter) && d.focus == len(d.inputs)-1:
		return m.save()
	case key.Matches(k, keys.NextField), key.Matches(k, keys.Enter):
		d.focus = (d.focus + 1) % len(d.inputs)
		return d.syncFocus()
	case key.Matches(k, keys.PrevField):
		d.focus = (d.focus + len(d.inputs) - 1) % len(d.inputs)
		return d.syncFocus()
	}
	var cmd tea.Cmd
	d.inputs[d.focus], cmd = d.inputs[d.focus].Update(msg)
	return cmd
}

// save records the dialog's values, once they read right.
func (m *Model) save() tea.Cmd {
	r := &m.result
	d, t, p := r.dialog, r.selected(), m.common.P
	d.problem = ""
	switch d.kind {
	case dialogAssign:
		who, typed := d.value(0), d.value(1)
		if typed == "" {
			typed = d.inputs[1].Placeholder // today, as shown
		}
		date, ok := canvass.ParseDate(typed)
		switch {
		case who == "":
			d.problem, d.focus = p.T("tui.planner.problem.volunteer"), 0
		case !ok || !isDay(date):
			d.problem, d.focus = p.T("tui.planner.problem.date", "Example", d.inputs[1].Placeholder), 1
		}
		if d.problem != "" {
			return d.syncFocus()
		}
		d.saving = true
		return m.assignCmd(r.plan.Name, t.ID, who, date, d.seen)
	default:
		stop := r.selectedStop()
		var n [3]int
		for i := range n {
			v := d.value(i)
			if v == "" {
				continue
			}
			x, err := strconv.Atoi(v)
			if err != nil || x < 0 {
				d.problem, d.focus = p.T("tui.planner.problem.number", "Field", d.labels[i]), i
				return d.syncFocus()
			}
			n[i] = x
		}
		d.saving = true
		o := canvass.Outcome{StreetID: stop.StreetID, Knocked: n[0], Answered: n[1], Leaflets: n[2]}
		return m.outcomeCmd(r.plan.Name, t.ID, stop.Street, o, m.common.Now().Format(time.DateOnly), d.seen)
	}
}

// saved closes the dialog once the campaign took its values, or shows why not.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	d := m.result.dialog
	if d == nil {
		return nil
	}
	d.saving = false
	if msg.err != nil {
		d.problem = problemText(m.common.P, "tui.planner.problem.notsaved", msg.err)
		var conflict *canvass.ConflictError
		if errors.As(msg.err, &conflict) {
			return m.Refresh() // show what the other person saved; saving again is then a choice
		}
		return nil
	}
	if msg.apply != nil {
		msg.apply(&m.result.plan)
	}
	m.result.dialog, m.notice = nil, msg.done
	return nil
}

// frenchDate writes a YYYY-MM-DD date as organizers type it, jj/mm/aaaa; anything else as is.
func frenchDate(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.Format("02/01/2006")
}

// isDay reports whether s is a date written YYYY-MM-DD.
func isDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// streets counts the distinct streets of a turf: a street walked one side then the other is one.
func streets(t canvass.Turf) int {
	seen := map[string]bool{}
	for _, s := range t.Stops {
		seen[s.StreetID] = true
	}
	return len(seen)
}

// who says to whom and when a turf is assigned, the date as p's tables write it.
func who(p *i18n.Printer, t canvass.Turf) string {
	switch {
	case t.Volunteer != "" && t.Date != "":
		return t.Volunteer + " · " + shortDay(p, t.Date)
	case t.Volunteer != "":
		return t.Volunteer
	}
	return shortDay(p, t.Date)
}

// sizeText writes a plan's turf size in pr's language: "100 doors", or for a number of turfs
// "about 105 doors each".
func sizeText(pr *i18n.Printer, p canvass.Plan) string {
	if p.Count > 0 {
		return pr.T("tui.planner.about", "Size", sizeRange(pr, p.Target, p.Target, p.Measure))
	}
	if id, ok := sizeIDs[p.Measure]; ok {
		if n := int(p.Target); float64(n) == p.Target {
			return pr.T(id, "Count", n)
		}
		// The plural of a fraction is chosen from its text, as the catalog's library reads it.
		return pr.T(id, "Count", strconv.FormatFloat(p.Target, 'f', -1, 64))
	}
	return pr.Float(p.Target, -1) + " " + p.Measure
}

// areaSummary is a plan's selection for its heading.
func areaSummary(pr *i18n.Printer, p canvass.Plan) string {
	level := canvass.LevelName(p.Level).In(pr)
	if p.Layer != "" {
		level += " (" + p.Layer + ")"
	}
	return level + " · " + p.Rule
}
