package geocode

import (
	"math/bits"
	"strings"
)

// The edits a misspelt label may have: at least one per maxEditShare characters of the longer key
// compared (the type and articles may be mistyped too), at least the name's own maxEdits, never
// more than maxEditsAll.
const (
	maxEditShare = 5
	maxEditsAll  = 3
)

// maxEdits is how many edits a misspelt name may have, after the length of the BAN's name
// without type and articles: one on names of three or four letters ("piat" typed "PIATT"), two
// from five ("orfila" typed "ROFIA", "marcadet" typed "MMaTcadet"), three from sixteen. Names of
// one or two letters must be typed right.
func maxEdits(nameLen int) int {
	switch {
	case nameLen < 3:
		return 0
	case nameLen < 5:
		return 1
	case nameLen < 16:
		return 2
	default:
		return 3
	}
}

// fuzzyStreet finds the street of the scope whose name is nearest the voter's label in edit
// distance (optimal string alignment: a swapped, dropped, added or wrong letter is one edit),
// within the bounds above. Keys are compared without spaces, so "RUED ES PYRENEES" and
// "RUEDES PYRENEES" meet "Rue des Pyrénées" at distance 0, with and without articles; a label
// without type is also compared with the names alone. Among the nearest streets the one holding the
// voter's door wins; a tie that the door does not break is reported as ambiguous rather than
// guessed. byName says the street was found by its name alone, the type left out.
func fuzzyStreet(scope []*commune, lab label, num house) (s *street, score float64, byName bool, reason string) {
	forms := voterForms(lab)
	pairs := 2 // full with full, loose with loose
	if !lab.typed {
		pairs = 3 // and loose with the names alone
	}
	bestD := -1
	var best []located
	for _, c := range scope {
		for _, s := range c.streets {
			d, length, core := -1, 0, false
			for _, f := range forms {
				for i := range pairs {
					v, k := &f.loose, &s.cCore
					switch i {
					case 0:
						v, k = &f.full, &s.cFull
					case 1:
						k = &s.cLoose
					}
					limit := max(s.maxEdits, v.edits, k.edits)
					if d >= 0 {
						limit = min(limit, d-1) // only a strictly better distance matters
					}
					if limit < 0 || abs(len(v.s)-len(k.s)) > limit ||
						bits.OnesCount64(v.mask^k.mask) > 2*limit || v.hist.distance(&k.hist) > 2*limit {
						continue
					}
					if e := osa(v.s, k.s, limit); e <= limit {
						d, length, core = e, max(len(v.s), len(k.s)), i == 2
					}
				}
			}
			if d < 0 || (bestD >= 0 && d > bestD) {
				continue
			}
			if d < bestD || bestD < 0 {
				bestD, best = d, best[:0]
			}
			best = append(best, located{street: s, length: length, byName: core})
		}
	}
	if bestD < 0 {
		return nil, 0, false, ""
	}
	l, ok := single(best, num)
	if !ok {
		return nil, 0, false, AmbiguousStreet
	}
	return l.street, fuzzyScore * (1 - float64(bestD)/float64(l.length)), l.byName, ""
}

// key is a street key without spaces, for the fuzzy match, with what the sieves need.
type key struct {
	s     string
	edits int    // the edits its length allows: one per maxEditShare characters, at most maxEditsAll
	mask  uint64 // the letters it uses
	hist  hist   // how many times it uses each
}

func newKey(words []string) key {
	s := strings.Join(words, "")
	return key{s: s, edits: min(len(s)/maxEditShare, maxEditsAll), mask: charMask(s), hist: newHist(s)}
}

// form is one way to read the voter's label, as compact keys.
type form struct{ full, loose key }

// voterForms returns the label's compact keys; the keys read without expanding the abbreviations
// of wordAbbrevs, which may be a typo ("R. DE L'ST" is "Rue de l'Est"); and, when the first word
// is not a street type but starts with one ("PASGAMBETTA", "VLAHARDY", "CTELECLAIRE": a space
// lost), the keys read with that type split off and expanded.
func voterForms(lab label) []form {
	forms := []form{newForm(lab.full)}
	if lab.literal != nil {
		forms = append(forms, newForm(lab.literal))
	}
	typeAt := 0
	if len(lab.full) > 1 && startsWithDigit(lab.full[0]) {
		typeAt = 1
	}
	if typeAt >= len(lab.full) {
		return forms
	}
	w := lab.full[typeAt]
	if _, ok := streetTypes[w]; ok {
		return forms
	}
	for cut := len(w) - 1; cut >= 2; cut-- { // longest type first; one-letter "r" is too loose
		t, ok := streetTypes[w[:cut]]
		if !ok {
			continue
		}
		words := append(append(append([]string{}, lab.full[:typeAt]...), t...), w[cut:])
		words = append(words, lab.full[typeAt+1:]...)
		forms = append(forms, newForm(words))
		break
	}
	return forms
}

func newForm(full []string) form {
	var loose []string
	for _, w := range full {
		if !isArticle(w) {
			loose = append(loose, w)
		}
	}
	if len(loose) == 0 {
		loose = full
	}
	return form{full: newKey(full), loose: newKey(loose)}
}

// charMask has one bit per letter or digit the key uses (other bytes share the remaining bits).
// An edit changes at most two bits, so keys whose masks differ in more than 2k bits are more than
// k edits apart.
func charMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << (36 + c%28)
		}
	}
	return m
}

// hist counts the letters and digits of a key (other bytes share one bin), saturating at 255. An
// edit changes the counts by at most 2 in total, so keys whose counts differ by more than 2k are
// more than k edits apart; a finer sieve than charMask, still far cheaper than osa.
type hist [37]uint8

func newHist(s string) hist {
	var h hist
	for i := 0; i < len(s); i++ {
		c, bin := s[i], 36
		switch {
		case c >= 'a' && c <= 'z':
			bin = int(c - 'a')
		case c >= '0' && c <= '9':
			bin = 26 + int(c-'0')
		}
		if h[bin] < 255 {
			h[bin]++
		}
	}
	return h
}

func (h *hist) distance(o *hist) int {
	d := 0
	for i := range h {
		d += abs(int(h[i]) - int(o[i]))
	}
	return d
}

// osa returns the optimal string alignment distance between a and b (insertions, deletions,
// substitutions and transpositions of adjacent bytes), or limit+1 as soon as it must exceed limit.
func osa(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	var buf [3 * 64]int
	var prev2, prev, cur []int
	if len(b)+1 <= 64 {
		prev2, prev, cur = buf[0:len(b)+1], buf[64:64+len(b)+1], buf[128:128+len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
