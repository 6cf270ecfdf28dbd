package canvass_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// settings65 are the settings of newCampaign's campaign.
func testSettings() canvass.Settings {
	return canvass.Settings{Name: "Test", ElectionType: "municipales", ElectionDates: []string{"2027-06-01"},
		EndDate: "2027-07-01", Controller: "Comite Essai", Contact: "droits@example.org"}
}

func TestInitDoesNotReplaceACampaign(t *testing.T) {
	camp := newCampaign(t, nil)
	s := testSettings()
	s.Controller, s.Contact, s.EndDate = "Autre Comité", "autre@example.org", "2027-06-30"
	var usage *canvass.UsageError
	if err := camp.Init(context.Background(), s); !errors.As(err, &usage) || !strings.Contains(err.Error(), "canvass campaign set") {
		t.Fatalf("init on a campaign: %v, want a usage error pointing at canvass campaign set", err)
	}
	got, _ := camp.Settings(context.Background())
	if got.Controller != "Comite Essai" || got.EndDate != "2027-07-01" {
		t.Errorf("init replaced the campaign: %+v", got)
	}
}

func TestEndDateIsBoundedByTheLastRound(t *testing.T) {
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	camp.SetClock(func() time.Time { return time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC) })
	s := testSettings()
	s.EndDate = "2099-12-31"
	var usage *canvass.UsageError
	if err := camp.Init(context.Background(), s); !errors.As(err, &usage) || !strings.Contains(err.Error(), "2028-06-01") {
		t.Fatalf("init with an end in 2099: %v, want a usage error naming 2028-06-01", err)
	}
	s.EndDate = "2028-06-01" // one year after the last round: the latest allowed
	if err := camp.Init(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

func TestSetCampaignIsAuditedWithOldAndNewValues(t *testing.T) {
	ctx := context.Background()
	camp := newCampaign(t, nil)
	if _, err := camp.SetCampaign(ctx, canvass.CampaignChange{EndDate: "2099-12-31"}); err == nil {
		t.Fatal("an end date 72 years after the election was accepted")
	}
	got, err := camp.SetCampaign(ctx, canvass.CampaignChange{Controller: "Comité Nouveau", EndDate: "2027-09-30"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Controller != "Comité Nouveau" || got.EndDate != "2027-09-30" || got.Contact != "droits@example.org" {
		t.Errorf("settings after the change: %+v", got)
	}
	trail, _ := camp.AuditTrail(ctx)
	p, err := trail[len(trail)-1].Typed()
	if err != nil {
		t.Fatal(err)
	}
	want := audit.CampaignSet{Changes: []audit.Change{{Field: "controller", Old: "Comite Essai", New: "Comité Nouveau"},
		{Field: "end", Old: "2027-07-01", New: "2027-09-30"}}}
	if set, ok := p.(audit.CampaignSet); !ok || len(set.Changes) != 2 || set.Changes[0] != want.Changes[0] || set.Changes[1] != want.Changes[1] {
		t.Errorf("audit entry %#v, want %#v", p, want)
	}
	if _, err := camp.SetCampaign(ctx, canvass.CampaignChange{Controller: "Comité Nouveau"}); err == nil {
		t.Error("a change to the same value was accepted and would be audited as a change")
	}
	reg, err := camp.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	reg.WriteMarkdown(&md)
	for _, s := range []string{"« 2027-07-01 » remplacé par « 2027-09-30 »", "plus d'un an après le dernier tour"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("the register does not say %q", s)
		}
	}
}

// TestTodayIsAParisDay: at 23:30 UTC on 13 March it is already the 14th in Paris.
func TestTodayIsAParisDay(t *testing.T) {
	camp := newCampaign(t, nil)
	camp.SetClock(func() time.Time { return time.Date(2027, 3, 13, 23, 30, 0, 0, time.UTC) })
	if got := camp.Today(); got != "2027-03-14" {
		t.Errorf("Today() = %s, want 2027-03-14 (Paris)", got)
	}
}

func TestOppositionDateIsValidated(t *testing.T) {
	camp := newCampaign(t, nil)
	o := canvass.Opposition{Scope: canvass.ScopePerson, Reason: "STOP", RecordedOn: "13/13/2027",
		Who: canvass.Identity{BirthName: "OPPOSE", GivenNames: "Léon"}}
	var usage *canvass.UsageError
	if err := camp.RecordOpposition(context.Background(), o); !errors.As(err, &usage) {
		t.Fatalf("objection dated 13/13/2027: %v, want a usage error", err)
	}
}

func TestPlanNamesThatWouldShareFilesAreRefused(t *testing.T) {
	camp := registerCampaign(t) // has the plan "Tout Valbrune"
	ctx := context.Background()
	req := canvass.PlanRequest{Level: "constituency", Measure: turf.Doors, Target: 600, Areas: []string{demo.ConstituencyCode}}
	for _, name := range []string{"tout/valbrune", "TOUT VALBRUNE!", strings.Repeat("x", canvass.MaxPlanName+1)} {
		req.Name = name
		var usage *canvass.UsageError
		if _, err := camp.BuildPlan(ctx, req); !errors.As(err, &usage) {
			t.Errorf("plan %q: %v, want a usage error", name, err)
		}
	}
	if _, err := camp.Plan(ctx, "Tout Valbrune"); err != nil {
		t.Errorf("the first plan is gone: %v", err)
	}
}

// breakAudit makes every audit append fail, as a full disk or a broken file would.
func breakAudit(t *testing.T, camp *canvass.Campaign) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+camp.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit trail unwritable'); END"); err != nil {
		t.Fatal(err)
	}
}

