package geocode

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// testAddresses is an invented BAN: two communes sharing postcode 99100, both with a Rue des
// Lilas; a third commune elsewhere. In the first, Rue and Impasse Girardon share a name, and so
// do Rue and Avenue des Lilas.
func testAddresses() []Address {
	var addrs []Address
	add := func(insee, postcode, street string, doors ...string) {
		for _, d := range doors {
			n, rep, ok := ParseNumber(d)
			if !ok {
				panic("bad test door " + d)
			}
			id := fmt.Sprintf("%s_%s_%d%s", insee, StreetKey(street), n, rep)
			addrs = append(addrs, Address{ID: id, Number: n, Rep: rep, Street: street, Postcode: postcode, Insee: insee})
		}
	}
	add("99001", "99100", "Rue des Lilas", "1", "2", "3", "4", "6", "8", "12", "12b", "14", "20", "21")
	add("99001", "99100", "Avenue des Lilas", "2")
	add("99001", "99100", "Rue Saint-Blaise", "5")
	add("99001", "99100", "Rue de l'Est", "5")
	add("99001", "99100", "Villa Stendhal", "16")
	add("99001", "99100", "Rue Bisson", "3", "7")
	add("99001", "99100", "Rue Besson", "3")
	add("99001", "99100", "Impasse des Glycines", "2t", "2q")
	add("99001", "99100", "176P3 Rue des Pyrénées", "176p3")
	add("99001", "99100", "Rue des Pyrénées", "176")
	add("99001", "99100", "Rue Girardon", "1", "3")
	add("99001", "99100", "Impasse Girardon", "1", "5")
	add("99001", "99100", "Rue Marcadet", "5", "34m")
	add("99001", "99100", "Rue Piat", "22")
	add("99001", "99100", "Boulevard de Clichy", "34", "34m", "36")
	add("99001", "99100", "Rue de la Cour des Noues", "8")
	add("99001", "99100", "Avenue de la Porte de Bagnolet", "4")
	add("99002", "99100", "Rue des Lilas", "1", "2")
	add("99002", "99100", "Rue des Roses", "10")
	add("99003", "99300", "Rue des Roses", "11")
	return addrs
}

func id(insee, street string, door string) string {
	n, rep, _ := ParseNumber(door)
	return fmt.Sprintf("%s_%s_%d%s", insee, StreetKey(street), n, rep)
}

