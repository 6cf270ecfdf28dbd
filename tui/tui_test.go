package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/dashboard"
	"github.com/campagne-fr/porteaporte/tui/importer"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// today is the date every test campaign lives on.
var today = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// The folder the file picker opens on; the rows are invented.
var files = map[string]string{
	"liste.csv": `"code du l'ugle";"nom de naissance";"prénoms";"libellé de voie";"code du bureau de vote"` + "\n" +
		`"99999";"EXEMPLEAU";"Aurore";"Rue des Exemples";"0002"` + "\n",
	"resultats.csv":     "id_bv;num_bureau;nb_inscr;nb_votant\n20-1;1;1415;896\n",
	"quartiers.geojson": `{"type":"FeatureCollection","features":[]}`,
}

// fakeImport blocks until the test gives an outcome or the import is cancelled, after reporting
// each progress the test sends.
type fakeImport struct {
	started  chan importer.Request
	progress chan canvass.Progress
	outcome  chan canvass.Report
}

func (f *fakeImport) run(ctx context.Context, req importer.Request, progress canvass.ProgressFunc) (canvass.Report, error) {
	f.started <- req
	for {
		select {
		case p := <-f.progress:
			progress(p)
		case r := <-f.outcome:
			return r, nil
		case <-ctx.Done():
			return canvass.Report{}, ctx.Err()
		}
	}
}

// root is the interface on a temporary campaign, driven like bubbletea drives it.
type root struct {
	Model
	h     *tuitest.Harness
	fake  *fakeImport
	clock time.Time
	home  string
	p     *i18n.Printer // the interface's language
}

type setup struct {
	noInit  bool                 // leave the campaign without `canvass init`
	status  dashboard.StatusFunc // replaces the campaign's status
	profile colorprofile.Profile // default ASCII: goldens compare text
	end     string               // the campaign's end date, default 2027-04-30
	run     importer.RunFunc     // replaces the fake importer
	lang    i18n.Lang            // the interface's language, default English
}

// newRoot opens a campaign in a temporary home folder (shown as ~) and the interface on it.
func newRoot(t *testing.T, s setup) *root {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	dir := filepath.Join(home, "fichiers")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	camp, err := canvass.Create(filepath.Join(home, "campagne.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return today })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if !s.noInit {
		if s.end == "" {
			s.end = "2027-04-30"
		}
		err := camp.Init(ctx, canvass.Settings{Name: "Municipales 2027 Est", ElectionType: "municipales",
			ElectionDates: []string{"2027-03-14", "2027-03-21"}, EndDate: s.end, Controller: "Comité Essai",
			Contact: "droits@example.org"})
		if err != nil {
			t.Fatal(err)
		}
	}
	if s.profile == colorprofile.Unknown {
		s.profile = colorprofile.ASCII
	}
	r := &root{home: home, clock: today, fake: &fakeImport{started: make(chan importer.Request, 1),
		progress: make(chan canvass.Progress), outcome: make(chan canvass.Report, 1)}}
	run := s.run
	if run == nil {
		run = r.fake.run
	}
	if s.lang == "" {
		s.lang = i18n.English
	}
	r.p = i18n.New(s.lang)
	r.Model = New(ctx, camp, Options{Profile: s.profile, Dir: dir, Status: s.status, Import: run,
		Now: func() time.Time { return r.clock }, Printer: r.p})
	r.h = tuitest.New(t, func(msg tea.Msg) tea.Cmd {
		next, cmd := r.Model.Update(msg)
		r.Model = next.(Model)
		return cmd
	})
	r.h.Run(r.Init())
	r.resize(80, 24)
	r.h.Until("the dashboard", func() bool { return strings.Contains(r.view(), r.p.T("tui.dashboard.alerts")) })
	return r
}

func (r *root) resize(w, h int) { r.h.Send(tea.WindowSizeMsg{Width: w, Height: h}) }

func (r *root) view() string { return tuitest.Plain(r.View().Content) }

func (r *root) waitFor(t *testing.T, text string) {
	t.Helper()
	r.h.Until(strings.TrimSpace(text), func() bool { return strings.Contains(r.view(), text) })
}

// toImport opens the Import screen and waits for its folder.
func (r *root) toImport(t *testing.T) {
	t.Helper()
	r.h.Press("i")
	r.waitFor(t, "liste.csv")
}

// startImport imports liste.csv and waits for the fake importer to be called.
func (r *root) startImport(t *testing.T) {
	t.Helper()
	r.toImport(t)
	r.h.Press("enter") // liste.csv is the first file
	r.waitFor(t, r.p.T("tui.importer.describe.list"))
	r.h.Press("enter")
	started := false
	r.h.Until("the import", func() bool {
		select {
		case <-r.fake.started:
			started = true
		default:
		}
		return started
	})
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		r := newRoot(t, setup{})
		r.h.Press(k)
		if !r.h.Quits() {
			t.Errorf("%s on the dashboard did not quit", k)
		}
	}
	r := newRoot(t, setup{})
	r.toImport(t)
	r.h.Press("q")
	if !r.h.Quits() {
		t.Error("q on the Import screen did not quit")
	}
}

