package data

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// ops lists the operations of the audit trail, oldest first.
func ops(t *testing.T, s *Store) []audit.Op {
	t.Helper()
	trail, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Op
	for _, e := range trail {
		out = append(out, audit.Op(e.Operation))
	}
	return out
}

// testCampaign is a campaign record as the domain fills it.
var testCampaign = Settings{Name: "Essai", ElectionType: "municipales", ElectionDates: []string{"2027-03-14", "2027-03-21"},
	EndDate: "2027-04-30", Controller: "Comité Essai", Contact: "droits@example.org", MinUnitVoters: 10,
	CreatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), WalkSpeed: 75, PerDoor: 1, PerVoter: 0.5, Sides: "auto"}

func TestCampaignRecord(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.Settings(ctx); !errors.Is(err, ErrNoCampaign) {
		t.Fatalf("an empty file's campaign: %v, want ErrNoCampaign", err)
	}
	if _, err := s.UpdateSettings(ctx, func(c Settings) (Settings, audit.Params, error) { return c, audit.CampaignSet{}, nil }); !errors.Is(err, ErrNoCampaign) {
		t.Errorf("updating no campaign: %v, want ErrNoCampaign", err)
	}
	if err := s.InitCampaign(ctx, testCampaign, audit.Init{Campaign: "Essai"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil || !reflect.DeepEqual(got, testCampaign) {
		t.Fatalf("read back %+v, %v\nwant %+v", got, err, testCampaign)
	}
	other := testCampaign
	other.Controller = "Autre"
	if err := s.InitCampaign(ctx, other, audit.Init{Campaign: "Autre"}); !errors.Is(err, ErrCampaignExists) {
		t.Errorf("init again: %v, want ErrCampaignExists", err)
	}

	// A change that fails changes nothing, its audit entry included.
	refused := errors.New("refused")
	if _, err := s.UpdateSettings(ctx, func(c Settings) (Settings, audit.Params, error) {
		c.Controller = "Perdu"
		return c, audit.CampaignSet{}, refused
	}); !errors.Is(err, refused) {
		t.Errorf("a failing change: %v", err)
	}
	saved, err := s.UpdateSettings(ctx, func(c Settings) (Settings, audit.Params, error) {
		c.EndDate, c.MinUnitVoters, c.MinUnitReason = "2027-05-31", 7, "commune de 300 électeurs"
		return c, audit.CampaignSet{Changes: []audit.Change{{Field: "end", Old: "2027-04-30", New: "2027-05-31"}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.Settings(ctx)
	if !reflect.DeepEqual(got, saved) || got.EndDate != "2027-05-31" || got.Controller != "Comité Essai" || got.MinUnitReason != "commune de 300 électeurs" {
		t.Errorf("after the change: %+v (returned %+v)", got, saved)
	}
	if want := []audit.Op{audit.OpInit, audit.OpCampaignSet}; !slices.Equal(ops(t, s), want) {
		t.Errorf("audit trail %v, want %v", ops(t, s), want)
	}
}

// storedPlan is a plan of n turfs as the domain would save it.
func storedPlan(name string, n int, created time.Time) StoredPlan {
	p := StoredPlan{Name: name, Level: "street", Rule: "all", Params: json.RawMessage(`{"layer":"ban"}`), CreatedAt: created}
	for i := 1; i <= n; i++ {
		p.Turfs = append(p.Turfs, StoredTurf{Seq: i, Area: "A", Doors: 10 * i, Voters: 20 * i, Metres: 100.5 * float64(i),
			Minutes: 30, Stops: json.RawMessage(`[{"street_id":"99999_0010"}]`)})
	}
	return p
}

func TestPlansStored(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	day := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
	if err := s.SavePlan(ctx, storedPlan("est", 3, day), audit.Plan{Name: "est", Turfs: 3}); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan(ctx, storedPlan("ouest", 1, day.Add(time.Hour)), audit.Plan{Name: "ouest", Turfs: 1}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Plans(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "ouest" || list[1].Name != "est" || list[1].Turfs != nil ||
		string(list[1].Params) != `{"layer":"ban"}` || !list[1].CreatedAt.Equal(day) {
		t.Fatalf("plans, newest first without turfs: %+v, %v", list, err)
	}
	if _, err := s.Plan(ctx, "nord"); !errors.Is(err, ErrNoPlan) {
		t.Errorf("a plan never saved: %v, want ErrNoPlan", err)
	}

	if err := s.AssignTurf(ctx, "est", 2, "Équipe A", "2027-02-20", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.AssignTurf(ctx, "est", 9, "Équipe A", "", nil); err == nil {
		t.Error("a turf the plan lacks was assigned")
	}
	o := Outcome{StreetID: "99999_0010", Knocked: 12, Answered: 5, Leaflets: 3, On: "2027-02-20"}
	if err := s.RecordOutcome(ctx, "est", 2, o, nil); err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Turfs) != 3 || p.Turfs[1].Volunteer != "Équipe A" || p.Turfs[1].Date != "2027-02-20" || p.Turfs[1].Doors != 20 ||
		p.Turfs[1].Metres != 201 || string(p.Turfs[1].Stops) != `[{"street_id":"99999_0010"}]` {
		t.Errorf("turf 2 read back: %+v", p.Turfs)
	}
	if !reflect.DeepEqual(p.Turfs[1].Outcomes, []Outcome{o}) || p.Turfs[0].Outcomes != nil {
		t.Errorf("outcomes: %+v and %+v, want turf 2's only", p.Turfs[1].Outcomes, p.Turfs[0].Outcomes)
	}

	// Built again: new turfs without assignments, outcomes kept (they are what was done).
	if err := s.SavePlan(ctx, storedPlan("est", 2, day.Add(2*time.Hour)), audit.Plan{Name: "est", Turfs: 2}); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Plan(ctx, "est")
	if len(p.Turfs) != 2 || p.Turfs[1].Volunteer != "" || len(p.Turfs[1].Outcomes) != 1 {
		t.Errorf("rebuilt: %+v", p.Turfs)
	}
	if err := s.DeletePlan(ctx, "est"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePlan(ctx, "est"); !errors.Is(err, ErrNoPlan) {
		t.Errorf("deleting it again: %v, want ErrNoPlan", err)
	}
	if got := dumpTables(t, s, "SELECT count(*) FROM turfs", "SELECT plan, turf, knocked FROM outcomes"); got != "1|\n--\nest|2|12|\n--\n" {
		t.Errorf("after deleting est, turfs and outcomes:\n%s", got)
	}
	want := []audit.Op{audit.OpPlan, audit.OpPlan, audit.OpPlanAssign, audit.OpPlanOutcome, audit.OpPlan, audit.OpPlanDelete}
	if !slices.Equal(ops(t, s), want) {
		t.Errorf("audit trail %v, want %v", ops(t, s), want)
	}
}

// TestAudited: an act outside the store is done with its audit entry or not at all.
func TestAudited(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	failed := errors.New("disk full")
	done := false
	if err := s.Audited(ctx, audit.Export{Plan: "est", Files: 2}, func() error { return failed }); !errors.Is(err, failed) {
		t.Errorf("a failed act: %v", err)
	}
	if len(ops(t, s)) != 0 {
		t.Errorf("a failed act left an entry: %v", ops(t, s))
	}
	if err := s.Audited(ctx, audit.Export{Plan: "est", Files: 2}, func() error { done = true; return nil }); err != nil || !done {
		t.Fatalf("an act: %v, done %v", err, done)
	}
	if !slices.Equal(ops(t, s), []audit.Op{audit.OpExport}) {
		t.Errorf("audit trail %v, want the export", ops(t, s))
	}
}
