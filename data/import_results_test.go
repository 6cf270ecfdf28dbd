package data

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/data/tabular"
)

// impStation reads one stored station's results.
func impStation(t *testing.T, s *Store, election, station string) (registered, voters int, valid *int, lists map[string]int) {
	t.Helper()
	var listsJSON string
	err := s.db.QueryRow("SELECT registered, voters, valid, lists FROM results WHERE election = ? AND station = ?",
		election, station).Scan(&registered, &voters, &valid, &listsJSON)
	if err != nil {
		t.Fatalf("station %s of %s: %v", station, election, err)
	}
	if err := json.Unmarshal([]byte(listsJSON), &lists); err != nil {
		t.Fatalf("station %s: lists %q: %v", station, listsJSON, err)
	}
	return registered, voters, valid, lists
}

func TestImportResultsParisLayout(t *testing.T) {
	s := newStore(t)
	rep, err := s.ImportResults(context.Background(), "testdata/results-paris-layout.csv", ResultOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 3, 3, 0, 0)
	if rep.Kind != "results" {
		t.Errorf("kind %q", rep.Kind)
	}
	reg, vot, valid, lists := impStation(t, s, "results-paris-layout", "99-3")
	if reg != 1200 || vot != 700 || valid == nil || *valid != 690 {
		t.Errorf("99-3: registered %d voters %d valid %v, want 1200 (written \"1 200\") 700 690", reg, vot, valid)
	}
	// Only the list columns: not OBJECTID, num_circ... before the counts, nor nb_bl, nb_nul...
	want := map[string]int{"lune_aurore": 0, "soleil_bastien": 600, "étoile_cécile": 90}
	if !equalLists(lists, want) {
		t.Errorf("99-3 lists %v, want %v", lists, want)
	}
	audit, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := audit[len(audit)-1]
	if last.Operation != "import.results" || last.Params["election"] != "results-paris-layout" ||
		last.Params["imported"] != float64(3) || last.Params["file"] != "results-paris-layout.csv" {
		t.Errorf("audit entry %s %v", last.Operation, last.Params)
	}
}

func equalLists(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if n, ok := got[k]; !ok || n != v {
			return false
		}
	}
	return true
}

