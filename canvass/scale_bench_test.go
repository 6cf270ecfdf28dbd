package canvass_test

import (
	"context"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

// BenchmarkScaleGeocode geocodes the campaign of SCALE_DB; voters/s are reported.
func BenchmarkScaleGeocode(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	voters := 0
	for b.Loop() {
		rep, err := camp.Geocode(ctx)
		if err != nil {
			b.Fatal(err)
		}
		voters += rep.Voters()
	}
	b.ReportMetric(float64(voters)/b.Elapsed().Seconds(), "voters/s")
}

// BenchmarkScaleAreas computes the areas of each level of the campaign of SCALE_DB, its
// geography up to date.
func BenchmarkScaleAreas(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	if _, err := camp.EnsureGeography(ctx); err != nil {
		b.Fatal(err)
	}
	for _, level := range canvass.Levels {
		b.Run(level, func(b *testing.B) {
			for b.Loop() {
				if _, err := camp.Areas(ctx, level); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScaleMap reads the map of polling stations of the campaign of SCALE_DB, its geography
// up to date.
func BenchmarkScaleMap(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	if _, err := camp.EnsureGeography(ctx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := camp.MapData(ctx, "neighborhood", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScalePlan previews a plan of one constituency (90015: 7,931 doors in every territory
// tile-20e.py builds) in turfs of 150 doors, on the campaign of SCALE_DB, its geography up to date.
func BenchmarkScalePlan(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	if _, err := camp.EnsureGeography(ctx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := camp.PreviewPlan(ctx, canvass.PlanRequest{Name: "one", Level: "constituency", Areas: []string{"90015"},
			Measure: turf.Doors, Target: 150})
		if err != nil {
			b.Fatal(err)
		}
		doors := 0
		for _, t := range p.Turfs {
			doors += t.Doors
		}
		if doors != 7931 {
			b.Fatalf("%d doors, want 7931", doors)
		}
	}
}
