package compliance

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

const campaignName = "Municipales Essai"

// fake is a campaign with a short register and trail; its purge follows the campaign's rules
// (refused before the end date unless forced, then the name confirmed) and counts the purges done.
type fake struct {
	mu       sync.Mutex
	daysLeft int
	broken   int64 // the entry the chain breaks at; 0: intact
	purges   int
	gate     chan struct{} // when set, a confirmed purge waits for it
}

func (f *fake) Status(context.Context) (canvass.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	left := f.daysLeft
	st := canvass.Status{DaysLeft: &left, Campaign: &canvass.Settings{Name: campaignName, EndDate: "2027-06-04"}}
	st.Voters, st.Consents, st.Plans, st.Opposition = 3799, 12, 2, 4
	if f.purges > 0 {
		st.Voters, st.Consents, st.Plans = 0, 0, 0
	}
	return st, nil
}

func (f *fake) Register(context.Context) (canvass.Register, error) {
	return canvass.Register{AsOf: "2026-11-26",
		Campaign: canvass.Settings{Name: campaignName, ElectionType: "municipales", ElectionDates: []string{"2027-03-28"},
			EndDate: "2027-06-04", Controller: "Comité Essai", Contact: "droits@example.org"},
		Activities: []canvass.Activity{{Name: "Porte-à-porte par rue", Purpose: "communication politique",
			LegalBasis: "intérêt légitime (article 6.1.f du RGPD)", Data: []string{"adresse", "bureau de vote"},
			People: []string{"électeurs inscrits"}, Recipients: []string{"bénévoles : Équipe A"},
			Retention: "jusqu'au 2027-06-04", Sources: []string{"liste-electorale.csv"}}},
		Sources: []canvass.Source{{File: "liste-electorale.csv", Kind: "liste électorale", On: "2026-11-20", Imported: 3799}}}, nil
}

func (f *fake) AuditTrail(context.Context) ([]canvass.AuditEntry, error) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	return []canvass.AuditEntry{
		{ID: 1, At: at, Operation: "init", Params: map[string]any{"campaign": campaignName}},
		{ID: 2, At: at.Add(time.Minute), Operation: "import.list", Params: map[string]any{"file": "liste-electorale.csv", "imported": 3799}},
		{ID: 3, At: at.Add(time.Hour), Operation: "export", Params: map[string]any{"plan": "est", "files": 64}},
	}, nil
}

func (f *fake) VerifyAudit(context.Context) (canvass.AuditCheck, error) {
	if f.broken > 0 {
		return data.AuditCheck{Entries: 3, BrokenAt: f.broken, Problem: "its hash does not match its content"}, nil
	}
	return data.AuditCheck{Entries: 3, Intact: true, LastHash: strings.Repeat("ab", 32)}, nil
}

func (f *fake) Purge(_ context.Context, opt canvass.PurgeOptions) (canvass.PurgeReport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rep := canvass.PurgeReport{Early: f.daysLeft >= 0}
	if rep.Early && !opt.Force {
		return rep, &canvass.RefusedError{Reason: "the campaign runs until 2027-06-04 (today is 2026-11-26): its data is purged after that date"}
	}
	if opt.Confirm != nil {
		if err := opt.Confirm(campaignName); err != nil {
			return rep, err
		}
	}
	if f.gate != nil {
		f.mu.Unlock()
		<-f.gate
		f.mu.Lock()
	}
	f.purges++
	rep.PurgeCounts = data.PurgeCounts{Voters: 3799, VoterAddresses: 3770, Contacts: 12, Consents: 12, Plans: 2, Turfs: 20, Outcomes: 5}
	rep.OppositionKept, rep.AuditEntries = 4, 4
	return rep, nil
}

func (f *fake) purged() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.purges
}

// screen is a Compliance screen on a fake campaign, at the size an 80×24 terminal leaves it.
type screen struct {
	*Model
	h    *tuitest.Harness
	fake *fake
	dir  string
}

