package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// Files is a folder as an organizer has it; the rows are invented. In the picker they sort as
// adresses.csv, liste.csv, notes.txt, quartiers.geojson, resultats.csv, zones.geojson.
var files = map[string]string{
	"liste.csv": `"code du l'ugle";"nom de naissance";"prénoms";"libellé de voie";"code du bureau de vote"` + "\n" +
		`"99999";"EXEMPLEAU";"Aurore";"Rue des Exemples";"0002"` + "\n",
	"adresses.csv":      "id;numero;nom_voie;code_postal;lon;lat\n99999_0001_00001;1;Rue des Exemples;99999;2.39;48.87\n",
	"resultats.csv":     "id_bv;num_bureau;nb_inscr;nb_votant\n20-1;1;1415;896\n",
	"quartiers.geojson": `{"type":"FeatureCollection","features":[]}`,
	"zones.geojson":     `{"type":"FeatureCollection","features":[]}`,
	"notes.txt":         "not for import\n",
}

// fake is an importer the test steers: it records the request, reports each progress the test
// sends, and ends with outcome, or with the context's error once cancelled.
type fake struct {
	reqs     chan Request
	progress chan canvass.Progress
	outcome  chan result
}

type result struct {
	rep canvass.Report
	err error
}

func newFake() *fake {
	return &fake{reqs: make(chan Request, 4), progress: make(chan canvass.Progress), outcome: make(chan result, 1)}
}

func (f *fake) run(ctx context.Context, req Request, progress canvass.ProgressFunc) (canvass.Report, error) {
	f.reqs <- req
	for {
		select {
		case p := <-f.progress:
			progress(p)
		case r := <-f.outcome:
			return r.rep, r.err
		case <-ctx.Done():
			return canvass.Report{}, ctx.Err()
		}
	}
}

// screen is an Import screen on a folder of files, with a clock the test moves.
type screen struct {
	*Model
	h     *tuitest.Harness
	fake  *fake
	clock time.Time
}

// newScreen is an Import screen in English.
func newScreen(t *testing.T) *screen {
	t.Helper()
	return newScreenIn(t, i18n.New(i18n.English))
}

// newScreenIn is an Import screen in p's language.
func newScreenIn(t *testing.T, p *i18n.Printer) *screen {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := &screen{fake: newFake(), clock: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // ends an import a failed test left running
	c := common.New(ctx, common.NewStyles(colorprofile.ASCII), p)
	c.Now = func() time.Time { return s.clock }
	s.Model = New(c, s.fake.run, dir)
	s.SetSize(80, 21)
	s.h = tuitest.ForScreen(t, s.Model)
	s.h.Run(s.Enter())
	s.h.Until("the folder", func() bool { return strings.Contains(s.view(), "liste.csv") })
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// choose picks the file at index i of the folder and waits for its confirmation form.
func (s *screen) choose(i int) {
	for range i {
		s.h.Press("down")
	}
	s.h.Press("enter")
	s.h.Until("the confirmation", func() bool { return s.step == stepConfirm })
}

func (s *screen) request(t *testing.T) Request {
	t.Helper()
	var r Request
	started := false
	s.h.Until("the import to start", func() bool {
		select {
		case r = <-s.fake.reqs:
			started = true
		default:
		}
		return started
	})
	return r
}

func TestPickDetectsTheKind(t *testing.T) {
	s := newScreen(t)
	v := s.view()
	for _, f := range []string{"adresses.csv", "liste.csv", "notes.txt", "quartiers.geojson", "resultats.csv"} {
		if !strings.Contains(v, f) {
			t.Errorf("the picker does not list %s:\n%s", f, v)
		}
	}
	s.choose(1)
	v = s.view()
	for _, want := range []string{"liste.csv", "electoral list (REU extract)", `"nom de naissance"`, "[list]"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, v)
		}
	}
	if s.Mode() != common.ModeNormal {
		t.Error("no text field has focus, yet the screen says it is typing")
	}
}

