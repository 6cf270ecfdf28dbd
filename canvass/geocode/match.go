package geocode

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/textfold"
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
	// Exact: same commune, same normalised street key (or the same name, the type left out, on
	// the one street of the commune that has it or has the voter's door), same number and suffix.
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
	Form      Form    // how the list wrote the address, as far as the matcher had to read it specially
}

// Scores. They order matches by confidence; they are not probabilities. The bands do not overlap:
// Exact 1, Fuzzy from 0.72 to 0.9, Approximate at most 0.65.
const (
	fuzzyScore       = 0.9  // a fuzzy street match at distance 0 (only spaces differ), lowered by each edit
	approximateScore = 0.65 // the voter's number with another suffix, on an exactly matched street
	otherDoorFactor  = 0.8  // applied for another number, further lowered with the distance
	otherSideFactor  = 0.5  // applied on top when the only doors are on the other side
)

// AmbiguousStreet starts the reason of a voter left unmatched because several streets fit the
// label (Rue and Impasse Girardon for "GIRARDON") and the house number did not tell them apart.
const AmbiguousStreet = "ambiguous street"

// domiciliation words (folded, whole words) mark a voter registered through a social-services
// address; they only explain why a street was not found.
var domiciliation = []string{"ccas", "domiciliation", "sans domicile"}

// Match finds the BAN address of a voter. It never looks outside the voter's commune (the
// Insee code, or when it is empty the communes of the postcode) and is deterministic.
//
// Exact street keys are tried first (full, then without articles, then the name alone for a label
// without its type); failing that, the street name nearest in edit distance within a bound that
// grows with the name's length, among those of the commune. Several streets under one name (Rue
// and Impasse Girardon) are told apart by the voter's door, or the voter is left unmatched as
// "ambiguous street". On the street, the exact number and suffix make an Exact or Fuzzy match; a
// voter's suffix unknown to the BAN falls back to the plain number, and a number unknown to the
// BAN to the nearest door on the same side, both as Approximate. A number typed at the head of
// the street field is read when the number column is empty, with the letter after it as a suffix
// when the street uses that suffix ("34 M BD DE LA CHAPELLE").
func (ix *Index) Match(v VoterAddress) Match {
	scope, where, reason := ix.scope(v)
	if reason != "" {
		return unmatched(reason, 0)
	}
	num := parseHouse(v.Number)
	text := strings.TrimSpace(v.Street)
	form := num.form | punctuated(text)
	if num.empty {
		if n, suffix, street, ok := leadingNumber(text); ok {
			form |= NumberInStreet
			num, text = parseHouse(n), street
			if suffix != "" {
				withRep := num
				withRep.rep = NormalizeRep(suffix)
				lab := parseLabel(street)
				// The word is a suffix when the street has doors with it, or when it cannot start
				// a label: "12 R DES LILAS" is Rue des Lilas, "13 D RUE SORBIER" is 13d when
				// Rue Sorbier has a door 13d or any door with a d.
				if f := locate(scope, lab, withRep); f.street != nil && (f.street.usesRep(withRep.rep) || !startsLabel(suffix)) {
					return ix.onStreet(f, withRep, form|lab.form())
				}
				text = suffix + " " + street
			}
		}
	}
	if text == "" {
		if strings.TrimSpace(v.Locality) == "" {
			return unmatched("no street", form)
		}
		// A lieu-dit may be a BAN street label; try it exactly, never fuzzily nor by a name
		// alone: "LA FERME" is no Rue de la Ferme.
		lab := parseLabel(v.Locality)
		if s, r := exactStreet(scope, lab, num, false); s.street != nil {
			return ix.onStreet(found{street: s.street, score: 1, kind: Exact}, num, form)
		} else if r != "" {
			return unmatched(r+" in "+where, form)
		}
		return unmatched("hamlet only", form)
	}
	lab := parseLabel(text)
	f := locate(scope, lab, num)
	if f.street == nil && f.reason == "" && lab.typed && !lab.inverted {
		if inv := readLabel(text, true); inv.inverted {
			if g := locate(scope, inv, num); g.street != nil || g.reason != "" {
				lab, f = inv, g // "PORTE DE BAGNOLET AVENUE"
			}
		}
	}
	form |= lab.form()
	if f.street != nil {
		return ix.onStreet(f, num, form)
	}
	if f.reason != "" {
		if !lab.typed {
			form |= NoType // several streets have the name: the type would have told them apart
		}
		return unmatched(f.reason+" in "+where, form)
	}
	folded := " " + textfold.Key(text+" "+v.Complement1+" "+v.Complement2) + " "
	for _, w := range domiciliation {
		if strings.Contains(folded, " "+w+" ") {
			return unmatched("domiciliation, no street address", form)
		}
	}
	return unmatched("street not found in "+where, form)
}

// found is the street a label led to, how, and what it says of the label's form; reason is set
// when no street was found because several fit ("ambiguous street").
type found struct {
	street *street
	score  float64
	kind   Kind // Exact or Fuzzy
	form   Form
	reason string
}

// locate finds the street of a label: by its keys, then by its name alone, then by edit distance.
func locate(scope []*commune, lab label, num house) found {
	if s, r := exactStreet(scope, lab, num, true); s.street != nil {
		f := found{street: s.street, score: 1, kind: Exact}
		if s.byName {
			f.form = NoType
		}
		return f
	} else if r != "" {
		return found{reason: r}
	}
	s, score, byName, r := fuzzyStreet(scope, lab, num)
	if s == nil {
		return found{reason: r}
	}
	f := found{street: s, score: score, kind: Fuzzy, form: Misspelt}
	if byName {
		f.form |= NoType
	}
	return f
}

