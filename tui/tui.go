// Package tui is the terminal interface: bubbletea screens over the canvass domain. It never
// touches storage directly.
//
// The root model here holds one screen per ID (the dashboard and those listed in screens.go),
// handles the global keys, sends each message to the active screen only (a resize to all of
// them, a tagged message to the screen it belongs to), and draws the title bar and key help.
package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/compliance"
	"github.com/campagne-fr/porteaporte/tui/consent"
	"github.com/campagne-fr/porteaporte/tui/dashboard"
	"github.com/campagne-fr/porteaporte/tui/exporter"
	"github.com/campagne-fr/porteaporte/tui/importer"
	"github.com/campagne-fr/porteaporte/tui/mapscreen"
	"github.com/campagne-fr/porteaporte/tui/planner"
)

// Run opens the interface on the campaign until the user quits, speaking p's language. Colours
// follow the terminal and NO_COLOR; the file picker starts in the current directory.
func Run(ctx context.Context, camp *canvass.Campaign, in io.Reader, out io.Writer, p *i18n.Printer) error {
	profile := colorprofile.Detect(out, os.Environ())
	m := New(ctx, camp, Options{Profile: profile, Live: true, Printer: p})
	_, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out),
		tea.WithColorProfile(profile)).Run()
	return err
}

// Options tune the interface. Zero fields take the defaults Run uses.
type Options struct {
	Profile colorprofile.Profile // the terminal's colours; at ASCII and below (NO_COLOR) none are used
	Printer *i18n.Printer        // the language of every string on screen; default: English
	Dir     string               // where the file picker starts; default: the current directory
	Now     func() time.Time     // the clock for durations and rates; default: time.Now
	Status  dashboard.StatusFunc // how the dashboard reads the campaign; default: its Status
	Import  importer.RunFunc     // how imports run; default: on the campaign
	Audit   dashboard.AuditFunc  // how the dashboard verifies the audit trail; default: its VerifyAudit
	// Confine keeps the files the user names inside Dir (exports): for a team member over SSH,
	// on a machine where they have no account.
	Confine bool
	// Live makes the screen shown read the campaign again whenever someone (another person over
	// SSH, another program) changes the file: assignments, outcomes, plans show without a restart.
	Live bool
}

// deps are what screens are built from.
type deps struct {
	dir        string
	importer   importer.RunFunc
	consent    consent.Domain
	areas      areas.Source
	maps       mapscreen.Source
	picker     mapscreen.Picker
	planner    planner.Campaign
	exporter   exporter.Domain
	compliance compliance.Domain
	may        func(policy.Action) bool // what the member's role allows (canvass.Campaign.May)
}

// Model is the root model.
type Model struct {
	common  common.Common
	path    string
	width   int
	height  int
	screens map[common.ScreenID]common.Screen
	active  common.ScreenID
	history []common.ScreenID                   // the screens esc goes back to
	changes <-chan struct{}                     // the campaign file's changes, when Live
	viewed  func(context.Context, string) error // records a screen opened (canvass.Campaign.Viewed)
	help    help.Model
	footer  int    // the key help's height when the screens were last sized
	deps    deps   // what screens are built from, to rebuild one after a panic
	failure string // a recovered panic, shown under the title until the next key
}

// New builds the root model on camp, opening on the dashboard.
func New(ctx context.Context, camp *canvass.Campaign, opt Options) Model {
	c := common.New(ctx, common.NewStyles(opt.Profile), opt.Printer)
	if opt.Now != nil {
		c.Now = opt.Now
	}
	d := deps{dir: opt.Dir, importer: opt.Import, consent: camp, areas: camp, maps: camp, picker: camp, planner: camp,
		exporter: camp, compliance: camp, may: camp.May}
	if d.dir == "" {
		d.dir, _ = os.Getwd()
	}
	if opt.Confine {
		d.exporter = confined{Domain: camp, dir: d.dir}
	}
	if d.importer == nil {
		d.importer = importer.CampaignRunner(camp)
	}
	status := opt.Status
	if status == nil {
		status = camp.Status
	}
	m := Model{common: c, path: common.ShortPath(camp.Path()), screens: map[common.ScreenID]common.Screen{},
		active: dashboard.ID, deps: d, viewed: camp.Viewed}
	if who := camp.Member(); who.Name != "" {
		m.path = fmt.Sprintf("%s (%s) · %s", who.Name, who.Role, m.path)
	}
	if opt.Live {
		m.changes = camp.Watch(ctx)
	}
	var menu []dashboard.MenuItem
	for _, e := range entries(c.P) {
		if !d.may(e.needs) {
			continue // a screen the member's role has no use of is not offered
		}
		menu = append(menu, e.MenuItem)
		m.screens[e.To] = e.build(c, d)
	}
	audit := opt.Audit
	if audit == nil {
		audit = camp.VerifyAudit
	}
	if !d.may(policy.ReadAudit) {
		audit = nil
	}
	if d.may(policy.ReadStatus) {
		m.screens[dashboard.ID] = dashboard.New(c, m.path, status, audit, menu)
	} else if len(menu) > 0 {
		m.active = menu[0].To // a volunteer reads no campaign status: they start on their plans
	}
	m.help = help.New()
	m.help.Styles = c.Styles.Help
	return m
}

