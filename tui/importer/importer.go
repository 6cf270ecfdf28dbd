// Package importer is the Import screen: pick a file, confirm what it holds, import it off the
// interface's loop with a progress bar (cancellable, leaving the campaign as it was), then read
// the report with its rejected rows.
package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/filepicker"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the Import screen's ID.
const ID common.ScreenID = "import"

// extensions are the files the picker lets the organizer choose.
var extensions = []string{".csv", ".gz", ".geojson", ".gpkg"}

// step is where the organizer is in an import.
type step int

const (
	stepPick    step = iota // choosing a file
	stepConfirm             // confirming its kind and options
	stepRunning             // importing
	stepDone                // reading the report
)

// Model is the Import screen.
type Model struct {
	common common.Common
	run    RunFunc
	keys   keyMap
	step   step
	notice string // one line for the organizer: why a choice was refused, what is going on

	picker filepicker.Model

	// The file chosen and what it holds.
	path     string
	size     int64
	det      canvass.Detection
	kind     int // index in canvass.Kinds, -1 while nobody chose
	level    int // index in canvass.Levels, -1 while nobody chose
	layer    textinput.Model
	election textinput.Model
	focus    int // index in fields()

	// The running import.
	runID      int
	cancel     context.CancelFunc
	cancelling bool
	events     stream
	started    time.Time
	prog       canvass.Progress
	bar        progress.Model

	// The outcome.
	req       Request
	rep       canvass.Report
	err       error
	cancelled bool
	report    viewport.Model
}

// New builds the Import screen; its file picker starts in dir.
func New(c common.Common, run RunFunc, dir string) *Model {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // the picker can only go up from an absolute path
	}
	s := c.Styles
	p := filepicker.New()
	p.CurrentDirectory = dir
	p.AllowedTypes = extensions
	p.ShowPermissions = false
	p.AutoHeight = false
	p.KeyMap.Back = key.NewBinding(key.WithKeys("h", "backspace", "left"), key.WithHelp("←", c.P.T("tui.importer.key.parent")))
	p.Styles = filepicker.Styles{
		DisabledCursor:   s.Subtle,
		Cursor:           s.Selected,
		Symlink:          s.Value,
		Directory:        s.Value.Bold(true),
		File:             s.Value,
		DisabledFile:     s.Subtle,
		Permission:       s.Subtle,
		Selected:         s.Selected,
		DisabledSelected: s.Subtle.Bold(true),
		FileSize:         s.Subtle.Width(7).Align(lipgloss.Right),
		EmptyDirectory:   s.Subtle.PaddingLeft(2).SetString(c.P.T("tui.importer.empty")),
	}
	bar := progress.New(progress.WithColors(s.Accent), progress.WithFillCharacters('█', '░'))
	bar.EmptyColor = s.Track
	if c.P.Lang() == i18n.French {
		bar.PercentFormat = " %3.0f\u00a0%%" // 75 %, a no-break space before the sign
	}
	m := &Model{common: c, run: run, keys: defaultKeys(c.P), picker: p, bar: bar,
		layer: common.NewInput(s, 80), election: common.NewInput(s, 80), kind: -1, level: -1}
	m.report = viewport.New()
	return m
}

// Enter opens the picker again, unless an import is running.
func (m *Model) Enter() tea.Cmd {
	if m.step == stepRunning {
		return nil
	}
	return m.toPicker()
}

// toPicker goes back to choosing a file and re-reads the folder: a file may have appeared.
func (m *Model) toPicker() tea.Cmd {
	m.step, m.notice = stepPick, ""
	m.layer.Blur()
	m.election.Blur()
	return m.picker.Init()
}

// Update handles keys and the import's messages.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case detectedMsg:
		return m, m.detected(msg)
	case progressMsg:
		if msg.run != m.runID || m.step != stepRunning {
			return m, nil
		}
		m.prog = msg.p
		return m, waitProgress(m.runID, m.events)
	case doneMsg:
		if msg.run == m.runID {
			m.finish(msg)
		}
		return m, nil
	}
	switch m.step {
	case stepPick:
		return m, m.updatePick(msg)
	case stepConfirm:
		return m, m.updateConfirm(msg)
	case stepRunning:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			m.updateRunning(k)
		}
	case stepDone:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(k, m.keys.Again):
				return m, m.toPicker()
			case key.Matches(k, m.keys.Replace) && m.replaceRefused():
				req := m.req
				req.Replace = true
				return m, m.start(req)
			}
		}
		var cmd tea.Cmd
		m.report, cmd = m.report.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) updatePick(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(msg)
	if ok, path := m.picker.DidSelectFile(msg); ok {
		m.notice = m.common.P.T("tui.importer.notice.looking", "File", filepath.Base(path))
		return detectCmd(path)
	}
	if ok, path := m.picker.DidSelectDisabledFile(msg); ok {
		m.notice = m.common.P.T("tui.importer.notice.disabled", "File", filepath.Base(path), "Extensions", strings.Join(extensions, ", "))
		return cmd
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		m.notice = ""
	}
	return cmd
}