func TestEscGoesBack(t *testing.T) {
	r := newRoot(t, setup{})
	r.toImport(t)
	if r.active != importer.ID || !strings.Contains(r.view(), "canvass · Import") {
		t.Fatalf("i did not open the Import screen:\n%s", r.view())
	}
	r.h.Press("enter") // confirm liste.csv
	r.waitFor(t, "[list]")
	r.h.Press("esc") // back to the picker, still on Import
	if r.active != importer.ID || strings.Contains(r.view(), "[list]") {
		t.Fatalf("esc on the confirmation should go back to the picker:\n%s", r.view())
	}
	r.h.Press("esc")
	if r.active != dashboard.ID {
		t.Fatalf("esc on the picker should go back to the dashboard:\n%s", r.view())
	}
	r.h.Press("esc")
	if r.active != dashboard.ID || r.h.Quits() {
		t.Error("esc on the dashboard should do nothing")
	}
}

func TestQIsTextWhileTyping(t *testing.T) {
	r := newRoot(t, setup{})
	r.toImport(t)
	r.h.Press("down", "down", "enter") // resultats.csv
	r.waitFor(t, "[results]")
	r.h.Press("tab", "q", "?")
	if r.h.Quits() || r.help.ShowAll {
		t.Fatal("q or ? typed in a text field were taken as keys")
	}
	if !strings.Contains(r.view(), "q?") {
		t.Errorf("the text typed is not shown:\n%s", r.view())
	}
	if !strings.Contains(r.view(), "ctrl+c quit") {
		t.Errorf("while typing, the help should say ctrl+c quits:\n%s", r.view())
	}
	r.h.Press("ctrl+c")
	if !r.h.Quits() {
		t.Error("ctrl+c while typing did not quit")
	}
}

func TestCancelDoesNotQuit(t *testing.T) {
	for _, k := range []string{"esc", "ctrl+c"} {
		r := newRoot(t, setup{})
		r.startImport(t)
		r.h.Press("q")
		if r.h.Quits() {
			t.Fatal("q quit during an import")
		}
		r.h.Press(k)
		r.waitFor(t, "Cancelled, nothing changed")
		if r.h.Quits() || r.active != importer.ID {
			t.Errorf("%s during an import should cancel it and stay", k)
		}
		r.h.Press("q")
		if !r.h.Quits() {
			t.Error("q after the cancelled import did not quit")
		}
	}
}

func TestDashboardRereadsAfterImport(t *testing.T) {
	reads := 0
	r := newRoot(t, setup{status: func(context.Context) (canvass.Status, error) {
		reads++
		var st canvass.Status
		st.Voters = reads * 1000
		return st, nil
	}})
	r.startImport(t)
	r.fake.outcome <- canvass.Report{Read: 1, Imported: 1}
	r.waitFor(t, "Imported: liste.csv")
	r.h.Press("esc")
	if r.active != dashboard.ID {
		t.Fatal("esc after the report should go to the dashboard")
	}
	r.waitFor(t, "2000")
}

func TestHelpToggles(t *testing.T) {
	r := newRoot(t, setup{})
	short := r.view()
	r.h.Press("?")
	full := r.view()
	if !r.help.ShowAll || full == short {
		t.Fatal("? did not open the full key help")
	}
	if got := strings.Count(full, "\n") + 1; got != 24 {
		t.Errorf("with the full help the view has %d lines, want 24", got)
	}
	r.h.Press("?")
	if r.help.ShowAll || r.view() != short {
		t.Error("? again did not close it")
	}
}

// probe is a screen that records what it receives.
type probe struct{ got []tea.Msg }

