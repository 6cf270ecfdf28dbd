package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
)

// TestFieldSheetLoop runs the README's three commands: export field sheets, import a sheet's
// results from a file and from pasted text, and see the opposition list and overdue turfs.
func TestFieldSheetLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	dir, db := demoWithPlan(t)
	sheets := filepath.Join(dir, "terrain")
	code, said := canvassRun(t, "--db", db, "export", "Est", "--format", "field", "--turfs", "1", "--out", sheets)
	if code != 0 || !strings.Contains(said, "est-turf-01-terrain.html") {
		t.Fatalf("export --format field: exit %d\n%s", code, said)
	}
	res := campaigntest.SheetResults(t, filepath.Join(sheets, "est-turf-01-terrain.html"))
	res.Doors = []fieldresult.DoorRecord{{Door: 1, Outcome: "N", At: "2026-01-12T10:01"}, {Door: 2, Outcome: "O", At: "2026-01-12T10:03"}}
	res.Notes = []fieldresult.NoteRecord{{Stop: 1, Note: "F", At: "2026-01-12T10:00"}}
	text := fieldresult.Encode(res)
	file := filepath.Join(dir, "est-turf-01-resultats.txt")
	if err := os.WriteFile(file, []byte(text+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, said = canvassRun(t, "--db", db, "import", "outcomes", file)
	if code != 0 || !strings.Contains(said, "Recorded: 2 outcome(s), 1 note(s), 1 objection(s)") {
		t.Fatalf("import outcomes FILE: exit %d\n%s", code, said)
	}
	var out, errs bytes.Buffer
	code = run(context.Background(), []string{"--db", db, "import", "outcomes", "-"}, strings.NewReader("Secteur 1 :\n"+text), &out, &errs)
	if code != 0 || !strings.Contains(out.String(), "Nothing new: these results were already imported") {
		t.Errorf("import outcomes - (the same, pasted): exit %d\n%s%s", code, out.String(), errs.String())
	}
	out.Reset()
	errs.Reset()
	code = run(context.Background(), []string{"--db", db, "import", "outcomes", "-"}, strings.NewReader(strings.Replace(text, " O ", " A ", 1)), &out, &errs)
	if code != exitError || !strings.Contains(errs.String(), "pasted text: line 6, field \"checksum\": the checksum does not match") {
		t.Errorf("edited text: exit %d, want %d\n%s", code, exitError, errs.String())
	}
	if code, said := canvassRun(t, "--db", db, "status", "--json"); code != 0 || !strings.Contains(said, `"opposition": 1`) {
		t.Errorf("the ne plus frapper door is not on the opposition list:\n%s", said)
	}
	if code, said := canvassRun(t, "--db", db, "plan", "show", "Est"); code != 0 || !strings.Contains(said, "noted: Immeuble fermé (2026-01-12T10:00)") {
		t.Errorf("plan show does not show the place note:\n%s", said)
	}
	if code, said := canvassRun(t, "--db", db, "plan", "assign", "Est", "2", "--volunteer", "Équipe B", "--date", "2020-01-05"); code != 0 {
		t.Fatalf("plan assign: exit %d\n%s", code, said)
	}
	if code, said := canvassRun(t, "--db", db, "plan", "overdue"); code != 0 || !strings.Contains(said, "turf   2  2020-01-05  Équipe B") {
		t.Errorf("plan overdue: exit %d\n%s", code, said)
	}
}