// TestNoActWithoutItsAuditEntry: when the audit trail cannot be written, settings are not
// changed, street lists are not written, and a refused plan says that its refusal was not recorded.
func TestNoActWithoutItsAuditEntry(t *testing.T) {
	ctx := context.Background()
	camp := registerCampaign(t)
	breakAudit(t, camp)

	if _, err := camp.Configure(ctx, func(s *canvass.Settings) { s.WalkSpeed = 60 }); err == nil {
		t.Error("settings changed without their audit entry")
	}
	if s, _ := camp.Settings(ctx); s.WalkSpeed == 60 {
		t.Error("the settings were saved although their audit entry was not")
	}

	dir := t.TempDir()
	if _, err := camp.Export(ctx, "Tout Valbrune", canvass.ExportOptions{Dir: dir, Formats: []string{"csv"}}); err == nil {
		t.Error("export succeeded without its audit entry")
	}
	if files, _ := os.ReadDir(dir); len(files) > 0 {
		t.Errorf("street lists written without an audit entry: %v", files)
	}

	_, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "âgés", Level: "street", Rule: "age > 60", Measure: turf.Doors, Target: 100})
	var refused *canvass.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "audit") {
		t.Errorf("refused plan with the audit trail broken: %v, want the refusal and that it was not recorded", err)
	}
}

// TestOppositionExportIsPrivateAndNeutralized: the export replaces a file readable by others
// with a private one, neutralizes formulas, and imports back as it was.
func TestOppositionExportIsPrivateAndNeutralized(t *testing.T) {
	ctx := context.Background()
	camp := newCampaign(t, nil)
	o := canvass.Opposition{Scope: canvass.ScopePerson, Reason: "=HYPERLINK(\"http://x\";\"STOP\")", RecordedOn: "2027-04-01",
		Who: canvass.Identity{BirthName: "-DUPONT", GivenNames: "@Léa"}}
	if err := camp.RecordOpposition(ctx, o); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "opposition.csv")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(out, 0o644)
	if _, err := camp.ExportOpposition(ctx, out); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("the export over a 0644 file is %o, want 0600", fi.Mode().Perm())
	}
	body, _ := os.ReadFile(out)
	for _, cell := range []string{`"'=HYPERLINK(""http://x"";""STOP"")"`, ";'-DUPONT;", ";'@Léa;"} {
		if !strings.Contains(string(body), cell) {
			t.Errorf("export does not hold the neutralized cell %s:\n%s", cell, body)
		}
	}
	next := newCampaign(t, nil)
	if _, err := next.ImportOpposition(ctx, out, nil); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "again.csv")
	if _, err := next.ExportOpposition(ctx, again); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(again); !bytes.Equal(second, body) {
		t.Errorf("imported back and exported again, the objection changed:\n%s\nthen:\n%s", body, second)
	}
}

// TestRegisterMarkdownHasNoControlCharacters: a volunteer's name typed with escape sequences is
// written without them.
func TestRegisterMarkdownHasNoControlCharacters(t *testing.T) {
	ctx := context.Background()
	camp := registerCampaign(t)
	if err := camp.AssignTurf(ctx, "Tout Valbrune", 1, "\x1b]0;PWNED\a\x1b[31mÉquipe\x1b[2J\u202eSud", "2026-02-14"); err != nil {
		t.Fatal(err)
	}
	reg, err := camp.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := reg.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(md.String(), "\x1b\a\u202e") || strings.Contains(md.String(), "PWNED") {
		t.Errorf("control characters reach the Markdown register")
	}
	if !strings.Contains(md.String(), "ÉquipeSud") {
		t.Errorf("the volunteer's name is lost from the register")
	}
}