func TestMatch(t *testing.T) {
	ix := NewIndex(testAddresses())
	lilas := func(door string) string { return id("99001", "Rue des Lilas", door) }
	tests := []struct {
		name   string
		v      VoterAddress
		kind   Kind
		id     string
		reason string
	}{
		{"exact", VoterAddress{Number: "12", Street: "RUE DES LILAS", Insee: "99001"}, Exact, lilas("12"), ""},
		{"exact suffix", VoterAddress{Number: "12 BIS", Street: "R DES LILAS", Insee: "99001"}, Exact, lilas("12b"), ""},
		{"exact glued suffix", VoterAddress{Number: "12bis", Street: "R. DES LILAS", Insee: "99001"}, Exact, lilas("12b"), ""},
		{"missing article", VoterAddress{Number: "4", Street: "RUE LILAS", Insee: "99001"}, Exact, lilas("4"), ""},
		{"saint", VoterAddress{Number: "5", Street: "R ST BLAISE", Insee: "99001"}, Exact, id("99001", "Rue Saint-Blaise", "5"), ""},
		{"type abbreviation", VoterAddress{Number: "16", Street: "VLA STENDHAL", Insee: "99001"}, Exact, id("99001", "Villa Stendhal", "16"), ""},
		{"street starting with a number", VoterAddress{Number: "176 P3", Street: "176P3 R DES PYRENEES", Insee: "99001"}, Exact, id("99001", "176P3 Rue des Pyrénées", "176p3"), ""},
		{"swapped letters", VoterAddress{Number: "4", Street: "RUE DES LIALS", Insee: "99001"}, Fuzzy, lilas("4"), ""},
		{"dropped letter", VoterAddress{Number: "14", Street: "RUE DES LLAS", Insee: "99001"}, Fuzzy, lilas("14"), ""},
		{"space moved", VoterAddress{Number: "14", Street: "RUED ES LILAS", Insee: "99001"}, Fuzzy, lilas("14"), ""},
		{"type glued", VoterAddress{Number: "16", Street: "VLASTENDHAL", Insee: "99001"}, Fuzzy, id("99001", "Villa Stendhal", "16"), ""},
		{"abbreviation that is a typo", VoterAddress{Number: "5", Street: "R. DE L'ST", Insee: "99001"}, Fuzzy, id("99001", "Rue de l'Est", "5"), ""},
		{"fuzzy tie broken by the door", VoterAddress{Number: "7", Street: "RUE BASSON", Insee: "99001"}, Fuzzy, id("99001", "Rue Bisson", "7"), ""},
		{"fuzzy tie not broken", VoterAddress{Number: "3", Street: "RUE BASSON", Insee: "99001"}, Unmatched, "", "ambiguous street in commune 99001"},
		{"too far for fuzzy", VoterAddress{Number: "4", Street: "RUE DES LOUPS", Insee: "99001"}, Unmatched, "", "street not found in commune 99001"},
		{"suffix unknown: plain number", VoterAddress{Number: "6 TER", Street: "RUE DES LILAS", Insee: "99001"}, Approximate, lilas("6"), ""},
		{"no plain number: a suffixed one", VoterAddress{Number: "2", Street: "IMP DES GLYCINES", Insee: "99001"}, Approximate, id("99001", "Impasse des Glycines", "2q"), ""},
		{"number unknown: nearest same side", VoterAddress{Number: "19", Street: "RUE DES LILAS", Insee: "99001"}, Approximate, lilas("21"), ""},
		{"number unknown: tie to the lower", VoterAddress{Number: "10", Street: "RUE DES LILAS", Insee: "99001"}, Approximate, lilas("8"), ""},
		{"number unknown: other side only", VoterAddress{Number: "9", Street: "AV DES LILAS", Insee: "99001"}, Approximate, id("99001", "Avenue des Lilas", "2"), ""},
		{"fuzzy street, number unknown", VoterAddress{Number: "22", Street: "RUE DES LIALS", Insee: "99001"}, Approximate, lilas("20"), ""},
		{"never across communes", VoterAddress{Number: "10", Street: "RUE DES ROSES", Insee: "99001"}, Unmatched, "", "street not found in commune 99001"},
		{"postcode only, one commune has it", VoterAddress{Number: "10", Street: "RUE DES ROSES", Postcode: "99100"}, Exact, id("99002", "Rue des Roses", "10"), ""},
		{"postcode only, the door decides", VoterAddress{Number: "12", Street: "RUE DES LILAS", Postcode: "99100"}, Exact, lilas("12"), ""},
		{"postcode only, ambiguous", VoterAddress{Number: "1", Street: "RUE DES LILAS", Postcode: "99100"}, Unmatched, "", "ambiguous street in postcode 99100"},
		{"commune code wins over postcode", VoterAddress{Number: "10", Street: "RUE DES ROSES", Postcode: "99100", Insee: "99003"}, Approximate, id("99003", "Rue des Roses", "11"), ""},
		{"unknown commune", VoterAddress{Number: "1", Street: "RUE DES LILAS", Insee: "99999"}, Unmatched, "", "commune 99999 not in the address base"},
		{"unknown postcode", VoterAddress{Number: "1", Street: "RUE DES LILAS", Postcode: "98000"}, Unmatched, "", "postcode 98000 not in the address base"},
		{"no commune", VoterAddress{Number: "1", Street: "RUE DES LILAS"}, Unmatched, "", "no commune code or postcode"},
		{"no street", VoterAddress{Insee: "99001"}, Unmatched, "", "no street"},
		{"hamlet only", VoterAddress{Locality: "LE HAMEAU", Insee: "99001"}, Unmatched, "", "hamlet only"},
		{"lieu-dit that is a BAN street", VoterAddress{Number: "16", Locality: "VILLA STENDHAL", Insee: "99001"}, Exact, id("99001", "Villa Stendhal", "16"), ""},
		{"no number", VoterAddress{Street: "RUE DES LILAS", Insee: "99001"}, Unmatched, "", "no house number"},
		{"number in the street field", VoterAddress{Street: "12 BIS R DES LILAS", Insee: "99001"}, Exact, lilas("12b"), ""},
		{"glued number in the street field", VoterAddress{Street: "12B RUE DES LILAS", Insee: "99001"}, Exact, lilas("12b"), ""},
		{"unreadable number", VoterAddress{Number: "BAT A", Street: "RUE DES LILAS", Insee: "99001"}, Unmatched, "", "unreadable house number"},
		{"domiciliation", VoterAddress{Street: "CCAS", Complement1: "DOMICILIATION SANS DOMICILE STABLE", Insee: "99001"}, Unmatched, "", "domiciliation, no street address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.Match(tt.v)
			if m.Kind != tt.kind || m.AddressID != tt.id || m.Reason != tt.reason {
				t.Fatalf("Match = %+v (%s), want kind %s, id %q, reason %q", m, m.Kind, tt.kind, tt.id, tt.reason)
			}
			switch m.Kind {
			case Exact:
				if m.Score != 1 {
					t.Errorf("exact score %v, want 1", m.Score)
				}
			case Fuzzy, Approximate:
				if m.Score <= 0 || m.Score >= 1 {
					t.Errorf("%s score %v, want in (0,1)", m.Kind, m.Score)
				}
			case Unmatched:
				if m.Score != 0 {
					t.Errorf("unmatched score %v, want 0", m.Score)
				}
			}
		})
	}
}

