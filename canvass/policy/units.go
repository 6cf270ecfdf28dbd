package policy

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// K, the smallest number of voters an area unit must have to expose an indicator or be chosen by
// one: below it a unit's abstention or share describes its few residents, not a place.
const (
	// DefaultMinUnitVoters is K unless the campaign sets another.
	DefaultMinUnitVoters = 10
	// FloorMinUnitVoters is the least K may be, and only with a reason recorded in the register.
	FloorMinUnitVoters = 5
)

// MinUnitVoters is the K a campaign applies when it asks for k with a reason (0 asks for the
// default). K may be raised freely, lowered under DefaultMinUnitVoters only with a reason, which
// the register of processing shows, and never under FloorMinUnitVoters. A K refused comes back as
// DefaultMinUnitVoters with a UsageError saying why, so that a campaign file holding a K it may
// not use applies the default.
func MinUnitVoters(k int, reason string) (int, error) {
	switch {
	case k == 0:
		return DefaultMinUnitVoters, nil
	case k < FloorMinUnitVoters:
		return DefaultMinUnitVoters, Usage("usage.k.floor", "K", k, "Floor", FloorMinUnitVoters)
	case k < DefaultMinUnitVoters && strings.TrimSpace(reason) == "":
		return DefaultMinUnitVoters, Usage("usage.k.reason", "K", k, "Default", DefaultMinUnitVoters)
	}
	return k, nil
}

// Exposed reports whether a unit of this many voters may show its indicators, under K = k.
func Exposed(voters, k int) bool { return voters >= k }

// Unit is an area unit as a rule reads it: its size, the campaign's work there, and its share of
// the public results (nil or absent when it has none).
type Unit struct {
	ID string
	// Parent is the area above it, in a layer, that notes name ("bureaux", "20-3"); "" when none.
	ParentLayer, Parent string
	Voters              int
	Doors               int
	Stations            int
	Coverage            float64 // share of doors knocked so far
	Revisit             *int    // doors whose last field-sheet outcome asks for another visit; nil when unknown
	// Registered, Votes and Abstention are the unit's share of the results of its polling
	// stations; nil when it has none. Shares are the lists' shares of the valid votes.
	Registered, Votes, Abstention *float64
	Shares                        map[string]float64
}

// value reads an indicator of the unit; false when the unit has none (no results for it).
func (u Unit) value(ind string) (float64, bool) {
	ptr := func(p *float64) (float64, bool) {
		if p == nil {
			return 0, false
		}
		return *p, true
	}
	switch ind {
	case "voters":
		return float64(u.Voters), true
	case "doors":
		return float64(u.Doors), true
	case "stations":
		return float64(u.Stations), true
	case "coverage":
		return u.Coverage, true
	case "revisit":
		if u.Revisit == nil {
			return 0, false
		}
		return float64(*u.Revisit), true
	case "registered":
		return ptr(u.Registered)
	case "votes":
		return ptr(u.Votes)
	case "abstention":
		return ptr(u.Abstention)
	case "turnout":
		if a, ok := ptr(u.Abstention); ok {
			return 1 - a, true
		}
		return 0, false
	}
	if list, ok := strings.CutPrefix(ind, "share:"); ok {
		for name, v := range u.Shares {
			if sameWords(name, list) {
				return v, true
			}
		}
	}
	return 0, false
}

// holds reports whether every clause of the rule holds for the unit. A missing value never
// satisfies a clause.
func (r Rule) holds(u Unit) bool {
	for _, c := range r.Clauses {
		v, ok := u.value(c.Indicator)
		if !ok || !c.holds(v) {
			return false
		}
	}
	return true
}

// Selection is what a rule chose among units.
type Selection struct {
	Chosen  []int  // indexes of the units chosen, in the rule's order (ranked for top and bottom)
	LeftOut int    // units under K the rule did not read
	Note    string // says how many were left out and in which areas they lie, in English; "" when none
	// K is the K the rule was applied under, and In the areas above the units left out
	// ("bureaux 20-1, 20-12"): LeftOutNote(LeftOut, K, In) is the note in the reader's language.
	K  int
	In string
}

// LeftOutNote says that n units of fewer than k voters were left out of a rule, in the areas in
// (may be empty), and why.
func LeftOutNote(n, k int, in string) i18n.Message {
	return i18n.Msg("policy.note.leftout", "Count", n, "K", k, "In", in)
}

// Select applies a rule to the units of one layer under K = k. A rule that reads an indicator
// (any rule but "all") reads none on a unit of fewer than k voters: such units are left out
// before the rule is applied, whatever their values, and the note says how many and in which
// areas above they lie, never which they are. So no answer depends on a value hidden from the
// organizer. Choosing units by id, or "all", keeps them.
func Select(r Rule, units []Unit, k int) Selection {
	var sel Selection
	if !r.ReadsIndicators() {
		for i := range units {
			sel.Chosen = append(sel.Chosen, i)
		}
		return sel
	}
	parents := map[string][]string{} // layer -> ids
	for i, u := range units {
		switch {
		case !Exposed(u.Voters, k):
			sel.LeftOut++
			if u.Parent != "" && !slices.Contains(parents[u.ParentLayer], u.Parent) {
				parents[u.ParentLayer] = append(parents[u.ParentLayer], u.Parent)
			}
		case r.holds(u):
			if _, ranked := u.value(r.By); r.Top == 0 || ranked {
				sel.Chosen = append(sel.Chosen, i)
			}
		}
	}
	if r.Top > 0 {
		sort.SliceStable(sel.Chosen, func(i, j int) bool {
			a, _ := units[sel.Chosen[i]].value(r.By)
			b, _ := units[sel.Chosen[j]].value(r.By)
			if r.Bottom {
				return a < b
			}
			return a > b
		})
		sel.Chosen = sel.Chosen[:min(r.Top, len(sel.Chosen))]
	}
	if sel.LeftOut > 0 {
		sel.K, sel.In = k, within(parents)
		sel.Note = LeftOutNote(sel.LeftOut, k, sel.In).Error()
	}
	return sel
}

// within names areas by layer, at most 8 of each: "bureaux 20-1, 20-12; quartiers 77".
func within(parents map[string][]string) string {
	var out []string
	for _, layer := range slices.Sorted(maps.Keys(parents)) {
		ids := slices.Sorted(slices.Values(parents[layer]))
		s := strings.TrimSpace(layer + " " + strings.Join(ids[:min(len(ids), 8)], ", "))
		if len(ids) > 8 {
			s += fmt.Sprintf(" and %d more", len(ids)-8)
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}
