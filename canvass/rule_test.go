package canvass_test

import (
	"errors"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
)

func TestParseRuleRefusesPersonalAttributes(t *testing.T) {
	for _, text := range []string{
		"age > 60", "top 10 by age", "sexe = F", "sex = 1", "nationalite != 0", "nationality = 1",
		"Date de naissance < 1960", "prénom = 1", "voters > 10 and age < 30", "birthplace = 1", "pays de naissance = 1",
	} {
		_, err := canvass.ParseRule(text)
		var refused *canvass.RefusedError
		if !errors.As(err, &refused) {
			t.Errorf("%q: want a refusal by the policy, got %v", text, err)
		}
	}
}

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		text      string
		top       int
		bottom    bool
		by        string
		clauses   []canvass.Clause
		behaviour bool
	}{
		{text: "all"},
		{text: "top 10 by abstention", top: 10, by: "abstention", behaviour: true},
		{text: "bottom 3 by doors", top: 3, bottom: true, by: "doors"},
		{text: "abstention > 45%", clauses: []canvass.Clause{{Indicator: "abstention", Op: ">", Value: 0.45}}, behaviour: true},
		{text: "voters >= 100 and abstention <= 0.5", clauses: []canvass.Clause{
			{Indicator: "voters", Op: ">=", Value: 100}, {Indicator: "abstention", Op: "<=", Value: 0.5}}, behaviour: true},
		{text: "not covered", clauses: []canvass.Clause{{Indicator: "coverage", Op: "=", Value: 0}}},
		{text: "share:glucksmann_raphaël > 20%", clauses: []canvass.Clause{{Indicator: "share:glucksmann_raphaël", Op: ">", Value: 0.2}}, behaviour: true},
		{text: "doors > 50", clauses: []canvass.Clause{{Indicator: "doors", Op: ">", Value: 50}}},
	} {
		r, err := canvass.ParseRule(tc.text)
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
		if r.UsesBehaviour() != tc.behaviour {
			t.Errorf("%q: UsesBehaviour = %v, want %v", tc.text, r.UsesBehaviour(), tc.behaviour)
		}
	}
}

func TestParseRuleUsageErrors(t *testing.T) {
	for _, text := range []string{"", "top x by voters", "top 5 by charisma", "wealth > 3", "abstention > lots", "abstention"} {
		_, err := canvass.ParseRule(text)
		var usage *canvass.UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%q: want a usage error, got %v", text, err)
		}
	}
}
