package policy_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
)

func TestMinUnitVoters(t *testing.T) {
	for _, tc := range []struct {
		k      int
		reason string
		want   int
		ok     bool
	}{
		{0, "", 10, true},
		{10, "", 10, true},
		{25, "", 25, true},
		{9, "", 10, false},
		{9, "  ", 10, false},
		{7, "commune de 300 électeurs", 7, true},
		{5, "hameaux", 5, true},
		{4, "hameaux", 10, false},
		{2, "", 10, false},
		{-3, "x", 10, false},
	} {
		got, err := policy.MinUnitVoters(tc.k, tc.reason)
		var usage *policy.UsageError
		if got != tc.want || (err == nil) != tc.ok || (err != nil && !errors.As(err, &usage)) {
			t.Errorf("MinUnitVoters(%d, %q) = %d, %v; want %d, ok %v", tc.k, tc.reason, got, err, tc.want, tc.ok)
		}
	}
}

func ratio(v float64) *float64 { return &v }

// town is a layer of six streets; two have fewer than 10 voters.
var town = []policy.Unit{
	{ID: "s1", ParentLayer: "bureaux", Parent: "20-2", Voters: 120, Doors: 30, Stations: 1, Coverage: 0, Abstention: ratio(0.62), Shares: map[string]float64{"Liste Écologiste": 0.31}},
	{ID: "s2", ParentLayer: "bureaux", Parent: "20-2", Voters: 3, Doors: 1, Stations: 1, Coverage: 0, Abstention: ratio(0.9)},
	{ID: "s3", ParentLayer: "bureaux", Parent: "20-10", Voters: 80, Doors: 20, Stations: 1, Coverage: 0.5, Abstention: ratio(0.4504)},
	{ID: "s4", ParentLayer: "bureaux", Parent: "20-10", Voters: 9, Doors: 2, Stations: 1, Coverage: 0, Abstention: ratio(0.7)},
	{ID: "s5", ParentLayer: "bureaux", Parent: "20-3", Voters: 200, Doors: 50, Stations: 2, Coverage: 0.0004, Abstention: ratio(0.55)},
	{ID: "s6", Voters: 10, Doors: 4, Stations: 0, Coverage: 0}, // no results
}

func TestSelect(t *testing.T) {
	note := "2 areas of fewer than 10 voters left out (in bureaux 20-10, 20-2): a rule reads no indicator on so small a unit; choose such areas by id to include them"
	for _, tc := range []struct {
		rule   string
		chosen []int
		note   string
	}{
		{"all", []int{0, 1, 2, 3, 4, 5}, ""},
		{"abstention > 60%", []int{0}, note},
		{"top 2 by abstention", []int{0, 4}, note},
		{"bottom 1 by abstention", []int{2}, note},
		// Counts are indicators too (issue 10, finding 18): a small street is never picked by them.
		{"voters < 10", nil, note},
		{"doors <= 2", nil, note},
		{"not covered", []int{0, 4, 5}, note}, // s5 has 0.04% covered, shown 0.0%
		{"not covered and abstention > 60%", []int{0}, note},
		{"coverage > 0", []int{2}, note},
		{"abstention = 45%", []int{2}, note}, // 45.04% is shown 45.0%
		{"abstention = 45.04%", []int{2}, note},
		{"abstention > 45%", []int{0, 4}, note},
		{"abstention != 45%", []int{0, 4}, note},
		{"abstention = 45.1%", nil, note},
		{"voters = 200.4", []int{4}, note},
		{"voters > 79.5", []int{0, 2, 4}, note},
		{"share:liste ecologiste > 30%", []int{0}, note},
		{"share:Liste Écologiste = 31%", []int{0}, note},
		{"turnout >= 45%", []int{2, 4}, note}, // 1 - 0.55 is shown 45.0%, though below 0.45 in floating point
		{"stations = 0", []int{5}, note},
	} {
		r, err := policy.ParseRule(tc.rule)
		if err != nil {
			t.Fatalf("%q: %v", tc.rule, err)
		}
		sel := policy.Select(r, town, 10)
		if !reflect.DeepEqual(sel.Chosen, tc.chosen) || sel.Note != tc.note {
			t.Errorf("%q: chose %v, note %q; want %v, %q", tc.rule, sel.Chosen, sel.Note, tc.chosen, tc.note)
		}
		if tc.note != "" && sel.LeftOut != 2 {
			t.Errorf("%q: %d left out, want 2", tc.rule, sel.LeftOut)
		}
	}
}

func TestSelectNoteNamesNoUnit(t *testing.T) {
	r, _ := policy.ParseRule("abstention > 0")
	sel := policy.Select(r, town, 100) // only s1 and s5 are exposed
	if !reflect.DeepEqual(sel.Chosen, []int{0, 4}) || sel.LeftOut != 4 {
		t.Fatalf("chose %v, left out %d", sel.Chosen, sel.LeftOut)
	}
	for _, u := range town {
		if strings.Contains(sel.Note, u.ID) {
			t.Errorf("the note names unit %s: %q", u.ID, sel.Note)
		}
	}
	if !strings.HasPrefix(sel.Note, "4 areas of fewer than 100 voters left out (in bureaux 20-10, 20-2): ") {
		t.Errorf("note %q", sel.Note)
	}
}

func TestExposed(t *testing.T) {
	if policy.Exposed(9, 10) || !policy.Exposed(10, 10) || !policy.Exposed(11, 10) {
		t.Error("a unit exposes its indicators from K voters on")
	}
}
