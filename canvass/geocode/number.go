package geocode

import (
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// maxNumber bounds a house number: BAN numbers stay below 100000 (lieux-dits use 5000-9999).
const maxNumber = 99999

// repWords are the suffix words the list spells out, mapped to the BAN's rep letters.
var repWords = map[string]string{"bis": "b", "ter": "t", "quater": "q", "quinquies": "c"}

// NormalizeRep returns the BAN form of a house-number suffix: lower case, letters and digits
// only, BIS, TER, QUATER and QUINQUIES as b, t, q and c. "BIS" gives "b", "P1" gives "p1".
func NormalizeRep(s string) string {
	r := strings.ReplaceAll(textfold.Key(s), " ", "")
	if w, ok := repWords[r]; ok {
		return w
	}
	return r
}

// ParseNumber reads a house number as the list writes it: "12", "12 BIS", "12B", "12 b",
// "12bis", "7 P1", "N° 4 TER", "0012", "68.". It returns the number and the suffix in the BAN's
// rep form (see NormalizeRep). A range such as "12-14", "72/74" or "1 A 3" (1 à 3) gives its
// first number. ok is false when there is no number, when letters other than "N°" come before
// it, or when it is out of range.
func ParseNumber(s string) (n int, rep string, ok bool) {
	h := parseHouse(s)
	return h.n, h.rep, h.ok
}

// house is the voter's house number, parsed once.
type house struct {
	n      int
	rep    string
	alt    string // another reading of the suffix, when hasAlt: "1 A 3" is 1 (a range) or 1a3
	hasAlt bool
	ok     bool // a number was read
	empty  bool // nothing was written
	form   Form // NumberRange, NumberPadded
}

func parseHouse(s string) house {
	d := strings.TrimSpace(s)
	if d == "" {
		return house{empty: true}
	}
	if isDigits(d) && len(d) <= 5 {
		var h house
		for i := 0; i < len(d); i++ { // the common case, without allocating
			h.n = h.n*10 + int(d[i]-'0')
		}
		h.ok = true
		if d[0] == '0' && len(d) > 1 {
			h.form = NumberPadded
		}
		return h
	}
	words := strings.Fields(textfold.Key(d))
	if len(words) > 0 && (words[0] == "n" || words[0] == "no") {
		words = words[1:] // "N° 12", "No 12"
	}
	if len(words) == 0 || !startsWithDigit(words[0]) {
		return house{}
	}
	var h house
	w := words[0]
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		h.n = h.n*10 + int(w[i]-'0')
		if h.n > maxNumber {
			return house{}
		}
		i++
	}
	if w[0] == '0' && i > 1 || strings.HasSuffix(d, ".") {
		h.form = NumberPadded // "0012", "68."
	}
	rep := w[i:] // glued suffix: "12b", "12bis", "7p1"
	if rep == "" && len(words) > 1 {
		if startsWithDigit(words[1]) {
			h.form |= NumberRange // "12-14", "72/74"
		} else {
			rep = words[1] // "12 BIS", "7 P1"
			if len(words) > 2 && isDigits(words[2]) && len(rep) == 1 {
				if to, err := strconv.Atoi(words[2]); err == nil && rep == "a" && to > h.n {
					// "1 A 3" is "1 à 3", a range, unless the street has a door 1a3.
					h.form |= NumberRange
					h.alt, h.hasAlt = NormalizeRep(rep+words[2]), true
					rep = ""
				} else {
					rep += words[2] // "7 P 1"
				}
			}
		}
	}
	h.rep, h.ok = NormalizeRep(rep), true
	return h
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
