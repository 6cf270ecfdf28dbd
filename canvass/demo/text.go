package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// fold removes accents and upper-cases: how mairies and the AFNOR street names write.
func fold(s string) string { return strings.ToUpper(textfold.StripAccents(s)) }

// afnor is the BAN nom_afnor of a street name: upper case without accents or punctuation, at
// most 32 characters.
func afnor(name string) string {
	s := strings.NewReplacer("-", " ", "'", " ").Replace(fold(name))
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 32 {
		s = strings.TrimSpace(s[:32])
	}
	return s
}

// kindAbbrev is how a mairie abbreviates each kind of street; kindShort is the Ville de Paris style
// short name used in the street layer.
var (
	kindAbbrev = map[string]string{"Rue": "R", "Avenue": "AV", "Boulevard": "BD", "Place": "PL",
		"Impasse": "IMP", "Allée": "ALL", "Chemin": "CHEM", "Villa": "VLA", "Square": "SQ", "Quai": "QUAI"}
	kindShort = map[string]string{"Rue": "R.", "Avenue": "Av.", "Boulevard": "Bd", "Place": "Pl.",
		"Impasse": "Imp.", "Allée": "All.", "Chemin": "Ch.", "Villa": "Vla", "Square": "Sq.", "Quai": "Quai"}
	kindDesi = map[string]string{"Rue": "RUE", "Avenue": "AV", "Boulevard": "BD", "Place": "PL",
		"Impasse": "IMP", "Allée": "ALL", "Chemin": "CHE", "Villa": "VLA", "Square": "SQ", "Quai": "QUAI"}
)

// mairieBody is a street name body as a mairie types it: upper case, no accents, Saint as ST.
func mairieBody(body string) string {
	s := fold(body)
	s = strings.NewReplacer("SAINTE-", "STE ", "SAINT-", "ST ", "DOCTEUR ", "DR ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// articles are the leading words a mairie sometimes leaves out ("R MOULIN" for "R DU MOULIN").
var articles = []string{"DE LA ", "DE L'", "DES ", "DU ", "DE "}

// reuStreet is the street label of one voter's row: mostly the mairie's usual abbreviation, some
// rows in full, some in the BAN spelling, some without the article, about one in a hundred with
// a typo.
func reuStreet(rng *rand.Rand, s *street) string {
	body := mairieBody(s.body)
	switch r := rng.IntN(1000); {
	case r < 120:
		return fold(s.kind) + " " + body
	case r < 170:
		return s.name
	case r < 210:
		for _, a := range articles {
			if strings.HasPrefix(body, a) {
				return kindAbbrev[s.kind] + " " + strings.TrimPrefix(body, a)
			}
		}
	case r < 225:
		return kindAbbrev[s.kind] + " " + typo(rng, body)
	}
	return kindAbbrev[s.kind] + " " + body
}

// typo swaps two neighbouring letters of the longest word, or drops one.
func typo(rng *rand.Rand, s string) string {
	words := strings.Fields(s)
	longest := 0
	for k, w := range words {
		if len(w) > len(words[longest]) {
			longest = k
		}
	}
	w := []rune(words[longest])
	if len(w) < 4 {
		return s
	}
	k := 1 + rng.IntN(len(w)-2)
	if rng.IntN(2) == 0 {
		w[k], w[k+1] = w[k+1], w[k]
	} else {
		w = append(w[:k], w[k+1:]...)
	}
	words[longest] = string(w)
	return strings.Join(words, " ")
}

// reuNumber writes a house number and its suffix the ways mairies do: "12 BIS", "12B", "12bis".
func reuNumber(rng *rand.Rand, number int, rep string) string {
	n := strconv.Itoa(number)
	r := rng.IntN(10)
	switch rep {
	case "b":
		return [...]string{n + " BIS", n + "B", n + "bis"}[min(r/4, 2)]
	case "t":
		return [...]string{n + " TER", n + "T"}[r/6]
	case "a":
		return [...]string{n + " A", n + "A"}[r/5]
	}
	return n
}