func TestImportResultsNationalLayouts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	// 2017-2022: one candidate group named in the header, repeated without names in each row;
	// communes given as département + 3-digit code; Windows line ends.
	rep, err := s.ImportResults(ctx, "testdata/results-national-2022.csv", ResultOptions{Election: "leg-2022-t1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 3, 3, 0, 0)
	reg, vot, valid, lists := impStation(t, s, "leg-2022-t1", "99001_0002")
	if reg != 500 || vot != 400 || *valid != 400 {
		t.Errorf("99001_0002: %d %d %d", reg, vot, *valid)
	}
	if want := map[string]int{"LUNE Aurore": 150, "SOLEIL Bastien": 250}; !equalLists(lists, want) {
		t.Errorf("99001_0002 lists %v, want %v", lists, want)
	}
	if n := impCount(t, s, "SELECT count(*) FROM results WHERE station = '99012_0001'"); n != 1 {
		t.Error("the second commune's station 0001 is not stored apart from the first's")
	}
	// 2024: numbered candidate groups, 5-digit commune codes, a group left empty.
	rep, err = s.ImportResults(ctx, "testdata/results-national-2024.csv", ResultOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 2, 2, 0, 0)
	_, _, _, lists = impStation(t, s, "results-national-2024", "99901_0001")
	if want := map[string]int{"LUNE Aurore": 300, "SOLEIL Bastien": 285}; !equalLists(lists, want) {
		t.Errorf("99901_0001 lists %v, want %v", lists, want)
	}
	_, _, _, lists = impStation(t, s, "results-national-2024", "99902_0001")
	if want := map[string]int{"LUNE Aurore": 120}; !equalLists(lists, want) {
		t.Errorf("99902_0001 lists %v, want %v", lists, want)
	}
}

func TestImportResultsRejectsBadRows(t *testing.T) {
	s := newStore(t)
	rep, err := s.ImportResults(context.Background(), "testdata/results-bad.csv", ResultOptions{Election: "e"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 8, 1, 7, 0)
	want := []RowError{
		{Line: 3, Field: "nb_inscr", Reason: "whole number"},
		{Line: 4, Field: "nb_votant", Reason: "more voters than registered"},
		{Line: 5, Field: "soleil_bastien", Reason: "whole number of votes"},
		{Line: 6, Field: "id_bv", Reason: "duplicate"},
		{Line: 7, Field: "nb_exprim", Reason: "more valid votes than voters"},
		{Line: 8, Field: "id_bv", Reason: "empty"},
		{Line: 9, Field: "nb_inscr", Reason: "whole number"},
	}
	wantRowErrors(t, rep.Errors, want)
}

func TestImportResultsMissingColumnIsFatal(t *testing.T) {
	s := newStore(t)
	if _, err := s.ImportResults(context.Background(), "testdata/results-paris-layout.csv", ResultOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	impFatal(t, s, func() (Report, error) {
		return s.ImportResults(context.Background(), "testdata/results-missing-voters.csv", ResultOptions{}, nil)
	}, "results-missing-voters.csv", 1, "nb_votant")
}

func TestImportResultsReimportReplacesTheElection(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	opt := ResultOptions{Election: "euro-2024"}
	if _, err := s.ImportResults(ctx, "testdata/results-paris-layout.csv", opt, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportResults(ctx, "testdata/results-paris-layout.csv", ResultOptions{Election: "other"}, nil); err != nil {
		t.Fatal(err)
	}
	before := dumpResults(t, s)
	rep, err := s.ImportResults(ctx, "testdata/results-paris-layout.csv", opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 3, 3, 0, 3)
	if after := dumpResults(t, s); after != before {
		t.Errorf("importing twice changed the results:\n%s\nthen\n%s", before, after)
	}
	// A smaller file for the same election leaves only its stations; the other election stays.
	rep, err = s.ImportResults(ctx, "testdata/results-bad.csv", opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Replaced != 3 || impCount(t, s, "SELECT count(*) FROM results WHERE election = 'euro-2024'") != 1 ||
		impCount(t, s, "SELECT count(*) FROM results WHERE election = 'other'") != 3 {
		t.Errorf("replacement: report %+v; stored %s", rep, dumpResults(t, s))
	}
}

func dumpResults(t testing.TB, s *Store) string {
	d := impDump(t, s)
	parts := strings.Split(d, "--\n")
	return parts[1]
}

func TestImportResultsLastLineErrorAndCancelLeaveStoreUnchanged(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportResults(ctx, "testdata/results-paris-layout.csv", ResultOptions{Election: "e"}, nil); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile("testdata/results-paris-layout.csv")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "e.csv")
	if err := os.WriteFile(path, append(good, "4;\"99-4;x\"y;\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	impFatal(t, s, func() (Report, error) { return s.ImportResults(ctx, path, ResultOptions{}, nil) }, "e.csv", 5, "")

	before := impDump(t, s)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.ImportResults(cancelled, "testdata/results-national-2024.csv", ResultOptions{Election: "e"}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if after := impDump(t, s); after != before {
		t.Error("a cancelled import changed the store")
	}
}

func TestElectionLabel(t *testing.T) {
	for _, c := range []struct{ path, given, want string }{
		{"/x/resultats-2024.csv.gz", "", "resultats-2024"},
		{"euro.2024.v2.CSV", "", "euro.2024.v2"},
		{"a/b.csv", "  Européennes 2024 ", "Européennes 2024"},
		{".csv", "", ".csv"},
	} {
		if got := electionLabel(c.path, c.given); got != c.want {
			t.Errorf("electionLabel(%q, %q) = %q, want %q", c.path, c.given, got, c.want)
		}
	}
}

// circ15 lists the polling stations of constituency 15 as the file itself says (num_circ), read
// independently of the importer.
func circ15(t *testing.T, path string) []string {
	r, err := tabular.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	id, circ := r.Column("id_bv"), r.Column("num_circ")
	var ids []string
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return ids
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec[circ] == "15" {
			ids = append(ids, rec[id])
		}
	}
}

func TestImportResultsParis20e(t *testing.T) {
	path := shared.Path(t, "data", "paris-20e", "resultats-europeennes-2024-bureaux-20e.csv")
	s := newStore(t)
	ctx := context.Background()
	stations := circ15(t, path)
	if len(stations) != 51 {
		t.Fatalf("%d stations in constituency 15, want 51", len(stations))
	}
	args := make([]any, len(stations))
	for i, id := range stations {
		args[i] = id
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(stations)), ",") + ")"
	for i, replaced := range []int{0, 76} {
		rep, err := s.ImportResults(ctx, path, ResultOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantCounts(t, rep, 76, 76, 0, replaced)
		if n := impCount(t, s, "SELECT count(*) FROM results WHERE election = 'resultats-europeennes-2024-bureaux-20e'"); n != 76 {
			t.Errorf("import %d: %d stations, want 76", i+1, n)
		}
		if n := impCount(t, s, "SELECT sum(registered) FROM results WHERE station IN "+in, args...); n != 80317 {
			t.Errorf("import %d: constituency 15 has %d registered, want 80,317", i+1, n)
		}
		if n := impCount(t, s, "SELECT sum(voters) FROM results WHERE station IN "+in, args...); n != 45685 {
			t.Errorf("import %d: constituency 15 has %d voters, want 45,685", i+1, n)
		}
		// 38 lists, and their votes add up to the valid votes of each station.
		rows, err := s.db.Query("SELECT station, valid, lists FROM results")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var station, listsJSON string
			var valid int
			if err := rows.Scan(&station, &valid, &listsJSON); err != nil {
				t.Fatal(err)
			}
			var lists map[string]int
			if err := json.Unmarshal([]byte(listsJSON), &lists); err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, v := range lists {
				sum += v
			}
			if len(lists) != 38 || sum != valid || lists["glucksmann_raphaël"] == 0 {
				t.Errorf("station %s: %d lists totalling %d, want 38 totalling the %d valid votes", station, len(lists), sum, valid)
			}
		}
		rows.Close()
	}
}

// FuzzParseResult feeds arbitrary records to the results row parser, with the columns of the
// Paris layout and of the 2017-2022 Ministère layout (unnamed repeated groups): it must never
// panic, and what it accepts must be consistent.
func FuzzParseResult(f *testing.F) {
	var layouts []resultColumns
	for _, path := range []string{"testdata/results-paris-layout.csv", "testdata/results-national-2022.csv"} {
		r, err := tabular.Open(context.Background(), path)
		if err != nil {
			f.Fatal(err)
		}
		idx, err := findColumns(r, path, resultWanted)
		if err != nil {
			f.Fatal(err)
		}
		layouts = append(layouts, newResultColumns(r, idx))
		r.Close()
		body, _ := os.ReadFile(path)
		for _, l := range strings.Split(string(body), "\n")[1:] {
			f.Add(len(layouts)-1 == 1, l)
		}
	}
	body, _ := os.ReadFile("testdata/results-bad.csv")
	for _, l := range strings.Split(string(body), "\n")[1:] {
		f.Add(false, l)
	}
	f.Fuzz(func(t *testing.T, national bool, line string) {
		cols := layouts[0]
		if national {
			cols = layouts[1]
		}
		res, bad := parseResult(3, strings.Split(line, ";"), cols)
		if bad != nil {
			if bad.Line != 3 || bad.Reason == "" {
				t.Fatalf("rejection %v lacks its line or reason", bad)
			}
			return
		}
		if res.Station == "" || res.Voters > res.Registered || res.Registered < 0 || (res.Valid.Valid && res.Valid.Int64 > res.Voters) {
			t.Fatalf("accepted %+v", res)
		}
		for name, n := range res.Lists {
			if name == "" || n < 0 {
				t.Fatalf("accepted list %q with %d votes", name, n)
			}
		}
	})
}

// TestImportResultsOneDigitDepartment keys stations by the full INSEE code when a results file
// writes department 1 to 9 without its zero ("1" and commune "1" are Ain's 01001).
func TestImportResultsOneDigitDepartment(t *testing.T) {
	body, err := os.ReadFile("testdata/results-national-2022.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(body), "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "99;") {
			lines[i] = "1;" + strings.TrimPrefix(lines[i], "99;")
		}
	}
	path := filepath.Join(t.TempDir(), "results-dept-1.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	s := newStore(t)
	if _, err := s.ImportResults(context.Background(), path, ResultOptions{Election: "dept-1"}, nil); err != nil {
		t.Fatal(err)
	}
	if n := impCount(t, s, "SELECT count(*) FROM results WHERE station = '01001_0002'"); n != 1 {
		t.Errorf("%d rows for station 01001_0002, want 1", n)
	}
}
