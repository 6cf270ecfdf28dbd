package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// initArgs record a campaign in db, ending a month from now.
func initArgs(db, controller string) []string {
	return []string{"--db", db, "init", "--campaign", "Essai", "--election", "municipales",
		"--election-date", time.Now().AddDate(0, 0, 20).Format(time.DateOnly),
		"--end", time.Now().AddDate(0, 1, 0).Format(time.DateOnly), "--controller", controller, "--contact", "droits@example.org"}
}

// TestMistypedFileIsNotCreated: only init creates a campaign file; another command on a path
// that does not exist says how to create one, and leaves nothing behind.
func TestMistypedFileIsNotCreated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"status"}, {"audit", "verify"}, {"register"}} {
		code, _, errs := canvassRun2(t, append([]string{"--db", db}, args...)...)
		if code != exitError || !strings.Contains(errs, "canvass init") {
			t.Errorf("%v on a missing file: exit %d, %q; want exit 1 saying how to create it", args, code, errs)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created %s", args, db)
		}
	}
	if code, _, errs := canvassRun2(t, initArgs(db, "Comité Essai")...); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
}

// TestInitAgainIsRefusedAndCampaignSetIsAudited: init never replaces a campaign; campaign set
// changes the controller and the trail says from what to what.
func TestInitAgainIsRefusedAndCampaignSetIsAudited(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := canvassRun2(t, initArgs(db, "Comité Essai")...); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	if code, _, errs := canvassRun2(t, initArgs(db, "Autre Comité")...); code != exitUsage || !strings.Contains(errs, "campaign set") {
		t.Fatalf("init again: exit %d, %q; want a usage error pointing at campaign set", code, errs)
	}
	if code, _, errs := canvassRun2(t, "--db", db, "campaign", "set", "--end", "2099-12-31"); code != exitUsage {
		t.Errorf("campaign set --end 2099-12-31: exit %d, %s; want 2", code, errs)
	}
	if code, _, errs := canvassRun2(t, "--db", db, "campaign", "set", "--controller", "Comité Nouveau"); code != exitOK {
		t.Fatalf("campaign set: exit %d: %s", code, errs)
	}
	_, out, _ := canvassRun2(t, "--db", db, "audit")
	if !strings.Contains(out, `campaign.set`) || !strings.Contains(out, `"old":"Comité Essai"`) || !strings.Contains(out, `"new":"Comité Nouveau"`) {
		t.Errorf("the audit trail does not show the change with its old and new values:\n%s", out)
	}
}

// TestOutputDropsEscapeSequences: a controller typed with escape sequences is printed as text.
func TestOutputDropsEscapeSequences(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := canvassRun2(t, initArgs(db, "\x1b]0;PWNED\a\x1b[31mComité\x1b[2J Rouge")...); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	for _, args := range [][]string{{"status"}, {"register"}, {"audit"}} {
		_, out, errs := canvassRun2(t, append([]string{"--db", db}, args...)...)
		if strings.ContainsAny(out+errs, "\x1b\a") {
			t.Errorf("%v prints control characters: %q", args, out)
		}
		if args[0] != "audit" && (!strings.Contains(out, "Comité Rouge") || strings.Contains(out, "PWNED")) {
			t.Errorf("%v: want the controller's text without the title sequence: %q", args, out) // audit: JSON-escaped
		}
	}
}

// TestRegisterOutReplacesAPublicFile: --out onto an existing 0644 file leaves a 0600 one.
func TestRegisterOutReplacesAPublicFile(t *testing.T) {
	db := campaignFile(t, time.Now().AddDate(0, 1, 0).Format(time.DateOnly))
	for _, args := range [][]string{{"register", "--out"}, {"opposition", "export", "--out"}} {
		out := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chmod(out, 0o644)
		if code, _, errs := canvassRun2(t, append(append([]string{"--db", db}, args...), out)...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("%v over a 0644 file left it %o, want 0600", args, fi.Mode().Perm())
		}
	}
}