// Init reads the campaign for the dashboard, and starts watching the file when Live.
func (m Model) Init() tea.Cmd {
	return tea.Batch(guard(m.active, m.screen().Enter()), m.watch(), m.view(m.active))
}

// screen is the active screen.
func (m *Model) screen() common.Screen { return m.screens[m.active] }

// Update handles global keys, resizes and navigation, and forwards the rest.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if lipgloss.Height(m.helpView()) != m.footer {
		m.resize() // the screen's keys changed with its step, and the full help with them
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return nil
	case common.GoMsg:
		return m.open(msg.To)
	case panicMsg:
		return m.recovered(msg)
	case tea.KeyPressMsg:
		m.failure = ""
		if handled, cmd := m.globalKey(msg); handled {
			return cmd
		}
	case common.Tagged:
		return m.forward(msg.ScreenID(), msg)
	case changedMsg:
		return tea.Batch(m.refresh(), m.watch())
	}
	return m.forward(m.active, msg)
}

// forward gives msg to screen id.
func (m *Model) forward(id common.ScreenID, msg tea.Msg) tea.Cmd {
	s, ok := m.screens[id]
	if !ok {
		return nil
	}
	s, cmd := s.Update(msg)
	m.screens[id] = s
	return guard(id, cmd)
}

// globalKey handles the keys every screen shares, as far as the screen's mode lets it.
func (m *Model) globalKey(k tea.KeyPressMsg) (bool, tea.Cmd) {
	keys := m.common.Keys
	switch m.screen().Mode() {
	case common.ModeBusy:
		return false, nil
	case common.ModeTyping:
		if key.Matches(k, keys.Interrupt) {
			return true, tea.Quit
		}
		return false, nil
	}
	switch {
	case key.Matches(k, keys.Quit):
		return true, tea.Quit
	case key.Matches(k, keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.resize()
		return true, nil
	case key.Matches(k, keys.Back):
		if handled, cmd := m.screen().Back(); handled {
			return true, cmd
		}
		return true, m.back()
	}
	return false, nil
}

// open makes screen id the active one.
func (m *Model) open(id common.ScreenID) tea.Cmd {
	if _, ok := m.screens[id]; !ok || id == m.active {
		return nil
	}
	m.history = append(m.history, m.active)
	m.active = id
	m.resize() // the key help, hence the room left, depends on the screen
	return tea.Batch(guard(id, m.screen().Enter()), m.view(id))
}

// back returns to the previous screen; on the dashboard there is none.
func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		return nil
	}
	m.active = m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	m.resize()
	return guard(m.active, m.screen().Enter())
}

// chrome is the lines around the screen: the title bar and the blank line under it.
const chrome = 2

// resize gives every screen the room left between the title bar and the key help.
func (m *Model) resize() {
	m.help.SetWidth(m.width)
	m.footer = lipgloss.Height(m.helpView())
	h := max(0, m.height-chrome-m.footer)
	for _, s := range m.screens {
		s.SetSize(m.width, h)
	}
}

// keys combines the active screen's keys with the global ones its mode leaves to the root.
type keys struct {
	screen common.Screen
	global []key.Binding
}

func (k keys) ShortHelp() []key.Binding  { return append(k.screen.ShortHelp(), k.global...) }
func (k keys) FullHelp() [][]key.Binding { return append(k.screen.FullHelp(), k.global) }

func (m *Model) helpView() string {
	g := m.common.Keys
	var global []key.Binding
	switch m.screen().Mode() {
	case common.ModeNormal:
		if m.active != dashboard.ID {
			global = append(global, g.Back)
		}
		global = append(global, g.Help, g.Quit)
	case common.ModeTyping:
		global = append(global, g.Interrupt)
	}
	return m.help.View(keys{m.screen(), global})
}

// View draws the title bar, the active screen and the key help, within the terminal's size.
func (m Model) View() tea.View {
	s := m.common.Styles
	title := s.App.Render("canvass") + " · " + s.Screen.Render(m.screen().Title())
	if room := m.width - ansi.StringWidth(title) - 2; room > 10 {
		path := m.path
		if ansi.StringWidth(path) > room {
			path = ansi.TruncateLeft(path, ansi.StringWidth(path)-room+1, "…")
		}
		title += strings.Repeat(" ", max(0, room-ansi.StringWidth(path)+2)) + s.Subtle.Render(path)
	}
	footer := m.helpView()
	h := max(0, m.height-chrome-lipgloss.Height(footer))
	// The screen is padded to its full height so that the key help stays at the bottom.
	body := common.Fit(m.screen().View(), m.width, h)
	lines := 0
	if body != "" {
		lines = strings.Count(body, "\n") + 1
	}
	if h > 0 {
		body += strings.Repeat("\n", max(0, h-max(lines, 1)))
	}
	under := "" // the line under the title: a recovered failure, or blank
	if m.failure != "" {
		under = s.Error.Render(safetext.Clean(m.failure))
	}
	v := tea.NewView(common.Fit(title+"\n"+under+"\n"+body+"\n"+footer, m.width, m.height))
	v.AltScreen = true
	v.WindowTitle = fmt.Sprintf("canvass · %s", m.screen().Title())
	return v
}
