package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPlanStartAndTurfs: --start takes a point as a map application copies it (latitude first) or
// a place, --turfs a number of turfs; a start outside the campaign is a usage error that gives both
// readings, and leaves the stored plan as it was.
func TestPlanStartAndTurfs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	_, db := demoWithPlan(t)
	plan := func(start string) (int, string, string) {
		return canvassRun2(t, "--db", db, "plan", "--name", "Est", "--level", "neighborhood", "--layer", "bureaux-de-vote",
			"--rule", "top 3 by abstention", "--turfs", "6", "--start", start, "--json")
	}
	code, out, errs := plan("46.812308, 2.542934")
	if code != 0 || !strings.Contains(errs, "read as latitude, longitude") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var p struct {
		Count int               `json:"count"`
		Turfs []json.RawMessage `json:"turfs"`
		Start []float64         `json:"start"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Count != 6 || len(p.Turfs) != 6 || len(p.Start) != 2 || p.Start[0] != 2.542934 {
		t.Fatalf("plan %+v (%v), want 6 turfs from longitude 2.542934", p, err)
	}
	before, _ := canvassRunOut(t, "--db", db, "plan", "show", "Est", "--json")
	code, _, errs = plan("48.8632, 2.3985")
	if code != exitUsage || !strings.Contains(errs, "outside the campaign's area") || !strings.Contains(errs, "swapped") {
		t.Errorf("a start in Paris: exit %d, stderr %q", code, errs)
	}
	if after, _ := canvassRunOut(t, "--db", db, "plan", "show", "Est", "--json"); after != before {
		t.Error("a refused start changed the stored plan")
	}
	if code, _, errs := plan("métro Mairie"); code != 0 || !strings.Contains(errs, "Place de la Mairie") {
		t.Errorf("a start by place: exit %d, stderr %q", code, errs)
	}
}

// canvassRunOut is the standard output of a run, and its exit code.
func canvassRunOut(t *testing.T, args ...string) (string, int) {
	t.Helper()
	code, out, _ := canvassRun2(t, args...)
	return out, code
}
