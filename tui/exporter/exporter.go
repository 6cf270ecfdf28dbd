// Package exporter is the Export screen: choose a stored plan, its turfs and the formats, write
// the street lists into a folder off the interface's loop, then read which files went where. Every
// file carries the information notice; the notice alone can also be written as a leaflet.
package exporter

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// formats are the formats offered: the street lists, chosen at first, then the field sheets for
// phones and the day's print (one document for every turf), chosen when wanted.
var formats = append(export.Formats[:len(export.Formats):len(export.Formats)], export.Field, export.Day)

// ID is the Export screen's ID.
const ID common.ScreenID = "export"

// Domain is what the screen asks of the campaign; *canvass.Campaign fits, tests use a fake.
type Domain interface {
	Plans(ctx context.Context) ([]canvass.PlanSummary, error)
	Plan(ctx context.Context, name string) (canvass.Plan, error)
	Export(ctx context.Context, plan string, opt canvass.ExportOptions) ([]string, error)
	Notice(ctx context.Context, opt canvass.NoticeOptions) (canvass.Notice, error)
}

// step is where the organizer is on the screen.
type step int

const (
	stepPlans   step = iota // choosing a stored plan
	stepOptions             // choosing turfs, formats and the folder
	stepWriting             // files being written
	stepDone                // reading which files were written
)

// section is the part of the options with focus.
type section int

const (
	secTurfs section = iota
	secFormats
	secFolder
	sections
)

// Model is the Export screen.
type Model struct {
	common common.Common
	domain Domain
	keys   keyMap
	step   step
	notice string // one line: what is missing, what failed
	spin   spinner.Model
	doing  string // what the spinner waits for

	// The stored plans, read each time the screen opens.
	plans   []canvass.PlanSummary
	loading bool
	loadErr error
	cursor  int // in plans

	// The plan chosen and the options.
	plan    canvass.Plan
	chosen  []bool // by index in plan.Turfs
	turf    int    // the turf under the cursor
	formats []bool // by index in formats
	format  int    // the format under the cursor
	folder  textinput.Model
	focus   section

	// The outcome.
	run     int // the number of the last write; older answers are dropped
	dir     string
	paths   []string
	leaflet bool // the last write was the notice alone
	files   viewport.Model
}

// New builds the Export screen on the campaign's domain.
func New(c common.Common, d Domain) *Model {
	m := &Model{common: c, domain: d, keys: defaultKeys(), folder: common.NewInput(c.Styles, 200),
		spin:  spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Styles.Selected)),
		files: viewport.New()}
	m.folder.Placeholder = "folder to write into"
	m.files.KeyMap.Left, m.files.KeyMap.Right = key.Binding{}, key.Binding{}
	return m
}

// Enter reads the stored plans again (one may have been built since), unless files are being
// written.
func (m *Model) Enter() tea.Cmd {
	if m.step == stepWriting {
		return nil
	}
	m.step, m.notice, m.loading = stepPlans, "", true
	m.folder.Blur()
	return plansCmd(m.common.Ctx, m.domain)
}

// Update handles the keys of the current step and the campaign's answers.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case plansMsg:
		m.loaded(msg)
		return m, nil
	case planMsg:
		return m, m.planRead(msg)
	case writtenMsg:
		m.written(msg)
		return m, nil
	case spinner.TickMsg:
		if m.step != stepWriting && m.doing == "" {
			return m, nil // the spinner stops once the work is done
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	switch m.step {
	case stepPlans:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return m, m.updatePlans(k)
		}
	case stepOptions:
		return m, m.updateOptions(msg)
	case stepWriting:
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.common.Keys.Quit) {
			m.notice = "Writing the files: a moment, then q quits."
		}
	case stepDone:
		return m, m.updateDone(msg)
	}
	return m, nil
}

// loaded lists the plans read, the newest first as the campaign gives them.
func (m *Model) loaded(msg plansMsg) {
	m.loading, m.plans, m.loadErr = false, msg.plans, msg.err
	m.cursor = min(m.cursor, max(0, len(m.plans)-1))
}

