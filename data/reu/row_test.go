package reu

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"17/03/1979": "1979-03-17",
		"7/3/1979":   "1979-03-07",
		"00/00/1961": "1961",
		"00/07/1990": "1990-07",
		"15/00/1961": "1961", // a day without its month says nothing usable
		"1961":       "1961",
		"1979-03-17": "1979-03-17",
		"29/02/2000": "2000-02-29",
		"":           "",
	} {
		got, ok := NormalizeDate(in)
		if !ok || got != want {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"31/02/1970", "29/02/1900", "32/01/1970", "01/13/1970", "17-03-1979", "17/03/79",
		"1979-00-17", "1979-02-30", "abcd", "0/0/0000", "17/03/1979 00:00", "1/2/3/4567", "//1979", "17//1979", "196"} {
		if got, ok := NormalizeDate(bad); ok {
			t.Errorf("NormalizeDate(%q) = %q, accepted; want rejected", bad, got)
		}
	}
}

var reuHeader = strings.Split("code du l'ugle;libellé de l'ugle;libellé du type de liste;nom de naissance;nom d'usage;prénoms;sexe;"+
	"date de naissance;code commune de naissance;libellé commune de naissance;code département de naissance;"+
	"pays de naissance;libellé nationalité;numéro de voie;libellé de voie;complément 1;complément 2;lieu-dit;"+
	"code postal;commune;pays;code du bureau de vote;libellé du bureau de vote;"+
	"code circonscription législative du bureau de vote;libellé canton du bureau de vote;"+
	"libellé circonscription métropolitaine du bureau de vote;numéro d'ordre dans le bureau de vote", ";")

