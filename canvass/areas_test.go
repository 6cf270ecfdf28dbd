package canvass_test

import (
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

