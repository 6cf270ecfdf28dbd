package canvass_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
)

func TestCompareAreaIDs(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"20-2", "20-10", -1},
		{"20-10", "20-2", 1},
		{"20-10", "20-10", 0},
		{"9", "10", -1},
		{"99501_0420", "99501_0440", -1},
		{"007", "7", 1}, // the longer run of digits is the larger, leading zeros and all
		{"07", "08", -1},
		{"a2", "b1", -1},
		{"20", "20-1", -1}, // a prefix first
		{"", "a", -1},
		{"Q2", "q1", -1}, // bytes, not folded: upper case first
	} {
		if got := canvass.CompareAreaIDs(c.a, c.b); got != c.want {
			t.Errorf("CompareAreaIDs(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}

	ids := []string{"20-10", "3", "20-2", "20-1", "100", "bureau 12", "bureau 2"}
	slices.SortFunc(ids, canvass.CompareAreaIDs)
	want := []string{"3", "20-1", "20-2", "20-10", "100", "bureau 2", "bureau 12"}
	if !slices.Equal(ids, want) {
		t.Errorf("sorted %q, want %q", ids, want)
	}
}

// TestUnknownLevel: Areas, MapData and a plan refuse a level that is not one of Levels, naming it
// as each caller's input calls it.
func TestUnknownLevel(t *testing.T) {
	ctx := context.Background()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(pinned)
	if err := camp.Init(ctx, canvass.Settings{Name: "Municipales Valbrune 2026", ElectionType: "municipales",
		ElectionDates: []string{"2026-03-15"}, EndDate: "2026-05-31", Controller: "Valbrune Demain",
		Contact: "droits@valbrune-demain.example"}); err != nil {
		t.Fatal(err)
	}
	const expected = ": expected one of constituency, neighborhood, street"
	_, areasErr := camp.Areas(ctx, "quartier")
	_, mapErr := camp.MapData(ctx, "quartier", "")
	_, planErr := camp.PreviewPlan(ctx, canvass.PlanRequest{Name: "p", Level: "quartier", Target: 100})
	for _, c := range []struct {
		err  error
		want string
	}{
		{areasErr, `--level "quartier"` + expected},
		{mapErr, `level "quartier"` + expected},
		{planErr, `--level "quartier"` + expected},
	} {
		var usage *canvass.UsageError
		if !errors.As(c.err, &usage) || usage.Error() != c.want {
			t.Errorf("got %v, want the usage error %q", c.err, c.want)
		}
	}
}
