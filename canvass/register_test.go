package canvass_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting it with -update. The audit trail dates its
// entries by the campaign's clock, pinned: the dates are the same on every run.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff. Got:\n%s", name, got)
	}
}

// pinned is the clock of the register's campaigns.
func pinned() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) }

// registerCampaign builds the demo town with fixed settings, a plan of three turfs, two of them
// assigned, and the consent and opposition files of the consent tests.
func registerCampaign(t *testing.T) *canvass.Campaign {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	camp, err := canvass.Create(filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(pinned)
	// The campaign is recorded first, so that demo.Build keeps these settings.
	err = camp.Init(ctx, canvass.Settings{Name: "Municipales Valbrune 2026", ElectionType: "municipales",
		ElectionDates: []string{"2026-03-15", "2026-03-22"}, EndDate: "2026-05-31",
		Controller: "Valbrune Demain (liste de Jeanne Essai)", Contact: "droits@valbrune-demain.example"})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Build(ctx, camp, dir, 1, nil); err != nil {
		t.Fatal(err)
	}
	plan, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "Tout Valbrune", Level: "constituency",
		Areas: []string{demo.ConstituencyCode}, Measure: turf.Doors, Target: 600})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Turfs) < 3 {
		t.Fatalf("expected at least 3 turfs, got %d", len(plan.Turfs))
	}
	for turf, who := range map[int]string{1: "Équipe Nord", 2: "Rose Martin", 3: "Équipe Nord"} {
		if err := camp.AssignTurf(ctx, plan.Name, turf, who, "2026-02-14"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := camp.Export(ctx, plan.Name, canvass.ExportOptions{Dir: t.TempDir(), Formats: []string{"csv"}, Turfs: []int{1, 2}}); err != nil {
		t.Fatal(err)
	}
	loadConsents(t, camp)
	return camp
}

func TestRegisterOfTheDemoCampaign(t *testing.T) {
	camp := registerCampaign(t)
	reg, err := camp.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var md, html bytes.Buffer
	if err := reg.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := reg.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	golden(t, "register-demo.md", md.Bytes())
	golden(t, "register-demo.html", html.Bytes())
	// What the golden must show, said once more so that -update cannot silently lose it.
	for _, want := range []string{"Rose Martin (plan « Tout Valbrune » : secteur 2)",
		"Équipe Nord (plan « Tout Valbrune » : secteurs 1, 3)", "liste-electorale-99501.csv",
		"contacts : 13 réguliers, 1 occasionnel (14 consentements", "2 oppositions de personnes, 1 adresse « ne pas frapper »", "courriel, porte-à-porte",
		"aucune opinion politique n'est enregistrée", "nationalité", "2026-05-31",
		"listes de rues exportées pour les bénévoles : 1 export, 2 fichiers"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("register lacks %q", want)
		}
	}
	if strings.Contains(md.String(), "Listes de visites nominatives") {
		t.Error("no personal list was produced, yet the register lists the activity")
	}
}

func TestRegisterListsPersonalListsAndPurge(t *testing.T) {
	camp := newCampaign(t, cast)
	loadConsents(t, camp)
	ctx := context.Background()
	d, _ := canvass.ParseDate(cast[0].born)
	people := []canvass.Person{{Line: 2, Identity: canvass.Identity{BirthName: cast[0].name, GivenNames: cast[0].given, BirthDate: d}}}
	list, err := camp.PersonalList(ctx, "visite", people, "2027-05-01", canvass.PersonalListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := camp.ExportPersonal(ctx, list, t.TempDir(), []string{"csv"}); err != nil {
		t.Fatal(err)
	}
	camp.SetClock(func() time.Time { return time.Date(2027, 7, 2, 9, 0, 0, 0, time.UTC) })
	if _, err := camp.Purge(ctx, canvass.PurgeOptions{}); err != nil {
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
	golden(t, "register-purged.md", md.Bytes())
	for _, want := range []string{"Listes de visites nominatives", "1 visite sur 1 liste produite", "purge effectuée le",
		"listes nominatives exportées : 1 export, 1 fichier",
		"électeurs inscrits sur la liste électorale importée : 0 personne"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("register lacks %q", want)
		}
	}
}
