package geocode

import (
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/textfold"
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
	"cap": "capitaine", "capt": "capitaine", "cmdt": "commandant", "drs": "docteurs", "nd": "notre dame",
}

// isArticle tells the articles left out of the loose key: a mairie writes "RUE PYRENEES" for
// "Rue des Pyrénées". A switch rather than a map: every word of every label goes through it.
func isArticle(w string) bool {
	switch w {
	case "de", "du", "des", "la", "le", "les", "l", "d":
		return true
	}
	return false
}

// label is a street label cut into normalised words.
type label struct {
	full     []string // every word, types and abbreviations expanded
	loose    []string // full without articles
	typeAt   int      // full[typeAt:typeEnd] is the expanded street type, when typed
	typeEnd  int
	literal  []string // full with the abbreviations of wordAbbrevs left as written; nil when the same
	typed    bool     // a street type was read
	inverted bool     // the type was read after the name: "CLICHY (BOULEVARD DE)", "RUISSEAU RUE DU"
}

// parseLabel normalises a street label: fold, put an inverted label back in order, expand the
// street type (first word, or second after a leading number-like word such as the BAN's "176P3 Rue
// des Pyrénées") and abbreviations, drop articles for the loose form.
func parseLabel(s string) label { return readLabel(s, false) }

// readLabel is parseLabel; force reads a label that starts with a type and ends with another,
// without articles after it, as inverted too ("PORTE DE BAGNOLET AVENUE"), which parseLabel
// leaves as written ("RUE DE LA PORTE" is no Porte "rue de la"). Match tries that reading when the
// label as written leads nowhere.
func readLabel(s string, force bool) label {
	words := strings.Fields(textfold.Key(s))
	typeAt := 0
	if len(words) > 1 && startsWithDigit(words[0]) {
		typeAt = 1
	}
	var l label
	words, l.inverted = uninvert(words, typeAt, bracketedWords(s), force)
	full := make([]string, 0, len(words)+1)
	l.typeAt = typeAt
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i == typeAt {
			if t, n := streetType(words[i:]); n > 0 {
				full = append(full, t...)
				l.typeEnd, l.typed = len(full), true
				i += n - 1
				continue
			}
		}
		if x, ok := wordAbbrevs[w]; ok {
			if l.literal == nil {
				l.literal = slices.Clone(full)
			}
			l.literal = append(l.literal, w)
			full = append(full, x)
			continue
		}
		if l.literal != nil {
			l.literal = append(l.literal, w)
		}
		full = append(full, w)
	}
	l.full = full
	l.loose = make([]string, 0, len(full))
	for _, w := range full {
		if !isArticle(w) {
			l.loose = append(l.loose, w)
		}
	}
	if len(l.loose) == 0 {
		l.loose = full // a label made only of articles keeps them
	}
	return l
}

// streetType reads the street type at the start of words: its expansion and how many words it
// takes (0 when there is none). "rond point", the expansion of RPT, reads as one type.
func streetType(words []string) ([]string, int) {
	if t, ok := streetTypes[words[0]]; ok {
		return t, 1
	}
	if len(words) > 1 && words[0] == "rond" && words[1] == "point" {
		return words[:2], 2
	}
	return nil, 0
}

// uninvert puts back in order a label written with its type and articles after the name:
// "clichy boulevard de" is "boulevard de clichy", "camille flammarion rue" is "rue camille
// flammarion". The type is the last street-type word followed by articles only, with a word
// other than an article before it ("du lot" stays as it is, a name without its type); when the
// label starts with a type too, at least one article must follow the last one ("cour des noues
// rue de la" is inverted, "rue de la porte" is not). The last bracketed words of the raw label
// (its tail, counted in words) are the type and articles whatever the first word:
// "COUR DES NOUES (RUE)".
func uninvert(words []string, typeAt, bracketed int, force bool) ([]string, bool) {
	at, ok := invertedAt(words, typeAt, bracketed, force)
	if !ok {
		return words, false
	}
	out := make([]string, 0, len(words))
	out = append(append(append(out, words[:typeAt]...), words[at:]...), words[typeAt:at]...)
	if _, again := invertedAt(out, typeAt, 0, false); again {
		// The name itself ends like a type and articles ("A R D (RUE)"): the label is left as
		// written, so that normalising it twice gives the same.
		return words, false
	}
	return out, true
}

// invertedAt finds where the type of an inverted label starts, following uninvert's rules.
func invertedAt(words []string, typeAt, bracketed int, force bool) (int, bool) {
	if len(words) < typeAt+2 {
		return 0, false
	}
	if last := words[len(words)-1]; bracketed == 0 && !isArticle(last) {
		if _, ok := streetTypes[last]; !ok {
			return 0, false // the common case, "rue des pyrenees", at the cost of one lookup
		}
	}
	at := len(words) - 1
	for at > typeAt && isArticle(words[at]) {
		at--
	}
	_, typed := streetType(words[typeAt:])
	if tail := len(words) - bracketed; bracketed > 0 && tail > typeAt {
		at = tail // what the brackets hold, if it is a type or articles
		if _, n := streetType(words[at:]); n == 0 && !isArticle(words[at]) {
			return 0, false
		}
	} else if _, n := streetType(words[at:]); n == 0 || at == typeAt || typed > 0 && at == len(words)-1 && !force {
		return 0, false
	}
	if !slices.ContainsFunc(words[typeAt:at], func(w string) bool { return !isArticle(w) }) {
		return 0, false
	}
	return at, true
}

// bracketedWords counts the words of the label's last bracket when the label ends with it:
// "CLICHY (BOULEVARD DE)" has 2.
func bracketedWords(s string) int {
	s = strings.TrimSpace(s)
	i := strings.LastIndexByte(s, '(')
	if i < 0 || !strings.HasSuffix(s, ")") {
		return 0
	}
	return len(strings.Fields(textfold.Key(s[i:])))
}

// core is the loose form without the street type: the name, "ordener" for "RUE ORDENER" as
// much as for "ORDENER". Only the index needs it, so it is not part of parseLabel's work.
func (l label) core() []string {
	var core []string
	for i, w := range l.full {
		if !isArticle(w) && (!l.typed || i < l.typeAt || i >= l.typeEnd) {
			core = append(core, w)
		}
	}
	return core
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// NormalizeStreet returns the canonical form of a street label, the same for the voter's
// free text and the BAN's nom_voie: lower case, no accents or punctuation, street type and
// Saint/Sainte expanded, articles kept, an inverted label put back in order. "R. ST-BLAISE",
// "SAINT BLAISE (RUE)" and "Rue Saint-Blaise" all give "rue saint blaise".
func NormalizeStreet(s string) string { return strings.Join(parseLabel(s).full, " ") }

// StreetKey is NormalizeStreet without the articles de, du, des, la, le, les, l', d': the key
// under which "RUE PYRENEES" and "Rue des Pyrénées" meet.
func StreetKey(s string) string { return strings.Join(parseLabel(s).loose, " ") }
