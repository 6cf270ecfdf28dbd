package policy_test

import (
	"errors"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
)

func TestParseRuleRefusesPersonalAttributes(t *testing.T) {
	for _, text := range []string{
		"age > 60", "top 10 by age", "sexe = F", "sex = 1", "nationalite != 0", "nationality = 1",
		"Date de naissance < 1960", "prénom = 1", "voters > 10 and age < 30", "birthplace = 1", "pays de naissance = 1",
		"not covered and age > 60", "AGE>60", "top 3 by share:x and sexe = F", "nom d'usage = 1", "abstention > 40% AND Age < 30",
	} {
		_, err := policy.ParseRule(text)
		var refused *policy.RefusedError
		if !errors.As(err, &refused) {
			t.Errorf("%q: want a refusal by the policy, got %v", text, err)
		}
	}
}

func TestParseRule(t *testing.T) {
	notCovered := policy.Clause{Indicator: "coverage", Op: "=", Value: 0}
	for _, tc := range []struct {
		text    string
		top     int
		bottom  bool
		by      string
		clauses []policy.Clause
	}{
		{text: "all"},
		{text: "ALL"},
		{text: "top 10 by abstention", top: 10, by: "abstention"},
		{text: "bottom 3 by doors", top: 3, bottom: true, by: "doors"},
		{text: "abstention > 45%", clauses: []policy.Clause{{Indicator: "abstention", Op: ">", Value: 0.45}}},
		{text: "voters >= 100 and abstention <= 0.5", clauses: []policy.Clause{
			{Indicator: "voters", Op: ">=", Value: 100}, {Indicator: "abstention", Op: "<=", Value: 0.5}}},
		{text: "not covered", clauses: []policy.Clause{notCovered}},
		// Issue 16: "not covered" combines with and, in any order.
		{text: "not covered and abstention > 60%", clauses: []policy.Clause{notCovered, {Indicator: "abstention", Op: ">", Value: 0.6}}},
		{text: "abstention > 60% AND not covered", clauses: []policy.Clause{{Indicator: "abstention", Op: ">", Value: 0.6}, notCovered}},
		{text: "top 3 by abstention and not covered", top: 3, by: "abstention", clauses: []policy.Clause{notCovered}},
		{text: "share:glucksmann_raphaël > 20%", clauses: []policy.Clause{{Indicator: "share:glucksmann_raphaël", Op: ">", Value: 0.2}}},
		// The deny-list does not fire inside a list's name.
		{text: "share:Pays Basque > 20%", clauses: []policy.Clause{{Indicator: "share:pays basque", Op: ">", Value: 0.2}}},
		{text: "top 2 by share:Liste du Nom", top: 2, by: "share:liste du nom"},
		{text: "doors > 50", clauses: []policy.Clause{{Indicator: "doors", Op: ">", Value: 50}}},
	} {
		r, err := policy.ParseRule(tc.text)
		if err != nil {
			t.Errorf("%q: %v", tc.text, err)
			continue
		}
		if r.Top != tc.top || r.Bottom != tc.bottom || r.By != tc.by || len(r.Clauses) != len(tc.clauses) {
			t.Errorf("%q: got %+v", tc.text, r)
			continue
		}
		for i := range tc.clauses {
			got, want := r.Clauses[i], tc.clauses[i]
			if got.Indicator != want.Indicator || got.Op != want.Op || got.Value-want.Value > 1e-12 || want.Value-got.Value > 1e-12 {
				t.Errorf("%q clause %d: got %+v, want %+v", tc.text, i, got, want)
			}
		}
		if r.ReadsIndicators() != (tc.top+len(tc.clauses) > 0) {
			t.Errorf("%q: ReadsIndicators = %v", tc.text, r.ReadsIndicators())
		}
	}
}

func TestParseRuleUsageErrors(t *testing.T) {
	for _, text := range []string{"", "top x by voters", "top 5 by charisma", "wealth > 3", "abstention > lots", "abstention",
		"abstention > NaN", "voters < Inf", "top 2 by voters and top 3 by doors", "all and voters > 3", "share: > 3", "not", "covered"} {
		_, err := policy.ParseRule(text)
		var usage *policy.UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%q: want a usage error, got %v", text, err)
		}
	}
}
