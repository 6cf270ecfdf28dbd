package common

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

func TestFit(t *testing.T) {
	s := "first line\n\x1b[1mbold second line\x1b[0m\nthird"
	got := Fit(s, 8, 2)
	lines := strings.Split(got, "\n")
	if len(lines) != 2 {
		t.Fatalf("Fit kept %d lines, want 2: %q", len(lines), got)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 8 {
			t.Errorf("line %q is %d wide, want at most 8", l, w)
		}
	}
	if ansi.Strip(lines[1]) != "bold se…" {
		t.Errorf("second line %q, want the text cut with an ellipsis", ansi.Strip(lines[1]))
	}
	if Fit(s, 0, 5) != "" || Fit(s, 5, 0) != "" {
		t.Error("Fit into nothing should be empty")
	}
}

func TestShortPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for in, want := range map[string]string{
		home:                             "~",
		filepath.Join(home, "a", "b.db"): "~/a/b.db",
		home + "x/c.db":                  home + "x/c.db", // a sibling that only starts like home
		"/elsewhere/d.db":                "/elsewhere/d.db",
	} {
		if got := ShortPath(in); got != want {
			t.Errorf("ShortPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// colourCode matches an SGR sequence that sets a foreground or background colour.
var colourCode = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

func TestNoColor(t *testing.T) {
	render := func(s *Styles) string {
		return s.App.Render("canvass") + s.Warn.Render("!") + s.Error.Render("✗") + s.Good.Render("✓") +
			s.Key.Render("q") + s.Selected.Render("[list]") + s.Help.ShortKey.Render("esc")
	}
	colour := NewStyles(colorprofile.Env([]string{"TERM=xterm-256color"}))
	if !colour.Colour || !colourCode.MatchString(render(colour)) {
		t.Fatal("a 256-colour terminal gets no colour: the test cannot tell")
	}
	plain := NewStyles(colorprofile.Env([]string{"TERM=xterm-256color", "NO_COLOR=1"}))
	if plain.Colour {
		t.Error("NO_COLOR set, but the styles say colour")
	}
	if got := render(plain); colourCode.MatchString(got) {
		t.Errorf("NO_COLOR set, but colours are written: %q", got)
	}
	if !strings.Contains(render(plain), "\x1b[1m") {
		t.Error("NO_COLOR should keep bold: it is not a colour")
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("  • No areas yet: import constituencies, neighborhoods or streets (GeoJSON).", 40, 4)
	want := "  • No areas yet: import constituencies,\n    neighborhoods or streets (GeoJSON)."
	if got != want {
		t.Errorf("Wrap =\n%s\nwant\n%s", got, want)
	}
	if got := Wrap("short", 40, 4); got != "short" {
		t.Errorf("Wrap changed a short line: %q", got)
	}
	if got := Wrap("a b c", 12, 4); got != "a b c" {
		t.Errorf("Wrap = %q", got)
	}
}
