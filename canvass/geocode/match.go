package geocode

import (
	"fmt"
	"strings"
)

// VoterAddress is a voter's postal address as the electoral list writes it.
type VoterAddress struct {
	Number      string // numéro de voie, raw: "12 BIS", "7P1"
	Street      string // libellé de voie, raw
	Postcode    string // code postal
	Insee       string // commune code of the list's ugle (code du l'ugle)
	Locality    string // lieu-dit
	Complement1 string // complément 1: building, staircase, "CHEZ ..."; not used to locate
	Complement2 string // complément 2
}

// Kind says how a voter was matched.
type Kind uint8

// The kinds of match, from the surest to none.
const (
	// Unmatched: no address point; Match.Reason says why.
	Unmatched Kind = iota
	// Exact: same commune, same normalised street key, same number and suffix.
	Exact
	// Fuzzy: same number and suffix on a street whose name is within a small edit distance.
	Fuzzy
	// Approximate: the street matched (exactly or fuzzily) but not the number or the suffix; the
	// voter goes to the nearest door of that street.
	Approximate
)

// String gives the kind's name as the report and the matches CSV write it.
func (k Kind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Fuzzy:
		return "fuzzy"
	case Approximate:
		return "approximate"
	default:
		return "unmatched"
	}
}

// Match is the result of matching one voter.
type Match struct {
	AddressID string  // BAN id; "" when Unmatched
	Kind      Kind    // how the address was found
	Score     float64 // confidence in [0,1]: 1 for Exact, lower for Fuzzy, lower again for Approximate, 0 for Unmatched
	Reason    string  // why a voter is Unmatched ("no street", "street not found in commune 75120"...); "" otherwise
}

// Scores. They order matches by confidence; they are not probabilities. The bands do not overlap:
// Exact 1, Fuzzy from 0.72 to 0.9, Approximate at most 0.65.
const (
	fuzzyScore       = 0.9  // a fuzzy street match at distance 0 (only spaces differ), lowered by each edit
	approximateScore = 0.65 // the voter's number with another suffix, on an exactly matched street
	otherDoorFactor  = 0.8  // applied for another number, further lowered with the distance
	otherSideFactor  = 0.5  // applied on top when the only doors are on the other side
	maxEditShare     = 5    // the fuzzy match allows one edit per 5 characters of the longer key
)

// domiciliation words (folded, whole words) mark a voter registered through a social-services
// address; they only explain why a street was not found.
var domiciliation = []string{"ccas", "domiciliation", "sans domicile"}

// Match finds the BAN address of a voter. It never looks outside the voter's commune (the
// Insee code, or when it is empty the communes of the postcode) and is deterministic.
//
// Exact street keys are tried first (full, then without articles); failing that, the street
// name nearest in edit distance within the bound, among those of the commune. On the street, the
// exact number and suffix make an Exact or Fuzzy match; a voter's suffix unknown to the BAN
// falls back to the plain number, and a number unknown to the BAN to the nearest door on the same
// side, both as Approximate.
func (ix *Index) Match(v VoterAddress) Match {
	scope, where, reason := ix.scope(v)
	if reason != "" {
		return unmatched(reason)
	}
	num := parseHouse(v.Number)
	text := strings.TrimSpace(v.Street)
	if num.empty {
		if n, street, ok := leadingNumber(text); ok {
			num, text = parseHouse(n), street
		}
	}
	if text == "" {
		if strings.TrimSpace(v.Locality) == "" {
			return unmatched("no street")
		}
		// A lieu-dit may be a BAN street label; try it exactly, never fuzzily.
		lab := parseLabel(v.Locality)
		if s, r := exactStreet(scope, lab, num); s != nil {
			return ix.onStreet(s.street, num, 1, Exact)
		} else if r != "" {
			return unmatched(r + " in " + where)
		}
		return unmatched("hamlet only")
	}
	lab := parseLabel(text)
	if s, r := exactStreet(scope, lab, num); s != nil {
		return ix.onStreet(s.street, num, 1, Exact)
	} else if r != "" {
		return unmatched(r + " in " + where)
	}
	if s, score, r := fuzzyStreet(scope, lab, num); s != nil {
		return ix.onStreet(s, num, score, Fuzzy)
	} else if r != "" {
		return unmatched(r + " in " + where)
	}
	folded := " " + fold(text+" "+v.Complement1+" "+v.Complement2) + " "
	for _, w := range domiciliation {
		if strings.Contains(folded, " "+w+" ") {
			return unmatched("domiciliation, no street address")
		}
	}
	return unmatched("street not found in " + where)
}

