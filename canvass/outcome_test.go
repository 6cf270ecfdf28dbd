package canvass_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

func TestOutcomesMakeCoverageAndOutliveARerun(t *testing.T) {
	ctx := context.Background()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	if err := demo.Build(ctx, camp, t.TempDir(), 1, nil); err != nil {
		t.Fatal(err)
	}
	req := canvass.PlanRequest{Name: "est", Level: "neighborhood", Layer: "quartiers", Rule: "all", Measure: turf.Doors, Target: 100}
	plan, err := camp.BuildPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	stop := plan.Turfs[0].Stops[0]
	doors := 0
	for _, s := range plan.Turfs[0].Stops {
		if s.StreetID == stop.StreetID {
			doors += s.Doors
		}
	}
	if err := camp.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: stop.Street, Knocked: doors, Answered: 1}); err != nil {
		t.Fatal(err)
	}
	if err := camp.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: stop.StreetID, Knocked: doors + 1}); err == nil {
		t.Error("more doors knocked than the turf has on the street: want an error")
	}
	coverage := func() float64 {
		streets, err := camp.Areas(ctx, "street")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range streets {
			if s.ID == stop.StreetID {
				return s.Coverage
			}
		}
		t.Fatalf("street %s not found", stop.StreetID)
		return 0
	}
	if c := coverage(); c <= 0 {
		t.Fatalf("coverage of the knocked street = %v, want > 0", c)
	}
	if _, err := camp.RerunPlan(ctx, "est"); err != nil {
		t.Fatal(err)
	}
	if c := coverage(); c <= 0 {
		t.Errorf("coverage lost when the plan was built again: %v", c)
	}
	again, err := camp.Plan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	if again.Turfs[0].Area == "" {
		t.Error("a stored turf lost its area")
	}
	uncovered, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "reste", Level: "street", Rule: "not covered", Measure: turf.Doors, Target: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range uncovered.Areas {
		if id == stop.StreetID && coverage() >= 1 {
			t.Errorf("street %s is covered but selected by 'not covered'", id)
		}
	}
}