// detected moves on to the confirmation, with the kind and level found preselected.
func (m *Model) detected(msg detectedMsg) tea.Cmd {
	if m.step != stepPick {
		return nil
	}
	if msg.err != nil {
		m.notice = m.common.P.T("tui.importer.notice.unreadable", "File", filepath.Base(msg.path), "Err", msg.err)
		return nil
	}
	m.step, m.notice = stepConfirm, ""
	m.path, m.size, m.det = msg.path, msg.size, msg.det
	m.kind, m.level = indexOf(canvass.Kinds, msg.det.Kind), indexOf(canvass.Levels, msg.det.Level)
	base := baseName(msg.path)
	m.layer.SetValue("")
	m.layer.Placeholder = base
	m.election.SetValue("")
	m.election.Placeholder = base
	m.focus = 0
	if m.chosenKind() == canvass.KindAreas {
		m.focus = 1 // the level is the question still open
	}
	return m.syncFocus()
}

// baseName is the file's name without its extensions, the default name of a layer or election.
func baseName(path string) string {
	b := filepath.Base(path)
	b = strings.TrimSuffix(b, ".gz")
	return strings.TrimSuffix(b, filepath.Ext(b))
}

func (m *Model) updateRunning(k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, m.keys.Cancel):
		if !m.cancelling {
			m.cancelling = true
			m.cancel()
		}
	case key.Matches(k, m.common.Keys.Quit):
		m.notice = m.common.P.T("tui.importer.notice.running")
	}
}

// start runs the confirmed import.
func (m *Model) start(req Request) tea.Cmd {
	m.req = req
	ctx, cancel := context.WithCancel(m.common.Ctx)
	m.runID++
	m.step, m.notice = stepRunning, ""
	m.cancel, m.cancelling = cancel, false
	m.started, m.prog = m.common.Now(), canvass.Progress{}
	var cmd tea.Cmd
	cmd, m.events = startCmd(ctx, cancel, m.runID, m.run, m.req)
	return cmd
}

// request is the import the organizer confirmed.
func (m *Model) request() Request {
	r := Request{Path: m.path, Kind: m.chosenKind()}
	switch r.Kind {
	case canvass.KindAreas:
		r.Areas = canvass.AreaOptions{Level: canvass.Levels[m.level], Layer: strings.TrimSpace(m.layer.Value())}
	case canvass.KindResults:
		r.Results = canvass.ResultOptions{Election: strings.TrimSpace(m.election.Value())}
	}
	return r
}

// replaceRefused reports whether the last run was refused for removing too much of a commune:
// the organizer, shown the counts, may confirm it.
func (m *Model) replaceRefused() bool {
	var re *canvass.ReplaceError
	return m.step == stepDone && !m.req.Replace && errors.As(m.err, &re)
}

// finish shows the outcome of the run.
func (m *Model) finish(msg doneMsg) {
	m.step = stepDone
	m.rep, m.err = msg.rep, msg.err
	m.cancelled = msg.err != nil && (m.cancelling || errors.Is(msg.err, context.Canceled))
	m.cancel, m.events = nil, stream{}
	m.layout()
	m.report.GotoTop()
}

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.layout()
}

// layout sizes the widgets to the screen: the lines around each of them are counted here.
func (m *Model) layout() {
	w, h := m.common.Width, m.common.Height
	m.picker.SetHeight(max(1, h-pickChrome))
	m.bar.SetWidth(max(0, min(w, 80)))
	in := max(1, min(40, w-labelWidth-2))
	m.layer.SetWidth(in)
	m.election.SetWidth(in)
	m.report.SetWidth(max(0, w))
	m.report.SetHeight(max(0, h-doneChrome))
	if m.step == stepDone {
		// A rejected row's reason is a sentence: wrap it at words, under its line number.
		lines := strings.Split(m.reportText(), "\n")
		for i, l := range lines {
			lines[i] = common.Wrap(l, w, 4)
		}
		m.report.SetContent(strings.Join(lines, "\n"))
	}
}

// Back goes from the confirmation back to the picker; elsewhere the root leaves the screen.
func (m *Model) Back() (bool, tea.Cmd) {
	if m.step == stepConfirm {
		return true, m.toPicker()
	}
	return false, nil
}

// Mode keeps every key while an import runs, and q while a text field has focus.
func (m *Model) Mode() common.Mode {
	switch {
	case m.step == stepRunning:
		return common.ModeBusy
	case m.step == stepConfirm && m.typing():
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.importer.title") }

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// fileSize is the size of path, or 0 when it cannot be read (the import will say why).
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
