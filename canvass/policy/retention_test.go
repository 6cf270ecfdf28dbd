package policy_test

import (
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
)

func TestMayPurge(t *testing.T) {
	for _, tc := range []struct {
		end, today   string
		force        bool
		ended, early bool
		refused      bool
	}{
		{"2027-06-30", "2027-07-01", false, true, false, false},
		{"2027-06-30", "2027-06-30", false, false, true, true}, // the last day is still the campaign's
		{"2027-06-30", "2027-05-01", true, false, true, false},
		{"", "2027-05-01", false, false, true, true},
	} {
		early, err := policy.MayPurge(tc.end, tc.today, tc.force)
		if policy.Ended(tc.end, tc.today) != tc.ended || early != tc.early || (err != nil) != tc.refused {
			t.Errorf("%+v: ended %v, early %v, %v", tc, policy.Ended(tc.end, tc.today), early, err)
		}
	}
}

func TestEndProblems(t *testing.T) {
	rounds := []string{"2027-03-14", "2027-03-21"}
	for _, tc := range []struct {
		end      string
		problems int
	}{
		{"2027-06-30", 0},
		{"2028-03-21", 0}, // a year after the last round
		{"2028-03-22", 1},
		{"2099-12-31", 1},
		{"2027-03-15", 1}, // before the second round
		{"2027-01-01", 1}, // past
		{"31/12/2027", 1},
	} {
		if got := policy.EndProblems(tc.end, "2027-01-10", rounds); len(got) != tc.problems {
			t.Errorf("end %s: %v, want %d problem(s)", tc.end, got, tc.problems)
		}
	}
	if got := policy.LatestEnd(rounds); got != "2028-03-21" {
		t.Errorf("latest end %s", got)
	}
}
