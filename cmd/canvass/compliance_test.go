package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
)

// testList is a small REU extract of invented voters.
const testList = "../../data/testdata/list/reu-99999.csv"

// canvassRun2 runs the command line and returns its exit code, standard output and error apart.
func canvassRun2(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errs)
	return code, out.String(), errs.String()
}

// campaignFile makes a campaign file with the test list, its end date on end and its election
// three months before, recorded by a campaign whose clock reads 2020-01-01 (so that an end date
// already past can be set).
func campaignFile(t *testing.T, end string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	camp, err := canvass.Create(db)
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	camp.SetClock(func() time.Time { return time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	endDay, err := time.Parse(time.DateOnly, end)
	if err != nil {
		t.Fatal(err)
	}
	if err := camp.Init(ctx, canvass.Settings{Name: "Essai 2020", ElectionType: "municipales",
		ElectionDates: []string{endDay.AddDate(0, -3, 0).Format(time.DateOnly)}, EndDate: end, Controller: "Comité Essai", Contact: "droits@example.org"}); err != nil {
		t.Fatal(err)
	}
	if _, err := camp.ImportList(ctx, testList, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := camp.ImportOpposition(ctx, writeTemp(t, "opp.csv",
		"portee;nom_naissance;prenoms;date_naissance;numero;voie;code_postal;motif;date\npersonne;OBJECTEUR;Octave;;;;;STOP;2020-02-01\n"), nil); err != nil {
		t.Fatal(err)
	}
	return db
}

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// sqlEdit changes the file as anyone holding it could, without canvass.
func sqlEdit(t *testing.T, db, query string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(query); err != nil {
		t.Fatal(err)
	}
}

func TestAuditVerifyThroughTheCommandLine(t *testing.T) {
	far := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	for _, tc := range []struct {
		name, query, want string
	}{
		{"edited", `UPDATE audit SET params = replace(params, '"imported":7', '"imported":70') WHERE operation = 'import.list'`,
			"audit trail broken at entry 2: its content no longer matches its hash (the entry was edited)"},
		{"deleted", `DELETE FROM audit WHERE operation = 'import.list'`,
			"audit trail broken at entry 3: entry 2 before it is missing (deleted)"},
		{"last deleted", `DELETE FROM audit WHERE operation = 'import.opposition'`,
			"audit trail broken at entry 3: 3 entries were appended but 2 remain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := campaignFile(t, far)
			code, out, errs := canvassRun2(t, "--db", db, "audit", "verify")
			if code != 0 || !strings.HasPrefix(out, "3 entries, chain intact (last hash ") || errs != "" {
				t.Fatalf("before the edit: exit %d\n%s%s", code, out, errs)
			}
			sqlEdit(t, db, tc.query)
			code, out, errs = canvassRun2(t, "--db", db, "audit", "verify")
			if code != exitError || !strings.Contains(errs, tc.want) {
				t.Fatalf("after the edit: exit %d, want %d and %q\n%s%s", code, exitError, tc.want, out, errs)
			}
		})
	}
}

func TestAuditList(t *testing.T) {
	db := campaignFile(t, time.Now().AddDate(1, 0, 0).Format(time.DateOnly))
	code, out, _ := canvassRun2(t, "--db", db, "audit")
	if code != 0 || !strings.Contains(out, "import.list") || !strings.Contains(out, `{"file":"reu-99999.csv","imported":7,"read":7,"rejected":0,"replaced":0}`) {
		t.Fatalf("audit: exit %d\n%s", code, out)
	}
	code, out, _ = canvassRun2(t, "--db", db, "audit", "--json")
	if code != 0 || !strings.Contains(out, `"operation": "import.opposition"`) || !strings.Contains(out, `"prev_hash"`) {
		t.Fatalf("audit --json: exit %d\n%s", code, out)
	}
	// Identifiers and counts only: no name from the list or the opposition file.
	for _, name := range []string{"EXEMPLEAU", "OBJECTEUR", "Octave"} {
		if strings.Contains(out, name) {
			t.Errorf("the audit trail names %s", name)
		}
	}
}

func TestRetentionWarning(t *testing.T) {
	db := campaignFile(t, "2020-06-30")
	want := "canvass: warning: the campaign ended on 2020-06-30: its data must be purged: run canvass purge\n"
	for _, args := range [][]string{{"status"}, {"areas", "--level", "street"}, {"plan", "list"}} {
		_, _, errs := canvassRun2(t, append([]string{"--db", db}, args...)...)
		if !strings.HasPrefix(errs, want) {
			t.Errorf("%v: stderr %q, want the warning", args, errs)
		}
	}
	for _, args := range [][]string{{"audit"}, {"audit", "verify"}, {"audit", "--json"}, {"register"}} {
		code, _, errs := canvassRun2(t, append([]string{"--db", db}, args...)...)
		if code != 0 || errs != "" {
			t.Errorf("%v: exit %d, stderr %q: want no warning", args, code, errs)
		}
	}
	// No warning without a campaign.
	none := filepath.Join(t.TempDir(), "none.db")
	if _, _, errs := canvassRun2(t, "--db", none, "purge", "--yes"); strings.Contains(errs, "warning") {
		t.Errorf("warning without a campaign: %q", errs)
	}
	running := campaignFile(t, time.Now().AddDate(0, 1, 0).Format(time.DateOnly))
	if _, _, errs := canvassRun2(t, "--db", running, "status"); errs != "" {
		t.Errorf("warning while the campaign runs: %q", errs)
	}
}

func TestPurgeThroughTheCommandLine(t *testing.T) {
	running := campaignFile(t, time.Now().AddDate(0, 1, 0).Format(time.DateOnly))
	code, _, errs := canvassRun2(t, "--db", running, "purge", "--yes")
	if code != exitRefused || !strings.Contains(errs, "--force") {
		t.Fatalf("purge before the end: exit %d\n%s", code, errs)
	}

	db := campaignFile(t, "2020-06-30")
	code, _, errs = canvassRun2(t, "--db", db, "purge")
	if code != exitUsage || !strings.Contains(errs, "pass --yes") {
		t.Fatalf("purge without a terminal nor --yes: exit %d\n%s", code, errs)
	}
	code, out, errs := canvassRun2(t, "--db", db, "purge", "--yes")
	if code != 0 || !strings.Contains(out, "Deleted: 7 voters") || !strings.Contains(out, "opposition list (1 objections") {
		t.Fatalf("purge --yes: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = canvassRun2(t, "--db", db, "status", "--json")
	if code != 0 || !strings.Contains(out, `"voters": 0`) || !strings.Contains(out, `"opposition": 1`) || errs != "" {
		t.Fatalf("status after the purge (no warning expected): exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := canvassRun2(t, "--db", db, "audit", "verify"); code != 0 || !strings.HasPrefix(out, "4 entries, chain intact") {
		t.Fatalf("audit verify after the purge: exit %d\n%s", code, out)
	}
}

func TestConfirmName(t *testing.T) {
	var prompt bytes.Buffer
	if err := confirmName(nil, strings.NewReader("Essai 2020\n"), &prompt, "Essai 2020"); err != nil || !strings.Contains(prompt.String(), "(Essai 2020)") {
		t.Errorf("right name: %v, prompt %q", err, prompt.String())
	}
	if err := confirmName(nil, strings.NewReader("essai\n"), &prompt, "Essai 2020"); err == nil || !strings.Contains(err.Error(), "nothing was deleted") {
		t.Errorf("wrong name: %v", err)
	}
	if err := confirmName(nil, strings.NewReader(""), &prompt, "Essai 2020"); err == nil {
		t.Error("no answer confirmed the purge")
	}
}

func TestRegisterAndOppositionExportFiles(t *testing.T) {
	db := campaignFile(t, time.Now().AddDate(0, 1, 0).Format(time.DateOnly))
	dir := t.TempDir()
	reg := filepath.Join(dir, "registre.html")
	if code, out, errs := canvassRun2(t, "--db", db, "register", "--html", "--out", reg); code != 0 {
		t.Fatalf("register: exit %d\n%s%s", code, out, errs)
	}
	b, err := os.ReadFile(reg)
	if err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) || !bytes.Contains(b, []byte("Liste d&#39;opposition")) {
		t.Fatalf("register file: %v\n%s", err, b)
	}
	opp := filepath.Join(dir, "opposition.csv")
	if code, out, errs := canvassRun2(t, "--db", db, "opposition", "export", "--out", opp); code != 0 || !strings.HasPrefix(out, "1 objection written") {
		t.Fatalf("opposition export: exit %d\n%s%s", code, out, errs)
	}
	for _, f := range []string{reg, opp} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", f, fi.Mode(), err)
		}
	}
}
