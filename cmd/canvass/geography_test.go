package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// formsBAN is an invented BAN: a boulevard with a suffixed door, and a Rue and an Impasse that
// share the name Girardon.
const formsBAN = `id;numero;rep;nom_voie;code_postal;code_insee;lon;lat
99901_0010_00034;34;;Boulevard de Clichy;99100;99901;3.0001;46.0001
99901_0010_00034_m;34;m;Boulevard de Clichy;99100;99901;3.0002;46.0002
99901_0020_00001;1;;Rue Girardon;99100;99901;3.0003;46.0003
99901_0020_00003;3;;Rue Girardon;99100;99901;3.0004;46.0004
99901_0030_00001;1;;Impasse Girardon;99100;99901;3.0005;46.0005
99901_0030_00005;5;;Impasse Girardon;99100;99901;3.0006;46.0006
`

// formsList writes an REU extract whose addresses (number, street) are written in the forms of
// issue 18, one voter each.
func formsList(t *testing.T, addrs [][2]string) string {
	t.Helper()
	header, err := os.ReadFile(testList)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(strings.SplitN(string(header), "\n", 2)[0] + "\n")
	for i, a := range addrs {
		fmt.Fprintf(&b, `"99901";"VILLETEST";"Liste principale";"ESSAI%c";;"Paul";"M";"01/01/1980";;;;;"Française";"%s";"%s";;;;"99100";"Villetest";;"0001";"Bureau 1";"99-01";"Canton";;%d`+"\n",
			'A'+i, a[0], a[1], i+1)
	}
	return writeTemp(t, "liste.csv", b.String())
}

// TestGeocodeReportForms geocodes a list written in the forms of issue 18 and checks that the
// report says, per form, how many voters were matched and how, in text and in JSON, and that the
// missing voters and the matches file carry the form.
func TestGeocodeReportForms(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	list := formsList(t, [][2]string{
		{"34", "BD DE CLICHY"},          // standard
		{"34", "CLICHY (BOULEVARD DE)"}, // inverted
		{"", "34 M BD DE CLICHY"},       // number and suffix in the street field
		{"3", "GIRARDON"},               // no type: the door is on the Rue only
		{"1", "GIRARDON"},               // no type: the door is on both ways
		{"0034", "BD DE CLICHHY"},       // padded number, misspelt name
	})
	for _, args := range [][]string{
		{"init", "--campaign", "Essai", "--election", "municipales", "--election-date", "2099-03-14",
			"--end", "2099-04-30", "--controller", "Comité Essai", "--contact", "droits@example.org"},
		{"import", "addresses", writeTemp(t, "ban.csv", formsBAN)},
		{"import", "list", list},
	} {
		if code, out := canvassRun(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", args[0], code, out)
		}
	}
	matches := filepath.Join(t.TempDir(), "matches.csv")
	code, out := canvassRun(t, "--db", db, "geocode", "--report", "--missing", "--matches", matches)
	if code != 0 {
		t.Fatalf("geocode --report: exit %d\n%s", code, out)
	}
	out = strings.ReplaceAll(out, matches, "matches.csv")
	golden := filepath.Join("testdata", t.Name(), "report.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("geocode --report printed\n%s\nwant (%s)\n%s", out, golden, want)
	}

	code, out = canvassRun(t, "--db", db, "geocode", "--report", "--json")
	if code != 0 {
		t.Fatalf("geocode --report --json: exit %d\n%s", code, out)
	}
	var rep canvass.GeocodeReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("geocode --report --json: %v\n%s", err, out)
	}
	got := map[string]canvass.FormCounts{}
	for _, f := range rep.Forms {
		got[f.Form] = f
	}
	wantForms := map[string]canvass.FormCounts{
		"standard":         {Form: "standard", Voters: 1, MatchCounts: canvass.MatchCounts{Exact: 1}},
		"inverted":         {Form: "inverted", Voters: 1, MatchCounts: canvass.MatchCounts{Exact: 1}},
		"number-in-street": {Form: "number-in-street", Voters: 1, MatchCounts: canvass.MatchCounts{Exact: 1}},
		"no-type":          {Form: "no-type", Voters: 2, MatchCounts: canvass.MatchCounts{Exact: 1, Unmatched: 1}, Ambiguous: 1},
		"number-padded":    {Form: "number-padded", Voters: 1, MatchCounts: canvass.MatchCounts{Fuzzy: 1}},
		"misspelt":         {Form: "misspelt", Voters: 1, MatchCounts: canvass.MatchCounts{Fuzzy: 1}},
	}
	if len(got) != len(wantForms) {
		t.Errorf("forms %+v, want %+v", rep.Forms, wantForms)
	}
	for name, w := range wantForms {
		if got[name] != w {
			t.Errorf("form %s: %+v, want %+v", name, got[name], w)
		}
	}

	body, err := os.ReadFile(matches)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.Comma = ';' // written like every CSV of the tool: ; and a BOM, for French spreadsheets
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || strings.Join(rows[0], ",") != "line,ban_id,kind,score,form" {
		t.Fatalf("matches file: %v", rows)
	}
	if r := rows[3]; r[1] != "99901_0010_00034_m" || r[4] != "number-in-street" {
		t.Errorf("matches file, third voter: %v, want door 34m read from the street field", r)
	}
}