// leadingNumber splits "12 BIS RUE DES LILAS", typed whole in the street field, into the number
// "12 BIS" and the street "RUE DES LILAS". A suffix is taken when glued ("12B") or spelled out
// (BIS, TER...), never as a lone letter, which may be the street type ("12 R DES LILAS").
func leadingNumber(text string) (number, street string, ok bool) {
	words := strings.Fields(text)
	if len(words) < 2 || !startsWithDigit(words[0]) {
		return "", "", false
	}
	cut := 1
	if _, ok := repWords[strings.ReplaceAll(fold(words[1]), " ", "")]; ok && len(words) > 2 {
		cut = 2
	}
	return strings.Join(words[:cut], " "), strings.Join(words[cut:], " "), true
}

func unmatched(reason string) Match { return Match{Kind: Unmatched, Reason: reason} }

// scope returns the communes the voter may be matched in, and how to name them in a reason.
func (ix *Index) scope(v VoterAddress) ([]*commune, string, string) {
	if insee := strings.TrimSpace(v.Insee); insee != "" {
		c := ix.communes[insee]
		if c == nil {
			return nil, "", fmt.Sprintf("commune %s not in the address base", insee)
		}
		return c.self, "commune " + insee, ""
	}
	if pc := strings.TrimSpace(v.Postcode); pc != "" {
		cs := ix.postcodes[pc]
		if len(cs) == 0 {
			return nil, "", fmt.Sprintf("postcode %s not in the address base", pc)
		}
		return cs, "postcode " + pc, ""
	}
	return nil, "", "no commune code or postcode"
}

// house is the voter's house number, parsed once.
type house struct {
	n     int
	rep   string
	ok    bool // ParseNumber succeeded
	empty bool // nothing was written
}

func parseHouse(s string) house {
	n, rep, ok := ParseNumber(s)
	return house{n: n, rep: rep, ok: ok, empty: strings.TrimSpace(s) == ""}
}

// has reports whether the voter's number and suffix are a door of the street.
func (s *street) has(num house) bool {
	if !num.ok {
		return false
	}
	_, found := s.find(num.n, num.rep)
	return found
}

// located is a street candidate.
type located struct {
	street *street
	door   bool // the voter's number and suffix exist on it
	length int  // fuzzy match: length of the longer key compared
}

// exactStreet looks the label up by full key, then by loose key, in each commune of the scope.
// Several streets under one key (a loose-key clash, or one name in two communes of a postcode)
// are told apart by the voter's door; if that does not single one out, the reason says so.
func exactStreet(scope []*commune, lab label, num house) (*located, string) {
	full, loose := strings.Join(lab.full, " "), strings.Join(lab.loose, " ")
	for pass := range 2 {
		var buf [2]located
		found := buf[:0]
		for _, c := range scope {
			keyed := c.byFull[full]
			if pass == 1 {
				keyed = c.byLoose[loose]
			}
			for _, i := range keyed {
				s := c.streets[i]
				found = append(found, located{street: s, door: s.has(num)})
			}
		}
		if len(found) > 0 {
			if l, ok := single(found); ok {
				return &l, ""
			}
			return nil, "ambiguous street"
		}
	}
	return nil, ""
}

// single picks the one candidate that has the door, or the only candidate.
func single(found []located) (located, bool) {
	if len(found) == 1 {
		return found[0], true
	}
	var with []located
	for _, l := range found {
		if l.door {
			with = append(with, l)
		}
	}
	if len(with) == 1 {
		return with[0], true
	}
	return located{}, false
}

// onStreet places the voter on a street found with the given street score and kind.
func (ix *Index) onStreet(s *street, num house, streetScore float64, kind Kind) Match {
	if !num.ok {
		if num.empty {
			return unmatched("no house number")
		}
		return unmatched("unreadable house number")
	}
	n, rep := num.n, num.rep
	if d, found := s.find(n, rep); found {
		return Match{AddressID: ix.ids[d.addr], Kind: kind, Score: streetScore}
	}
	d := s.nearest(n, rep)
	score := approximateScore * streetScore
	if d.number != n {
		delta := max(d.number-n, n-d.number)
		score *= otherDoorFactor / (1 + float64(delta)/10)
		if delta%2 != 0 {
			score *= otherSideFactor
		}
	}
	return Match{AddressID: ix.ids[d.addr], Kind: Approximate, Score: score}
}