// leadingNumber splits a street field that starts with the house number: "12 BIS RUE DES LILAS"
// gives the number "12 BIS" and the street "RUE DES LILAS". A suffix glued to the number ("12B")
// or spelled out (BIS, TER...) belongs to the number; a short word after it that may be a BAN
// suffix or the start of the street ("34 M BD...", "12 R DES LILAS") comes back as suffix, for
// the caller to decide with the street's own suffixes.
func leadingNumber(text string) (number, suffix, street string, ok bool) {
	words := strings.Fields(text)
	if len(words) < 2 || !startsWithDigit(words[0]) {
		return "", "", "", false
	}
	w := strings.ReplaceAll(textfold.Key(words[1]), " ", "")
	switch {
	case len(words) < 3:
	case repWords[w] != "":
		return strings.Join(words[:2], " "), "", strings.Join(words[2:], " "), true
	case isDigits(words[0]) && maybeRep(w):
		return words[0], words[1], strings.Join(words[2:], " "), true
	}
	return words[0], "", strings.Join(words[1:], " "), true
}

// maybeRep reports whether a folded word may be a BAN suffix: one to three characters, letters
// then digits ("m", "bv", "p1").
func maybeRep(w string) bool {
	if w == "" || len(w) > 3 || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	i := 0
	for i < len(w) && w[i] >= 'a' && w[i] <= 'z' {
		i++
	}
	return isDigits(w[i:]) || i == len(w)
}

// startsLabel reports whether a word may start a street label: a street type or an article.
func startsLabel(w string) bool {
	w = strings.ReplaceAll(textfold.Key(w), " ", "")
	_, ok := streetTypes[w]
	return ok || isArticle(w)
}

func unmatched(reason string, form Form) Match {
	return Match{Kind: Unmatched, Reason: reason, Form: form}
}

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

// has reports whether the voter's number and suffix are a door of the street.
func (s *street) has(num house) bool {
	if !num.ok {
		return false
	}
	if _, found := s.find(num.n, num.rep); found {
		return true
	}
	_, found := s.find(num.n, num.alt)
	return num.hasAlt && found
}

// located is a street candidate.
type located struct {
	street *street
	length int  // fuzzy match: length of the longer key compared
	byName bool // found by its name alone, without its type
}

// exactStreet looks the label up by full key, then by loose key, then, if byName, by the name
// alone (the label's loose key among the streets' names without type: "ORDENER", "DES TULIPES",
// and "PORTE DE MONTREUIL" for the Avenue de la Porte de Montreuil), in each commune of the scope. Several
// streets under one key (Rue and Impasse Girardon by name, one name in two communes of a
// postcode) are told apart by the voter's door; if that does not single one out, the reason says
// so.
func exactStreet(scope []*commune, lab label, num house, byName bool) (located, string) {
	loose := strings.Join(lab.loose, " ")
	keys := [3]string{strings.Join(lab.full, " "), loose, loose} // the third looked up among the names
	passes := 2
	if byName {
		passes = 3
	}
	for pass, k := range keys[:passes] {
		var buf [2]located
		found := buf[:0]
		for _, c := range scope {
			var keyed []int
			switch pass {
			case 0:
				keyed = c.byFull[k]
			case 1:
				keyed = c.byLoose[k]
			default:
				keyed = c.byCore[k]
			}
			for _, i := range keyed {
				s := c.streets[i]
				found = append(found, located{street: s, byName: pass == 2})
			}
		}
		if len(found) > 0 {
			if l, ok := single(found, num); ok {
				return l, ""
			}
			return located{}, AmbiguousStreet
		}
	}
	return located{}, ""
}

// single picks the only candidate, or the one candidate that has the voter's door.
func single(found []located, num house) (located, bool) {
	if len(found) == 1 {
		return found[0], true
	}
	var with []located
	for _, l := range found {
		if l.street.has(num) {
			with = append(with, l)
		}
	}
	if len(with) == 1 {
		return with[0], true
	}
	return located{}, false
}

// onStreet places the voter on the street found; form is what the list's writing of the address
// already told, to which the street's finding adds.
func (ix *Index) onStreet(f found, num house, form Form) Match {
	s, kind := f.street, f.kind
	form |= f.form
	if !num.ok {
		if num.empty {
			return unmatched("no house number", form)
		}
		return unmatched("unreadable house number", form)
	}
	n, rep := num.n, num.rep
	if d, found := s.find(n, rep); found {
		return Match{AddressID: ix.ids[d.addr], Kind: kind, Score: f.score, Form: form}
	}
	if d, found := s.find(n, num.alt); found && num.hasAlt {
		return Match{AddressID: ix.ids[d.addr], Kind: kind, Score: f.score, Form: form}
	}
	d := s.nearest(n, rep)
	score := approximateScore * f.score
	if d.number != n {
		delta := max(d.number-n, n-d.number)
		score *= otherDoorFactor / (1 + float64(delta)/10)
		if delta%2 != 0 {
			score *= otherSideFactor
		}
	}
	return Match{AddressID: ix.ids[d.addr], Kind: Approximate, Score: score, Form: form}
}