func TestPickRefusesOtherFiles(t *testing.T) {
	s := newScreen(t)
	s.h.Press("down", "down", "enter")
	s.h.Settle()
	if s.step != stepPick || !strings.Contains(s.view(), "notes.txt is not a file canvass imports") {
		t.Errorf("notes.txt was not refused:\n%s", s.view())
	}
}

func TestConfirmAreasAsksLevelAndLayer(t *testing.T) {
	s := newScreen(t)
	s.choose(3) // quartiers.geojson: the name says neighborhood
	if !strings.Contains(s.view(), "[neighborhood]") || s.focused() != fieldLevel {
		t.Fatalf("the level should be proposed and focused:\n%s", s.view())
	}
	s.h.Press("right") // street
	s.h.Press("down")  // the layer's name
	if s.Mode() != common.ModeTyping {
		t.Fatal("the layer field has focus, but q would not be text")
	}
	s.h.Press("q", "?", "x")
	s.h.Press("enter")
	r := s.request(t)
	want := Request{Path: filepath.Join(s.picker.CurrentDirectory, "quartiers.geojson"), Kind: canvass.KindAreas,
		Areas: canvass.AreaOptions{Level: "street", Layer: "q?x"}}
	if r != want {
		t.Errorf("request %+v, want %+v", r, want)
	}
}

func TestConfirmRequiresALevel(t *testing.T) {
	s := newScreen(t)
	s.choose(5) // zones.geojson: the name says no level
	s.h.Press("enter")
	if s.step != stepConfirm || !strings.Contains(s.view(), "Say at which level") {
		t.Fatalf("an import of areas without a level was started:\n%s", s.view())
	}
	s.h.Press("right", "enter")
	if r := s.request(t); r.Areas.Level != "constituency" {
		t.Errorf("level %q, want the first one chosen", r.Areas.Level)
	}
}

func TestConfirmLetsTheUserChangeTheKind(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	s.h.Press("right")
	if v := s.view(); !strings.Contains(v, "[addresses]") || !strings.Contains(v, "You chose address points (BAN)") {
		t.Errorf("the change is not shown:\n%s", v)
	}
	s.h.Press("enter")
	if r := s.request(t); r.Kind != canvass.KindAddresses {
		t.Errorf("kind %q, want addresses", r.Kind)
	}
}

func TestConfirmResultsElection(t *testing.T) {
	s := newScreen(t)
	s.choose(4)
	s.h.Press("tab", "E", "u", "r", "o", "enter")
	if r := s.request(t); r.Kind != canvass.KindResults || r.Results.Election != "Euro" {
		t.Errorf("request %+v, want results labelled Euro", r)
	}
}

func TestEscGoesBackToThePicker(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	if handled, _ := s.Back(); !handled || s.step != stepPick {
		t.Fatal("esc on the confirmation should go back to the picker")
	}
	if handled, _ := s.Back(); handled {
		t.Fatal("esc on the picker should leave the screen")
	}
	s = newScreen(t)
	s.choose(4)
	s.h.Press("tab", "esc") // typing in the election field: esc comes as a key
	if s.step != stepPick {
		t.Error("esc while typing should go back to the picker")
	}
}

func TestImportStreamsProgressThenCancels(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	s.h.Press("enter")
	s.request(t)
	if s.Mode() != common.ModeBusy {
		t.Fatal("a running import must keep every key")
	}
	for i, p := range []canvass.Progress{{Rows: 1000, Bytes: 100, Total: 400}, {Rows: 3000, Bytes: 300, Total: 400}} {
		s.clock = s.clock.Add(time.Second)
		s.fake.progress <- p
		s.h.Until(fmt.Sprintf("progress %d", i), func() bool { return s.prog == p })
	}
	v := s.view()
	for _, want := range []string{"Importing liste.csv as electoral list", "75%", "3000 rows read", "1500 rows/s", "300 B of 400 B", "2s"} {
		if !strings.Contains(v, want) {
			t.Errorf("progress lacks %q:\n%s", want, v)
		}
	}
	s.h.Press("q")
	if s.step != stepRunning || !strings.Contains(s.view(), "esc cancels it") {
		t.Fatalf("q during an import should only explain how to cancel:\n%s", s.view())
	}
	s.h.Press("esc")
	if !strings.Contains(s.view(), "Cancelling") {
		t.Errorf("cancel not acknowledged:\n%s", s.view())
	}
	s.h.Until("the end of the import", func() bool { return s.step == stepDone })
	if v := s.view(); !strings.Contains(v, "Cancelled, nothing changed: liste.csv") {
		t.Errorf("outcome:\n%s", v)
	}
	if s.Mode() != common.ModeNormal {
		t.Error("after the import, the global keys should work again")
	}
}

