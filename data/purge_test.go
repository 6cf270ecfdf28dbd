package data

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// purgedListNames are names in testdata/list/reu-99999.csv, as the file writes them.
var purgedListNames = []string{"EXEMPLEAU", "MARGEVIN", "Aurore Bérénice", "TESTELAERE", "Joost", "MAQUETTE",
	"SANSBUREAU", "DUPLICAT", "PROTOTYPE", "SANSADRESSE"}

// fileHolds reports which of names appear in the bytes of the campaign file or its log.
func fileHolds(t *testing.T, path string, names []string) []string {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	var found []string
	for _, n := range names {
		if bytes.Contains(all, []byte(n)) {
			found = append(found, n)
		}
	}
	return found
}

func TestPurgeDeletesPersonalDataFromTheFileBytes(t *testing.T) {
	ctx := context.Background()
	s, path := auditStore(t, 0)
	if _, err := s.ImportList(ctx, "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	contact := Identity{BirthName: "CONSENTIDOR", GivenNames: "Clémence", BirthDate: "1980-01-02"}
	if err := s.AddConsent(ctx, Consent{Contact: contact, Kind: "regular", Channel: "door-to-door",
		Purpose: "communication politique", Controller: "Comité", GivenOn: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan(ctx, StoredPlan{Name: "Centre", Level: "street", Rule: "areas 1", Params: json.RawMessage(`{}`),
		CreatedAt: time.Now(), Turfs: []StoredTurf{{Seq: 1, Doors: 3, Voters: 4, Stops: json.RawMessage(`[]`),
			Volunteer: "BENEVOLAT Rose"}}}, audit.Plan{Name: "Centre"}); err != nil {
		t.Fatal(err)
	}
	objector := Identity{BirthName: "OBJECTEUR", GivenNames: "Octave"}
	if err := s.AddOpposition(ctx, Opposition{Scope: ScopePerson, Who: objector, RecordedOn: "2026-01-03"}); err != nil {
		t.Fatal(err)
	}
	// Geocoding's totals count voters: a station's, a street's.
	fp, err := s.GeographyFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.BeginGeography(ctx, fp)
	if err == nil {
		err = w.SaveCommune(ctx, CommuneGeography{Commune: "99999", Listed: []StationListed{{"99999", "0001", 6}},
			Streets: []StreetTotal{{StreetID: "99999_0010", Name: "Rue des Exemples", Doors: 2, Voters: 3}}})
	}
	if err == nil {
		err = w.Finish(ctx, GeographyTotals{Tallies: []GeocodeTally{{Kind: "exact", Voters: 6}}}, audit.Geocode{Exact: 6})
	}
	if err != nil {
		t.Fatal(err)
	}
	personal := append([]string{"CONSENTIDOR", "Clémence", "BENEVOLAT Rose"}, purgedListNames...)
	if got := fileHolds(t, path, personal); len(got) != len(personal) {
		t.Fatalf("before the purge the file should hold every name; it holds %v", got)
	}

	counts, err := s.Purge(ctx, audit.Purge{On: "2026-06-01"})
	if err != nil {
		t.Fatal(err)
	}
	want := PurgeCounts{Voters: 7, Contacts: 1, Consents: 1, Plans: 1, Turfs: 1}
	if counts != want {
		t.Errorf("purge counts: got %+v, want %+v", counts, want)
	}
	if got := fileHolds(t, path, personal); len(got) > 0 {
		t.Errorf("after the purge the file still holds %v", got)
	}
	// The opposition list stays, in the file too: the byte search above can see a name.
	if got := fileHolds(t, path, []string{"OBJECTEUR", "Octave"}); len(got) != 2 {
		t.Errorf("the objector is no longer in the file: found %v", got)
	}
	for table, n := range map[string]int{"voters": 0, "contacts": 0, "consents": 0, "plans": 0, "turfs": 0, "opposition": 1,
		"station_listed": 0, "street_totals": 0, "geocode_tallies": 0, "geography_state": 0} {
		if got := impCount(t, s, "SELECT count(*) FROM "+table); got != n {
			t.Errorf("%s after the purge: %d rows, want %d", table, got, n)
		}
	}
	trail, err := s.Audit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Operation != "purge" || last.Params["voters"] != float64(7) || last.Params["on"] != "2026-06-01" {
		t.Errorf("the purge's audit entry: %+v", last)
	}
	chk, err := s.VerifyAudit(ctx)
	if err != nil || !chk.Intact || chk.Entries != len(trail) {
		t.Errorf("audit after the purge: %+v, %v", chk, err)
	}
}

// BenchmarkPurge purges the Paris 20e synthetic list (119,728 voters) with its consents, and
// reports the file's size before and after.
func BenchmarkPurge(b *testing.B) {
	list := shared.Path(b, "data", "paris-20e", "liste-electorale-synthetique-75120.csv.gz")
	consents := shared.Path(b, "data", "paris-20e", "consentements.csv")
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "campaign.db")
		s, err := Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ImportList(ctx, list, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := s.ImportConsents(ctx, consents, asRead, nil); err != nil {
			b.Fatal(err)
		}
		before := fileSize(b, path) + fileSize(b, path+"-wal")
		b.StartTimer()
		counts, err := s.Purge(ctx, audit.Purge{})
		b.StopTimer()
		if err != nil || counts.Voters != 119728 {
			b.Fatalf("purge: %+v, %v", counts, err)
		}
		b.ReportMetric(float64(before)/1e6, "MB-before")
		b.ReportMetric(float64(fileSize(b, path)+fileSize(b, path+"-wal"))/1e6, "MB-after")
		s.Close()
		b.StartTimer()
	}
}

func fileSize(b *testing.B, path string) int64 {
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}
