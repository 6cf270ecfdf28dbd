// Package reugen writes invented electoral lists in the REU extract layout, for tests and
// benchmarks: deterministic from a seed, with the quirks of real exports (every field quoted but
// the last, empty fields as nothing, 00 in dates, year-only dates, rows without polling station or
// street). Every person is invented; the commune code 99999 does not exist.
package reugen

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
)

// Header is the REU header row, each name quoted, as exports write it.
const Header = `"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";` +
	`"prénoms";"sexe";"date de naissance";"code commune de naissance";"libellé commune de naissance";` +
	`"code département de naissance";"pays de naissance";"libellé nationalité";"numéro de voie";` +
	`"libellé de voie";"complément 1";"complément 2";"lieu-dit";"code postal";"commune";"pays";` +
	`"code du bureau de vote";"libellé du bureau de vote";"code circonscription législative du bureau de vote";` +
	`"libellé canton du bureau de vote";"libellé circonscription métropolitaine du bureau de vote";` +
	`"numéro d'ordre dans le bureau de vote"`

var (
	surnames = []string{"EXEMPLEAU", "TESTELAERE", "D'ESSAI", "MAQUETTE", "PROTOTYPE", "BROUILLON", "ÉBAUCHE",
		"DE LA FICTION", "MODÈLE-TYPE", "ESQUISSE", "CALQUE", "FAUX-SEMBLANT", "LEPATRON", "CANEVAS", "GABARIT"}
	givenF  = []string{"Aurore", "Bérénice", "Chloé", "Inès", "Maëlle", "Zoé", "Anne-Sophie", "Léa", "Noémie"}
	givenM  = []string{"Joost", "Léon", "Jean-Marc", "Noé", "Théo", "Loïc", "Hugo", "Benoît", "Éric"}
	streets = []string{"RUE DES EXEMPLES", "AV DU PROTOTYPE", "Impasse du Modèle", "BD DE L'ESSAI", "PL DU GABARIT",
		"R DES MAQUETTES", "Allée des Brouillons", "CHEM DU CANEVAS", "SQ DES CALQUES", "VLA DES ESQUISSES"}
	places = []struct{ code, name, dept, country, nat string }{
		{"99998", "BOURG-IMAGINAIRE", "99", "FRANCE", "Française"},
		{"99997", "VAL-SUPPOSÉ", "99", "France", "Française"},
		{"", "GENT", "99", "BELGIQUE", "Belge"},
		{"", "LISBOA", "99", "PORTUGAL", "Portugaise"},
	}
	lists = []string{"Liste principale", "Liste principale", "Liste principale", "Liste principale",
		"Liste complémentaire municipale", "Liste complémentaire européenne"}
)

// Write writes a header and n invented voters of commune 99999 to w, the same bytes for the same
// seed.
func Write(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(Header)
	bw.WriteByte('\n')
	var b []byte
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	for i := 0; i < n; i++ {
		b = b[:0]
		station := 1 + i/1500
		place := places[rng.IntN(len(places))]
		sex, given := "F", givenF
		if rng.IntN(2) == 0 {
			sex, given = "M", givenM
		}
		usage := ""
		if rng.IntN(5) == 0 {
			usage = pick(surnames)
		}
		first := pick(given)
		if rng.IntN(3) == 0 {
			first += " " + pick(given)
		}
		var date string
		switch y := 1925 + rng.IntN(82); rng.IntN(1000) {
		case 0:
			date = "00/00/" + strconv.Itoa(y)
		case 1:
			date = strconv.Itoa(y)
		default:
			date = pad2(1+rng.IntN(28)) + "/" + pad2(1+rng.IntN(12)) + "/" + strconv.Itoa(y)
		}
		number, street, hamlet := strconv.Itoa(1+rng.IntN(180)), pick(streets), ""
		if rng.IntN(100) == 0 {
			number, street, hamlet = "", "", "Le Hameau Inventé"
		}
		if rng.IntN(10) == 0 {
			number += " BIS"
		}
		comp1 := ""
		if rng.IntN(8) == 0 {
			comp1 = "BAT " + string(rune('A'+rng.IntN(6))) + "; ESC " + strconv.Itoa(1+rng.IntN(4))
		}
		code, label := pad4(station), "BUREAU "+strconv.Itoa(station)
		if rng.IntN(500) == 0 {
			code, label = "", ""
		}
		for _, f := range []string{"99999", "VILLE-FICTIVE", pick(lists), pick(surnames), usage, first, sex, date,
			place.code, place.name, place.dept, place.country, place.nat, number, street, comp1, "", hamlet,
			"99999", "Ville-Fictive", "", code, label, "99-01", "Canton Fictif", ""} {
			if f != "" {
				b = append(b, '"')
				b = append(b, f...)
				b = append(b, '"')
			}
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, int64(1+i%1500), 10)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
