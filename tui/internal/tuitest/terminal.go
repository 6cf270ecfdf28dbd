package tuitest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// Terminal is a program running in a tmux pane of its own server, for end-to-end tests of the
// real binary: keys are sent as tmux names them ("Enter", "Escape", "C-s"), the screen read
// back as text.
type Terminal struct {
	t    testing.TB
	sock string
}

// StartTerminal runs command in a cols×rows tmux pane under NO_COLOR, in dir, in English; the
// pane's server is killed when the test ends. It skips the test where tmux is not installed.
func StartTerminal(t testing.TB, dir string, cols, rows int, command string) *Terminal {
	t.Helper()
	return StartTerminalIn(t, "en_US.UTF-8", dir, cols, rows, command)
}

// StartTerminalIn is StartTerminal with LANG set to lang ("fr_FR.UTF-8") and LC_ALL and
// LC_MESSAGES empty, so that the language never comes from the machine running the test.
func StartTerminalIn(t testing.TB, lang, dir string, cols, rows int, command string) *Terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	term := &Terminal{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	if out, err := term.tmux("new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows), "-c", dir,
		"-e", "NO_COLOR=1", "-e", "TERM=xterm-256color", "-e", "LANG="+lang, "-e", "LC_ALL=", "-e", "LC_MESSAGES=", command); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { term.tmux("kill-server") })
	return term
}

func (term *Terminal) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", term.sock}, args...)...).CombinedOutput()
	return string(out), err
}

// Screen is the pane's text.
func (term *Terminal) Screen() string { return term.capture() }

// StyledScreen is the pane's text with its styles as escape sequences, to check colours.
func (term *Terminal) StyledScreen() string { return term.capture("-e") }

func (term *Terminal) capture(flags ...string) string {
	out, err := term.tmux(append([]string{"capture-pane", "-p", "-t", "e2e"}, flags...)...)
	if err != nil {
		term.t.Fatalf("capture-pane: %v: %s", err, out)
	}
	return out
}

// Keys sends keys by their tmux names.
func (term *Terminal) Keys(keys ...string) {
	term.t.Helper()
	if out, err := term.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		term.t.Fatalf("send-keys: %v: %s", err, out)
	}
}

// Type sends text as typed, each character a key.
func (term *Terminal) Type(text string) {
	term.t.Helper()
	if out, err := term.tmux("send-keys", "-t", "e2e", "-l", text); err != nil {
		term.t.Fatalf("send-keys: %v: %s", err, out)
	}
}

// WaitFor polls the pane until it shows re, and fails with the screen after 20 seconds.
func (term *Terminal) WaitFor(re string) {
	term.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := term.Screen()
		if rx.MatchString(s) {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen never showed %q:\n%s", re, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitExit waits for the program to end, which closes its session; it fails after 10 seconds.
func (term *Terminal) WaitExit() {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := term.tmux("has-session", "-t", "e2e"); err != nil {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the program did not quit:\n%s", term.Screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// BuildBinary builds cmd/canvass of the module the test runs in, into the test's temporary folder.
// It skips the test under -short, since building takes seconds.
func BuildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			t.Fatal("no go.mod above the test's folder")
		}
		root = parent
	}
	bin := filepath.Join(t.TempDir(), "canvass")
	build := exec.Command("go", "build", "-o", bin, "./cmd/canvass")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