func TestImportCancelWithCtrlC(t *testing.T) {
	s := newScreen(t)
	s.choose(0)
	s.h.Press("enter")
	s.request(t)
	s.h.Press("ctrl+c")
	s.h.Until("the end of the import", func() bool { return s.step == stepDone })
	if !s.cancelled {
		t.Error("ctrl+c during an import should cancel it")
	}
}

// TestImportReportInFrench checks the report in French: words, numbers grouped, the field named
// in guillemets.
func TestImportReportInFrench(t *testing.T) {
	s := newScreenIn(t, i18n.New(i18n.French))
	s.choose(1)
	tuitest.WantText(t, s.view(), "liste électorale (extrait du REU)", "[liste]", "Contenu")
	s.h.Press("enter")
	s.request(t)
	rep := canvass.Report{File: "liste.csv", Kind: "list", Read: 1060, Imported: 1010, Rejected: 50, Unlisted: 7}
	for i := range 50 {
		rep.Errors = append(rep.Errors, canvass.RowError{Line: i + 2, Field: "date de naissance", Reason: "expected dd/mm/yyyy"})
	}
	s.fake.outcome <- result{rep: rep}
	s.h.Until("the report", func() bool { return s.step == stepDone })
	tuitest.WantText(t, s.view(), "✓ Importé\u00a0: liste.csv", "Liste\u00a0: lues 1\u202f060 · importées 1\u202f010 · rejetées 50",
		"Rejets (50 listées)", "50 × champ «\u00a0date de naissance\u00a0»\u00a0: expected dd/mm/yyyy")
}

func TestImportReport(t *testing.T) {
	s := newScreen(t)
	s.SetSize(80, 12)
	s.choose(1)
	s.h.Press("enter")
	s.request(t)
	rep := canvass.Report{File: "liste.csv", Kind: "list", Read: 60, Imported: 10, Rejected: 50, Unlisted: 7,
		Warnings: []canvass.RowError{{Line: 0, Reason: "read as Windows-1252"}}}
	for i := range 50 {
		rep.Errors = append(rep.Errors, canvass.RowError{Line: i + 2, Field: "date de naissance", Reason: "expected dd/mm/yyyy"})
	}
	s.fake.outcome <- result{rep: rep}
	s.h.Until("the report", func() bool { return s.step == stepDone })
	v := s.view()
	for _, want := range []string{"✓ Imported: liste.csv", "read 60 · imported 10 · rejected 50", "Warnings (1 listed)", "Rejected (50 listed)",
		"file: read as Windows-1252", `50 × field "date de naissance": expected dd/mm/yyyy`, "lines 1–"} {
		if !strings.Contains(v, want) {
			t.Errorf("report lacks %q:\n%s", want, v)
		}
	}
	s.h.Press("pgdown")
	if s.report.YOffset() == 0 {
		t.Error("pgdown did not scroll the report")
	}
	if v := s.view(); !strings.Contains(v, `line 2, field "date de naissance": expected dd/mm/yyyy`) {
		t.Errorf("the rows rejected should follow their summary:\n%s", v)
	}
	s.h.Press("G") // bubbles viewport has no G: nothing moves, nothing breaks
	for range 20 {
		s.h.Press("pgdown")
	}
	if v := s.view(); !strings.Contains(v, "… and 7 more not listed") {
		t.Errorf("the end of the report lacks the unlisted count:\n%s", v)
	}
	s.h.Press("enter")
	if s.step != stepPick {
		t.Error("enter on the report should offer another file")
	}
}

