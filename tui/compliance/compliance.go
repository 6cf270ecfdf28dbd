// Package compliance is the Compliance screen: what makes the campaign accountable. Three tabs:
// the register of processing activities (readable here, written to a Markdown or HTML file), the
// audit trail with the verification of its hash chain, and retention with the purge, which the
// campaign refuses before its end date unless forced and which the organizer confirms by typing
// the campaign's name.
package compliance

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the Compliance screen's ID.
const ID common.ScreenID = "compliance"

// Domain is what the screen asks of the campaign; *canvass.Campaign fits, tests use a fake.
type Domain interface {
	Register(ctx context.Context) (canvass.Register, error)
	AuditTrail(ctx context.Context) ([]canvass.AuditEntry, error)
	VerifyAudit(ctx context.Context) (canvass.AuditCheck, error)
	Status(ctx context.Context) (canvass.Status, error)
	Purge(ctx context.Context, opt canvass.PurgeOptions) (canvass.PurgeReport, error)
}

// tab is one of the screen's three parts.
type tab int

const (
	tabRegister tab = iota
	tabAudit
	tabRetention
	tabs
)

// tabNames are the catalog's titles of the tabs, in order.
var tabNames = [tabs]string{"tui.compliance.tab.register", "tui.compliance.tab.audit", "tui.compliance.tab.retention"}

// purgeStep is where the organizer is in a purge.
type purgeStep int

const (
	purgeIdle    purgeStep = iota // reading what a purge does
	purgeAsking                   // the campaign is asked whether a purge is allowed
	purgeRefused                  // the campaign refused: its end date is not reached
	purgeConfirm                  // typing the campaign's name
	purgeRunning                  // deleting and compacting
	purgeDone                     // reading the report
)

// Model is the Compliance screen.
type Model struct {
	common common.Common
	domain Domain
	keys   keyMap
	dir    string // where the register is written
	tab    tab
	spin   spinner.Model
	notice string // one line: a file written, a problem
	bad    bool   // the notice is a problem

	// What was read from the campaign, each time the screen opens and after a purge.
	loading  bool
	reads    int // the number of the last read; older answers are dropped
	register canvass.Register
	trail    []canvass.AuditEntry
	check    canvass.AuditCheck
	status   canvass.Status
	loadErr  error

	regView, auditView viewport.Model

	// The purge.
	purge    purgeStep
	force    bool   // the organizer asked to purge before the end date
	name     string // the campaign's name, as the campaign gave it to confirm
	reason   string // the campaign's refusal, said in the screen's language
	typed    textinput.Model
	report   canvass.PurgeReport
	purgeErr error
}

// New builds the Compliance screen on the campaign's domain; the register is written into dir.
func New(c common.Common, d Domain, dir string) *Model {
	m := &Model{common: c, domain: d, keys: defaultKeys(c.P), dir: dir, typed: common.NewInput(c.Styles, 200),
		spin:    spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Styles.Selected)),
		regView: viewport.New(), auditView: viewport.New()}
	m.regView.KeyMap.Left, m.regView.KeyMap.Right = key.Binding{}, key.Binding{} // the register is wrapped
	m.regView.KeyMap.HalfPageUp, m.regView.KeyMap.HalfPageDown = key.Binding{}, key.Binding{}
	m.auditView.KeyMap.HalfPageUp, m.auditView.KeyMap.HalfPageDown = key.Binding{}, key.Binding{}
	m.auditView.KeyMap.Left = key.NewBinding(key.WithKeys("left"))
	m.auditView.KeyMap.Right = key.NewBinding(key.WithKeys("right"))
	m.auditView.SetHorizontalStep(8)
	return m
}

// Enter reads the campaign again: the trail grows with every command.
func (m *Model) Enter() tea.Cmd {
	if m.busy() {
		return nil
	}
	return m.reload()
}

