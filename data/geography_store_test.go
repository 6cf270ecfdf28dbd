package data

import (
	"context"
	"reflect"
	"testing"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// TestGeographyReadBack saves where voters live and which areas hold each address, as geocoding
// does, and reads them back through every reader the domain uses.
func TestGeographyReadBack(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportList(ctx, "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportAddresses(ctx, "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	// Villetest's addresses lie in A; the one in the southern hemisphere in none.
	areas := tempFile(t, "quartiers.geojson", collection(
		feature(`{"code":"A","nom":"Villetest"}`, `{"type":"Polygon","coordinates":[[[2.9,45.9],[3.2,45.9],[3.2,46.2],[2.9,46.2],[2.9,45.9]]]}`),
		feature(`{"code":"B","nom":"Ailleurs"}`, squareA)))
	if _, err := s.ImportAreas(ctx, areas, AreaOptions{Level: "neighborhood"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportResults(ctx, "testdata/results-national-2022.csv", ResultOptions{Election: "leg-2022-t1"}, nil); err != nil {
		t.Fatal(err)
	}
	fp, err := s.GeographyFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var listed []ListedAddress
	if err := s.EachListedAddress(ctx, "99999", func(a ListedAddress) error { listed = append(listed, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 7 || listed[0].Line != 2 || listed[0].Street != "Rue des Exemples" || listed[0].Number != "12" ||
		listed[0].Complement2 != "Appartement 4" || listed[1].Locality != "Le Hameau Inventé" || listed[0].Ugle != "99999" {
		t.Fatalf("listed addresses: %+v", listed)
	}
	shapes, err := s.AreaShapes(ctx, "neighborhood")
	if err != nil || len(shapes) != 2 || shapes[0].Code != "A" || shapes[0].Name != "Villetest" || shapes[0].Layer != "quartiers" ||
		shapes[0].Geom == nil || shapes[0].Geom.Bound().Max[0] != 3.2 {
		t.Fatalf("area shapes: %+v, %v", shapes, err)
	}
	if none, err := s.AreaShapes(ctx, "street"); err != nil || len(none) != 0 {
		t.Errorf("street areas: %+v, %v; want none", none, err)
	}
	if all, err := s.AreaShapes(ctx, ""); err != nil || len(all) != 2 {
		t.Errorf("areas of every level: %d, %v", len(all), err)
	}

	located := []Located{
		{VoterID: listed[0].VoterID, AddressID: "99901_0010_00001", Kind: "exact", Score: 1},
		{VoterID: listed[2].VoterID, AddressID: "99901_0010_00001", Kind: "fuzzy", Score: 0.9, Form: "abbreviated"},
		{VoterID: listed[5].VoterID, AddressID: "99901_0010_00003", Kind: "exact", Score: 1},
		{VoterID: listed[1].VoterID, Kind: "unmatched", Reason: "no house number"},
	}
	owners := []Owner{{AddressID: "99901_0010_00001", AreaID: shapes[0].ID}, {AddressID: "99901_0010_00003", AreaID: shapes[0].ID}}
	w, err := s.BeginGeography(ctx, fp)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SaveCommune(ctx, CommuneGeography{Located: located, Owners: owners,
		Listed: []StationListed{{"99999", "0001", 3}, {"99999", "0002", 3}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(ctx, GeographyTotals{}, audit.Geocode{Exact: 2}); err != nil {
		t.Fatal(err)
	}

	var locs []VoterLocation
	err = s.EachVoterLocation(ctx, "", func(l VoterLocation) error { locs = append(locs, l); return nil })
	if err != nil || len(locs) != 4 {
		t.Fatalf("voter locations: %+v, %v", locs, err)
	}
	var unmatched []VoterLocation
	err = s.EachVoterLocation(ctx, "unmatched", func(l VoterLocation) error { unmatched = append(unmatched, l); return nil })
	if err != nil || len(unmatched) != 1 || unmatched[0].Reason != "no house number" {
		t.Errorf("unmatched locations: %+v, %v", unmatched, err)
	}
	wantOrder := []int{listed[0].Line, listed[1].Line, listed[2].Line, listed[5].Line}
	for i, l := range locs {
		if l.Line != wantOrder[i] {
			t.Errorf("location %d on line %d, want list order %v", i, l.Line, wantOrder)
		}
	}
	if locs[2].Located != located[1] || locs[1].AddressID != "" || locs[1].Reason != "no house number" {
		t.Errorf("locations read back: %+v", locs)
	}
	if doors, err := s.DoorsIn(ctx, shapes[0].ID); err != nil || len(doors) != 2 || doors[0].ID != "99901_0010_00001" ||
		doors[0].Voters != 2 || doors[1].Voters != 1 || doors[0].StreetID != "99901_0010" {
		t.Errorf("doors of area %d: %+v, %v", shapes[0].ID, doors, err)
	}
	if got, err := s.AddressOwnersOf(ctx, []string{"99901_0010_00001", "99901_0010_00003"}); err != nil || !reflect.DeepEqual(got, owners) {
		t.Errorf("owners: %+v, %v", got, err)
	}
	if got, err := s.GeocodeCounts(ctx); err != nil || !reflect.DeepEqual(got, map[string]int{"exact": 2, "fuzzy": 1, "unmatched": 1}) {
		t.Errorf("geocode counts: %v, %v", got, err)
	}
	for voter, want := range map[int64]string{listed[5].VoterID: "99901_0010_00003", listed[1].VoterID: "", listed[6].VoterID: ""} {
		if got, err := s.VoterAddressID(ctx, voter); err != nil || got != want {
			t.Errorf("address of voter %d: %q, %v; want %q", voter, got, err, want)
		}
	}
	if got, err := s.ListedPerStation(ctx); err != nil || !reflect.DeepEqual(got, []StationListed{{"99999", "0001", 3}, {"99999", "0002", 3}}) {
		t.Errorf("voters per listed station: %v, %v", got, err)
	}
	stations, err := s.ResultStations(ctx)
	if err != nil || len(stations) == 0 {
		t.Fatalf("stations with results: %v, %v", stations, err)
	}
	results, err := s.ResultsOf(ctx, stations[:1])
	if r := results[stations[0]]; err != nil || len(results) != 1 || r.Election != "leg-2022-t1" || r.Registered != 900 ||
		r.Valid != 585 || len(r.Lists) != 2 {
		t.Errorf("results: %+v, %v", results, err)
	}
	fields, err := s.ListFields(ctx)
	want := ListFields{Voters: 7, UsageName: 2, Sex: 7, BirthDate: 7, BirthPlace: 6, Nationality: 7, Station: 6, Located: 3}
	if err != nil || fields != want {
		t.Errorf("list fields: %+v, %v; want %+v", fields, err, want)
	}
}
