package canvass_test

import (
	"context"
	"errors"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

// TestAssignTurf: a turf the plan lacks is a usage error, as for an outcome; a volunteer's name is
// stored without the escape sequences typed into it (issue 10, findings 7 and 19).
func TestAssignTurf(t *testing.T) {
	camp := demoTown(t)
	ctx := context.Background()
	if _, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "abreuvoir", Level: "street", Areas: []string{"99501_0050"},
		Measure: turf.Doors, Target: 100}); err != nil {
		t.Fatal(err)
	}
	var usage *canvass.UsageError
	for _, n := range []int{0, 2} {
		if err := camp.AssignTurf(ctx, "abreuvoir", n, "Équipe A", ""); !errors.As(err, &usage) {
			t.Errorf("turf %d of a plan of one: %v, want a usage error", n, err)
		}
	}
	if err := camp.AssignTurf(ctx, "nope", 1, "Équipe A", ""); err == nil || errors.As(err, &usage) {
		t.Errorf("a plan that does not exist: %v, want an error other than a usage error", err)
	}
	if err := camp.AssignTurf(ctx, "abreuvoir", 1, "\x1b]0;PWNED\a\x1b[31mÉquipe A\x1b[2J", "2027-02-20"); err != nil {
		t.Fatal(err)
	}
	p, err := camp.Plan(ctx, "abreuvoir")
	if err != nil || p.Turfs[0].Volunteer != "Équipe A" || p.Turfs[0].Date != "2027-02-20" {
		t.Errorf("turf 1 assigned to %q on %q (%v), want Équipe A on 2027-02-20", p.Turfs[0].Volunteer, p.Turfs[0].Date, err)
	}
}
