package policy_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
)

// allowed are the indicators DOMAIN.md rule 1 lets a rule read: aggregates of an area, never an
// attribute of a person. share:LIST comes on top, LIST being any list of the results file.
var allowed = []string{"voters", "doors", "stations", "registered", "votes", "abstention", "turnout", "coverage", "revisit"}

func allowedIndicator(ind string) bool {
	list, share := strings.CutPrefix(ind, "share:")
	return slices.Contains(allowed, ind) || share && strings.TrimSpace(list) != ""
}

// FuzzParseRule checks that whatever is typed, a rule that parses reads only allowed indicators,
// with comparisons and finite values; anything else is a refusal or a usage error.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{"all", "top 10 by abstention", "bottom 3 by doors", "abstention > 45%",
		"voters >= 100 and abstention <= 0.5", "not covered and abstention > 60%", "share:Pays Basque > 20%",
		"top 2 by share:Liste du Nom and not covered", "age > 60", "sexe = F", "abstention > NaN", "share:=1",
		"voters > 1e308 and doors < -1e308", "top 0 by voters", "AND and and", "share:x and age > 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := policy.ParseRule(text)
		if err != nil {
			var refused *policy.RefusedError
			var usage *policy.UsageError
			if !errors.As(err, &refused) && !errors.As(err, &usage) {
				t.Fatalf("%q: error %T %v, want a refusal or a usage error", text, err, err)
			}
			return
		}
		if (r.Top > 0) != (r.By != "") || r.Top < 0 {
			t.Fatalf("%q: top %d by %q", text, r.Top, r.By)
		}
		if r.By != "" && !allowedIndicator(r.By) {
			t.Fatalf("%q: ranks by %q, not an allowed indicator", text, r.By)
		}
		for _, c := range r.Clauses {
			if !allowedIndicator(c.Indicator) {
				t.Fatalf("%q: reads %q, not an allowed indicator", text, c.Indicator)
			}
			if !slices.Contains([]string{">", ">=", "<", "<=", "=", "!="}, c.Op) || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
				t.Fatalf("%q: clause %+v", text, c)
			}
		}
	})
}

// TestSelectReadsNoHiddenValue is the property of issue 17 bug 1 over random layers, rules and
// K: changing every indicator of the units under K (all but their voters, which decide whether
// they are under K) never changes which units a rule chooses, nor its note.
func TestSelectReadsNoHiddenValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 1))
	indicators := append(slices.Clone(allowed), "share:a", "share:b")
	ops := []string{">", ">=", "<", "<=", "=", "!="}
	randomRule := func() string {
		var parts []string
		if rng.IntN(3) == 0 {
			dir := []string{"top", "bottom"}[rng.IntN(2)]
			parts = append(parts, fmt.Sprintf("%s %d by %s", dir, 1+rng.IntN(6), indicators[rng.IntN(len(indicators))]))
		}
		for range rng.IntN(3) {
			if rng.IntN(4) == 0 {
				parts = append(parts, "not covered")
				continue
			}
			ind := indicators[rng.IntN(len(indicators))]
			value := fmt.Sprintf("%.1f%%", rng.Float64()*100)
			if ind == "voters" || ind == "doors" || ind == "stations" || ind == "registered" || ind == "votes" || ind == "revisit" {
				value = fmt.Sprint(rng.IntN(60))
			}
			parts = append(parts, ind+" "+ops[rng.IntN(len(ops))]+" "+value)
		}
		if len(parts) == 0 {
			return "all"
		}
		return strings.Join(parts, " and ")
	}
	// scramble gives a unit other indicators, every one of them but its voters.
	scramble := func(u policy.Unit) policy.Unit {
		u.Doors, u.Stations, u.Coverage = rng.IntN(40), rng.IntN(4), rng.Float64()
		u.Registered, u.Votes, u.Abstention, u.Shares, u.Revisit = nil, nil, nil, nil, nil
		if rng.IntN(4) > 0 {
			revisit := rng.IntN(10)
			u.Revisit = &revisit
			reg, votes, abst := float64(rng.IntN(60)), float64(rng.IntN(60)), rng.Float64()
			u.Registered, u.Votes, u.Abstention = &reg, &votes, &abst
			u.Shares = map[string]float64{"A": rng.Float64(), "b": rng.Float64()}
		}
		return u
	}
	for trial := range 3000 {
		units := make([]policy.Unit, 1+rng.IntN(25))
		for i := range units {
			units[i] = scramble(policy.Unit{ID: fmt.Sprint("u", i), ParentLayer: "bureaux",
				Parent: fmt.Sprint(rng.IntN(4)), Voters: rng.IntN(40)})
		}
		k := policy.FloorMinUnitVoters + rng.IntN(25)
		text := randomRule()
		r, err := policy.ParseRule(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		before := policy.Select(r, units, k)
		for _, i := range before.Chosen {
			if r.ReadsIndicators() && units[i].Voters < k {
				t.Fatalf("trial %d: %q chose %s, of %d voters under K = %d", trial, text, units[i].ID, units[i].Voters, k)
			}
		}
		for range 5 {
			other := slices.Clone(units)
			for i := range other {
				if other[i].Voters < k {
					other[i] = scramble(other[i])
				}
			}
			if after := policy.Select(r, other, k); !reflect.DeepEqual(after, before) {
				t.Fatalf("trial %d: %q under K = %d depends on hidden values:\n  %+v\n  %+v", trial, text, k, before, after)
			}
		}
	}
}
