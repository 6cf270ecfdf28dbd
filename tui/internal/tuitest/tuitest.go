// Package tuitest drives the interface's models in tests the way bubbletea does: key presses by
// name, commands run off the test's goroutine with their messages fed back in order, and golden
// files for rendered screens.
package tuitest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/tui/common"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Key is the key press named as bubbletea prints it: "q", "esc", "enter", "ctrl+c", "shift+tab".
func Key(name string) tea.KeyPressMsg {
	named := map[string]rune{
		"esc": tea.KeyEscape, "enter": tea.KeyEnter, "tab": tea.KeyTab, "up": tea.KeyUp,
		"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "space": tea.KeySpace,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	}
	var mod tea.KeyMod
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		mod, name = tea.ModCtrl, rest
	} else if rest, ok := strings.CutPrefix(name, "shift+"); ok {
		mod, name = tea.ModShift, rest
	}
	if code, ok := named[name]; ok {
		return tea.KeyPressMsg{Code: code, Mod: mod}
	}
	r := []rune(name)
	if len(r) != 1 {
		panic("tuitest.Key: unknown key " + name)
	}
	if mod != 0 {
		return tea.KeyPressMsg{Code: r[0], Mod: mod}
	}
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// Harness runs a model's commands and feeds their messages back to it.
type Harness struct {
	t      testing.TB
	update func(tea.Msg) tea.Cmd
	msgs   chan tea.Msg
	// Quit is set once a command asked the program to quit.
	Quit bool
}

// New drives update, which applies a message to the model under test and returns its command.
func New(t testing.TB, update func(tea.Msg) tea.Cmd) *Harness {
	return &Harness{t: t, update: update, msgs: make(chan tea.Msg, 64)}
}

// Send gives msg to the model and starts the command it returns.
func (h *Harness) Send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				h.Run(c)
			}
		case tea.QuitMsg:
			h.Quit = true
		default:
			h.Run(h.update(msg))
		}
	}
}

// ForScreen drives a screen as the root does: each message goes to its Update, and the screen
// Update returns is the one the next message goes to.
func ForScreen(t testing.TB, sc common.Screen) *Harness {
	return New(t, func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		sc, cmd = sc.Update(msg)
		return cmd
	})
}

// Type sends text as typed, one key press a character.
func (h *Harness) Type(text string) {
	for _, r := range text {
		h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// Press sends key presses by name.
func (h *Harness) Press(names ...string) {
	for _, n := range names {
		h.Send(Key(n))
	}
}

// Run starts cmd off the test's goroutine, as bubbletea does; its message comes back through Pump.
func (h *Harness) Run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { h.msgs <- cmd() }()
}

// Until feeds messages to the model until cond holds; it fails the test after a few seconds.
// cond is also polled between messages, so it may watch something else than the model.
func (h *Harness) Until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond() {
		select {
		case msg := <-h.msgs:
			h.Send(msg)
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			h.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Settle feeds messages to the model until none comes for a moment: the commands still running
// then are those that wait on something outside (an import blocked on purpose).
func (h *Harness) Settle() {
	for {
		select {
		case msg := <-h.msgs:
			h.Send(msg)
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

// Quits reports whether the commands started so far make the program quit, waiting for them a
// moment when they do not.
func (h *Harness) Quits() bool {
	deadline := time.After(200 * time.Millisecond)
	for !h.Quit {
		select {
		case msg := <-h.msgs:
			h.Send(msg)
		case <-deadline:
			return false
		}
	}
	return true
}

// WantText fails the test, showing view, for each of wants that view does not contain.
func WantText(t testing.TB, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Errorf("the screen lacks %q:\n%s", w, view)
		}
	}
}

// WantFits fails the test when view spills out of width×height: more lines, or a line wider.
// Where there is no room at all, the view must be empty. what says which view, for the message.
func WantFits(t testing.TB, what, view string, width, height int) {
	t.Helper()
	if width <= 0 || height <= 0 {
		if view != "" {
			t.Errorf("%s at %d×%d: drew %q in no room", what, width, height, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		t.Errorf("%s at %d×%d: %d lines", what, width, height, len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s at %d×%d: a line is %d wide: %q", what, width, height, w, Plain(l))
		}
	}
}

// colourCode matches an SGR sequence that sets a foreground or background colour.
var colourCode = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

// HasColour reports whether view sets a foreground or background colour anywhere, to check that
// NO_COLOR and a terminal without colours get none.
func HasColour(view string) bool { return colourCode.MatchString(view) }

// Plain removes styles from a rendered view, so that goldens compare text and layout only.
func Plain(s string) string { return ansi.Strip(s) }

// Golden compares got with testdata/<test name>/<name>.golden, or rewrites it under -update.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(t.Name()), name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// Sized is a screen as the root holds it: sized to the room left, then drawn.
type Sized interface {
	SetSize(width, height int)
	View() string
}

// chrome is the rows the root takes from a screen: the title bar, the blank line under it and
// a one-line key help.
const chrome = 3

// GoldenSizes compares what render draws in a terminal of cols×rows with
// testdata/<test name>/<name>-<cols>x<rows>.golden, for each size the goldens are kept at: 80×24,
// the smallest the interface is made for, and 160×48.
func GoldenSizes(t testing.TB, name string, render func(cols, rows int) string) {
	t.Helper()
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		Golden(t, fmt.Sprintf("%s-%dx%d", name, size[0], size[1]), render(size[0], size[1]))
	}
}

// GoldenScreen is GoldenSizes for one screen: it gets the room the root leaves it in each
// terminal, and its view is cut to that room as the root cuts it.
func GoldenScreen(t testing.TB, name string, s Sized) {
	t.Helper()
	GoldenSizes(t, name, func(cols, rows int) string {
		w, h := cols, rows-chrome
		s.SetSize(w, h)
		return common.Fit(Plain(s.View()), w, h)
	})
}
