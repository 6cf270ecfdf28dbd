package canvass_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/cputime"
)

func TestPlanParis20e(t *testing.T) {
	camp := paris20e(t)
	ctx := context.Background()
	plan, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "75-15", Level: "constituency", Areas: []string{"7515"},
		Measure: turf.Doors, Target: 150})
	if err != nil {
		t.Fatal(err)
	}
	areas, err := camp.Areas(ctx, "constituency")
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range areas {
		if a.ID == "7515" {
			want = a.Doors
		}
	}
	seen := map[[2]float64]int{}
	doors := 0
	for _, tf := range plan.Turfs {
		n := 0
		for _, s := range tf.Stops {
			n += len(s.Numbers)
			for _, d := range s.Numbers {
				seen[[2]float64{d.Lon, d.Lat}]++
			}
		}
		if n != tf.Doors {
			t.Errorf("turf %d: %d doors in its stops, %d counted", tf.ID, n, tf.Doors)
		}
		doors += n
	}
	if doors != want {
		t.Errorf("the plan has %d doors, the constituency %d: every selected address must be in exactly one turf", doors, want)
	}
	m := plan.Metrics
	if m.CV > 0.10 || m.MaxDeviation > 0.20 {
		t.Errorf("balance: CV %.3f, max deviation %.3f", m.CV, m.MaxDeviation)
	}
	stored, err := camp.Plan(ctx, "75-15")
	if err != nil || len(stored.Turfs) != len(plan.Turfs) || stored.Turfs[0].Stops[0].Street != plan.Turfs[0].Stops[0].Street {
		t.Fatalf("stored plan differs: %v", err)
	}

	t.Run("rule on abstention", func(t *testing.T) {
		p, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "abst", Level: "neighborhood", Layer: "bureaux",
			Rule: "top 5 by abstention", Measure: turf.Doors, Target: 100})
		if err != nil || len(p.Areas) != 5 {
			t.Fatalf("top 5 by abstention: %v, %v", p.Areas, err)
		}
	})
	t.Run("a rule on an indicator leaves out the streets under K, with a note", func(t *testing.T) {
		p, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "small", Level: "street", Rule: "abstention > 0",
			Measure: turf.Doors, Target: 100})
		if err != nil || !strings.Contains(p.Note, "of fewer than 10 voters left out (in bureaux 20-") {
			t.Fatalf("want the plan with a note naming K and the stations, got %q, %v", p.Note, err)
		}
	})
	t.Run("rule on a person's attribute is refused", func(t *testing.T) {
		_, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "age", Level: "street", Rule: "age > 60",
			Measure: turf.Doors, Target: 100})
		var refused *canvass.RefusedError
		if !errors.As(err, &refused) {
			t.Fatalf("want a refusal, got %v", err)
		}
	})
}

func BenchmarkBuildPlanParis20e(b *testing.B) {
	camp := paris20e(b)
	ctx := context.Background()
	if _, err := camp.Geocode(ctx); err != nil {
		b.Fatal(err)
	}
	build := func(b *testing.B) {
		used := cputime.Used()
		for range b.N {
			if _, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "75-15", Level: "constituency", Areas: []string{"7515"},
				Measure: turf.Doors, Target: 150}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cputime.Used()-used).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	b.Run("straight", build)
	campaigntest.Streets20e(b, camp)
	b.Run("network", build)
}
