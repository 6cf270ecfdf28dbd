package exporter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// fake is a campaign with two stored plans; it records the exports asked for and answers them
// with the file names the campaign would write, or with fail.
type fake struct {
	mu      sync.Mutex
	fail    error
	exports []exportCall
	gate    chan struct{} // when set, each export waits for it
}

type exportCall struct {
	plan string
	opt  canvass.ExportOptions
}

var plans = []canvass.PlanSummary{
	{Name: "est", Level: "neighborhood", Rule: "all", Turfs: 3, Doors: 312, Voters: 702, Minutes: 420, CreatedAt: "2026-11-26T10:02:41Z"},
	{Name: "centre", Level: "street", Rule: "abstention>0.3", Turfs: 1, Doors: 90, Voters: 180, Minutes: 95, CreatedAt: "2026-11-20T18:40:00+01:00"},
}

func (f *fake) Plans(context.Context) ([]canvass.PlanSummary, error) { return plans, nil }

func (f *fake) Plan(_ context.Context, name string) (canvass.Plan, error) {
	if name != "est" {
		return canvass.Plan{Name: name, Level: "street", Turfs: []canvass.Turf{{ID: 1, Area: "Rue des Essais", Doors: 90, Voters: 180, Minutes: 95}}}, nil
	}
	return canvass.Plan{Name: "est", Level: "neighborhood", Turfs: []canvass.Turf{
		{ID: 1, Area: "Quartier Est", Doors: 101, Voters: 202, Minutes: 130, Volunteer: "Équipe A", Date: "2026-12-05"},
		{ID: 2, Area: "Quartier Est", Doors: 111, Voters: 322, Minutes: 150},
		{ID: 3, Area: "Les Hauts-de-Valbrune-sur-Essai", Doors: 100, Voters: 178, Minutes: 140},
	}}, nil
}

func (f *fake) Export(_ context.Context, plan string, opt canvass.ExportOptions) ([]string, error) {
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.exports = append(f.exports, exportCall{plan, opt})
	if f.fail != nil {
		return nil, f.fail
	}
	turfs := opt.Turfs
	if len(turfs) == 0 {
		turfs = []int{1, 2, 3}
	}
	var paths []string
	for _, t := range turfs {
		for _, fm := range opt.Formats {
			paths = append(paths, filepath.Join(opt.Dir, fmt.Sprintf("%s-turf-%02d.%s", plan, t, fm)))
		}
	}
	return paths, nil
}

func (f *fake) Notice(context.Context, canvass.NoticeOptions) (canvass.Notice, error) {
	return canvass.Notice{Lang: "fr", Title: "Information sur vos données personnelles",
		Parts: []export.NoticePart{{Heading: "Responsable du traitement", Body: "Comité Essai."}}}, nil
}

func (f *fake) calls() []exportCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.exports)
}

// screen is an Export screen on a fake campaign, at the size an 80×24 terminal leaves it.
type screen struct {
	*Model
	h    *tuitest.Harness
	fake *fake
}

