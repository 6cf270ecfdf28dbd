package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoWithPlan builds the demo campaign in a temporary folder with the plan "Est" (quartier 1, turfs
// of 100 doors), and returns the folder and the campaign file.
func demoWithPlan(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "demo.db")
	if code, out := canvassRun(t, "--db", db, "demo", "--no-tui"); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	if code, out := canvassRun(t, "--db", db, "plan", "--name", "Est", "--level", "neighborhood", "--layer", "quartiers",
		"--areas", "1", "--turf-doors", "100"); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, out)
	}
	return dir, db
}

func TestExportCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	dir, db := demoWithPlan(t)
	out := filepath.Join(dir, "listes")
	code, said := canvassRun(t, "--db", db, "export", "Est", "--format", "csv,gpx", "--turfs", "1,2", "--out", out)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s", code, said)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "est-turf-01.csv est-turf-01.gpx est-turf-02.csv est-turf-02.gpx" {
		t.Errorf("export wrote %v", names)
	}
	if !strings.Contains(said, filepath.Join(out, "est-turf-02.gpx")) {
		t.Errorf("export does not say where the files went:\n%s", said)
	}
	for _, bad := range [][]string{{"--format", "pdf"}, {"--turfs", "99"}} {
		if code, said := canvassRun(t, append([]string{"--db", db, "export", "Est", "--out", out}, bad...)...); code != exitUsage {
			t.Errorf("export %v: exit %d, want %d\n%s", bad, code, exitUsage, said)
		}
	}
	if code, said := canvassRun(t, "--db", db, "notice"); code != 0 || !strings.Contains(said, "75334 Paris Cedex 07") {
		t.Errorf("notice: exit %d\n%s", code, said)
	}
	leaflet := filepath.Join(dir, "notice.html")
	if code, said := canvassRun(t, "--db", db, "notice", "--html", "--out", leaflet); code != 0 {
		t.Errorf("notice --html --out: exit %d\n%s", code, said)
	} else if b, err := os.ReadFile(leaflet); err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
		t.Errorf("notice.html: %v", err)
	}
	// Nobody requested has a consent: refused, exit 3, nothing written.
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("nom_naissance;prenoms;date_naissance;numero;voie;code_postal\nINCONNU;Personne;01/01/1970;1;Rue du Puits;99500\n"), 0o600)
	personal := filepath.Join(dir, "perso")
	if code, said := canvassRun(t, "--db", db, "export", "personal", "--name", "essai", "--people", people, "--out", personal); code != exitRefused {
		t.Errorf("export personal with nobody eligible: exit %d, want %d\n%s", code, exitRefused, said)
	}
	if _, err := os.Stat(personal); !os.IsNotExist(err) {
		t.Errorf("a refused personal export created %s", personal)
	}
}