func TestLayoutREU(t *testing.T) {
	l, err := NewLayout(append(reuHeader, "Colonne Maison"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Unknown) != 1 || l.Unknown[0] != "Colonne Maison" {
		t.Errorf("unknown %q, want only the extra column", l.Unknown)
	}
	rec := strings.Split("99999;VILLE;Liste principale;EXEMPLEAU; ;Aurore;F;00/03/1979;;;;;Française;12; Rue des Exemples ;;;;99999;Ville;;0002;École;99-01;Canton;;37;x", ";")
	var v Voter
	if err := l.Parse(rec, &v); err != nil {
		t.Fatal(err)
	}
	if v.Text[UGLE] != "99999" || v.Text[BirthName] != "EXEMPLEAU" || v.Text[UsageName] != "" || v.Text[BirthDate] != "1979-03" ||
		v.Text[Street] != "Rue des Exemples" || v.Text[StationCode] != "0002" || v.Order != 37 || !v.HasOrder {
		t.Errorf("parsed %+v", v)
	}
	if g := l.Gaps(&v); g != nil {
		t.Errorf("gaps of a complete row = %v", g)
	}
}

func TestLayoutAliases(t *testing.T) {
	// Source B's spellings, in another order and case.
	h := []string{"Nationalité", "CODE DE L'UGLE", "Identifiant nationalité", "nom de naissance", "code du bureau de vote",
		"code de la commune de naissance", "code du département de naissance", "code canton du bureau de vote", "Prénoms", "LIBELLÉ DE VOIE"}
	l, err := NewLayout(h)
	if err != nil {
		t.Fatal(err)
	}
	if l.col[UGLE] != 1 || l.col[Nationality] != 0 || l.col[BirthPlaceCode] != 5 || l.col[BirthDepartment] != 6 || l.col[Canton] != 7 {
		t.Errorf("columns = %v", l.col)
	}
	if len(l.Unknown) != 0 {
		t.Errorf("unknown = %q: a nationality code beside its label is known, not unknown", l.Unknown)
	}
}

// TestLayoutDuplicates: two spellings of one column leave the value to chance, and are refused
// naming both (issue 10, finding 8); a code beside its label is two columns, not a duplicate.
func TestLayoutDuplicates(t *testing.T) {
	for _, c := range []struct{ first, second string }{
		{"prénoms", "Prenoms"},
		{"code du l'ugle", "code de l'ugle"},
		{"libellé de voie", "LibelleVoie"},
		{"libellé nationalité", "nationalité"},
	} {
		h := append(slices.Clone(reuHeader), c.second)
		_, err := NewLayout(h)
		var de *DuplicateColumnError
		if !errors.As(err, &de) || de.First != c.first || de.Second != c.second {
			t.Errorf("with %q: error %v, want a duplicate naming %q and %q", c.second, err, c.first, c.second)
		}
	}
	h := append(slices.Clone(reuHeader), "identifiant nationalité", "code canton du bureau de vote")
	if _, err := NewLayout(h); err != nil {
		t.Errorf("codes beside labels: %v", err)
	}
	_, err := NewLayout(append(slices.Clone(reuHeader[:24]), "code canton du bureau de vote", "CodeCanton"))
	var de *DuplicateColumnError
	if !errors.As(err, &de) {
		t.Errorf("two canton codes without a label: %v, want a duplicate", err)
	}
}

func TestLayout2013(t *testing.T) {
	h := strings.Split("TypeListe;InfoListe;DateCreationListe;CodeDepartement;CodeCommune;NomCommune;NoElecteurGeneral;Sexe;"+
		"NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;NomComNaissance;DeptNaissance;PaysNaissance;Nationalite;"+
		"NomBureauDeVote;NoBureauDeVote;CodeCanton;CodeCirconscription;ComplementDeLocalisation1;"+
		"ComplementDeLocalisation2;NumeroVoie;TypeVoie;LibelleVoie;LieuDit;CodePostal;VilleLocalite;Pays", ";")
	l, err := NewLayout(h)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Unknown) != 0 {
		t.Errorf("unknown 2013 columns: %q", l.Unknown)
	}
	for _, c := range []struct{ dept, commune, want, typ, street, wantStreet string }{
		{"75", "120", "75120", "RUE", "DES ARCHIVES", "RUE DES ARCHIVES"},
		{"1", "1", "1", "", "DES ARCHIVES", "DES ARCHIVES"}, // too short to be sure: kept as written
		{"01", "4", "01004", "AV", "", "AV"},
		{"971", "5", "97105", "", "", ""},
		{"2A", "2A004", "2A004", "", "", ""},
	} {
		rec := make([]string, len(h))
		rec[3], rec[4], rec[7], rec[8], rec[23], rec[24] = c.dept, c.commune, "M", "NOM", c.typ, c.street
		var v Voter
		err := l.Parse(rec, &v)
		if c.want == "1" { // too short to be sure, and so not a commune code
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "CodeCommune" {
				t.Errorf("%s + %s: %v, want the commune code rejected", c.dept, c.commune, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if v.Text[UGLE] != c.want || v.Text[Street] != c.wantStreet {
			t.Errorf("%s + %s, %s + %s: commune %q street %q, want %q %q", c.dept, c.commune, c.typ, c.street, v.Text[UGLE], v.Text[Street], c.want, c.wantStreet)
		}
	}
}

func TestLayoutMissing(t *testing.T) {
	for _, c := range []struct {
		drop, want string
	}{
		{"code du l'ugle", "code du l'ugle"},
		{"nom de naissance", "nom de naissance"},
		{"prénoms", "prénoms"},
		{"libellé de voie", "libellé de voie"},
		{"code du bureau de vote", "code du bureau de vote"},
	} {
		var h []string
		for _, n := range reuHeader {
			if n != c.drop {
				h = append(h, n)
			}
		}
		_, err := NewLayout(h)
		var mc *MissingColumnError
		if !errors.As(err, &mc) || !strings.Contains(mc.Column, c.want) {
			t.Errorf("without %s: error %v, want a missing column naming it", c.drop, err)
		}
	}
}

func TestParseRejectsAndGaps(t *testing.T) {
	l, err := NewLayout(reuHeader)
	if err != nil {
		t.Fatal(err)
	}
	ok := strings.Split("99999;V;LP;NOM;;P;M;01/01/1970;;;;;;1;RUE;;;;99999;V;;0001;B;;;;5", ";")
	row := func(i int, v string) []string { r := append([]string(nil), ok...); r[i] = v; return r }
	for _, c := range []struct {
		rec   []string
		field string
	}{
		{ok[:26], ""},
		{append(append([]string(nil), ok...), "x"), ""},
		{row(7, "31/02/1970"), "date de naissance"},
		{row(0, " "), "code du l'ugle"},
		// Issue 10, finding 12: every field as the format defines it.
		{row(0, "SECRETUGLE"), "code du l'ugle"},
		{row(2, "SECRETLIST"), "libellé du type de liste"},
		{row(3, ""), "nom de naissance"},
		{row(6, "SECRETSEX"), "sexe"},
		{row(6, ""), "sexe"},
		{row(8, "SECRET"), "code commune de naissance"},
		{row(10, "SECRET"), "code département de naissance"},
		{row(18, "SECRET"), "code postal"},
		{row(18, "7502"), "code postal"},
		{row(21, "SECRET/STATION"), "code du bureau de vote"},
		{row(26, "SECRETORDER"), "numéro d'ordre dans le bureau de vote"},
		{row(26, "12b"), "numéro d'ordre dans le bureau de vote"},
		{row(26, "-4"), "numéro d'ordre dans le bureau de vote"},
		{row(5, strings.Repeat("SECRET", 200)), "prénoms"},
	} {
		var v Voter
		err := l.Parse(c.rec, &v)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("error %v, want a field error on %q", err, c.field)
		}
		if err != nil && (strings.Contains(err.Error(), "31/02") || strings.Contains(err.Error(), "SECRET")) {
			t.Errorf("error quotes the value: %v", err)
		}
	}
	for _, c := range []struct {
		rec  []string
		gaps string
	}{
		{row(21, ""), "code du bureau de vote"},
		{row(14, ""), "libellé de voie"},
		{row(26, ""), ""},
		{row(5, ""), ""}, // some people have no given name
		{func() []string { r := row(18, "SW1A 1AA"); r[20] = "ROYAUME-UNI"; return r }(), ""}, // abroad
	} {
		var v Voter
		if err := l.Parse(c.rec, &v); err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, g := range l.Gaps(&v) {
			fields = append(fields, g.Field)
		}
		if strings.Join(fields, "|") != c.gaps {
			t.Errorf("gaps %q, want %q", fields, c.gaps)
		}
	}
}

// FuzzParseRow parses arbitrary headers and rows: no panic, and a row either fails with a
// *FieldError or yields a birth date in one of the stored forms.
func FuzzParseRow(f *testing.F) {
	f.Add(strings.Join(reuHeader, ";"), "99999;V;LP;NOM;;P;M;00/00/1961;;;;;;1;RUE;;;;99999;V;;0001;B;;;;5")
	f.Add("CodeDepartement;CodeCommune;NomdeNaissance;TypeVoie;LibelleVoie;DateDeNaissance", "971;5;NOM;RUE;X;1961")
	f.Add("code du l'ugle;nom de naissance;lieu-dit;date de naissance;numéro d'ordre dans le bureau de vote", "1;2;3;7/3/1979;-4")
	f.Add("code de l'ugle;nom de naissance;code du bureau de vote;code du bureau de vote", "a;b;c;d")
	f.Fuzz(func(t *testing.T, header, row string) {
		l, err := NewLayout(strings.Split(header, ";"))
		if err != nil {
			var mc *MissingColumnError
			var de *DuplicateColumnError
			if !errors.As(err, &mc) && !errors.As(err, &de) {
				t.Fatalf("NewLayout error %v (%T)", err, err)
			}
			return
		}
		var v Voter
		if err := l.Parse(strings.Split(row, ";"), &v); err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Parse error %v (%T)", err, err)
			}
			return
		}
		if d := v.Text[BirthDate]; !storedDate(d) {
			t.Fatalf("stored birth date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
		if v.Text[UGLE] == "" {
			t.Fatal("a row without commune was accepted")
		}
		l.Gaps(&v)
	})
}

// storedDate reports whether d is empty or in one of the store's forms: YYYY, YYYY-MM, YYYY-MM-DD.
func storedDate(d string) bool {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch len(d) {
	case 0:
		return true
	case 4:
		return digits(d)
	case 7:
		return digits(d[:4]) && d[4] == '-' && digits(d[5:])
	case 10:
		return digits(d[:4]) && d[4] == '-' && digits(d[5:7]) && d[7] == '-' && digits(d[8:])
	}
	return false
}

func TestCommuneCode(t *testing.T) {
	for _, c := range []struct{ dept, commune, want string }{
		{"75", "120", "75120"},
		{"75", "1", "75001"},
		{"2A", "4", "2A004"},
		{"971", "5", "97105"},
		{"971", "05", "97105"},
		{"01", "53", "01053"},
		{"1", "53", "53"}, // a one-character department: too short to be sure
		{"75", "75120", "75120"},
		{"971", "105", "105"}, // too long for an overseas department: left as it is
		{"", "120", "120"},    // no department: a full code is expected
		{"9710", "5", "5"},    // not a department code
		{"75", "", ""},        // nothing to complete
	} {
		if got := CommuneCode(c.dept, c.commune); got != c.want {
			t.Errorf("CommuneCode(%q, %q) = %q, want %q", c.dept, c.commune, got, c.want)
		}
	}
}
