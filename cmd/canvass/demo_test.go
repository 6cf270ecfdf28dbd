package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// canvassRun runs the command line and returns its exit code and output, standard error after
// standard output.
func canvassRun(t *testing.T, args ...string) (int, string) {
	t.Helper()
	code, out, errs := canvassRun2(t, args...)
	return code, out + errs
}

func TestDemoBuildsInItsOwnFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	t.Chdir(t.TempDir())
	code, out := canvassRun(t, "demo", "--no-tui")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(demoDB); err != nil {
		t.Fatalf("demo built no %s: %v", demoDB, err)
	}
	if _, err := os.Stat("canvass.db"); err == nil {
		t.Fatal("demo wrote canvass.db, the default campaign file")
	}
	if !strings.Contains(out, "Imported electoral list:") {
		t.Errorf("demo printed no import counts:\n%s", out)
	}
	// Without a terminal, the interface is not opened, and that is not an error.
	code, out = canvassRun(t, "demo")
	if code != 0 || !strings.Contains(out, "interface is not opened") {
		t.Fatalf("demo again without a terminal: exit %d\n%s", code, out)
	}
	code, out = canvassRun(t, "--db", demoDB, "status", "--json")
	if code != 0 || !strings.Contains(out, `"name": "Démo Valbrune"`) {
		t.Fatalf("status of the rebuilt demo: exit %d\n%s", code, out)
	}
	// Rebuilt from scratch, not imported twice: the counts are those of one build.
	code, again := canvassRun(t, "--db="+demoDB, "demo", "--no-tui")
	if code != 0 {
		t.Fatalf("demo --db=: exit %d\n%s", code, again)
	}
	_, out2 := canvassRun(t, "--db", demoDB, "status", "--json")
	if voters(out) != voters(out2) || voters(out) == "" {
		t.Errorf("voters after a rebuild: %q then %q", voters(out), voters(out2))
	}
}

// voters picks the voters count out of `status --json`.
func voters(status string) string {
	for _, l := range strings.Split(status, "\n") {
		if strings.Contains(l, `"voters":`) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func TestDemoNeverReplacesACampaign(t *testing.T) {
	db := filepath.Join(t.TempDir(), "real.db")
	end := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	code, out := canvassRun(t, "--db", db, "init", "--campaign", "Municipales 2032", "--election", "municipales",
		"--election-date", end, "--end", end, "--controller", "Comité", "--contact", "contact@example.org")
	if code != 0 {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	code, out = canvassRun(t, "demo", "--no-tui", "--db", db)
	if code == 0 || !strings.Contains(out, "not a demo") {
		t.Fatalf("demo over a real campaign: exit %d\n%s", code, out)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the real campaign's file changed")
	}
}

func TestDBGiven(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"demo"}, false},
		{[]string{"demo", "--no-tui", "--seed", "3"}, false},
		{[]string{"--db", "x.db", "demo"}, true},
		{[]string{"demo", "--db=x.db"}, true},
		{[]string{"demo", "--", "--db"}, false},
		{[]string{"demo", "--dbx"}, false},
	} {
		if got := dbGiven(c.args); got != c.want {
			t.Errorf("dbGiven(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
