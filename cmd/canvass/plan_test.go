package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanStartRejected checks that a --start that is not LON,LAT is a usage error naming the
// flag, the value and the expected form, found before the campaign is opened.
func TestPlanStartRejected(t *testing.T) {
	db := filepath.Join(t.TempDir(), "absent.db")
	code, out := canvassRun(t, "--db", db, "plan", "--name", "Est", "--level", "street", "--turf-doors", "50", "--start", "48.86")
	if code != exitUsage {
		t.Errorf("exit %d, want %d\n%s", code, exitUsage, out)
	}
	if want := `--start "48.86": expected LON,LAT in degrees`; !strings.Contains(out, want) {
		t.Errorf("output %q does not say %q", out, want)
	}
}