func newScreen(t *testing.T, f *fake) *screen {
	t.Helper()
	s := &screen{fake: f, dir: t.TempDir()}
	c := common.New(context.Background(), common.NewStyles(colorprofile.ASCII), nil)
	s.Model = New(c, s.fake, s.dir)
	s.SetSize(80, 21)
	s.h = tuitest.ForScreen(t, s.Model)
	s.h.Run(s.Enter())
	s.h.Until("the campaign read", func() bool { return !s.loading })
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// askPurge opens the retention tab and asks to purge, forced or not, until the campaign answers.
func (s *screen) askPurge(t *testing.T, keys ...string) {
	t.Helper()
	s.h.Press("3")
	s.h.Press(keys...)
	s.h.Until("the campaign's answer", func() bool { return !s.busy() })
}

func TestRegisterShownAndWritten(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190})
	tuitest.WantText(t, s.view(), "[1 Register]", "REGISTRE DES ACTIVITÉS DE TRAITEMENT", "Responsable de traitement : Comité Essai",
		"1. PORTE-À-PORTE PAR RUE", "• intérêt légitime")
	s.h.Press("pgdown", "pgdown")
	tuitest.WantText(t, s.view(), "liste-electorale.csv — liste électorale, importé le 2026-11-20, 3,799 lignes")
	for _, k := range []string{"m", "w"} {
		s.h.Press(k)
		s.h.Until("the file written", func() bool { return s.notice != "" })
		s.notice = ""
	}
	for _, name := range []string{"registre-2026-11-26.md", "registre-2026-11-26.html"} {
		path := filepath.Join(s.dir, name)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v: it names volunteers, so it should be 0600", name, st.Mode().Perm())
		}
		body, _ := os.ReadFile(path)
		if !strings.Contains(string(body), "Porte-à-porte par rue") {
			t.Errorf("%s lacks the activity:\n%s", name, body)
		}
	}
}

func TestAuditIntact(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190})
	s.h.Press("2")
	tuitest.WantText(t, s.view(), "[2 Audit trail]", "✓ Chain intact: 3 entries", "Last hash "+strings.Repeat("ab", 32),
		"   1  2026-11-20 09:30:00  init", `import.list        {"file":"liste-electorale.csv",`)
	s.h.Press("right", "right", "right", "right", "right") // the parameters cut at the edge, read sideways
	tuitest.WantText(t, s.view(), `"imported":3799}`)
	if strings.Contains(s.view(), "✗") {
		t.Error("an intact chain shows a broken sign")
	}
}

func TestAuditBroken(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190, broken: 2})
	s.h.Press("tab")
	tuitest.WantText(t, s.view(), "✗ Chain BROKEN at entry 2: its hash does not match its content", "entries from 2 on prove nothing",
		"✗    2  2026-11-20 09:31:00  import.list")
	if strings.Contains(s.view(), "✓ Chain intact") {
		t.Error("a broken chain reads as intact")
	}
}

func TestPurgeRefusedBeforeEndDate(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190})
	s.h.Press("3")
	tuitest.WantText(t, s.view(), "Ends on    2027-06-04 · 190 days left", "A purge deletes, for good:", "the voters and their address matches",
		"It keeps:", "the opposition list", "the audit trail")
	s.askPurge(t, "p")
	tuitest.WantText(t, s.view(), "✗ Refused: the campaign runs until 2027-06-04 (today is 2026-11-26)", "f purges anyway")
	if s.purge != purgeRefused || s.fake.purged() != 0 {
		t.Fatalf("purge step %v, purges %d: the refusal should stop it", s.purge, s.fake.purged())
	}
	if handled, _ := s.Back(); !handled || s.purge != purgeIdle {
		t.Error("esc after a refusal should go back to the explanation")
	}
}

func TestPurgeNameMismatchRefused(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190})
	s.askPurge(t, "p")
	s.h.Press("f")
	s.h.Until("the campaign's answer", func() bool { return !s.busy() })
	if s.purge != purgeConfirm || s.Mode() != common.ModeTyping {
		t.Fatalf("a forced purge should ask for the name, step %v mode %v", s.purge, s.Mode())
	}
	tuitest.WantText(t, s.view(), "Type the campaign's name (Municipales Essai) to confirm", "! Before the campaign's end date.")
	s.h.Type("Municipales")
	s.h.Press("enter")
	s.h.Until("the purge's answer", func() bool { return !s.busy() })
	tuitest.WantText(t, s.view(), "✗ Not purged: the name typed is not the campaign's: nothing was deleted.")
	if s.fake.purged() != 0 || s.purge != purgeIdle {
		t.Errorf("purges %d, step %v after a wrong name", s.fake.purged(), s.purge)
	}
}