// reload reads the register, the trail and its check, and the status off the interface's loop.
func (m *Model) reload() tea.Cmd {
	m.loading = true
	m.reads++
	return loadCmd(m.common.Ctx, m.domain, m.reads)
}

// busy reports whether the campaign is being asked or changed on the organizer's behalf.
func (m *Model) busy() bool { return m.purge == purgeAsking || m.purge == purgeRunning }

// Update handles the keys of the current tab and the campaign's answers.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.n == m.reads {
			m.loaded(msg)
		}
		return m, nil
	case writtenMsg:
		if msg.err != nil {
			m.say(common.Problem(m.common.P, m.common.P.T("tui.compliance.problem.register"), msg.err), true)
		} else {
			m.say(m.common.P.T("tui.compliance.written", "Path", msg.path), false)
		}
		return m, nil
	case askedMsg:
		return m, m.asked(msg)
	case purgedMsg:
		return m, m.purged(msg)
	case spinner.TickMsg:
		if !m.busy() && !m.loading {
			return m, nil // the spinner stops once the work is done
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if m.purge == purgeConfirm {
		return m, m.updateConfirm(msg)
	}
	if m.busy() {
		if isKey && key.Matches(k, m.common.Keys.Quit) {
			m.say(m.common.P.T("tui.compliance.busy"), false)
		}
		return m, nil
	}
	if isKey {
		if cmd, ok := m.key(k); ok {
			return m, cmd
		}
	}
	var cmd tea.Cmd
	switch m.tab {
	case tabRegister:
		m.regView, cmd = m.regView.Update(msg)
	case tabAudit:
		m.auditView, cmd = m.auditView.Update(msg)
	}
	return m, cmd
}

// key handles the tabs' keys; false leaves the key to the tab's scrolling.
func (m *Model) key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, m.keys.NextTab):
		m.show((m.tab + 1) % tabs)
	case key.Matches(k, m.keys.PrevTab):
		m.show((m.tab + tabs - 1) % tabs)
	case key.Matches(k, m.keys.Tab1):
		m.show(tabRegister)
	case key.Matches(k, m.keys.Tab2):
		m.show(tabAudit)
	case key.Matches(k, m.keys.Tab3):
		m.show(tabRetention)
	case m.tab == tabRegister && key.Matches(k, m.keys.Markdown):
		return writeCmd(m.register, m.dir, markdown), true
	case m.tab == tabRegister && key.Matches(k, m.keys.HTML):
		return writeCmd(m.register, m.dir, html), true
	case m.tab == tabRetention && key.Matches(k, m.keys.Purge) && m.purge != purgeRefused:
		return m.ask(false), true
	case m.tab == tabRetention && key.Matches(k, m.keys.Force) && m.purge == purgeRefused:
		return m.ask(true), true
	default:
		return nil, false
	}
	return nil, true
}

// show opens a tab.
func (m *Model) show(t tab) {
	m.tab = t
	m.say("", false)
}

// say sets the notice line.
func (m *Model) say(notice string, bad bool) { m.notice, m.bad = notice, bad }

// loaded keeps what was read and lays it out.
func (m *Model) loaded(msg loadedMsg) {
	m.loading = false
	m.register, m.trail, m.check, m.status, m.loadErr = msg.register, msg.trail, msg.check, msg.status, msg.err
	m.layout()
	m.regView.GotoTop()
	m.auditView.GotoTop()
}

// errAsked stops the purge the screen asks about before anything is deleted: it carries the
// campaign's name, which the organizer then types to confirm.
type errAsked struct{ name string }

func (e errAsked) Error() string { return "purge not confirmed yet" }

// errMismatch is the purge cancelled because the name typed is not the campaign's.
var errMismatch = errors.New("the name typed is not the campaign's: nothing was deleted")

