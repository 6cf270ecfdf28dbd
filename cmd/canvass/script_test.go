package main

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/campagne-fr/porteaporte/data"
)

// TestMain makes the test binary the canvass command too: scripts run `exec canvass ...` as a
// process of its own, with its flags, exit codes, files and signals as users get them.
func TestMain(m *testing.M) {
	testscript.Main(inEnglish{m}, map[string]func(){"canvass": main})
}

// inEnglish runs the tests in English whatever the machine's locale: the commands they run in
// process read LANG (scripts set it themselves, English in Setup unless they say otherwise).
type inEnglish struct{ m *testing.M }

func (e inEnglish) Run() int {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES"} {
		os.Unsetenv(name)
	}
	os.Setenv("LANG", "en_US.UTF-8")
	return e.m.Run()
}

// TestScripts runs the end-to-end scripts of testdata/script: the command line's contract, and
// one regression script per bug found (named after its issue and finding). Each script runs in a
// directory of its own, with the files of its archive; scripts that need the demo campaign build
// it there with `canvass demo --no-tui`, and skip under -short.
//
// Besides testscript's commands, scripts have exits (a program's exit code), mode (a file's
// permissions), decode (control characters and stray bytes written legibly in an archive),
// recursive-gpkg (a GeoPackage whose features never end, issue 10's finding 4), waitfor (until a
// file exists, to act on a command running in the background), lock and unlock (another program
// holding a campaign file's write lock), and
// dates relative to today, so that a script means the same whenever it runs: $YESTERDAY, $TODAY,
// $VISIT (in ten days), $ELECTION and $ROUND2 (in three and four weeks) and $END (88 days on).
// $ESC and $BEL are the escape and bell characters, to type escape sequences in arguments.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			today := time.Now().In(data.Paris)
			for name, days := range map[string]int{"YESTERDAY": -1, "TODAY": 0, "VISIT": 10, "ELECTION": 21, "ROUND2": 28, "END": 88} {
				env.Setenv(name, today.AddDate(0, 0, days).Format(time.DateOnly))
			}
			env.Setenv("LANG", "en_US.UTF-8") // a script in French says env LANG=fr_FR.UTF-8
			env.Setenv("ESC", "\x1b")
			env.Setenv("BEL", "\a")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":  cmdExits,
			"mode":   cmdMode,
			"decode": cmdDecode,
			"recursive-gpkg": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: recursive-gpkg file")
				}
				ts.Check(recursiveGeoPackage(ts.MkAbs(args[0])))
			},
			"waitfor": cmdWaitFor,
			"lock":    cmdLock,
			"unlock":  cmdUnlock,
		},
	})
}

// cmdExits runs a program as exec does and checks the code it exits with:
//
//	exits 3 canvass plan --personal ...
//
// where `! exec` only says that it failed, and the contract distinguishes an error (1), a usage
// error (2) and a refusal of the policy (3).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: code %q is not a number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdMode checks the permission bits of files: `mode 0600 FILE...`; `! mode 0644 FILE` checks
// that a file exists with other permissions.
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: mode PERM file...")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	if err != nil {
		ts.Fatalf("mode: %q is not an octal mode", args[0])
	}
	for _, name := range args[1:] {
		fi, err := os.Stat(ts.MkAbs(name))
		ts.Check(err)
		if got := fi.Mode().Perm(); (got == os.FileMode(want)) == neg {
			ts.Fatalf("%s has mode %#o; want %s%#o", name, got, map[bool]string{true: "other than "}[neg], want)
		}
	}
}

// hexEscape is how an archive writes a byte it cannot hold legibly: \xHH.
var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// cmdDecode replaces every \xHH in the files by the byte it stands for, so that a fixture can
// hold escape sequences or a stray Windows-1252 byte and still be read in the archive.
func cmdDecode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: decode file...")
	}
	for _, name := range args {
		path := ts.MkAbs(name)
		b, err := os.ReadFile(path)
		ts.Check(err)
		b = hexEscape.ReplaceAllFunc(b, func(m []byte) []byte {
			v, _ := strconv.ParseUint(string(m[2:]), 16, 8)
			return []byte{byte(v)}
		})
		ts.Check(os.WriteFile(path, b, 0o600))
	}
}

// cmdWaitFor waits until the files exist, for at most a minute: `waitfor c.db-wal` after starting
// a command in the background waits until it has opened its campaign file.
func cmdWaitFor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: waitfor file...")
	}
	deadline := time.Now().Add(time.Minute)
	for _, name := range args {
		for {
			if _, err := os.Stat(ts.MkAbs(name)); err == nil {
				break
			}
			if time.Now().After(deadline) {
				ts.Fatalf("%s: still absent after a minute", name)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// heldLock is a campaign file's write lock a script holds, as another program writing would.
type heldLock struct {
	db    *sql.DB
	conn  *sql.Conn
	since time.Time
}

// scriptLocks are the locks held, by script and file.
var scriptLocks sync.Map // [2]any{*testscript.TestScript, path} -> *heldLock

// cmdLock takes a campaign file's write lock, as an import running elsewhere does: `lock c.db`.
// It is released by unlock, or when the script ends.
func cmdLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: lock file")
	}
	path := ts.MkAbs(args[0])
	db, err := sql.Open("sqlite3", "file:"+path)
	ts.Check(err)
	conn, err := db.Conn(context.Background())
	ts.Check(err)
	_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	ts.Check(err)
	l := &heldLock{db: db, conn: conn, since: time.Now()}
	scriptLocks.Store([2]any{ts, path}, l)
	ts.Defer(func() { l.conn.Close(); l.db.Close() })
}

// cmdUnlock releases a lock taken by lock once it has been held for the duration given:
// `unlock c.db 8s` lets a command started meanwhile wait past its busy timeout first.
func cmdUnlock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unlock file duration")
	}
	held, err := time.ParseDuration(args[1])
	ts.Check(err)
	v, ok := scriptLocks.LoadAndDelete([2]any{ts, ts.MkAbs(args[0])})
	if !ok {
		ts.Fatalf("%s is not locked", args[0])
	}
	l := v.(*heldLock)
	time.Sleep(time.Until(l.since.Add(held)))
	_, err = l.conn.ExecContext(context.Background(), "ROLLBACK")
	ts.Check(err)
}