func (m *Model) updatePlans(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(max(0, len(m.plans)-1), m.cursor+1)
	case key.Matches(k, m.keys.Choose):
		if m.loading || m.doing != "" || len(m.plans) == 0 {
			return nil
		}
		m.doing, m.notice = "Reading plan "+m.plans[m.cursor].Name+"…", ""
		return tea.Batch(planCmd(m.common.Ctx, m.domain, m.plans[m.cursor].Name), m.spin.Tick)
	}
	return nil
}

// planRead opens the options on the plan read: every turf and every format chosen, the folder
// ./exports/PLAN unless one was typed for this plan already.
func (m *Model) planRead(msg planMsg) tea.Cmd {
	if m.doing == "" || m.step != stepPlans {
		return nil
	}
	m.doing = ""
	if msg.err != nil {
		m.notice = common.Problem(m.common.P, "Cannot read the plan", msg.err)
		return nil
	}
	if msg.plan.Name != m.plan.Name || m.folder.Value() == "" {
		m.folder.SetValue("." + string(filepath.Separator) + filepath.Join("exports", msg.plan.Name))
		m.folder.CursorEnd()
	}
	m.plan, m.step, m.turf, m.format, m.notice = msg.plan, stepOptions, 0, 0, ""
	m.chosen = make([]bool, len(msg.plan.Turfs))
	for i := range m.chosen {
		m.chosen[i] = true
	}
	if len(m.formats) != len(formats) {
		m.formats = make([]bool, len(formats))
		for i := range export.Formats {
			m.formats[i] = true
		}
	}
	m.focus = secTurfs
	m.folder.Blur()
	return nil
}

func (m *Model) updateOptions(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if m.focus == secFolder {
			var cmd tea.Cmd
			m.folder, cmd = m.folder.Update(msg)
			return cmd
		}
		return nil
	}
	m.notice = ""
	switch {
	case key.Matches(k, m.keys.Write):
		return m.write()
	case key.Matches(k, m.keys.NextSection):
		return m.focusOn((m.focus + 1) % sections)
	case key.Matches(k, m.keys.PrevSection):
		return m.focusOn((m.focus + sections - 1) % sections)
	}
	if m.focus == secFolder {
		if key.Matches(k, m.keys.StopTyping) {
			return m.focusOn(secTurfs)
		}
		var cmd tea.Cmd
		m.folder, cmd = m.folder.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(k, m.keys.Notice):
		return m.writeNotice()
	case key.Matches(k, m.keys.Toggle):
		m.toggle()
	case key.Matches(k, m.keys.All) && m.focus == secTurfs:
		all := !slices.Contains(m.chosen, false)
		for i := range m.chosen {
			m.chosen[i] = !all
		}
	case m.focus == secTurfs && key.Matches(k, m.keys.Up):
		m.turf = max(0, m.turf-1)
	case m.focus == secTurfs && key.Matches(k, m.keys.Down):
		m.turf = min(max(0, len(m.chosen)-1), m.turf+1)
	case m.focus == secFormats && key.Matches(k, m.keys.Left):
		m.format = max(0, m.format-1)
	case m.focus == secFormats && key.Matches(k, m.keys.Right):
		m.format = min(len(m.formats)-1, m.format+1)
	}
	return nil
}

// focusOn gives a section focus; the folder's field gets its cursor.
func (m *Model) focusOn(s section) tea.Cmd {
	m.focus = s
	if s == secFolder {
		return m.folder.Focus()
	}
	m.folder.Blur()
	return nil
}

// toggle chooses or leaves out the turf or format under the cursor.
func (m *Model) toggle() {
	switch {
	case m.focus == secTurfs && len(m.chosen) > 0:
		m.chosen[m.turf] = !m.chosen[m.turf]
	case m.focus == secFormats:
		m.formats[m.format] = !m.formats[m.format]
	}
}

// options are the export the organizer chose; every turf chosen is said as none, which the
// campaign reads as all of them.
func (m *Model) options() canvass.ExportOptions {
	opt := canvass.ExportOptions{Dir: strings.TrimSpace(m.folder.Value())}
	for i, f := range formats {
		if m.formats[i] {
			opt.Formats = append(opt.Formats, f)
		}
	}
	if slices.Contains(m.chosen, false) {
		for i, t := range m.plan.Turfs {
			if m.chosen[i] {
				opt.Turfs = append(opt.Turfs, t.ID)
			}
		}
	}
	return opt
}

