package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // to read the campaign file as the sqlite3 shell's .dump would
)

// The catalogue of bad inputs of issue 10: every hostile or broken file of the importer findings,
// generated here (never committed), each run through the command line against a campaign that
// holds a list, addresses, areas and results. For each, the exit code, the message (it names the
// file and the line, field or column at fault, and echoes no voter's value: every personal value
// below holds "SECRET") and the campaign file, which must be left exactly as it was.

// reuHeader is the REU header row, as exports write it.
const reuHeader = `"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";` +
	`"prénoms";"sexe";"date de naissance";"code commune de naissance";"libellé commune de naissance";` +
	`"code département de naissance";"pays de naissance";"libellé nationalité";"numéro de voie";"libellé de voie";` +
	`"complément 1";"complément 2";"lieu-dit";"code postal";"commune";"pays";"code du bureau de vote";` +
	`"libellé du bureau de vote";"code circonscription législative du bureau de vote";"libellé canton du bureau de vote";` +
	`"libellé circonscription métropolitaine du bureau de vote";"numéro d'ordre dans le bureau de vote"`

// reuRow is an invented voter of commune 99999 whose personal values hold SECRET; set replaces
// fields by their 0-based column.
func reuRow(set map[int]string) string {
	f := []string{"99999", "VILLE-FICTIVE", "Liste principale", "SECRETNOM", "SECRETUSAGE", "SECRET Prénom", "F",
		"17/03/1979", "99998", "SECRETBOURG", "99", "FRANCE", "Française", "12", "Rue des Exemples", "", "SECRETAPPT",
		"", "99999", "Ville-Fictive", "", "0002", "École des Essais", "99-01", "Canton Fictif", "", "37"}
	for i, v := range set {
		f[i] = v
	}
	return `"` + strings.Join(f[:26], `";"`) + `";` + f[26] + "\n"
}

