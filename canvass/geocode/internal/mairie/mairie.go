// Package mairie rewrites the number and street columns of an electoral list the ways real
// extracts and old municipal files write them (issue 18): labels inverted, the street type left
// out, the number typed in the street field, typing errors, number ranges, abbreviated titles.
// It is seeded, so a rewritten list is the same on every run, and it records the form used for
// each row, so that the geocoder can be measured form by form against the known truth.
//
// It serves the geocoder's tests. It keeps its own tables of street types and titles rather than
// the geocoder's: a form the geocoder does not know must show up as a miss, not be hidden by a
// shared table.
package mairie

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// Form names how a row was rewritten.
type Form string

// The forms, in the order of the table.
const (
	Unchanged        Form = "unchanged"         // the row as the list has it
	InvertedBrackets Form = "inverted-brackets" // CLICHY (BOULEVARD DE)
	Inverted         Form = "inverted"          // RUISSEAU RUE DU, CAMILLE FLAMMARION RUE
	NoType           Form = "no-type"           // ORDENER, Des Tulipes, DE LAGHOUAT
	NumberInStreet   Form = "number-in-street"  // 34 M BD DE LA CHAPELLE, the number column empty
	Typos            Form = "typos"             // two typing errors in the name: Rue Du Mont Ceenis, R. MMaTcadet
	Range            Form = "range"             // 30-32, 1 A 3, 72/74
	Padded           Form = "padded"            // 0012, 68.
	Titles           Form = "titles"            // GAL, MAL, PDT, DR, ND, FBG, ST
	Dropped          Form = "dropped"           // hyphens, apostrophes or articles left out
	Punctuation      Form = "punctuation"       // stray commas, dots, semicolons
)

// Forms lists every form, Unchanged first.
var Forms = []Form{Unchanged, InvertedBrackets, Inverted, NoType, NumberInStreet, Typos, Range, Padded,
	Titles, Dropped, Punctuation}

// weights are the forms' shares of the rewritten rows, in per mille, after the table:
// inverted 13%, no type 13%, number in the street 14%, typos 12%, ranges and padded numbers 28%,
// titles, dropped characters and punctuation 20%.
var weights = []struct {
	form Form
	w    int
}{
	{InvertedBrackets, 65}, {Inverted, 65}, {NoType, 130}, {NumberInStreet, 140}, {Typos, 120},
	{Range, 180}, {Padded, 100}, {Titles, 70}, {Dropped, 65}, {Punctuation, 65},
}

// rewrittenShare is the share of rows rewritten, in per mille.
const rewrittenShare = 400

// types are the street types with the abbreviations mairies type for them.
var types = map[string][]string{
	"RUE": {"R", "R."}, "BOULEVARD": {"BD", "BLD", "BD."}, "AVENUE": {"AV", "AVE", "AV."}, "PLACE": {"PL"},
	"IMPASSE": {"IMP"}, "PASSAGE": {"PAS", "PASS"}, "VILLA": {"VLA"}, "SQUARE": {"SQ"}, "ALLEE": {"ALL"},
	"CHEMIN": {"CHEM"}, "CITE": {"CTE"}, "SENTIER": {"SENT"}, "COURS": {"CRS"}, "ESPLANADE": {"ESP"},
	"HAMEAU": {"HAM"}, "ROUTE": {"RTE"}, "QUAI": nil, "COUR": nil, "VOIE": nil,
}

// typeOf maps every spelling of a type in types to its full word.
var typeOf = func() map[string]string {
	m := map[string]string{}
	for full, abbrevs := range types {
		m[full] = full
		for _, a := range abbrevs {
			m[strings.TrimSuffix(a, ".")] = full
		}
	}
	return m
}()

// titles are the words mairies abbreviate anywhere in a name.
var titles = map[string][]string{
	"GENERAL": {"GAL", "GAL."}, "MARECHAL": {"MAL"}, "PRESIDENT": {"PDT"}, "DOCTEUR": {"DR", "DR."},
	"DOCTEURS": {"DRS"}, "FAUBOURG": {"FBG", "FG"}, "SAINT": {"ST"}, "SAINTE": {"STE"},
	"PROFESSEUR": {"PROF"}, "CAPITAINE": {"CNE", "CAP"}, "COMMANDANT": {"CDT", "CMDT"},
	"LIEUTENANT": {"LT"}, "NOTRE-DAME": {"ND"},
}