// write starts writing the street lists, or says what is still missing.
func (m *Model) write() tea.Cmd {
	opt := m.options()
	switch {
	case !slices.Contains(m.chosen, true):
		m.notice = "✗ Choose at least one turf: space chooses the one under the cursor, a chooses all."
		return m.focusOn(secTurfs)
	case len(opt.Formats) == 0:
		m.notice = "✗ Choose at least one format: space chooses the one under the cursor."
		return m.focusOn(secFormats)
	case opt.Dir == "":
		m.notice = "✗ Say which folder to write into."
		return m.focusOn(secFolder)
	}
	n := len(opt.Turfs)
	if n == 0 {
		n = len(m.plan.Turfs)
	}
	return m.start(common.Plural(n*len(opt.Formats), "file")+" into "+opt.Dir,
		func(run int) tea.Cmd { return exportCmd(m.common.Ctx, m.domain, run, m.plan.Name, opt) })
}

// writeNotice writes the information notice alone, as a printable leaflet, into the folder.
func (m *Model) writeNotice() tea.Cmd {
	dir := strings.TrimSpace(m.folder.Value())
	if dir == "" {
		m.notice = "✗ Say which folder to write into."
		return m.focusOn(secFolder)
	}
	return m.start("the information notice into "+dir,
		func(run int) tea.Cmd { return noticeCmd(m.common.Ctx, m.domain, run, dir) })
}

// start runs a write off the interface's loop with the spinner turning.
func (m *Model) start(what string, cmd func(run int) tea.Cmd) tea.Cmd {
	m.run++
	m.step, m.doing, m.notice = stepWriting, "Writing "+what+"…", ""
	m.folder.Blur()
	return tea.Batch(cmd(m.run), m.spin.Tick)
}

// written shows the files written, or goes back to the options with the reason nothing was.
func (m *Model) written(msg writtenMsg) {
	if msg.run != m.run || m.step != stepWriting {
		return
	}
	m.doing = ""
	if msg.err != nil {
		m.toOptions()
		m.notice = common.Problem(m.common.P, "Nothing written", msg.err)
		return
	}
	m.step, m.paths, m.dir, m.leaflet = stepDone, msg.paths, msg.dir, msg.leaflet
	m.layout()
	m.files.GotoTop()
}

// toOptions goes back to the options as they were, the folder's field focused again if it had focus.
func (m *Model) toOptions() tea.Cmd {
	m.step = stepOptions
	return m.focusOn(m.focus)
}

func (m *Model) updateDone(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.keys.Again):
			return m.toOptions()
		case key.Matches(k, m.keys.Notice):
			return m.writeNotice()
		}
	}
	var cmd tea.Cmd
	m.files, cmd = m.files.Update(msg)
	return cmd
}

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.layout()
}

// layout sizes the widgets to the screen; the lines around each are counted in view.go.
func (m *Model) layout() {
	w, h := m.common.Width, m.common.Height
	m.folder.SetWidth(max(1, w-labelWidth-1))
	m.files.SetWidth(max(0, w))
	m.files.SetHeight(max(0, h-doneChrome))
	if m.step == stepDone {
		m.files.SetContent(m.filesText())
	}
}

// Back goes from the files written to the options and from the options to the plans; from the
// plans the root leaves the screen.
func (m *Model) Back() (bool, tea.Cmd) {
	switch m.step {
	case stepDone:
		return true, m.toOptions()
	case stepOptions:
		m.step, m.notice = stepPlans, ""
		m.folder.Blur()
		return true, nil
	}
	return false, nil
}

// Mode keeps every key while files are written, and q while the folder's field has focus.
func (m *Model) Mode() common.Mode {
	switch {
	case m.step == stepWriting:
		return common.ModeBusy
	case m.step == stepOptions && m.focus == secFolder:
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return "Export" }