// badInput is one entry of the catalogue: a file (none for a bad command), the arguments that use
// it, and what the command line must answer.
type badInput struct {
	finding int
	name    string
	body    []byte // written to dir/name
	args    []string
	exit    int
	says    []string // in the output, besides the file's name
	timeout time.Duration
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// recursiveGeoPackage writes a GeoPackage whose only feature table is a view that never ends.
func recursiveGeoPackage(path string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,
			organization_coordsys_id INTEGER, definition TEXT, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, '', NULL)`,
		`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER)`,
		`CREATE VIEW boucle AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS fid, NULL AS geom FROM n`,
		`INSERT INTO gpkg_contents VALUES ('boucle', 'features', 'boucle', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('boucle', 'geom', 'GEOMETRY', 4326, 0, 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// badInputs is the catalogue.
func badInputs() []badInput {
	list := func(rows ...string) []byte { return []byte(reuHeader + "\n" + strings.Join(rows, "")) }
	importList := []string{"import", "list"}
	utf16 := []byte{0xff, 0xfe}
	for _, c := range reuHeader + "\n" + reuRow(nil) {
		utf16 = append(utf16, byte(c), byte(c>>8))
	}
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(i*7919 + i*i>>3)
	}
	return []badInput{
		{finding: 2, name: "stray-byte.csv", body: list(reuRow(map[int]string{3: "SECRET\xe9NOM"})), args: importList,
			exit: 1, says: []string{"line 2", `"nom de naissance"`, "UTF-8", "nothing was changed"}},
		{finding: 2, name: "no-given-names.csv", body: []byte(strings.Replace(string(list(reuRow(nil))), `"prénoms";`, `"prenoms x";`, 1)),
			args: importList, exit: 1, says: []string{"line 1", `"prénoms"`, "required column"}},
		{finding: 3, name: "long-line.csv.gz", body: gz(list(reuRow(map[int]string{5: strings.Repeat("SECRET", 200_000)}))),
			args: importList, exit: 1, says: []string{"line 2", `"prénoms"`, "64 KB"}},
		{finding: 4, name: "boucle.gpkg", args: []string{"import", "areas", "--level", "neighborhood"},
			exit: 1, says: []string{"interrupted", "nothing was changed"}, timeout: 2 * time.Second},
		{finding: 8, name: "consents-two-withdrawals.csv", body: []byte(
			"nom_naissance;prenoms;date_naissance;voie;canal;finalite;responsable;donne_le;retire_le;retiré le\n" +
				"SECRETNOM;SECRETPRENOM;01/01/1970;;porte-a-porte;communication politique;Comité;2026-01-01;;2026-02-01\n"),
			args: []string{"import", "consents"}, exit: 1, says: []string{"line 1", `"retire_le"`, `"retiré le"`}},
		{finding: 9, name: "one-voter.csv", body: list(reuRow(nil)), args: importList,
			exit: 2, says: []string{"commune 99999 has 7 voters, the file 1: 6 would be removed", "--replace"}},
		{finding: 9, name: "one-address.csv", body: []byte("id;nom_voie;code_insee;lon;lat\n99901_0010_00001;Rue des Essais;99901;3.0001;46.0001\n"),
			args: []string{"import", "addresses"}, exit: 2, says: []string{"commune 99901 has", "would be removed", "--replace"}},
		{finding: 11, name: "registered-9e18.csv", body: []byte("id_bv;nb_inscr;nb_votant;nb_exprim;liste A\n1;9200000000000000000;600;580;300\n"),
			args: []string{"import", "results"}, exit: 1, says: []string{"line 2", `"nb_inscr"`}},
		{finding: 11, name: "lists-above-valid.csv", body: []byte("id_bv;nb_inscr;nb_votant;nb_exprim;liste A;liste B\n1;1000;600;580;300;300\n"),
			args: []string{"import", "results"}, exit: 1, says: []string{"line 2", `"nb_exprim"`, "add up"}},
		{finding: 12, name: "sex.csv", body: list(reuRow(map[int]string{6: "SECRETSEX"})), args: importList,
			exit: 1, says: []string{"line 2", `"sexe"`}},
		{finding: 12, name: "commune.csv", body: list(reuRow(map[int]string{0: "SECRETUGLE"})), args: importList,
			exit: 1, says: []string{"line 2", `"code du l'ugle"`}},
		{finding: 12, name: "no-birth-name.csv", body: list(reuRow(map[int]string{3: ""})), args: importList,
			exit: 1, says: []string{"line 2", `"nom de naissance"`}},
		{finding: 12, name: "one-mb-field.csv", body: list(reuRow(map[int]string{16: strings.Repeat("SECRET", 170_000)})), args: importList,
			exit: 1, says: []string{"line 2", `"complément 2"`, "64 KB"}},
		{finding: 12, name: "nul.csv", body: list(reuRow(map[int]string{14: "Rue\x00SECRET"})), args: importList,
			exit: 1, says: []string{"line 2", `"libellé de voie"`, "control character"}},
		{finding: 12, name: "order.csv", body: list(reuRow(map[int]string{26: "SECRETORDER"})), args: importList,
			exit: 1, says: []string{"line 2", `"numéro d'ordre dans le bureau de vote"`}},
		{finding: 16, name: "utf16.csv", body: utf16, args: importList, exit: 1, says: []string{"UTF-16", "UTF-8"}},
		{finding: 16, name: "infinite.geojson", body: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature",` +
			`"properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1e999,0],[1,1],[0,0]]]}}]}`),
			args: []string{"import", "areas", "--level", "neighborhood"}, exit: 1, says: []string{"feature 1", "out of range", "not a finite number"}},
		{finding: 16, name: "random.gpkg", body: random, args: []string{"import", "areas", "--level", "neighborhood"},
			exit: 1, says: []string{"not a GeoPackage", "SQLite"}},
		{finding: 17, args: []string{"areas", "--level", "neighborhood", "--layer", "NOPE"}, exit: 2,
			says: []string{`--layer "NOPE"`, `"zones"`}},
		{finding: 17, args: []string{"areas", "--level", "street", "--within", "NOPE"}, exit: 2,
			says: []string{`--within "NOPE"`, `"Z1"`}},
	}
}

