package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/reu/reugen"
)

// Regression tests for the importer findings of issue 10, each named after its finding. The
// personal values of the rows they feed hold "SECRET", which no message may echo.

// storeState dumps every table of the store, in schema order, row by row: "unchanged" means this
// is the same before and after.
func storeState(t testing.TB, s *Store) string {
	t.Helper()
	rows, err := s.db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, fmt.Sprintf("SELECT * FROM %q ORDER BY 1", name))
	}
	rows.Close()
	return dumpTables(t, s, queries...)
}

// noSecret fails the test when a message echoes a value of the file.
func noSecret(t testing.TB, what string, v any) {
	t.Helper()
	if s := fmt.Sprint(v); strings.Contains(s, "SECRET") {
		t.Errorf("%s echoes a value of the file: %s", what, s)
	}
}

// listRows returns the REU test list's records, header first.
func listRows(t testing.TB) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(readTestdata(t, "reu-99999.csv")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// writeList writes records as an REU export does (every field quoted, `;`).
func writeList(t testing.TB, name string, recs [][]string) string {
	t.Helper()
	var b strings.Builder
	for _, rec := range recs {
		for i, f := range rec {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		b.WriteByte('\n')
	}
	return tempFile(t, name, b.String())
}

// Finding 2: one stray byte in a UTF-8 list made the whole file Windows-1252: headers went
// unrecognized and every voter was replaced by a row without given names or street.
func TestFinding2StrayByteKeepsTheListUTF8(t *testing.T) {
	var buf bytes.Buffer
	if err := reugen.Write(&buf, 300, 1); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	clean := tempFile(t, "clean.csv", buf.String())
	lines[10] = strings.Replace(lines[10], `"Liste`, "\"\xe9Liste", 1) // line 11, its list type
	s := newStore(t)
	rep := importList(t, s, tempFile(t, "stray.csv", strings.Join(lines, "")))
	if rep.Read != 300 || rep.Imported != 299 || rep.Rejected != 1 {
		t.Fatalf("report read %d imported %d rejected %d, want 300, 299, 1", rep.Read, rep.Imported, rep.Rejected)
	}
	if e := rep.Errors[0]; e.Line != 11 || e.Field != "libellé du type de liste" || !strings.Contains(e.Reason, "UTF-8") {
		t.Errorf("rejected %v, want line 11, field libellé du type de liste, not UTF-8", e)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Reason, "Windows-1252") {
			t.Errorf("warning %v: the file is UTF-8", w)
		}
	}
	ref := newStore(t)
	importList(t, ref, clean)
	q := "SELECT " + strings.Join(voterColumns, ", ") + " FROM voters WHERE line != 11 ORDER BY line"
	if got, want := dumpTables(t, s, q), dumpTables(t, ref, q); got != want {
		t.Error("the other voters are not stored as from the clean file")
	}
}

// Finding 2: a list without a column the planning needs is refused, naming it, and changes nothing.
func TestFinding2RequiredColumns(t *testing.T) {
	recs := listRows(t)
	for _, col := range []string{"nom de naissance", "prénoms", "libellé de voie", "code du bureau de vote"} {
		t.Run(col, func(t *testing.T) {
			i := slices.Index(recs[0], col)
			var cut [][]string
			for _, rec := range recs {
				cut = append(cut, slices.Delete(slices.Clone(rec), i, i+1))
			}
			s := newStore(t)
			importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv"))
			before := storeState(t, s)
			_, err := s.ImportList(context.Background(), writeList(t, "cut.csv", cut), nil)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line != 1 || ie.Field != col {
				t.Fatalf("error %v, want an input error on line 1 naming %q", err, col)
			}
			if storeState(t, s) != before {
				t.Error("the store changed")
			}
		})
	}
}

// Finding 3: a .gz list with a 1 GB line took 5 GB of memory. A row longer than 64 KB is rejected
// by line and field, the rows after it are read, and memory stays flat: here a 64 MB field, which
// the old reader held several times over.
func TestFinding3OverlongFieldIsRejectedInFlatMemory(t *testing.T) {
	recs := listRows(t)
	path := filepath.Join(t.TempDir(), "long.csv.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	row := func(rec []string) string { return `"` + strings.Join(rec, `";"`) + `"` + "\n" }
	fmt.Fprint(zw, row(recs[0]))
	long := slices.Clone(recs[1])
	before, after, _ := strings.Cut(row(long), long[5]) // the given names
	fmt.Fprint(zw, before)
	chunk := strings.Repeat("SECRET", 10000)
	for written := 0; written < 64<<20; written += len(chunk) {
		fmt.Fprint(zw, chunk)
	}
	fmt.Fprint(zw, after, row(recs[2]))
	if err := errors.Join(zw.Close(), f.Close()); err != nil {
		t.Fatal(err)
	}
	s := newStore(t)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	rep := importList(t, s, path)
	runtime.ReadMemStats(&m1)
	if rep.Read != 2 || rep.Imported != 1 || rep.Rejected != 1 {
		t.Fatalf("report read %d imported %d rejected %d, want 2, 1, 1", rep.Read, rep.Imported, rep.Rejected)
	}
	if e := rep.Errors[0]; e.Line != 2 || e.Field != "prénoms" || !strings.Contains(e.Reason, "64 KB") {
		t.Errorf("rejected %v, want line 2, field prénoms, longer than 64 KB", e)
	}
	noSecret(t, "the report", rep)
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 32<<20 {
		t.Errorf("the import allocated %d MB for a 64 MB field: it must not hold it", alloc>>20)
	}
}

// Finding 8: a duplicate header (after alias normalization) was accepted, the first column
// winning: a consent file with two withdrawal columns ignored the withdrawal.
func TestFinding8DuplicateColumns(t *testing.T) {
	for _, c := range []struct {
		name, body string
		cols       []string
		imp        func(*Store, string) error
	}{
		{"consents.csv", "nom_naissance;prenoms;date_naissance;voie;canal;finalite;responsable;donne_le;retire_le;retiré le\n" +
			"SECRETNAME;SECRETGIVEN;01/01/1970;;porte-a-porte;communication politique;Comité;2026-01-01;;2026-02-01\n",
			[]string{`"retire_le"`, `"retiré le"`},
			func(s *Store, p string) error {
				_, err := s.ImportConsents(context.Background(), p, asRead, nil)
				return err
			}},
		{"consents-alias.csv", "nom_naissance;prenoms;date_naissance;voie;canal;finalite;responsable;donne_le;retire_le;withdrawn_on\n" +
			"SECRETNAME;SECRETGIVEN;01/01/1970;;porte-a-porte;communication politique;Comité;2026-01-01;;2026-02-01\n",
			[]string{`"retire_le"`, `"withdrawn_on"`},
			func(s *Store, p string) error {
				_, err := s.ImportConsents(context.Background(), p, asRead, nil)
				return err
			}},
		{"list.csv", strings.Replace(string(readTestdata(t, "reu-99999.csv")), `"sexe"`, `"Prénoms"`, 1),
			[]string{`"prénoms"`, `"Prénoms"`},
			func(s *Store, p string) error { _, err := s.ImportList(context.Background(), p, nil); return err }},
		{"list-alias.csv", strings.Replace(string(readTestdata(t, "reu-99999.csv")), `"libellé de l'ugle"`, `"code de l'ugle"`, 1),
			[]string{`"code du l'ugle"`, `"code de l'ugle"`},
			func(s *Store, p string) error { _, err := s.ImportList(context.Background(), p, nil); return err }},
		{"ban.csv", "id;nom_voie;code_insee;lon;lat;longitude\n99999_0001_00001;Rue;99999;2.3;48.8;2.4\n",
			[]string{`"lon"`, `"longitude"`},
			func(s *Store, p string) error { _, err := s.ImportAddresses(context.Background(), p, nil); return err }},
		{"results.csv", "id_bv;nb_inscr;nb_votant;inscrits;liste A\n1;100;50;100;20\n",
			[]string{`"nb_inscr"`, `"inscrits"`},
			func(s *Store, p string) error {
				_, err := s.ImportResults(context.Background(), p, ResultOptions{}, nil)
				return err
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			before := storeState(t, s)
			err := c.imp(s, tempFile(t, c.name, c.body))
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line != 1 || !strings.Contains(ie.Reason, c.cols[0]) || !strings.Contains(ie.Reason, c.cols[1]) {
				t.Fatalf("error %v, want an input error on line 1 naming %s and %s", err, c.cols[0], c.cols[1])
			}
			noSecret(t, "the error", err)
			if storeState(t, s) != before {
				t.Error("the store changed")
			}
		})
	}
}

// Finding 9: a one-row address file replaced the whole commune. It is refused with the counts,
// unless allowed.
func TestFinding9AddressesShrink(t *testing.T) {
	s := newStore(t)
	if _, err := s.ImportAddresses(context.Background(), filepath.Join("testdata", "ban-good.csv"), nil); err != nil {
		t.Fatal(err)
	}
	before := storeState(t, s)
	var had int
	s.db.QueryRow("SELECT count(*) FROM addresses WHERE insee = '99901'").Scan(&had)
	one := tempFile(t, "one.csv", "id;nom_voie;code_insee;lon;lat\n99901_0001_00001;Rue;99901;3.0;46.0\n")
	_, err := s.ImportAddresses(context.Background(), one, nil)
	var re *ReplaceError
	if !errors.As(err, &re) || len(re.Communes) != 1 || re.Communes[0] != (Shrink{Commune: "99901", Had: had, Kept: 1}) {
		t.Fatalf("error %v, want a ReplaceError: %d addresses of 99901 would become 1", err, had)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("%d would be removed", had-1)) {
		t.Errorf("the error does not say what would go: %v", err)
	}
	if storeState(t, s) != before {
		t.Error("a refused replacement changed the store")
	}
	rep, err := s.ImportAddresses(context.Background(), one, nil, AllowReplace)
	if err != nil || rep.Imported != 1 || rep.Replaced != had {
		t.Fatalf("allowed: %+v, %v; want 1 imported, %d replaced", rep, err, had)
	}
}

// Finding 11: results with 9.2e18 registered voters, or more list votes than valid votes, were
// accepted and fed share rules.
func TestFinding11ResultsConsistency(t *testing.T) {
	body := "id_bv;nb_inscr;nb_votant;nb_exprim;liste A;liste B\n" +
		"1;1000;600;580;300;280\n" + // consistent
		"2;9200000000000000000;600;580;300;280\n" +
		"3;1000;600;580;400;280\n" + // lists add up to 680 > 580
		"4;1000;600;580;-3;280\n" +
		"5;1000;600;;400;280\n" + // no valid votes: lists add up to 680 > 600 voters
		"6;500;600;580;300;280\n" +
		"7;1000;600;620;300;280\n"
	s := newStore(t)
	rep, err := s.ImportResults(context.Background(), tempFile(t, "results.csv", body), ResultOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 1 {
		t.Errorf("imported %d, want only the consistent row", rep.Imported)
	}
	wantRowErrors(t, rep.Errors, []RowError{
		{Line: 3, Field: "nb_inscr", Reason: "at most 1,000,000"},
		{Line: 4, Field: "nb_exprim", Reason: "lists' votes add up"},
		{Line: 5, Field: "liste A", Reason: "whole number"},
		{Line: 6, Field: "nb_votant", Reason: "lists' votes add up"},
		{Line: 7, Field: "nb_votant", Reason: "more voters than registered"},
		{Line: 8, Field: "nb_exprim", Reason: "more valid votes than voters"},
	})
}

// Finding 12: invalid values were stored (sex SECRETSEX, commune SECRETUGLE, an empty birth name,
// 1 MB fields, NUL bytes; an order number SECRETORDER silently became empty). Each is rejected by
// line and field, never echoed; control characters too.
func TestFinding12ListFieldsValidated(t *testing.T) {
	recs := listRows(t)
	col := func(name string) int { return slices.Index(recs[0], name) }
	good := recs[1]
	bad := []struct{ field, value string }{
		{"sexe", "SECRETSEX"},
		{"code du l'ugle", "SECRETUGLE"},
		{"nom de naissance", ""},
		{"nom d'usage", strings.Repeat("SECRET", 2000)},
		{"prénoms", strings.Repeat("SECRET", 200)},
		{"libellé de voie", "SECRET\x00STREET"},
		{"complément 1", "SECRET\x1b]0;PWNED\x07"},
		{"numéro d'ordre dans le bureau de vote", "SECRETORDER"},
		{"date de naissance", "SECRETDATE"},
		{"code postal", "SECRET"},
		{"libellé du type de liste", "SECRETLIST"},
	}
	out := [][]string{recs[0]}
	for _, b := range bad {
		rec := slices.Clone(good)
		rec[col(b.field)] = b.value
		out = append(out, rec)
	}
	out = append(out, good)
	s := newStore(t)
	rep := importList(t, s, writeList(t, "bad-values.csv", out))
	if rep.Imported != 1 || rep.Rejected != len(bad) {
		t.Fatalf("imported %d rejected %d, want 1 and %d: %v", rep.Imported, rep.Rejected, len(bad), rep.Errors)
	}
	for i, b := range bad {
		if e := rep.Errors[i]; e.Line != i+2 || e.Field != b.field {
			t.Errorf("rejected %v, want line %d, field %s", e, i+2, b.field)
		}
	}
	noSecret(t, "the report", rep)
}

// Finding 12: other layers strip control characters from their text rather than reject the row.
func TestFinding12ControlsStrippedElsewhere(t *testing.T) {
	s := newStore(t)
	ban := "id;nom_voie;code_insee;lon;lat\n99999_0001_00001;\"Rue \x1b]0;PWNED\x07\x1b[31mdes Essais\";99999;2.3;48.8\n"
	if _, err := s.ImportAddresses(context.Background(), tempFile(t, "ban.csv", ban), nil); err != nil {
		t.Fatal(err)
	}
	var street string
	s.db.QueryRow("SELECT street FROM addresses").Scan(&street)
	if street != "Rue ]0;PWNED[31mdes Essais" {
		t.Errorf("street stored as %q, want its control characters stripped", street)
	}
	layer := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"Z\u001b1",` +
		`"nom":"Quartier \u001b]0;PWNED\u0007\u009b31m"},"geometry":{"type":"Polygon","coordinates":[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.8]]]}}]}`
	if _, err := s.ImportAreas(context.Background(), tempFile(t, "q.geojson", layer), AreaOptions{Level: "neighborhood"}, nil); err != nil {
		t.Fatal(err)
	}
	var code, name string
	s.db.QueryRow("SELECT code, name FROM areas").Scan(&code, &name)
	if code != "Z1" || name != "Quartier ]0;PWNED31m" {
		t.Errorf("area stored as %q %q, want its control characters stripped", code, name)
	}
}

// Finding 4: a GeoPackage whose feature table is a recursive view ran forever and ignored ctrl-c.
// The import stops when its context is done.
func TestFinding4GeoPackageQueryHonoursTheContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "boucle.gpkg")
	writeGPKG(t, path, 4326, nil)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE VIEW boucle AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS fid, NULL AS geom FROM n`,
		`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('boucle', 'features', 'boucle', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('boucle', 'geom', 'GEOMETRY', 4326, 0, 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := newStore(t)
	before := storeState(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := s.ImportAreas(ctx, path, AreaOptions{Level: "neighborhood"}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want the context's deadline", err)
		}
	case <-time.After(time.Minute): // a liveness bound, far beyond the deadline: not a speed target
		t.Fatal("the import went on a minute after its context's deadline")
	}
	if storeState(t, s) != before {
		t.Error("the store changed")
	}
}

// Finding 16: messages said the wrong thing about a UTF-16 file, an infinite coordinate and a
// .gpkg of random bytes. They say what the file is and what to do.
func TestFinding16MessagesSayWhatTheFileIs(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, c := range "nom;prenoms\nA;B\n" {
		utf16 = append(utf16, byte(c), 0)
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i*i)
	}
	s := newStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		run  func() error
		want []string
	}{
		{"UTF-16 list", func() error {
			_, err := s.ImportList(ctx, tempFile(t, "liste.csv", utf16), nil)
			return err
		}, []string{"UTF-16", "UTF-8", "iconv"}},
		{"random .gpkg", func() error {
			_, err := s.ImportAreas(ctx, tempFile(t, "zones.gpkg", random), AreaOptions{Level: "neighborhood"}, nil)
			return err
		}, []string{"zones.gpkg", "not a GeoPackage", "SQLite"}},
		{"infinite coordinate", func() error {
			body := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1"},` +
				`"geometry":{"type":"Polygon","coordinates":[[[0,0],[1e999,0],[1,1],[0,0]]]}}]}`
			_, err := s.ImportAreas(ctx, tempFile(t, "zones.geojson", body), AreaOptions{Level: "neighborhood"}, nil)
			return err
		}, []string{"feature 1", "position 2", "longitude is out of range, not a finite number"}},
	} {
		err := c.run()
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %v, want one saying %q", c.name, err, w)
			}
		}
	}
}
