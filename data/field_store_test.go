package data

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
)

func TestFieldSheetsRecorded(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	first := FieldSheet{Plan: "est", Fingerprint: "834962be1a7f", Turf: 3, Stops: json.RawMessage(`[1]`), ExportedAt: "2027-02-19T10:00"}
	if err := s.RecordSheets(ctx, []FieldSheet{first, {Plan: "est", Fingerprint: "834962be1a7f", Turf: 4, Stops: json.RawMessage(`[2]`)}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Sheet(ctx, "est", "834962be1a7f", 3)
	if err != nil || !reflect.DeepEqual(got, first) {
		t.Errorf("sheet read back: %+v, %v; want %+v", got, err, first)
	}
	// Exported again, with newer marks: the later copy is the one kept.
	again := first
	again.Stops, again.ExportedAt = json.RawMessage(`[1,"nk"]`), "2027-02-20T08:00"
	if err := s.RecordSheets(ctx, []FieldSheet{again}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Sheet(ctx, "est", "834962be1a7f", 3); !reflect.DeepEqual(got, again) {
		t.Errorf("sheet exported again: %+v, want %+v", got, again)
	}
	for _, miss := range []struct {
		plan, fp string
		turf     int
	}{{"ouest", "834962be1a7f", 3}, {"est", "000000000000", 3}, {"est", "834962be1a7f", 5}} {
		if _, err := s.Sheet(ctx, miss.plan, miss.fp, miss.turf); !errors.Is(err, ErrNoSheet) {
			t.Errorf("sheet %v: %v, want ErrNoSheet", miss, err)
		}
	}
}

// TestFieldResultsSaved: door outcomes keep the later of two reports, notes and objections are
// recorded once, the import is audited only when it changed something, and per-street entries
// of a street whose doors were reported are not counted again.
func TestFieldResultsSaved(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	door := func(n int, outcome, at string) DoorOutcome {
		return DoorOutcome{Sheet: "fp1", SheetTurf: 1, Door: n, Plan: "est", Turf: 1, AddressID: "99999_0010_0000" + string(rune('0'+n)),
			StreetID: "99999_0010", Number: string(rune('0' + n)), Outcome: outcome, At: at, RecordedOn: "2027-02-20"}
	}
	results := FieldResults{
		Doors: []DoorOutcome{door(1, "A", "2027-02-20T09:30"), door(2, "O", "2027-02-20T09:31"), door(4, "N", "2027-02-20T09:36")},
		Notes: []PlaceNote{{Sheet: "fp1", SheetTurf: 1, Stop: 1, Note: "D", StreetID: "99999_0010", At: "2027-02-20T09:29"}},
		Objections: []Opposition{{Scope: ScopeAddress, Who: Identity{Number: "4", Street: "Rue des Exemples", Postcode: "99999"},
			Reason: "ne plus frapper", RecordedOn: "2027-02-20"}},
	}
	saved, err := s.SaveFieldResults(ctx, results, audit.ImportOutcomes{Plan: "est", Turf: 1})
	if err != nil || saved != (FieldSaved{Doors: 3, Notes: 1, Objections: 1}) || !saved.Changed() {
		t.Fatalf("first import: %+v, %v", saved, err)
	}
	before := ops(t, s)
	saved, err = s.SaveFieldResults(ctx, results, audit.ImportOutcomes{Plan: "est", Turf: 1})
	if err != nil || saved.Changed() || !slices.Equal(ops(t, s), before) {
		t.Errorf("the same results again: %+v, %v, audit %v (was %v)", saved, err, ops(t, s), before)
	}
	if want := []audit.Op{audit.OpOppositionAdd, audit.OpImportOutcomes}; !slices.Equal(before, want) {
		t.Errorf("audit trail %v, want %v", before, want)
	}
	trail, _ := s.Audit(ctx)
	if e, err := trail[1].Typed(); err != nil || !reflect.DeepEqual(e, audit.ImportOutcomes{Plan: "est", Turf: 1, Doors: 3, Notes: 1, Objections: 1}) {
		t.Errorf("the import's entry: %+v, %v", e, err)
	}

	// Door 1 reported again: later wins, earlier does not.
	later := FieldResults{Doors: []DoorOutcome{door(1, "O", "2027-02-20T11:00"), door(2, "A", "2027-02-20T09:00")}}
	if saved, err := s.SaveFieldResults(ctx, later, audit.ImportOutcomes{Plan: "est", Turf: 1}); err != nil || saved.Doors != 1 {
		t.Errorf("a later and an earlier report: %+v, %v; want one door changed", saved, err)
	}
	doors, err := s.DoorOutcomes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range doors {
		got = append(got, d.Number+d.Outcome+" "+d.At[11:])
	}
	if want := []string{"2O 09:31", "4N 09:36", "1O 11:00"}; !slices.Equal(got, want) {
		t.Errorf("door outcomes, oldest first: %v, want %v", got, want)
	}
	notes, err := s.PlaceNotes(ctx)
	if err != nil || !reflect.DeepEqual(notes, results.Notes) {
		t.Errorf("place notes: %+v, %v", notes, err)
	}
	opp, err := s.Oppositions(ctx)
	if err != nil || len(opp) != 1 || opp[0].Who.Number != "4" || opp[0].Scope != ScopeAddress {
		t.Errorf("the objection said at door 4: %+v, %v", opp, err)
	}

	// Per-street entries: the street of turf 1 is counted by its doors; another turf's by hand.
	typed := []struct {
		turf int
		o    Outcome
	}{{1, Outcome{StreetID: "99999_0010", Knocked: 40, Answered: 10, On: "2027-02-20"}},
		{2, Outcome{StreetID: "99999_0010", Knocked: 7, Answered: 2, On: "2027-02-21"}},
		{2, Outcome{StreetID: "99999_0020", Knocked: 5, Answered: 1, On: "2027-02-21"}}}
	if err := s.RecordOutcome(ctx, "est", 1, typed[0].o, nil); err == nil {
		t.Fatal("an outcome for a plan never saved was recorded")
	}
	if err := s.SavePlan(ctx, storedPlan("est", 2, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)), audit.Plan{Name: "est"}); err != nil {
		t.Fatal(err)
	}
	for _, o := range typed {
		if err := s.RecordOutcome(ctx, "est", o.turf, o.o, nil); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := s.StreetEntries(ctx)
	want := map[string]StreetCount{"99999_0010": {Knocked: 7, Answered: 2}, "99999_0020": {Knocked: 5, Answered: 1}}
	if err != nil || !reflect.DeepEqual(entries, want) {
		t.Errorf("street entries: %+v, %v; want %+v (turf 1's street counted by its doors)", entries, err, want)
	}
	reported, err := s.ReportedTurfs(ctx)
	if err != nil || !reflect.DeepEqual(reported, map[string]map[int]bool{"est": {1: true, 2: true}}) {
		t.Errorf("reported turfs: %v, %v", reported, err)
	}
}

func TestStreetAddresses(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportAddresses(ctx, "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	all, err := s.AllAddresses(ctx)
	if err != nil || len(all) == 0 {
		t.Fatalf("addresses: %d, %v", len(all), err)
	}
	byStreet := map[string][]AddressPoint{}
	for _, a := range all {
		if a.StreetID != StreetIDOf(a.ID) {
			t.Errorf("address %s on street %s", a.ID, a.StreetID)
		}
		byStreet[a.StreetID] = append(byStreet[a.StreetID], a)
	}
	ids := []string{"99901_0010", "99901_0010", "99901_9999"}
	got, err := s.StreetAddresses(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got["99901_9999"]) != 0 || !reflect.DeepEqual(got["99901_0010"], byStreet["99901_0010"]) {
		t.Errorf("addresses of Rue des Essais: %+v\nwant %+v", got, byStreet["99901_0010"])
	}
	if len(byStreet["99901_0010"]) < 3 || len(byStreet) < 3 {
		t.Errorf("the fixture has %d streets, %d addresses on 99901_0010: the test needs several of each", len(byStreet), len(byStreet["99901_0010"]))
	}
	for in, want := range map[string]string{"75120_7904_00192_bis": "75120_7904", "75120_7904": "75120_7904", "lieu": "lieu"} {
		if got := StreetIDOf(in); got != want {
			t.Errorf("StreetIDOf(%q) = %q, want %q", in, got, want)
		}
	}
}
