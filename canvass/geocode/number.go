package geocode

import "strings"

// maxNumber bounds a house number: BAN numbers stay below 100000 (lieux-dits use 5000-9999).
const maxNumber = 99999

// repWords are the suffix words the list spells out, mapped to the BAN's rep letters.
var repWords = map[string]string{"bis": "b", "ter": "t", "quater": "q", "quinquies": "c"}

// NormalizeRep returns the BAN form of a house-number suffix: lower case, letters and digits
// only, BIS, TER, QUATER and QUINQUIES as b, t, q and c. "BIS" gives "b", "P1" gives "p1".
func NormalizeRep(s string) string {
	r := strings.ReplaceAll(fold(s), " ", "")
	if w, ok := repWords[r]; ok {
		return w
	}
	return r
}

// ParseNumber reads a house number as the list writes it: "12", "12 BIS", "12B", "12 b",
// "12bis", "7 P1", "N° 4 TER". It returns the number and the suffix in the BAN's rep form
// (see NormalizeRep). A range such as "12-14" gives its first number. ok is false when there is
// no number, when letters other than "N°" come before it, or when it is out of range.
func ParseNumber(s string) (n int, rep string, ok bool) {
	if d := strings.TrimSpace(s); isDigits(d) && len(d) <= 5 {
		for i := 0; i < len(d); i++ { // the common case, without allocating
			n = n*10 + int(d[i]-'0')
		}
		return n, "", true
	}
	words := strings.Fields(fold(s))
	if len(words) > 0 && (words[0] == "n" || words[0] == "no") {
		words = words[1:] // "N° 12", "No 12"
	}
	if len(words) == 0 || !startsWithDigit(words[0]) {
		return 0, "", false
	}
	w := words[0]
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		n = n*10 + int(w[i]-'0')
		if n > maxNumber {
			return 0, "", false
		}
		i++
	}
	rep = w[i:] // glued suffix: "12b", "12bis", "7p1"
	if rep == "" && len(words) > 1 && !startsWithDigit(words[1]) {
		rep = words[1] // "12 BIS", "7 P1"
		if len(words) > 2 && isDigits(words[2]) && len(rep) == 1 {
			rep += words[2] // "7 P 1"
		}
	}
	return n, NormalizeRep(rep), true
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
