package tuitest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/demo"
)

// Demo is the demo campaign (a fictional town) in a campaign file of the test's own, with the
// real binary built to open it: the setting of most end-to-end runs.
type Demo struct {
	t testing.TB
	// Bin is the built canvass binary.
	Bin string
	// Dir is the folder that holds the campaign file, where the terminal starts.
	Dir string
	// DB is the campaign file.
	DB string
	// Files is, for NewEmpty, the folder of the town's files; "" otherwise.
	Files string
}

// NewDemo builds the binary and writes the demo campaign with `canvass demo --no-tui`. Like
// BuildBinary, it skips the test under -short.
func NewDemo(t testing.TB) *Demo {
	t.Helper()
	dir := t.TempDir()
	d := &Demo{t: t, Bin: BuildBinary(t), Dir: dir, DB: filepath.Join(dir, "demo.db")}
	d.Run("demo", "--no-tui")
	return d
}

// NewEmpty builds the binary and records a campaign, and nothing else, in a new campaign file
// (the interface cannot: `canvass init` does); the demo town's files are written, not imported,
// into Files, as an organizer has them before the first import. Like BuildBinary, it skips the
// test under -short.
func NewEmpty(t testing.TB) *Demo {
	t.Helper()
	dir := t.TempDir()
	d := &Demo{t: t, Bin: BuildBinary(t), Dir: dir, DB: filepath.Join(dir, "campagne.db"), Files: filepath.Join(dir, "fichiers")}
	vote := time.Now().AddDate(0, 4, 0)
	d.Run("init", "--campaign", "Municipales Valbrune", "--election", "municipales", "--election-date", vote.Format(time.DateOnly),
		"--end", vote.AddDate(0, 2, 0).Format(time.DateOnly), "--controller", "Valbrune Demain", "--contact", "droits@valbrune-demain.example")
	if err := os.Mkdir(d.Files, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(d.Files, 1); err != nil {
		t.Fatal(err)
	}
	return d
}

// Run runs the CLI with args on the demo's campaign file, and fails the test with the
// command's output when it fails.
func (d *Demo) Run(args ...string) {
	d.t.Helper()
	if out, err := d.Command(args...).CombinedOutput(); err != nil {
		d.t.Fatalf("canvass %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// Command is the CLI with args on the demo's campaign file, not yet started, for a test that
// checks what it says.
func (d *Demo) Command(args ...string) *exec.Cmd {
	return exec.Command(d.Bin, append([]string{"--db", d.DB}, args...)...)
}

// Start runs the interface on the demo's campaign file in a cols×rows terminal, in English.
func (d *Demo) Start(cols, rows int) *Terminal {
	d.t.Helper()
	return StartTerminal(d.t, d.Dir, cols, rows, d.Bin+" --db "+d.DB)
}

// StartFrench runs the interface on the demo's campaign file in a cols×rows terminal whose
// LANG is fr_FR.UTF-8, in dir.
func (d *Demo) StartFrench(dir string, cols, rows int) *Terminal {
	d.t.Helper()
	return StartTerminalIn(d.t, "fr_FR.UTF-8", dir, cols, rows, d.Bin+" --db "+d.DB)
}