// ask asks the campaign whether a purge is allowed, without deleting anything: its refusal
// before the end date is the policy's, and so is the name to confirm with.
func (m *Model) ask(force bool) tea.Cmd {
	m.purge, m.force, m.reason, m.purgeErr = purgeAsking, force, "", nil
	m.say("", false)
	return tea.Batch(purgeCmd(m.common.Ctx, m.domain, canvass.PurgeOptions{Force: force,
		Confirm: func(name string) error { return errAsked{name} }}, true), m.spin.Tick)
}

// asked opens the confirmation, or shows why the campaign refuses.
func (m *Model) asked(msg askedMsg) tea.Cmd {
	if m.purge != purgeAsking {
		return nil
	}
	var asked errAsked
	var refused *canvass.RefusedError
	switch {
	case errors.As(msg.err, &asked):
		m.purge, m.name = purgeConfirm, asked.name
		m.typed.SetValue("")
		return m.typed.Focus()
	case errors.As(msg.err, &refused):
		m.purge, m.reason = purgeRefused, common.Problem(m.common.P, "", refused)
	case msg.err != nil:
		m.purge = purgeIdle
		m.say(common.Problem(m.common.P, m.common.P.T("tui.compliance.problem.purge"), msg.err), true)
	default:
		// The campaign purged without asking: it cannot, as Confirm is always called.
		m.purge, m.report = purgeDone, msg.report
		return m.reload()
	}
	return nil
}

func (m *Model) updateConfirm(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(k, m.keys.Confirm):
		typed := strings.TrimSpace(m.typed.Value())
		m.typed.Blur()
		m.purge = purgeRunning
		m.say("", false)
		return tea.Batch(purgeCmd(m.common.Ctx, m.domain, canvass.PurgeOptions{Force: m.force,
			Confirm: func(name string) error {
				if typed != name {
					return errMismatch
				}
				return nil
			}}, false), m.spin.Tick)
	case isKey && key.Matches(k, m.keys.Cancel):
		m.typed.Blur()
		m.purge = purgeIdle
		m.say(m.common.P.T("tui.compliance.cancelled"), false)
		return nil
	}
	var cmd tea.Cmd
	m.typed, cmd = m.typed.Update(msg)
	return cmd
}

// purged shows the report, or why nothing was deleted; the campaign is read again either way.
func (m *Model) purged(msg purgedMsg) tea.Cmd {
	if m.purge != purgeRunning {
		return nil
	}
	if msg.err != nil {
		m.purge = purgeIdle
		if errors.Is(msg.err, errMismatch) {
			m.say(m.common.P.T("tui.compliance.mismatch"), true)
		} else {
			m.say(common.Problem(m.common.P, m.common.P.T("tui.compliance.problem.purged"), msg.err), true)
		}
		return nil
	}
	m.purge, m.report = purgeDone, msg.report
	return m.reload()
}

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.layout()
}

// layout sizes the viewports and fills them; the lines above each are counted in view.go.
func (m *Model) layout() {
	w, h := m.common.Width, m.common.Height
	m.typed.SetWidth(max(1, min(40, w-4)))
	m.regView.SetWidth(max(0, w))
	m.regView.SetHeight(max(0, h-registerChrome))
	m.regView.SetContent(m.registerText())
	m.auditView.SetWidth(max(0, w))
	m.auditView.SetHeight(max(0, h-auditChrome))
	m.auditView.SetContent(m.trailText())
}

// Back leaves a refusal or a report for the purge's explanation; otherwise the root leaves the
// screen.
func (m *Model) Back() (bool, tea.Cmd) {
	if m.tab == tabRetention && (m.purge == purgeRefused || m.purge == purgeDone) {
		m.purge = purgeIdle
		return true, nil
	}
	return false, nil
}

// Mode keeps every key while the purge runs, and q while the campaign's name is typed.
func (m *Model) Mode() common.Mode {
	switch {
	case m.busy():
		return common.ModeBusy
	case m.purge == purgeConfirm:
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.compliance.title") }