// articles may follow the type.
var articles = map[string]bool{"DE": true, "DU": true, "DES": true, "LA": true, "LE": true, "LES": true}

// Address is a voter's number and street columns as the list writes them.
type Address struct{ Number, Street string }

// Door is a voter's true BAN address: the street's nom_voie, the number and the suffix (rep).
type Door struct {
	Street string
	Number int
	Rep    string
}

// Rewriter draws the forms from a seeded source.
type Rewriter struct{ rng *rand.Rand }

// New returns a Rewriter whose draws depend on seed only.
func New(seed uint64) *Rewriter { return &Rewriter{rng: rand.New(rand.NewPCG(seed, 18))} }

// Rewrite returns the row written in a form drawn with the proportions (about 40% of the
// rows are rewritten) and the form used. The street is rewritten from the true BAN label when door
// is not nil, from the list's own label otherwise (a voter unmatchable by design). A form that
// does not apply to the row (a range on a suffixed number, titles on a name without one) is drawn
// again; Unchanged rows come back as they were.
func (w *Rewriter) Rewrite(a Address, door *Door) (Address, Form) {
	if w.rng.IntN(1000) >= rewrittenShare || strings.TrimSpace(a.Street) == "" {
		return a, Unchanged // an empty street stays empty: there is nothing to write otherwise
	}
	base := a.Street
	if door != nil {
		base = door.Street
	}
	l := parse(base)
	for range 20 {
		f := w.draw()
		if out, ok := w.apply(f, a, door, l); ok {
			return out, f
		}
	}
	return w.punctuate(a, l), Punctuation
}

func (w *Rewriter) draw() Form {
	r := w.rng.IntN(1000)
	for _, x := range weights {
		if r < x.w {
			return x.form
		}
		r -= x.w
	}
	return weights[len(weights)-1].form
}

// label is a street label cut into its type, the articles after it and the name, upper case
// without accents. typ is "" when the label does not start with a known type.
type label struct {
	typ  string   // full type word
	arts []string // DE, LA, D', L'...
	name []string
}

func parse(s string) label {
	words := strings.Fields(upper(s))
	var l label
	if len(words) > 1 {
		if t, ok := typeOf[strings.TrimSuffix(words[0], ".")]; ok {
			l.typ, words = t, words[1:]
		}
	}
	if l.typ != "" {
		for len(words) > 1 {
			if articles[words[0]] {
				l.arts, words = append(l.arts, words[0]), words[1:]
				continue
			}
			if len(words[0]) > 2 && (strings.HasPrefix(words[0], "D'") || strings.HasPrefix(words[0], "L'")) {
				l.arts, words[0] = append(l.arts, words[0][:2]), words[0][2:]
			}
			break
		}
	}
	l.name = words
	return l
}

// upper writes s as mairies do: upper case, no accents, straight apostrophes.
func upper(s string) string {
	return strings.ToUpper(strings.NewReplacer("’", "'", "Œ", "OE", "œ", "oe").Replace(textfold.StripAccents(s)))
}

// typed writes the label's type in full or, one time in three, abbreviated.
func (w *Rewriter) typed(l label) string {
	if ab := types[l.typ]; len(ab) > 0 && w.rng.IntN(3) == 0 {
		return ab[w.rng.IntN(len(ab))]
	}
	return l.typ
}

