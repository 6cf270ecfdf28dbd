package geocode

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseNumber: no panic; a parsed number is in range and its suffix is already normalised, so
// writing it back and parsing again gives the same.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12", "12 BIS", "12B", "12 b", "12bis", "7 P1", "7 p 1", "4 QUATER", "N° 8",
		"12-14", "", "BIS", "99999999999", "1\u0301", "１２", "12 ＢＩＳ", "٣ ter", "\xff12",
		"1 A 3", "3 A 1", "0012", "68.", "30-32", "72/74", "1 a 99999999", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, rep, ok := ParseNumber(s)
		if !ok {
			if n != 0 || rep != "" {
				t.Fatalf("ParseNumber(%q) failed but returned %d, %q", s, n, rep)
			}
			return
		}
		if n < 0 || n > maxNumber {
			t.Fatalf("ParseNumber(%q) = %d, out of range", s, n)
		}
		if NormalizeRep(rep) != rep || strings.ContainsAny(rep, " .-") {
			t.Fatalf("ParseNumber(%q) suffix %q is not normalised", s, rep)
		}
		if rep != "" && startsWithDigit(rep) {
			return // "12 3": the suffix cannot be told from the number once written back
		}
		n2, rep2, ok2 := ParseNumber(strconv.Itoa(n) + " " + rep)
		if !ok2 || n2 != n || rep2 != rep {
			t.Fatalf("ParseNumber(%q) = %d %q, but reparsing gives %d %q %v", s, n, rep, n2, rep2, ok2)
		}
	})
}

// FuzzNormalizeStreet: no panic; the canonical form is idempotent, has single spaces only, and
// the key is the canonical form less some words. Matching arbitrary text against a small index
// does not panic and gives a consistent result.
func FuzzNormalizeStreet(f *testing.F) {
	for _, s := range []string{"RUE DES PYRENEES", "R. DE L'ST", "176P3 RUE DES PYRENEES", "VOIE AO/20",
		"CŒUR", "pyre\u0301ne\u0301es", "RUED ES PYRENEES", "PASGAMBETTA", "DE LA", "İSTANBUL", "ß", "\xff\xfe",
		"RPT DE LA PORTE", "ST", "  ", "ǅ", "ﬁ",
		"CLICHY (BOULEVARD DE)", "RUISSEAU RUE DU", "CAMILLE FLAMMARION RUE", "COUR DES NOUES RUE DE LA",
		"COUR DES NOUES (RUE)", "MARE (DE LA)", "PORTE (RPT DE LA)", "(RUE)", "RUE (", ")(", "DE (LA)", "DU LOT",
		"Des Tulipes", "R. MMaTcadet", "PL DU GAL TESSIER", "ND DES CHAMPS", "*RUE, DES LILAS ;", "LILAS."} {
		f.Add(s, "12 BIS")
	}
	for _, s := range []string{"34 M BD DE LA CHAPELLE", "2 Z Place Gambetta", "12 R DES LILAS", "1 A RUE", "12 DE LA MARE"} {
		f.Add(s, "")
	}
	ix := NewIndex(testAddresses())
	f.Fuzz(func(t *testing.T, s, number string) {
		full := NormalizeStreet(s)
		if again := NormalizeStreet(full); again != full {
			t.Fatalf("NormalizeStreet(%q) = %q, but normalising that gives %q", s, full, again)
		}
		if strings.HasPrefix(full, " ") || strings.HasSuffix(full, " ") || strings.Contains(full, "  ") {
			t.Fatalf("NormalizeStreet(%q) = %q: stray spaces", s, full)
		}
		if utf8.ValidString(s) && !utf8.ValidString(full) {
			t.Fatalf("NormalizeStreet(%q) = %q: not valid UTF-8", s, full)
		}
		key := StreetKey(s)
		if len(key) > len(full) {
			t.Fatalf("StreetKey(%q) = %q longer than the canonical form %q", s, key, full)
		}
		m := ix.Match(VoterAddress{Number: number, Street: s, Insee: "99001"})
		if (m.Kind == Unmatched) != (m.AddressID == "") || (m.Kind == Unmatched) != (m.Reason != "") {
			t.Fatalf("Match(%q, %q) = %+v: kind, id and reason disagree", number, s, m)
		}
		if m.Score < 0 || m.Score > 1 {
			t.Fatalf("Match(%q, %q) score %v outside [0,1]", number, s, m.Score)
		}
		if ParseForm(m.Form.String()) != m.Form || m.Form >= lastForm<<1 {
			t.Fatalf("Match(%q, %q) form %d (%q) does not read back", number, s, m.Form, m.Form)
		}
		if m2 := ix.Match(VoterAddress{Number: number, Street: s, Insee: "99001"}); m2 != m {
			t.Fatalf("Match(%q, %q) not deterministic: %+v then %+v", number, s, m, m2)
		}
	})
}
