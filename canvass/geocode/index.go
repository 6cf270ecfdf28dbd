// Package geocode matches the free-text postal address of a voter, as the electoral list writes
// it, to an address point of the Base Adresse Nationale (BAN), offline and deterministically.
//
// Both sides are normalised (case, accents, punctuation, the street-type abbreviations mairies
// type, titles, missing articles, labels inverted as old municipal files write them, house-number
// suffixes, ranges). A voter is looked up in their own commune only: exact key first, then the
// name alone when the type was left out, then a fuzzy match on the street name bounded by the
// name's length, then the nearest number on the street when the number itself is not in the BAN.
// Match.Form tells the organizer how the list wrote each address, as far as it differs from the
// BAN. The package holds no storage: the caller loads the addresses and the voters.
//
// An Approximate match is a claim about where the voter lives, like any other match: measured
// against the truth of the Paris 20e synthetic list (TestPrecisionRecall20e) it counts as matched,
// and as correct only when it is the true address. When the evidence does not single out one
// street, the voter stays Unmatched with the reason, for the organizer to fix, rather than guessed.
package geocode

import (
	"cmp"
	"slices"
	"strings"
)

// Address is one BAN address point.
type Address struct {
	ID       string  // BAN id, e.g. 75120_7904_00192
	Number   int     // numero
	Rep      string  // rep: suffix such as b, t, q, a, p1, bv; "" for none
	Street   string  // nom_voie
	Postcode string  // code_postal
	Insee    string  // code_insee of the commune
	Lon, Lat float64 // WGS84; carried for the caller, not used to match
}

// Index holds the BAN addresses grouped by commune and street, ready for matching. It is not
// changed after NewIndex, so Match may be called from several goroutines.
type Index struct {
	ids       []string
	communes  map[string]*commune
	postcodes map[string][]*commune // the communes having at least one address with the postcode
}

// commune holds the streets of one INSEE commune code.
type commune struct {
	insee   string
	self    []*commune // the commune alone, as a scope
	streets []*street
	byFull  map[string][]int // full street key -> streets
	byLoose map[string][]int // loose street key (no articles) -> streets
	byCore  map[string][]int // the name without type and articles -> streets: "girardon" for Rue and Impasse Girardon
}

// street is one normalised street label of a commune, with its doors.
type street struct {
	full, loose          string   // keys, words separated by spaces
	cFull, cLoose, cCore key      // the keys and the name without spaces, for the fuzzy match
	maxEdits             int      // the edits a misspelt name may have, after the name's length
	doors                []door   // sorted by number, then rep
	reps                 []string // the suffixes its doors use, sorted: which letters are suffixes here
}

// door is a numbered address on a street.
type door struct {
	number int
	rep    string
	addr   int // index in Index.ids
}

// NewIndex builds the index. Addresses are grouped by commune code and normalised street label;
// when two addresses share commune, street key, number and suffix (possible in merged communes)
// the one with the smallest ID wins, so the result does not depend on the input order.
func NewIndex(addrs []Address) *Index {
	ix := &Index{ids: make([]string, len(addrs)), communes: map[string]*commune{}, postcodes: map[string][]*commune{}}
	labels := map[string]label{} // BAN labels repeat once per door: normalise each once
	for i, a := range addrs {
		ix.ids[i] = a.ID
		c := ix.communes[a.Insee]
		if c == nil {
			c = &commune{insee: a.Insee, byFull: map[string][]int{}, byLoose: map[string][]int{}, byCore: map[string][]int{}}
			c.self = []*commune{c}
			ix.communes[a.Insee] = c
		}
		if a.Postcode != "" && !slices.Contains(ix.postcodes[a.Postcode], c) {
			ix.postcodes[a.Postcode] = append(ix.postcodes[a.Postcode], c)
		}
		l, ok := labels[a.Street]
		if !ok {
			l = parseLabel(a.Street)
			labels[a.Street] = l
		}
		full := strings.Join(l.full, " ")
		var s *street
		if found := c.byFull[full]; len(found) > 0 {
			s = c.streets[found[0]]
		} else {
			s = newStreet(l)
			c.byFull[full] = []int{len(c.streets)}
			c.byLoose[s.loose] = append(c.byLoose[s.loose], len(c.streets))
			if core := strings.Join(l.core(), " "); core != "" {
				c.byCore[core] = append(c.byCore[core], len(c.streets))
			}
			c.streets = append(c.streets, s)
		}
		s.doors = append(s.doors, door{number: a.Number, rep: NormalizeRep(a.Rep), addr: i})
	}
	for _, c := range ix.communes {
		for _, s := range c.streets {
			slices.SortFunc(s.doors, func(a, b door) int {
				return cmp.Or(cmp.Compare(a.number, b.number), cmp.Compare(a.rep, b.rep),
					cmp.Compare(ix.ids[a.addr], ix.ids[b.addr]))
			})
			s.doors = slices.CompactFunc(s.doors, func(a, b door) bool { return a.number == b.number && a.rep == b.rep })
			for _, d := range s.doors {
				if d.rep != "" && !slices.Contains(s.reps, d.rep) {
					s.reps = append(s.reps, d.rep)
				}
			}
			slices.Sort(s.reps)
		}
	}
	for _, cs := range ix.postcodes {
		slices.SortFunc(cs, func(a, b *commune) int { return cmp.Compare(a.insee, b.insee) })
	}
	return ix
}

func newStreet(l label) *street {
	s := &street{full: strings.Join(l.full, " "), loose: strings.Join(l.loose, " "),
		cFull: newKey(l.full), cLoose: newKey(l.loose), cCore: newKey(l.core())}
	s.maxEdits = maxEdits(len(s.cCore.s))
	return s
}

// usesRep reports whether a door of the street has the suffix: a letter typed after the number
// in the street field ("34 M BD DE LA CHAPELLE") is a suffix when the street uses it.
func (s *street) usesRep(rep string) bool {
	_, found := slices.BinarySearch(s.reps, rep)
	return found
}

// find returns the door with exactly this number and suffix.
func (s *street) find(number int, rep string) (door, bool) {
	i, ok := slices.BinarySearchFunc(s.doors, door{number: number, rep: rep}, func(a, b door) int {
		return cmp.Or(cmp.Compare(a.number, b.number), cmp.Compare(a.rep, b.rep))
	})
	if !ok {
		return door{}, false
	}
	return s.doors[i], true
}

// nearest returns the door closest to number on the street: the same number with another or no
// suffix first (the plain number before suffixed ones), then the nearest number on the same side
// (same parity), then the nearest on the other side. Ties go to the lower number. The street
// has at least one door.
func (s *street) nearest(number int, rep string) door {
	best := -1
	var bestKey [4]int
	for i, d := range s.doors {
		if d.number == number && d.rep == rep {
			continue
		}
		delta := d.number - number
		if delta < 0 {
			delta = -delta
		}
		side := 0
		if delta%2 != 0 {
			side = 1
		}
		plain := 1
		if d.rep == "" {
			plain = 0
		}
		key := [4]int{side, delta, d.number, plain}
		if best < 0 || slices.Compare(key[:], bestKey[:]) < 0 {
			best, bestKey = i, key
		}
	}
	if best < 0 {
		return s.doors[0]
	}
	return s.doors[best]
}

// Len is the number of addresses indexed.
func (ix *Index) Len() int { return len(ix.ids) }
