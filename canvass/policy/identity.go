package policy

import (
	"strings"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// Likeness is how sure a comparison of two people or two addresses is.
type Likeness int

// The likenesses, from none to sure. An objection applies from Near; a consent or an
// identification needs Same.
const (
	Different Likeness = iota
	Near               // may be the same: reported, never matched; an objection wins
	Same
)

// String names the likeness: same, near or different.
func (l Likeness) String() string {
	switch l {
	case Same:
		return "same"
	case Near:
		return "near"
	}
	return "different"
}

// fold is how the policy reads what people type before comparing it, names first: without case,
// accents, punctuation or extra spaces ("Léa-Marie " is "lea marie"), as geocoding reads labels.
// Every comparison of names, and every index of people by name, goes through it.
func fold(s string) string { return textfold.Key(s) }

// sameWords compares two pieces of text as people type them (see fold).
func sameWords(a, b string) bool { return fold(a) == fold(b) }

// PersonKey is the same for two identities when ComparePeople finds them the Same person with
// their birth dates as written: for counting people, not for deciding about them.
func PersonKey(id data.Identity) string {
	return fold(id.BirthName) + "|" + fold(id.GivenNames) + "|" + id.BirthDate
}

// ComparePeople compares two identities by their names and birth dates, the one way the policy
// tells people apart:
//   - Same: same birth name and given names (see sameWords), and birth dates equal or one missing
//     (an objection may give none);
//   - Near: same names but one birth date less precise than the other ("1961-05" and
//     "1961-05-03", as the list writes unknown days), or same birth name and birth date with
//     other given names ("Fatoumata" for "Fatoumata Léa"; twins too);
//   - Different otherwise.
func ComparePeople(a, b data.Identity) Likeness {
	if !sameWords(a.BirthName, b.BirthName) {
		return Different
	}
	dates := compareDates(a.BirthDate, b.BirthDate)
	switch {
	case dates == Different:
		return Different
	case sameWords(a.GivenNames, b.GivenNames):
		return dates
	case a.BirthDate != "" && b.BirthDate != "":
		return Near
	}
	return Different
}

// compareDates compares two birth dates as stored (YYYY-MM-DD, YYYY-MM or YYYY): Same when equal
// or one is missing, Near when one is the other with less precision.
func compareDates(a, b string) Likeness {
	switch {
	case a == b || a == "" || b == "":
		return Same
	case strings.HasPrefix(a, b+"-") || strings.HasPrefix(b, a+"-"):
		return Near
	}
	return Different
}
