// Package planner is the Plan builder screen: a form for a plan (level, layer, the areas by id or
// by a rule on their aggregates, turf size, start point), built off the interface's loop; then the
// plan's turfs and the street list of the selected turf in walking order, where a turf is assigned
// to a volunteer and the outcome of a street recorded; and the stored plans, to open, rerun or
// delete one.
package planner

import (
	"context"
	"io"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the Plan builder's screen ID.
const ID common.ScreenID = "planner"

// Campaign is what the screen asks of the campaign; *canvass.Campaign has it all, tests use a fake.
// Every call runs off the interface's loop.
type Campaign interface {
	Areas(ctx context.Context, level string) ([]canvass.AreaStats, error)
	BuildPlan(ctx context.Context, req canvass.PlanRequest) (canvass.Plan, error)
	Plans(ctx context.Context) ([]canvass.PlanSummary, error)
	Plan(ctx context.Context, name string) (canvass.Plan, error)
	RerunPlan(ctx context.Context, name string) (canvass.Plan, error)
	DeletePlan(ctx context.Context, name string) error
	AssignTurf(ctx context.Context, plan string, turf int, volunteer, date string, seen ...canvass.Turf) error
	RecordOutcome(ctx context.Context, plan string, turf int, o canvass.Outcome, seen ...canvass.Turf) error
	PreviewPlan(ctx context.Context, req canvass.PlanRequest) (canvass.Plan, error)
	ResolveStart(ctx context.Context, text string) (canvass.StartPoint, error)
	PersonalList(ctx context.Context, name string, people []canvass.Person, on string, opt canvass.PersonalListOptions) (canvass.PersonalList, error)
	ExportPersonal(ctx context.Context, list canvass.PersonalList, dir string, formats []string) ([]string, error)
	ImportOutcomes(ctx context.Context, r io.Reader, name string) (canvass.OutcomeReport, error)
}

var _ Campaign = (*canvass.Campaign)(nil)

// step is where the organizer is on the screen.
type step int

const (
	stepForm     step = iota // describing a plan
	stepWorking              // a plan being built, rerun or read
	stepResult               // reading a plan: turfs and streets
	stepPlans                // the stored plans
	stepPersonal             // a personal visit list made, or refused
)

// Model is the Plan builder screen.
type Model struct {
	common common.Common
	camp   Campaign
	keys   keyMap
	step   step
	from   step // the step the work started from, where its error is shown
	// plansOnly: the screen opens on the stored plans and never shows the form (PlansOnly).
	plansOnly bool
	notice    string // one line for the organizer: what was done, what is missing
	err       error  // the last failure, shown with its reason where it happened
	spin      spinner.Model
	doing     string // what the spinner waits for

	form    form
	result  result
	results *resultsBox // a field sheet's results being taken back, over the plan
	list    plans
	visits  personal
}

// New builds the Plan builder on camp; personal lists are written into dir unless the organizer
// chooses another folder.
func New(c common.Common, camp Campaign, dir string) *Model {
	m := &Model{common: c, camp: camp, keys: defaultKeys(c.P),
		spin: spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Styles.Selected))}
	m.form = newForm(c.P, c.Styles, dir, c.Now().Format("02/01/2006"))
	return m
}

// Enter reads the layers of the chosen level again (an import may have added some) and the
// stored plans' names, and gives the form its cursor; a plan being read or built goes on.
func (m *Model) Enter() tea.Cmd {
	switch m.step {
	case stepForm:
		return tea.Batch(m.loadLayers(), m.loadPlans(), m.form.syncFocus())
	case stepPlans:
		return m.loadPlans()
	}
	return nil
}

// Update handles keys and the answers of the campaign.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case areas.MarkedMsg:
		return m, m.marked(msg)
	case PeopleMsg:
		return m, m.people(msg)
	case StartMsg:
		return m, m.startPicked(msg)
	case preparedMsg:
		return m, m.prepared(msg)
	case personalMsg:
		m.personalDone(msg)
		return m, nil
	case resultsMsg:
		return m, m.resultsDone(msg)
	case layersMsg:
		m.form.setLayers(msg)
		return m, nil
	case planMsg:
		return m, m.planDone(msg)
	case plansMsg:
		m.list.set(msg)
		return m, nil
	case deletedMsg:
		return m, m.deleted(msg)
	case savedMsg:
		return m, m.saved(msg)
	case refreshedMsg:
		m.refreshed(msg)
		return m, nil
	case spinner.TickMsg:
		if m.step != stepWorking {
			return m, nil // the spinner stops once the work is done
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	switch m.step {
	case stepForm:
		return m, m.updateForm(msg)
	case stepResult:
		if m.results != nil {
			return m, m.updateResults(msg)
		}
		return m, m.updateResult(msg)
	case stepPlans:
		return m, m.updatePlans(msg)
	case stepPersonal:
		if k, ok := msg.(tea.KeyPressMsg); ok && (key.Matches(k, m.keys.New) || key.Matches(k, m.keys.Enter)) {
			return m, m.toForm()
		}
	case stepWorking:
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			return m, tea.Quit // a plan is stored in one transaction: quitting cannot leave half of one
		}
	}
	return m, nil
}

// work starts a call to the campaign with the spinner turning; its planMsg ends it.
func (m *Model) work(doing string, cmd tea.Cmd) tea.Cmd {
	m.from, m.step, m.doing, m.err, m.notice = m.step, stepWorking, doing, nil, ""
	return tea.Batch(cmd, m.spin.Tick)
}

// planDone shows the plan built, rerun or read, or the error where the work started.
func (m *Model) planDone(msg planMsg) tea.Cmd {
	if m.step != stepWorking {
		return nil
	}
	if msg.err != nil {
		m.step, m.err = m.from, msg.err
		return m.form.syncFocus()
	}
	m.step, m.notice = stepResult, msg.done
	if msg.plan.Note != "" { // what the rule left out: the areas under K
		m.notice += " " + msg.plan.Note
	}
	m.result.show(msg.plan)
	m.form.blur()
	return nil
}

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.form.setWidth(width)
	m.result.setWidth(width)
}

// Back goes from a plan or the stored plans back to the form, and closes a dialog; from the form
// the root leaves the screen.
func (m *Model) Back() (bool, tea.Cmd) {
	switch m.step {
	case stepForm:
		if m.form.pending != nil {
			m.form.pending, m.notice = nil, m.common.P.T("tui.planner.notbuilt")
			return true, nil
		}
	case stepResult:
		if m.result.dialog != nil || m.results != nil {
			m.result.dialog, m.results = nil, nil
			return true, nil
		}
		return true, m.toForm()
	case stepPersonal:
		return true, m.toForm()
	case stepPlans:
		if m.list.confirm != nil {
			m.list.confirm = nil
			return true, nil
		}
		if m.plansOnly {
			return false, nil
		}
		return true, m.toForm()
	}
	return false, nil
}

// toForm goes back to the form, with the values of the last plan asked for.
func (m *Model) toForm() tea.Cmd {
	if m.plansOnly {
		return m.toPlans()
	}
	m.step, m.notice, m.err = stepForm, "", nil
	return tea.Batch(m.loadLayers(), m.loadPlans(), m.form.syncFocus())
}

// Mode keeps every key while work runs, and q and esc while a text field has focus.
func (m *Model) Mode() common.Mode {
	switch {
	case m.step == stepWorking:
		return common.ModeBusy
	case m.step == stepForm && m.form.typing(), m.step == stepResult && (m.result.dialog != nil || m.results != nil):
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.planner.title") }