// TestMatchForms reads the forms of issue 18: what the voter's address was matched to, and the
// forms the matcher says it read.
func TestMatchForms(t *testing.T) {
	ix := NewIndex(testAddresses())
	lilas := func(door string) string { return id("99001", "Rue des Lilas", door) }
	clichy := func(door string) string { return id("99001", "Boulevard de Clichy", door) }
	girardon := func(typ, door string) string { return id("99001", typ+" Girardon", door) }
	tests := []struct {
		name   string
		number string
		street string
		kind   Kind
		id     string
		reason string
		form   Form
	}{
		{"standard", "12", "RUE DES LILAS", Exact, lilas("12"), "", 0},
		{"inverted in brackets", "34", "CLICHY (BOULEVARD DE)", Exact, clichy("34"), "", Inverted},
		{"inverted, abbreviated type", "34", "CLICHY (BD DE)", Exact, clichy("34"), "", Inverted},
		{"inverted without brackets", "12", "LILAS RUE DES", Exact, lilas("12"), "", Inverted},
		{"inverted without articles", "12", "LILAS RUE", Exact, lilas("12"), "", Inverted},
		{"inverted, name starting with a type", "8", "COUR DES NOUES (RUE DE LA)", Exact, id("99001", "Rue de la Cour des Noues", "8"), "", Inverted},
		{"inverted, name starting with a type, no brackets", "8", "COUR DES NOUES RUE DE LA", Exact, id("99001", "Rue de la Cour des Noues", "8"), "", Inverted},
		{"inverted, name starting with a type, no articles", "4", "PORTE DE BAGNOLET AV.", Exact, id("99001", "Avenue de la Porte de Bagnolet", "4"), "", Inverted},
		{"inverted reading found nothing either", "4", "PORTE DE CLIGNANCOURT AV.", Unmatched, "", "street not found in commune 99001", 0},
		{"no type, one street of the name", "36", "CLICHY", Exact, clichy("36"), "", NoType},
		{"no type, articles kept", "36", "De Clichy", Exact, clichy("36"), "", NoType},
		{"no type, the door decides", "3", "GIRARDON", Exact, girardon("Rue", "3"), "", NoType},
		{"no type, the door decides the other way", "5", "GIRARDON", Exact, girardon("Impasse", "5"), "", NoType},
		{"no type, the door on both", "1", "GIRARDON", Unmatched, "", "ambiguous street in commune 99001", NoType},
		{"no type, the door on neither", "9", "GIRARDON", Unmatched, "", "ambiguous street in commune 99001", NoType},
		{"inverted, no type left", "5", "GIRARDON (IMPASSE)", Exact, girardon("Impasse", "5"), "", Inverted},
		{"number and letter suffix in the street", "", "34 M BD DE CLICHY", Exact, clichy("34m"), "", NumberInStreet},
		{"number and glued suffix in the street", "", "34M BD DE CLICHY", Exact, clichy("34m"), "", NumberInStreet},
		{"number and a suffix the street does not use", "", "12 Z RUE DES LILAS", Approximate, lilas("12"), "", NumberInStreet},
		{"number then a street type", "", "12 R DES LILAS", Exact, lilas("12"), "", NumberInStreet},
		{"number, suffix, street without type", "", "34 M CLICHY", Exact, clichy("34m"), "", NumberInStreet | NoType},
		{"two typos in a long name", "5", "R. MMaTcadet", Fuzzy, id("99001", "Rue Marcadet", "5"), "", Misspelt},
		{"two typos in a short name", "22", "RUE PITQ", Unmatched, "", "street not found in commune 99001", 0},
		{"inverted with a typo", "34", "CLICHHY (BOULEVARD DE)", Fuzzy, clichy("34"), "", Inverted | Misspelt},
		{"range", "34-36", "BD DE CLICHY", Exact, clichy("34"), "", NumberRange},
		{"range with a slash", "34/36", "BD DE CLICHY", Exact, clichy("34"), "", NumberRange},
		{"range written with A", "1 A 3", "RUE DES LILAS", Exact, lilas("1"), "", NumberRange},
		{"leading zeros", "0012", "RUE DES LILAS", Exact, lilas("12"), "", NumberPadded},
		{"trailing dot", "12.", "RUE DES LILAS", Exact, lilas("12"), "", NumberPadded},
		{"abbreviated saint", "5", "R ST BLAISE", Exact, id("99001", "Rue Saint-Blaise", "5"), "", Abbreviated},
		{"stray punctuation", "12", "*RUE, DES LILAS ;", Exact, lilas("12"), "", Punctuation},
		{"trailing dot in the street", "12", "RUE DES LILAS.", Exact, lilas("12"), "", Punctuation},
		{"abbreviation dot is no punctuation", "12", "R. DES LILAS", Exact, lilas("12"), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.Match(VoterAddress{Number: tt.number, Street: tt.street, Insee: "99001"})
			if m.Kind != tt.kind || m.AddressID != tt.id || m.Reason != tt.reason || m.Form != tt.form {
				t.Fatalf("Match(%q, %q) = %+v (%s, form %q), want kind %s, id %q, reason %q, form %q",
					tt.number, tt.street, m, m.Kind, m.Form, tt.kind, tt.id, tt.reason, tt.form)
			}
		})
	}
}