func TestPurgeCancelled(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: -3})
	s.askPurge(t, "p")
	s.h.Type("q?") // text while typing, not the root's keys
	if s.typed.Value() != "q?" {
		t.Errorf("typed %q", s.typed.Value())
	}
	s.h.Press("esc")
	tuitest.WantText(t, s.view(), "Not purged: nothing was deleted.")
	if s.fake.purged() != 0 || s.Mode() != common.ModeNormal {
		t.Error("esc should cancel the confirmation without purging")
	}
}

func TestPurgeConfirmedShowsReport(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: -3})
	s.h.Press("3")
	tuitest.WantText(t, s.view(), "! ended 3 days ago: its data must be purged now")
	s.askPurge(t, "p")
	if s.purge != purgeConfirm {
		t.Fatalf("after the end date the purge should ask for the name at once, step %v, %q", s.purge, s.view())
	}
	s.h.Type(" " + campaignName + " ")
	s.h.Press("enter")
	s.h.Until("the report", func() bool { return s.purge == purgeDone && !s.loading })
	if s.fake.purged() != 1 {
		t.Fatalf("%d purges, want 1", s.fake.purged())
	}
	tuitest.WantText(t, s.view(), "✓ Purged.", "Deleted: 3,799 voters (with 3,770 address matches), 12 contacts with 12",
		"consents, 2 plans (20 turfs, 5 street outcomes)", "Kept: the opposition list (4 objections", "(4 entries, this purge included)", "compacted",
		"Holds      0 voters · 0 consents · 0 plans") // read again after the purge
}

func TestBusyWhilePurging(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: -3, gate: make(chan struct{})})
	s.askPurge(t, "p")
	s.h.Type(campaignName)
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "Purging and compacting the file…")
	if s.Mode() != common.ModeBusy {
		t.Errorf("mode %v while purging: q would quit in the middle", s.Mode())
	}
	s.h.Press("q", "1")
	tuitest.WantText(t, s.view(), "a moment, then q quits", "[3 Retention & purge]")
	close(s.fake.gate)
	s.h.Until("the report", func() bool { return s.purge == purgeDone })
}

func TestSmallSizes(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 190, broken: 2})
	for _, k := range []string{"1", "2", "3"} {
		s.h.Press(k)
		for _, size := range [][2]int{{20, 10}, {20, 7}, {1, 1}, {0, 0}} {
			s.SetSize(size[0], size[1])
			tuitest.WantFits(t, "tab "+k, common.Fit(s.View(), size[0], size[1]), size[0], size[1])
		}
	}
}

func TestReadError(t *testing.T) {
	s := newScreen(t, &fake{daysLeft: 1})
	s.loaded(loadedMsg{n: s.reads, err: errors.New("database is locked")})
	tuitest.WantText(t, s.view(), "✗ Cannot read the campaign: database is locked")
}

// TestGolden renders each tab, a broken chain, a refusal, the confirmation and a purge report at
// 80×24 and 160×48 (the screen's share of them: the root takes a title bar, a blank line and the
// key help).
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		fake  *fake
		drive func(t *testing.T, s *screen)
	}{
		{"register", &fake{daysLeft: 190}, func(*testing.T, *screen) {}},
		{"audit-intact", &fake{daysLeft: 190}, func(t *testing.T, s *screen) { s.h.Press("2") }},
		{"audit-broken", &fake{daysLeft: 190, broken: 2}, func(t *testing.T, s *screen) { s.h.Press("2") }},
		{"retention", &fake{daysLeft: 190}, func(t *testing.T, s *screen) { s.h.Press("3") }},
		{"purge-refused", &fake{daysLeft: 190}, func(t *testing.T, s *screen) { s.askPurge(t, "p") }},
		{"purge-confirm", &fake{daysLeft: -3}, func(t *testing.T, s *screen) {
			s.askPurge(t, "p")
			s.h.Type("Municipales")
		}},
		{"purge-report", &fake{daysLeft: -3}, func(t *testing.T, s *screen) {
			s.askPurge(t, "p")
			s.h.Type(campaignName)
			s.h.Press("enter")
			s.h.Until("the report", func() bool { return s.purge == purgeDone && !s.loading })
		}},
	}
	for _, c := range cases {
		s := newScreen(t, c.fake)
		c.drive(t, s)
		tuitest.GoldenScreen(t, c.name, s)
	}
}
