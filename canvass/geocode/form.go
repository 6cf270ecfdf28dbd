package geocode

import "strings"

// Form is how the electoral list wrote a voter's address, as far as the matcher had to read it
// otherwise than the BAN writes it: a set of the forms below, read from the input alone. The
// match report counts voters per form, so that an organizer sees what to fix in the file.
type Form uint16

// The forms. A voter's address may show several (an inverted label with a typo).
const (
	// Inverted: the type and articles after the name, in brackets or not: "CLICHY (BOULEVARD DE)".
	Inverted Form = 1 << iota
	// NoType: the street type left out, the street found by its name: "ORDENER", "DES TULIPES".
	NoType
	// NumberInStreet: the number typed in the street field, the number column empty: "34 M BD ...".
	NumberInStreet
	// NumberRange: a range in the number column: "30-32", "1 A 3", "72/74".
	NumberRange
	// NumberPadded: leading zeros or a trailing dot in the number column: "0012", "68.".
	NumberPadded
	// Misspelt: the street found by edit distance only, its name typed wrong.
	Misspelt
	// Abbreviated: a title or saint abbreviated in the name: "GAL", "DR", "ST".
	Abbreviated
	// Punctuation: stray punctuation in the street field: commas, semicolons, quotes, asterisks.
	Punctuation
	lastForm = Punctuation
)

// formNames are the forms' stable names, as reports and files write them.
var formNames = map[Form]string{
	Inverted: "inverted", NoType: "no-type", NumberInStreet: "number-in-street", NumberRange: "number-range",
	NumberPadded: "number-padded", Misspelt: "misspelt", Abbreviated: "abbreviated", Punctuation: "punctuation",
}

// Forms returns every single form, in the order reports list them.
func Forms() []Form {
	var out []Form
	for f := Form(1); f <= lastForm; f <<= 1 {
		out = append(out, f)
	}
	return out
}

// Has reports whether the set f holds every form of g.
func (f Form) Has(g Form) bool { return f&g == g }

// String names the forms of the set, joined by "+" in the order of Forms; "" for none (the
// address written as the BAN writes it, give or take case, accents and type abbreviations).
func (f Form) String() string {
	var names []string
	for _, g := range Forms() {
		if f.Has(g) {
			names = append(names, formNames[g])
		}
	}
	return strings.Join(names, "+")
}

// ParseForm reads back what String wrote; names it does not know are ignored.
func ParseForm(s string) Form {
	var f Form
	for _, name := range strings.Split(s, "+") {
		for g, n := range formNames {
			if n == name {
				f |= g
			}
		}
	}
	return f
}

// form is what the label's writing tells: inverted, abbreviated titles. A label without type is
// NoType once a street is found by its name (locate says so), not before: "CCAS" is no street
// without its type.
func (l label) form() Form {
	var f Form
	if l.inverted {
		f |= Inverted
	}
	if l.literal != nil {
		f |= Abbreviated
	}
	return f
}

// punctuated tells stray punctuation in a street field: characters that no label needs (dots,
// hyphens, apostrophes, slashes and brackets do: "R.", "VOIE AO/20", "CLICHY (BD DE)"), or a dot
// ending a word too long to be an abbreviation ("RUE DES LILAS.").
func punctuated(s string) Form {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ';', ':', '*', '"', '!', '?', '_', '#', '+', '=', '<', '>', '[', ']', '{', '}', '|', '\\', '@', '&', '%', '$', '~', '`':
			return Punctuation
		}
	}
	if word, ok := strings.CutSuffix(s, "."); ok && len(word)-max(strings.LastIndexByte(word, ' '), strings.LastIndexByte(word, '.')) > 4 {
		return Punctuation
	}
	return 0
}
