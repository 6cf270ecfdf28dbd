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
