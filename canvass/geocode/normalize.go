package geocode

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// streetTypes expands the street-type abbreviations mairies type, in first position only: "R" is
// "rue" at the head of a label but may be an initial further on. Full words map to themselves so
// that the type of a label is recognised whatever its spelling.
var streetTypes = map[string][]string{
	"r": {"rue"}, "rue": {"rue"},
	"bd": {"boulevard"}, "bld": {"boulevard"}, "blvd": {"boulevard"}, "bvd": {"boulevard"},
	"boul": {"boulevard"}, "boulevard": {"boulevard"},
	"av": {"avenue"}, "ave": {"avenue"}, "aven": {"avenue"}, "avenue": {"avenue"},
	"pl": {"place"}, "place": {"place"},
	"imp": {"impasse"}, "impasse": {"impasse"},
	"pas": {"passage"}, "pass": {"passage"}, "psg": {"passage"}, "passage": {"passage"},
	"vla": {"villa"}, "villa": {"villa"},
	"sq": {"square"}, "square": {"square"},
	"all": {"allee"}, "allee": {"allee"},
	"chem": {"chemin"}, "che": {"chemin"}, "chm": {"chemin"}, "chemin": {"chemin"},
	// In the REU extracts we have seen, CTE stands for "cité", not "côte".
	"cte": {"cite"}, "cite": {"cite"},
	"quai": {"quai"},
	"sent": {"sentier"}, "sentier": {"sentier"},
	"rte": {"route"}, "route": {"route"},
	"ham": {"hameau"}, "hameau": {"hameau"},
	"crs": {"cours"}, "cours": {"cours"},
	"esp": {"esplanade"}, "espl": {"esplanade"}, "esplanade": {"esplanade"},
	"fg": {"faubourg"}, "fbg": {"faubourg"}, "faubourg": {"faubourg"},
	"pte": {"porte"}, "porte": {"porte"},
	"prom": {"promenade"}, "promenade": {"promenade"},
	"rpt": {"rond", "point"},
	"res": {"residence"}, "residence": {"residence"},
	"lot": {"lotissement"}, "lotissement": {"lotissement"},
	"tsse": {"terrasse"}, "terrasse": {"terrasse"},
	"voie": {"voie"}, "cour": {"cour"},
}

// wordAbbrevs expands abbreviations that may stand anywhere in a label (saints, titles).
var wordAbbrevs = map[string]string{
	"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes",
	"gal": "general", "gen": "general", "mal": "marechal", "pdt": "president",
	"dr": "docteur", "prof": "professeur", "cdt": "commandant", "cne": "capitaine",
	"lt": "lieutenant", "mgr": "monseigneur", "fg": "faubourg", "fbg": "faubourg",
}

// articles are left out of the loose key: a mairie writes "RUE PYRENEES" for "Rue des Pyrénées".
var articles = map[string]bool{
	"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "l": true, "d": true,
}

// ligatures are letters that do not decompose into a base letter and marks.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i",
	'ĸ': "k", 'ŀ': "l"}

// latinFold holds the folded form of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A), the
// runes French labels use, so that they are folded without the transformer; "" for a separator.
var latinFold = func() (t [0x180 - 0xC0]string) {
	for r := rune(0xC0); r < 0x180; r++ {
		if unicode.IsLetter(r) {
			t[r-0xC0] = foldSlow(r)
		}
	}
	return t
}()

// foldSlow folds one letter or digit: lower case, decomposed, marks removed, ligatures spelled
// out ("Ǽ" gives "ae"). A transformer holds state, so each call builds its own.
func foldSlow(r rune) string {
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)))
	s, _, err := transform.String(strip, string(unicode.ToLower(r)))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, c := range s {
		if l, ok := ligatures[c]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// fold lowers s, removes accents and turns every run of characters other than letters and digits
// (spaces, apostrophes, hyphens, dots, slashes...) into one space. The result has no leading or
// trailing space.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c + 'a' - 'A')
			default:
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var part string
		switch {
		case r >= 0xC0 && r < 0x180:
			part = latinFold[r-0xC0]
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark of a decomposed letter: dropped without splitting the word
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			part = foldSlow(r)
		}
		if part == "" {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(part)
	}
	return b.String()
}

// label is a street label cut into normalised words.
type label struct {
	full    []string // every word, types and abbreviations expanded
	loose   []string // full without articles
	literal []string // full with the abbreviations of wordAbbrevs left as written; nil when the same
}

// parseLabel normalises a street label: fold, expand the street type (first word, or second after
// a leading number-like word such as the BAN's "176P3 Rue des Pyrénées") and abbreviations, drop
// articles for the loose form.
func parseLabel(s string) label {
	words := strings.Fields(fold(s))
	full := make([]string, 0, len(words)+1)
	var literal []string
	typeAt := 0
	if len(words) > 1 && startsWithDigit(words[0]) {
		typeAt = 1
	}
	for i, w := range words {
		if t, ok := streetTypes[w]; ok && i == typeAt {
			full = append(full, t...)
			continue
		}
		if x, ok := wordAbbrevs[w]; ok {
			if literal == nil {
				literal = slices.Clone(full)
			}
			literal = append(literal, w)
			full = append(full, x)
			continue
		}
		if literal != nil {
			literal = append(literal, w)
		}
		full = append(full, w)
	}
	loose := make([]string, 0, len(full))
	for _, w := range full {
		if !articles[w] {
			loose = append(loose, w)
		}
	}
	if len(loose) == 0 {
		loose = full // a label made only of articles keeps them
	}
	return label{full: full, loose: loose, literal: literal}
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// NormalizeStreet returns the canonical form of a street label, the same for the voter's
// free text and the BAN's nom_voie: lower case, no accents or punctuation, street type and
// Saint/Sainte expanded, articles kept. "R. ST-BLAISE" and "Rue Saint-Blaise" both give
// "rue saint blaise".
func NormalizeStreet(s string) string { return strings.Join(parseLabel(s).full, " ") }

// StreetKey is NormalizeStreet without the articles de, du, des, la, le, les, l', d': the key
// under which "RUE PYRENEES" and "Rue des Pyrénées" meet.
func StreetKey(s string) string { return strings.Join(parseLabel(s).loose, " ") }