func newScreen(t *testing.T) *screen {
	t.Helper()
	s := &screen{fake: &fake{}}
	c := common.New(context.Background(), common.NewStyles(colorprofile.ASCII), nil)
	s.Model = New(c, s.fake)
	s.SetSize(80, 21)
	s.h = tuitest.ForScreen(t, s.Model)
	s.h.Run(s.Enter())
	s.h.Until("the plans", func() bool { return !s.loading })
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// choosePlan opens the options of the plan under the cursor.
func (s *screen) choosePlan(t *testing.T) {
	t.Helper()
	s.h.Press("enter")
	s.h.Until("the options", func() bool { return s.step == stepOptions })
}

// typeFolder replaces the folder with dir.
func (s *screen) typeFolder(dir string) {
	s.focusOn(secFolder)
	s.folder.SetValue("")
	s.h.Type(dir)
}

// writeAll writes and waits for the outcome.
func (s *screen) writeAll(t *testing.T) {
	t.Helper()
	s.h.Press("enter")
	s.h.Until("the outcome", func() bool { return s.step != stepWriting })
}

func TestPlansListed(t *testing.T) {
	s := newScreen(t)
	tuitest.WantText(t, s.view(), "› est", "centre", "312", "2026-11-20 17:40")
	s.h.Press("down")
	s.choosePlan(t)
	tuitest.WantText(t, s.view(), "Plan centre · street · 1 turf", "1 of 1 chosen (all)", filepath.Join("exports", "centre"))
}

func TestExportEverything(t *testing.T) {
	s := newScreen(t)
	s.choosePlan(t)
	tuitest.WantText(t, s.view(), "3 of 3 chosen (all)", "[x] csv", "[x] geojson", "Équipe A 2026-12-05", "The information notice is included in every file")
	dir := t.TempDir()
	s.typeFolder(dir)
	if s.Mode() != common.ModeTyping {
		t.Fatal("the folder has focus, yet q would quit")
	}
	s.writeAll(t)
	calls := s.fake.calls()
	if len(calls) != 1 {
		t.Fatalf("%d exports asked for, want 1", len(calls))
	}
	got := calls[0]
	if got.plan != "est" || got.opt.Dir != dir || got.opt.Turfs != nil ||
		!slices.Equal(got.opt.Formats, []string{"csv", "html", "gpx", "geojson"}) {
		t.Errorf("export %+v, want plan est, every turf (none named), every format, into %s", got, dir)
	}
	if s.step != stepDone {
		t.Fatalf("step %v after a write that went well, want the files written; notice %q", s.step, s.notice)
	}
	tuitest.WantText(t, s.view(), "✓ Wrote 12 files into "+dir, includedNotice, "est-turf-01.csv", "est-turf-03.geojson")
	if s.Mode() != common.ModeNormal {
		t.Error("the files written have no text field, yet q would be text")
	}
	if handled, _ := s.Back(); !handled || s.step != stepOptions {
		t.Error("esc after the files should go back to the options")
	}
	s.h.Type("/b") // the folder had focus: it has it again, and takes the keys
	if got := s.folder.Value(); got != dir+"/b" {
		t.Errorf("folder %q after typing on return, want %q", got, dir+"/b")
	}
}

func TestBusyWhileWriting(t *testing.T) {
	s := newScreen(t)
	s.fake.gate = make(chan struct{})
	s.choosePlan(t)
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "Writing 12 files into ./exports/est…", includedNotice)
	if s.Mode() != common.ModeBusy {
		t.Errorf("mode %v while writing: q or esc would leave files half written", s.Mode())
	}
	s.h.Press("q")
	tuitest.WantText(t, s.view(), "a moment, then q quits")
	close(s.fake.gate)
	s.h.Until("the files written", func() bool { return s.step == stepDone })
	if s.Mode() != common.ModeNormal {
		t.Error("still busy once the files are written")
	}
}

func TestTogglesChooseTurfsAndFormats(t *testing.T) {
	s := newScreen(t)
	s.choosePlan(t)
	s.h.Press("down", "space") // leave out turf 2
	tuitest.WantText(t, s.view(), "2 of 3 chosen", "[ ]   2")
	s.h.Press("tab", "space", "right", "right", "space") // leave out csv and gpx
	tuitest.WantText(t, s.view(), "[ ] csv", "[x] html", "[ ] gpx")
	s.typeFolder(t.TempDir())
	s.writeAll(t)
	got := s.fake.calls()[0].opt
	if !slices.Equal(got.Turfs, []int{1, 3}) || !slices.Equal(got.Formats, []string{"html", "geojson"}) {
		t.Errorf("export of turfs %v in %v, want turfs [1 3] in [html geojson]", got.Turfs, got.Formats)
	}
	tuitest.WantText(t, s.view(), "✓ Wrote 4 files", "est-turf-03.geojson")
}

func TestNothingChosenIsRefusedHere(t *testing.T) {
	s := newScreen(t)
	s.choosePlan(t)
	s.h.Press("a") // all chosen: a leaves them all out
	tuitest.WantText(t, s.view(), "0 of 3 chosen")
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "✗ Choose at least one turf")
	s.h.Press("a", "tab")
	for range 4 {
		s.h.Press("space", "right")
	}
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "✗ Choose at least one format")
	if n := len(s.fake.calls()); n != 0 {
		t.Errorf("%d exports asked for with nothing to write", n)
	}
}