// join writes words with the article's apostrophe glued to the next word ("D'" "AVRON" as D'AVRON).
func join(words []string) string {
	var b strings.Builder
	for i, x := range words {
		if i > 0 && !strings.HasSuffix(words[i-1], "'") {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

// forward writes the label type first, as a mairie usually does.
func (w *Rewriter) forward(l label) string {
	return join(append(append([]string{w.typed(l)}, l.arts...), l.name...))
}

func (w *Rewriter) apply(f Form, a Address, door *Door, l label) (Address, bool) {
	hasType := l.typ != "" && len(l.name) > 0
	switch f {
	case InvertedBrackets, Inverted:
		if !hasType {
			return a, false
		}
		tail := append([]string{w.typed(l)}, l.arts...)
		if f == InvertedBrackets {
			return Address{Number: a.Number, Street: join(l.name) + " (" + strings.Join(tail, " ") + ")"}, true
		}
		if w.rng.IntN(3) == 0 {
			tail = tail[:1] // CAMILLE FLAMMARION RUE: the articles dropped too
		}
		return Address{Number: a.Number, Street: join(l.name) + " " + strings.Join(tail, " ")}, true
	case NoType:
		if !hasType {
			return a, false
		}
		words := l.name
		if w.rng.IntN(2) == 0 {
			words = append(append([]string{}, l.arts...), l.name...)
		}
		s := join(words)
		if w.rng.IntN(3) == 0 {
			s = titleCase(s) // Des Tulipes
		}
		return Address{Number: a.Number, Street: s}, true
	case NumberInStreet:
		num := strings.TrimSpace(a.Number)
		street := a.Street
		if door != nil {
			num = strconv.Itoa(door.Number)
			if door.Rep != "" {
				num += w.suffix(door.Rep)
			}
			if hasType {
				street = w.forward(l)
			}
		}
		if num == "" || street == "" {
			return a, false
		}
		return Address{Street: num + " " + street}, true
	case Typos:
		if !hasType {
			return a, false
		}
		name := w.typos(join(l.name))
		if w.rng.IntN(3) == 0 {
			name = w.mixCase(name)
		}
		return Address{Number: a.Number, Street: join(append(append([]string{w.typed(l)}, l.arts...), name))}, true
	case Range, Padded:
		n, ok := plainNumber(a, door)
		if !ok {
			return a, false
		}
		num := w.rangeOf(n)
		if f == Padded {
			num = w.padded(n)
		}
		return Address{Number: num, Street: w.street(a, door, l)}, true
	case Titles:
		words, changed := w.titles(l.name)
		if !hasType || !changed {
			return a, false
		}
		return Address{Number: a.Number, Street: w.forward(label{typ: l.typ, arts: l.arts, name: words})}, true
	case Dropped:
		s, ok := w.dropped(l)
		if !ok {
			return a, false
		}
		return Address{Number: a.Number, Street: s}, true
	default:
		return w.punctuate(a, l), true
	}
}

// street is the row's label rewritten from the true one, type first; the list's own label when
// there is no door or the true label has no type.
func (w *Rewriter) street(a Address, door *Door, l label) string {
	if door == nil || l.typ == "" || len(l.name) == 0 {
		return a.Street
	}
	return w.forward(l)
}

// plainNumber is the true number when it has no suffix, or the list's number when it is digits
// only and there is no door.
func plainNumber(a Address, door *Door) (int, bool) {
	if door != nil {
		return door.Number, door.Rep == "" && door.Number > 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(a.Number))
	return n, err == nil && n > 0
}

// suffix writes a BAN suffix after the number: spaced, glued, or spelled out for b and t.
func (w *Rewriter) suffix(rep string) string {
	r := strings.ToUpper(rep)
	switch {
	case rep == "b" && w.rng.IntN(3) == 0:
		r = "BIS"
	case rep == "t" && w.rng.IntN(3) == 0:
		r = "TER"
	}
	if w.rng.IntN(4) == 0 {
		return r // 34M
	}
	return " " + r // 34 M
}

func (w *Rewriter) rangeOf(n int) string {
	m := strconv.Itoa(n + 2)
	switch w.rng.IntN(3) {
	case 0:
		return strconv.Itoa(n) + "-" + m
	case 1:
		return strconv.Itoa(n) + " A " + m
	default:
		return strconv.Itoa(n) + "/" + m
	}
}

func (w *Rewriter) padded(n int) string {
	s := strconv.Itoa(n)
	if w.rng.IntN(2) == 0 {
		return s + "."
	}
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// keyboard holds, for each letter, its neighbours on an AZERTY keyboard: a typist's wrong key.
var keyboard = map[byte]string{
	'A': "ZQ", 'Z': "AES", 'E': "ZRD", 'R': "ETF", 'T': "RYG", 'Y': "TUH", 'U': "YIJ", 'I': "UOK", 'O': "IPL",
	'P': "OM", 'Q': "AWS", 'S': "QDZ", 'D': "SFE", 'F': "DGR", 'G': "FHT", 'H': "GJY", 'J': "HKU", 'K': "JLI",
	'L': "KMO", 'M': "LP", 'W': "QX", 'X': "WC", 'C': "XV", 'V': "CB", 'B': "VN", 'N': "B",
}

// typos makes two typing errors in s, each a doubled, dropped, swapped or wrong letter, at letters
// only (never creating or removing a space or an apostrophe); two errors that undo each other are
// made again.
func (w *Rewriter) typos(s string) string {
	for range 10 {
		if t := w.twoTypos(s); t != s {
			return t
		}
	}
	return s
}

func (w *Rewriter) twoTypos(s string) string {
	b := []byte(s)
	for range 2 {
		var at []int
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				at = append(at, i)
			}
		}
		if len(at) < 2 {
			break
		}
		i := at[w.rng.IntN(len(at))]
		switch w.rng.IntN(4) {
		case 0: // doubled
			b = append(b[:i+1], b[i:]...)
		case 1: // dropped
			b = append(b[:i], b[i+1:]...)
		case 2: // swapped with the next letter
			if i+1 < len(b) && b[i+1] >= 'A' && b[i+1] <= 'Z' && b[i+1] != b[i] {
				b[i], b[i+1] = b[i+1], b[i]
			} else {
				b = append(b[:i+1], b[i:]...)
			}
		default: // wrong key
			if n := keyboard[b[i]]; n != "" {
				b[i] = n[w.rng.IntN(len(n))]
			} else {
				b = append(b[:i], b[i+1:]...)
			}
		}
	}
	return string(b)
}

// mixCase writes some letters in lower case, as a typist with caps lock toggling: MMaTcadet.
func (w *Rewriter) mixCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' && i > 0 && w.rng.IntN(2) == 0 {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func titleCase(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if c >= 'a' && c <= 'z' && (i == 0 || b[i-1] == ' ' || b[i-1] == '-' || b[i-1] == '\'') {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// titles abbreviates the title words of a name; changed is false when it has none.
func (w *Rewriter) titles(name []string) ([]string, bool) {
	out := make([]string, 0, len(name))
	changed := false
	for _, word := range name {
		parts := strings.Split(word, "-")
		if ab, ok := titles[word]; ok { // NOTRE-DAME
			parts = []string{ab[w.rng.IntN(len(ab))]}
			changed = true
		}
		for i, p := range parts {
			if ab, ok := titles[p]; ok {
				parts[i] = ab[w.rng.IntN(len(ab))]
				changed = true
			}
		}
		sep := "-"
		if w.rng.IntN(2) == 0 {
			sep = " "
		}
		out = append(out, strings.Join(parts, sep))
	}
	return out, changed
}

// dropped leaves out the hyphens, the apostrophes or the articles of a label.
func (w *Rewriter) dropped(l label) (string, bool) {
	if l.typ == "" || len(l.name) == 0 {
		return "", false
	}
	name := join(l.name)
	var options []func() string
	if strings.Contains(name, "-") {
		options = append(options, func() string {
			return w.forward(label{typ: l.typ, arts: l.arts, name: []string{strings.ReplaceAll(name, "-", w.pick(" ", ""))}})
		})
	}
	if strings.Contains(name, "'") || strings.HasSuffix(strings.Join(l.arts, ""), "'") {
		options = append(options, func() string {
			return strings.ReplaceAll(w.forward(l), "'", w.pick(" ", ""))
		})
	}
	if len(l.arts) > 0 {
		options = append(options, func() string { return w.forward(label{typ: l.typ, name: l.name}) })
	}
	if len(options) == 0 {
		return "", false
	}
	return options[w.rng.IntN(len(options))](), true
}

func (w *Rewriter) pick(a, b string) string {
	if w.rng.IntN(2) == 0 {
		return a
	}
	return b
}

// punctuate adds stray punctuation to the label: a comma after the type, a dot glued to it, a
// trailing dot or semicolon, a quote or an asterisk.
func (w *Rewriter) punctuate(a Address, l label) Address {
	s := a.Street
	if l.typ != "" && len(l.name) > 0 {
		t := strings.TrimSuffix(w.typed(l), ".")
		rest := join(append(append([]string{}, l.arts...), l.name...))
		switch w.rng.IntN(3) {
		case 0:
			s = t + ", " + rest
		case 1:
			s = t + "." + rest
		default:
			s = t + " " + rest
		}
	}
	switch w.rng.IntN(4) {
	case 0:
		s += "."
	case 1:
		s += " ;"
	case 2:
		s = "\"" + s + "\""
	default:
		s = "*" + s
	}
	return Address{Number: a.Number, Street: s}
}
