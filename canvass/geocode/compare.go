package geocode

import "strings"

// Fold lowers s, removes its accents (and spells out ligatures: "Œ" gives "oe") and turns every
// run of other characters than letters and digits into one space, without leading or trailing
// space: "  Zoé-Marie  d'ARC " gives "zoe marie d arc". It is how every label is read before it is
// compared, so other code comparing what people type (names, sources) reads it the same way.
func Fold(s string) string { return fold(s) }

// CompareStreets says whether two street labels name the same street as Match reads them: Exact
// when their keys are equal, with or without articles ("R. PELLEPORT" and "Rue Pelleport"); Fuzzy
// when they are within Match's edit bound, one edit per 5 characters ("Rue Pelleprot");
// Unmatched otherwise.
func CompareStreets(a, b string) Kind {
	la, lb := parseLabel(a), parseLabel(b)
	if len(la.full) == 0 || len(lb.full) == 0 {
		return Unmatched
	}
	if strings.Join(la.full, " ") == strings.Join(lb.full, " ") || strings.Join(la.loose, " ") == strings.Join(lb.loose, " ") {
		return Exact
	}
	s := newStreet(lb)
	for _, f := range voterForms(la) {
		for _, pair := range [2][2]*key{{&f.full, &s.cFull}, {&f.loose, &s.cLoose}} {
			limit := max(len(pair[0].s), len(pair[1].s)) / maxEditShare
			if osa(pair[0].s, pair[1].s, limit) <= limit {
				return Fuzzy
			}
		}
	}
	return Unmatched
}