func TestExportErrorShown(t *testing.T) {
	s := newScreen(t)
	s.fake.fail = errors.New("output directory /nope: permission denied")
	s.choosePlan(t)
	s.writeAll(t)
	if s.step != stepOptions {
		t.Fatalf("step %v after a failed write, want the options to fix them", s.step)
	}
	tuitest.WantText(t, s.view(), "✗ Nothing written: output directory /nope: permission denied")
	s.fake.fail = canvass.Usage("usage.text", "Text", `--turfs 9: plan "est" has turfs 1 to 3`)
	s.writeAll(t)
	tuitest.WantText(t, s.view(), `✗ --turfs 9: plan "est" has turfs 1 to 3`)
}

func TestNoticeLeaflet(t *testing.T) {
	s := newScreen(t)
	s.choosePlan(t)
	dir := filepath.Join(t.TempDir(), "tracts")
	s.typeFolder(dir)
	s.h.Press("esc") // stop typing: n is then a key, not a letter of the folder
	if s.Mode() != common.ModeNormal || s.focus != secTurfs {
		t.Fatalf("esc while typing should leave the folder, mode %v focus %v", s.Mode(), s.focus)
	}
	s.h.Press("n")
	s.h.Until("the leaflet", func() bool { return s.step == stepDone })
	tuitest.WantText(t, s.view(), "✓ Wrote the information notice as a leaflet into "+dir, leafletName)
	body, err := os.ReadFile(filepath.Join(dir, leafletName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "Information sur vos données personnelles") || !strings.Contains(string(body), "Comité Essai.") {
		t.Errorf("the leaflet lacks the notice:\n%s", body)
	}
	if len(s.fake.calls()) != 0 {
		t.Error("the leaflet asked for street lists too")
	}
}

func TestNoPlanYet(t *testing.T) {
	s := &screen{Model: New(common.New(context.Background(), common.NewStyles(colorprofile.ASCII), nil), &emptyCampaign{})}
	s.SetSize(80, 21)
	s.loaded(plansMsg{})
	tuitest.WantText(t, s.view(), "No plan stored yet")
	s.Update(tuitest.Key("enter"))
	if s.step != stepPlans || s.doing != "" {
		t.Error("enter with no plan should do nothing")
	}
}

type emptyCampaign struct{ fake }

// Plans finds none.

func (*emptyCampaign) Plans(context.Context) ([]canvass.PlanSummary, error) { return nil, nil }

func TestSmallSizes(t *testing.T) {
	s := newScreen(t)
	s.choosePlan(t)
	for _, size := range [][2]int{{20, 10}, {20, 7}, {1, 1}, {0, 0}} {
		s.SetSize(size[0], size[1])
		tuitest.WantFits(t, "the options", common.Fit(s.View(), size[0], size[1]), size[0], size[1])
	}
	s.SetSize(20, 10)
	s.typeFolder(t.TempDir())
	s.writeAll(t)
	_ = s.View()
}

// TestGolden renders the plans, the options and the files written at 80×24 and 160×48 (the
// screen's share of them: the root takes a title bar, a blank line and the key help).
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		drive func(t *testing.T, s *screen)
	}{
		{"plans", func(*testing.T, *screen) {}},
		{"options", func(t *testing.T, s *screen) {
			s.choosePlan(t)
			s.h.Press("down", "space", "tab", "right")
		}},
		{"written", func(t *testing.T, s *screen) {
			s.choosePlan(t)
			s.typeFolder("/srv/campagne/exports/est")
			s.writeAll(t)
		}},
		{"error", func(t *testing.T, s *screen) {
			s.fake.fail = errors.New("output directory /srv/campagne/exports/est: permission denied")
			s.choosePlan(t)
			s.writeAll(t)
		}},
	}
	for _, c := range cases {
		s := newScreen(t)
		c.drive(t, s)
		tuitest.GoldenScreen(t, c.name, s)
	}
}