func (p *probe) Enter() tea.Cmd { return nil }
func (p *probe) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *probe) View() string              { return "probe" }
func (p *probe) SetSize(int, int)          {}
func (p *probe) Back() (bool, tea.Cmd)     { return false, nil }
func (p *probe) Mode() common.Mode         { return common.ModeNormal }
func (p *probe) Title() string             { return "Probe" }
func (p *probe) ShortHelp() []key.Binding  { return nil }
func (p *probe) FullHelp() [][]key.Binding { return nil }

// probeMsg belongs to the probe screen.
type probeMsg struct{}

func (probeMsg) ScreenID() common.ScreenID { return "probe" }

func TestMessagesGoToTheirScreen(t *testing.T) {
	r := newRoot(t, setup{})
	p := &probe{}
	r.screens["probe"] = p
	r.h.Send(probeMsg{}, struct{ untagged int }{1})
	if len(p.got) != 1 || p.got[0] != (probeMsg{}) {
		t.Errorf("the probe got %v, want only its own message", p.got)
	}
	r.h.Send(common.GoMsg{To: "probe"})
	r.h.Send(struct{ untagged int }{2})
	if len(p.got) != 2 {
		t.Errorf("the active probe got %v, want the untagged message too", p.got)
	}
}

func TestResizeReachesEveryScreen(t *testing.T) {
	r := newRoot(t, setup{})
	r.resize(100, 30) // on the dashboard
	r.toImport(t)
	v := r.View().Content
	lines := strings.Split(v, "\n")
	if len(lines) != 30 {
		t.Errorf("the Import screen did not take the new size: %d lines, want 30", len(lines))
	}
	if !strings.Contains(tuitest.Plain(lines[29]), "quit") {
		t.Errorf("the key help is not on the last line: %q", lines[29])
	}
}

func TestEverySizeFits(t *testing.T) {
	r := newRoot(t, setup{})
	check := func(where string) {
		for _, size := range [][2]int{{1, 1}, {2, 3}, {5, 2}, {10, 5}, {20, 10}, {33, 7}, {80, 24}, {45, 60}} {
			r.resize(size[0], size[1])
			tuitest.WantFits(t, where, r.View().Content, size[0], size[1])
		}
		r.resize(80, 24)
	}
	check("dashboard")
	r.h.Press("?")
	check("dashboard with the full help")
	r.h.Press("?")
	r.startImport(t)
	r.fake.progress <- canvass.Progress{Rows: 10, Bytes: 10, Total: 20}
	r.waitFor(t, "10 rows read")
	check("a running import")
}

func TestNoColor(t *testing.T) {
	for _, c := range []struct {
		env    []string
		colour bool
	}{
		{[]string{"TERM=xterm-256color"}, true},
		{[]string{"TERM=xterm-256color", "NO_COLOR=1"}, false},
	} {
		r := newRoot(t, setup{profile: colorprofile.Env(c.env)})
		views := []string{r.View().Content}
		r.startImport(t)
		r.fake.progress <- canvass.Progress{Rows: 10, Bytes: 10, Total: 20}
		r.waitFor(t, "10 rows read")
		views = append(views, r.View().Content)
		for i, v := range views {
			if got := tuitest.HasColour(v); got != c.colour {
				t.Errorf("%v, view %d: colour written %v, want %v:\n%q", c.env, i, got, c.colour, v)
			}
		}
	}
}

func TestMenuKeysAreUnique(t *testing.T) {
	seen := map[string]bool{"q": true, "?": true, "esc": true, "ctrl+c": true}
	for _, e := range entries(nil) {
		for _, k := range e.Key.Keys() {
			if seen[k] {
				t.Errorf("key %q of %s is taken", k, e.To)
			}
			seen[k] = true
		}
	}
}

func TestFullHelpFollowsTheStep(t *testing.T) {
	r := newRoot(t, setup{})
	r.toImport(t)
	r.h.Press("?")
	r.h.Press("down", "enter") // quartiers.geojson: the form's help has more keys than the picker's
	r.waitFor(t, "[neighborhood]")
	lines := strings.Split(r.view(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24", len(lines))
	}
	if got, want := r.footer, strings.Count(r.help.View(keys{r.screen(), nil}), "\n")+1; got < want {
		t.Errorf("screens sized for a key help of %d lines, it has %d", got, want)
	}
}
