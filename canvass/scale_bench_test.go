package canvass_test

import (
	"context"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
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