func TestImportFailure(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	s.h.Press("enter")
	s.request(t)
	s.fake.outcome <- result{err: errors.New(`liste.csv: line 1: no column "nom de naissance"`)}
	s.h.Until("the outcome", func() bool { return s.step == stepDone })
	if v := s.view(); !strings.Contains(v, "✗ Failed, nothing changed: liste.csv") || !strings.Contains(v, `no column "nom de naissance"`) {
		t.Errorf("failure not shown:\n%s", v)
	}
}

// TestImportReplaceNeedsConfirmation: a list that would leave a commune with less than half of
// its voters is refused with the counts; r runs it again, allowed (issue 10, finding 9).
func TestImportReplaceNeedsConfirmation(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	s.h.Press("r") // on the confirmation form, r is no answer to anything
	s.h.Press("enter")
	if first := s.request(t); first.Replace {
		t.Fatal("the first run was allowed to replace before anyone confirmed")
	}
	s.fake.outcome <- result{err: &canvass.ReplaceError{File: "liste.csv", What: "voters",
		Communes: []canvass.Shrink{{Commune: "99999", Had: 7, Kept: 1}}}}
	s.h.Until("the outcome", func() bool { return s.step == stepDone })
	v := s.view()
	for _, want := range []string{"Failed, nothing changed", "has 7 voters, the file 1: 6 would be removed", "r replaces"} {
		if !strings.Contains(v, want) {
			t.Errorf("refusal lacks %q:\n%s", want, v)
		}
	}
	s.h.Press("r")
	second := s.request(t)
	if !second.Replace || second.Path != s.req.Path || second.Kind != canvass.KindList {
		t.Fatalf("r ran %+v, want the same list, allowed to replace", second)
	}
	s.fake.outcome <- result{rep: canvass.Report{File: "liste.csv", Read: 1, Imported: 1, Replaced: 7}}
	s.h.Until("the outcome", func() bool { return s.step == stepDone })
	if v := s.view(); !strings.Contains(v, "Imported: liste.csv") {
		t.Errorf("after confirming:\n%s", v)
	}
	s.h.Press("r")
	if s.step != stepDone {
		t.Error("r after a successful import should do nothing")
	}
}

func TestEnterKeepsARunningImport(t *testing.T) {
	s := newScreen(t)
	s.choose(1)
	s.h.Press("enter")
	s.request(t)
	if cmd := s.Enter(); cmd != nil || s.step != stepRunning {
		t.Error("coming back to the screen must not reset a running import")
	}
	s.Update(doneMsg{run: s.runID - 1, err: errors.New("an older run")})
	if s.step != stepRunning {
		t.Error("the end of an older run ended this one")
	}
	s.h.Press("esc")
	s.h.Until("the end", func() bool { return s.step == stepDone })
	if s.Enter() == nil || s.step != stepPick {
		t.Error("coming back after an import should offer a new file")
	}
}

func TestEveryStepFitsEverySize(t *testing.T) {
	s := newScreen(t)
	check := func(step string) {
		for w := 1; w <= 90; w += 11 {
			for h := 1; h <= 26; h += 5 {
				s.SetSize(w, h)
				tuitest.WantFits(t, step, s.view(), w, h)
			}
		}
		s.SetSize(80, 21)
	}
	check("pick")
	s.choose(3)
	check("confirm")
	s.h.Press("enter")
	s.request(t)
	s.fake.progress <- canvass.Progress{Rows: 5, Bytes: 5, Total: 10}
	s.h.Until("progress", func() bool { return s.prog.Rows == 5 })
	check("running")
	s.fake.outcome <- result{rep: canvass.Report{Read: 1, Imported: 1}}
	s.h.Until("the report", func() bool { return s.step == stepDone })
	check("done")
}