// TestRangeOrSuffix: "1 A 3" is a range, unless the street has the door 1a3 and not the door 1.
func TestRangeOrSuffix(t *testing.T) {
	ix := NewIndex([]Address{
		{ID: "haies_87a3", Number: 87, Rep: "a3", Street: "Rue des Haies", Insee: "99001"},
		{ID: "haies_89", Number: 89, Street: "Rue des Haies", Insee: "99001"},
		{ID: "haies_91", Number: 91, Street: "Rue des Haies", Insee: "99001"},
	})
	for number, want := range map[string]string{"87 A 3": "haies_87a3", "89 A 91": "haies_89", "87A3": "haies_87a3"} {
		if m := ix.Match(VoterAddress{Number: number, Street: "RUE DES HAIES", Insee: "99001"}); m.AddressID != want || m.Kind != Exact {
			t.Errorf("%q: %+v, want exact %s", number, m, want)
		}
	}
}

// TestScoresOrder checks that the score falls with the evidence: exact, a typo, two typos, the
// suffix only differing, a door further away, further still, a door on the other side. The kinds
// are in that order too: every Fuzzy scores above every Approximate.
func TestScoresOrder(t *testing.T) {
	ix := NewIndex(testAddresses())
	voters := []VoterAddress{
		{Number: "14", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "14", Street: "RUE DES LIALS", Insee: "99001"},
		{Number: "14", Street: "RUE DES LIASL", Insee: "99001"},
		{Number: "12 TER", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "16", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "17", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "9", Street: "AV DES LILAS", Insee: "99001"},
	}
	prev := 2.0
	for _, v := range voters {
		m := ix.Match(v)
		if m.Kind == Unmatched {
			t.Fatalf("%+v: unmatched (%s)", v, m.Reason)
		}
		if m.Score >= prev {
			t.Errorf("%+v: score %v not below the previous %v", v, m.Score, prev)
		}
		prev = m.Score
	}
}

// TestDeterministic builds the index from shuffled input, with a duplicate door, and expects the
// same matches; the duplicate goes to its smallest ID.
func TestDeterministic(t *testing.T) {
	addrs := testAddresses()
	dup := Address{ID: "00dup", Number: 12, Rep: "B", Street: "RUE DES LILAS", Postcode: "99100", Insee: "99001"}
	addrs = append(addrs, dup)
	voters := []VoterAddress{
		{Number: "12 BIS", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "10", Street: "RUE DES LILAS", Insee: "99001"},
		{Number: "4", Street: "RUE DES LIALS", Insee: "99001"},
		{Number: "3", Street: "RUE BASSON", Insee: "99001"},
		{Number: "1", Street: "RUE DES LILAS", Postcode: "99100"},
	}
	want := make([]Match, len(voters))
	ix := NewIndex(addrs)
	for i, v := range voters {
		want[i] = ix.Match(v)
	}
	if want[0].AddressID != "00dup" {
		t.Errorf("duplicate door matched %q, want the smallest ID 00dup", want[0].AddressID)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(addrs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		ix := NewIndex(shuffled)
		for i, v := range voters {
			if got := ix.Match(v); got != want[i] {
				t.Fatalf("%+v: %+v after shuffling, %+v before", v, got, want[i])
			}
		}
	}
}

// TestMatchConcurrent matches from several goroutines at once (run with -race): the index is
// read-only after NewIndex.
func TestMatchConcurrent(t *testing.T) {
	ix := NewIndex(testAddresses())
	v := VoterAddress{Number: "4", Street: "RUE DES LIALS", Insee: "99001"}
	want := ix.Match(v)
	errs := make(chan Match, 8)
	for range 8 {
		go func() {
			var bad Match
			for range 200 {
				if m := ix.Match(v); m != want {
					bad = m
				}
			}
			errs <- bad
		}()
	}
	for range 8 {
		if m := <-errs; m != (Match{}) {
			t.Errorf("concurrent Match = %+v, want %+v", m, want)
		}
	}
}