// storeDump is what `sqlite3 FILE .dump` shows, read through the driver: the schema, then every
// table's rows, in a stable order. Its hash changes if anything stored changes.
func storeDump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(h, "user_version", version)
	rows, err := db.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var typ, name, create string
		if err := rows.Scan(&typ, &name, &create); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, typ, name, create)
		if typ == "table" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, table := range tables {
		rows, err := db.Query(fmt.Sprintf("SELECT * FROM %q", table))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		slices.Sort(lines) // some tables have no rowid to order by
		fmt.Fprintln(h, table, len(lines), strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// catalogueCampaign makes a campaign holding the test list (7 voters of 99999), the test BAN
// addresses, a neighborhood layer "zones" with one area Z1, and results.
func catalogueCampaign(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	end := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	zones := writeTemp(t, "zones.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"Z1"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[2.9,45.9],[3.1,45.9],[3.1,46.1],[2.9,46.1],[2.9,45.9]]]}}]}`)
	for _, args := range [][]string{
		{"init", "--campaign", "Catalogue", "--election", "municipales", "--election-date", end, "--end", end,
			"--controller", "Comité Essai", "--contact", "droits@example.org"},
		{"import", "list", testList},
		{"import", "addresses", "../../data/testdata/ban-good.csv"},
		{"import", "areas", "--level", "neighborhood", "--layer", "zones", zones},
		{"import", "results", "../../data/testdata/results-paris-layout.csv"},
		{"areas", "--level", "street"}, // computes and stores the geography once
	} {
		if code, out := canvassRun(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	return db
}

func TestBadInputCatalogue(t *testing.T) {
	db := catalogueCampaign(t)
	dir := t.TempDir()
	for _, c := range badInputs() {
		t.Run(fmt.Sprintf("finding %d %s %s", c.finding, c.name, strings.Join(c.args, " ")), func(t *testing.T) {
			args := append([]string{"--db", db}, c.args...)
			if c.name != "" {
				path := filepath.Join(dir, c.name)
				if c.body != nil {
					if err := os.WriteFile(path, c.body, 0o600); err != nil {
						t.Fatal(err)
					}
				} else if err := recursiveGeoPackage(path); err != nil {
					t.Fatal(err)
				}
				args = append(args, path)
			}
			ctx := context.Background()
			if c.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, c.timeout)
				defer cancel()
			}
			before := storeDump(t, db)
			var stdout, stderr bytes.Buffer
			code := run(ctx, args, strings.NewReader(""), &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != c.exit {
				t.Errorf("exit %d, want %d\n%s", code, c.exit, out)
			}
			for _, want := range append(slices.Clone(c.says), c.name) {
				if !strings.Contains(out, want) {
					t.Errorf("the message does not say %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "SECRET") {
				t.Errorf("the message echoes a value of the file:\n%.500s", out)
			}
			if after := storeDump(t, db); after != before {
				t.Error("the campaign file changed")
			}
		})
	}
}

// TestReplaceAndWithinAllowed: what the catalogue refuses goes through when meant: --replace
// replaces the commune (finding 9), --within a known id lists its areas (finding 17).
func TestReplaceAndWithinAllowed(t *testing.T) {
	db := catalogueCampaign(t)
	one := writeTemp(t, "one-voter.csv", reuHeader+"\n"+reuRow(nil))
	code, out := canvassRun(t, "--db", db, "import", "list", "--replace", one)
	if code != 0 || !strings.Contains(out, "1 imported, 0 rejected, 7 from an earlier import replaced") {
		t.Fatalf("import list --replace: exit %d\n%s", code, out)
	}
	code, out = canvassRun(t, "--db", db, "areas", "--level", "street", "--within", "Z1")
	if code != 0 || !strings.Contains(out, "Rue des Essais") {
		t.Fatalf("areas --within Z1: exit %d\n%s", code, out)
	}
	code, out = canvassRun(t, "--db", db, "areas", "--level", "neighborhood", "--layer", "zones")
	if code != 0 || !strings.Contains(out, "Z1") {
		t.Fatalf("areas --layer zones: exit %d\n%s", code, out)
	}
}
