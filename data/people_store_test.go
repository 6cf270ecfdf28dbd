package data

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// asChecked accepts every objection as read: the policy's checks are not the store's business.
func asChecked(o Opposition) (Opposition, *RowError) { return o, nil }

func TestImportOpposition(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	path := tempFile(t, "opposition.csv", "portee;nom_naissance;prenoms;date_naissance;numero;voie;code_postal;motif;date\n"+
		"personne;OBJECTEUR;Octave;07/04/1970;;;;STOP;2026-11-03\n"+
		"adresse;;;;12;'=1+1;99999;ne pas frapper;2026-11-04\n"+
		"quartier;;;;;;;STOP;2026-11-05\n"+
		"personne;SANSDATE;Sam;31/02/1970;;;;STOP;2026-11-05\n")
	if _, err := s.ImportOpposition(ctx, path, nil, nil); err == nil {
		t.Error("an import without the policy's check ran")
	}
	rep, err := s.ImportOpposition(ctx, path, asChecked, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 4 || rep.Imported != 2 {
		t.Errorf("report %+v: want 4 read, 2 imported", rep)
	}
	wantRowErrors(t, rep.Errors, []RowError{{Line: 4, Field: "portee", Reason: "personne or adresse"},
		{Line: 5, Field: "date_naissance", Reason: "date"}})
	got, err := s.Oppositions(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("objections: %+v, %v", got, err)
	}
	want := []Opposition{
		{ID: got[0].ID, Scope: ScopePerson, Who: Identity{BirthName: "OBJECTEUR", GivenNames: "Octave", BirthDate: "1970-04-07"}, Reason: "STOP", RecordedOn: "2026-11-03"},
		{ID: got[1].ID, Scope: ScopeAddress, Who: Identity{Number: "12", Street: "=1+1", Postcode: "99999"}, Reason: "ne pas frapper", RecordedOn: "2026-11-04"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("objections read back:\n%+v\nwant (a neutralized cell read as typed)\n%+v", got, want)
	}

	// Permanent and idempotent: the same file again adds nothing; the check decides what is stored.
	if rep, err := s.ImportOpposition(ctx, path, asChecked, nil); err != nil || rep.Imported != 0 {
		t.Errorf("the same file again: %+v, %v; want nothing imported", rep, err)
	}
	refuse := func(o Opposition) (Opposition, *RowError) {
		return o, &RowError{Field: "motif", Reason: "refused by the check"}
	}
	other := tempFile(t, "autre.csv", "portee;nom_naissance;prenoms;date_naissance;voie;motif\npersonne;AUTRE;Ana;01/01/1980;;STOP\n")
	if rep, err := s.ImportOpposition(ctx, other, refuse, nil); err == nil || rep.Imported != 0 || len(rep.Errors) != 1 || rep.Errors[0].Line != 2 {
		t.Errorf("a file whose only row the check refuses: %+v, %v; want it refused whole", rep, err)
	}
	var input *InputError
	if _, err := s.ImportOpposition(ctx, tempFile(t, "sans.csv", "nom_naissance;prenoms;date_naissance;voie\nA;B;01/01/1980;\n"), asChecked, nil); !errors.As(err, &input) || input.Field != "portee" {
		t.Errorf("no portee column: %v", err)
	}
	if got := ops(t, s); !slices.Equal(got, []audit.Op{audit.OpImportOpposition, audit.OpImportOpposition}) {
		t.Errorf("audit trail %v: want one entry per import that changed or could have changed something", got)
	}
}

func TestReadPeople(t *testing.T) {
	path := tempFile(t, "demandes.csv", "nom_naissance;prenoms;date_naissance;numero;voie;code_postal\n"+
		"PEREZ;Fatoumata Léa;09/02/1987;120 BIS;R. PELLEPORT;75020\n"+
		"MARTIN;Luc;1961;;;\n")
	people, err := ReadPeople(path)
	want := []Person{
		{Line: 2, Identity: Identity{BirthName: "PEREZ", GivenNames: "Fatoumata Léa", BirthDate: "1987-02-09", Number: "120 BIS", Street: "R. PELLEPORT", Postcode: "75020"}},
		{Line: 3, Identity: Identity{BirthName: "MARTIN", GivenNames: "Luc", BirthDate: "1961"}},
	}
	if err != nil || !reflect.DeepEqual(people, want) {
		t.Fatalf("people: %+v, %v\nwant %+v", people, err, want)
	}
	if !people[0].HasAddress() || people[1].HasAddress() || (Identity{Street: "  "}).HasAddress() {
		t.Error("HasAddress: want true for a street, false for none or blanks")
	}
	for _, bad := range []struct{ name, body, field string }{
		{"no-names.csv", "voie;code_postal\nRue X;75020\n", "nom_naissance"},
		{"no-date.csv", "nom_naissance;prenoms;date_naissance;voie\nPEREZ;Léa;;\n", "nom_naissance/prenoms/date_naissance"},
		{"bad-date.csv", "nom_naissance;prenoms;date_naissance;voie\nPEREZ;Léa;31/02/1987;\n", "date_naissance"},
	} {
		_, err := ReadPeople(tempFile(t, bad.name, bad.body))
		var input *InputError
		if !errors.As(err, &input) || input.File != bad.name || input.Field != bad.field || strings.Contains(err.Error(), "PEREZ") {
			t.Errorf("%s: %v; want an input error on %q naming no one", bad.name, err, bad.field)
		}
	}
	if _, err := ReadPeople(filepath.Join(t.TempDir(), "absent.csv")); err == nil {
		t.Error("a file that does not exist was read")
	}
}

func TestParseListDate(t *testing.T) {
	for in, want := range map[string]string{"09/02/1987": "1987-02-09", " 1987-02-09 ": "1987-02-09", "00/00/1961": "1961",
		"00/07/1990": "1990-07", "1961": "1961"} {
		if got, ok := ParseListDate(in); !ok || got != want {
			t.Errorf("ParseListDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "  ", "31/02/1987", "demain"} {
		if got, ok := ParseListDate(in); ok {
			t.Errorf("ParseListDate(%q) = %q, want not a date", in, got)
		}
	}
}

// TestRecordPersonalList: an occasional contact in a list has had its one contact, once; the
// list's counts are audited with it.
func TestRecordPersonalList(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for _, name := range []string{"UN", "DEUX"} {
		if err := s.AddConsent(ctx, Consent{Contact: Identity{BirthName: name, GivenNames: "X", BirthDate: "1970-01-01"},
			Kind: "occasional", Channel: ChannelDoor, Purpose: "communication politique", Controller: "C", GivenOn: "2026-11-02"}); err != nil {
			t.Fatal(err)
		}
	}
	consents, _ := s.Consents(ctx)
	first := audit.PlanPersonal{PersonalRequest: audit.PersonalRequest{Name: "l1", Date: "2027-02-20", Requested: 2, Eligible: 1}}
	if err := s.RecordPersonalList(ctx, first, []int64{consents[0].ID}, "2027-02-20"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPersonalList(ctx, first, []int64{consents[0].ID, consents[1].ID}, "2027-03-01"); err != nil {
		t.Fatal(err)
	}
	consents, _ = s.Consents(ctx)
	if consents[0].UsedOn != "2027-02-20" || consents[1].UsedOn != "2027-03-01" {
		t.Errorf("used on %q and %q; want the first contact's date kept", consents[0].UsedOn, consents[1].UsedOn)
	}
	want := []audit.Op{audit.OpConsentAdd, audit.OpConsentAdd, audit.OpPlanPersonal, audit.OpPlanPersonal}
	if !slices.Equal(ops(t, s), want) {
		t.Errorf("audit trail %v, want %v", ops(t, s), want)
	}
}
