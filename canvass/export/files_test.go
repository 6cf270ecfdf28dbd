package export

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWriteFileReplacesAPublicFileWithAPrivateOne: a file that existed readable by others ends
// 0600 once written over.
func TestWriteFileReplacesAPublicFileWithAPrivateOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "registre.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	if err := WriteFile(path, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode after writing over a 0644 file: %v, %v; want 0600", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content %q", b)
	}
}

// TestFailedWriteLeavesNothing: when one file of a set fails, none is left, temporary or not.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	_, err := WriteFiles(dir, 0o600, []File{
		{Name: "a.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, "DUPONT Marie"); return err }},
		{Name: "b.csv", Write: func(io.Writer) error { return errors.New("disk full") }},
	})
	if err == nil {
		t.Fatal("no error")
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("left behind: %v", files)
	}
}

// TestWriteCleansTempsOfKilledRuns: temporary files of a process that no longer runs, or named as
// earlier versions did, are deleted by the next write in their directory; a live process's stay.
func TestWriteCleansTempsOfKilledRuns(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot start a process to get a dead pid:", err)
	}
	deadPID := strconv.Itoa(dead.ProcessState.Pid())
	stale := []string{".rappels-personnes.csv." + deadPID + "-123456.tmp", ".est-turf-01.csv.2837465.tmp"}
	live := ".est-turf-02.csv." + strconv.Itoa(os.Getppid()) + "-99.tmp"
	other := ".profile.tmp"
	for _, name := range append(stale, live, other) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("DUPONT Marie"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := WriteFiles(dir, 0o600, []File{{Name: "x.csv", Write: func(io.Writer) error { return nil }}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s, left by a killed run, is still there", name)
		}
	}
	for _, name := range []string{live, other} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was deleted: %v", name, err)
		}
	}
}
