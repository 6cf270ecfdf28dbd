package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// TestFormReadsWithoutColour checks that focus and the chosen option show as marks, not only as
// colours, and that labels line the values up.
func TestFormReadsWithoutColour(t *testing.T) {
	s := NewStyles(colorprofile.ASCII)
	for _, c := range []struct {
		focused bool
		want    string
	}{{true, "▸ Name    "}, {false, "  Name    "}} {
		if got := ansi.Strip(s.FieldLabel("Name", 10, c.focused)); got != c.want {
			t.Errorf("FieldLabel focused=%v: %q, want %q", c.focused, got, c.want)
		}
	}
	opts := []string{"csv", "html", "gpx"}
	if got, want := ansi.Strip(s.Choices(opts, 1, true, " ")), " csv  [html]  gpx "; got != want {
		t.Errorf("Choices: %q, want %q", got, want)
	}
	if got, want := ansi.Strip(s.Choices(opts, 0, false, "")), "[csv] html  gpx "; got != want {
		t.Errorf("Choices without a separator: %q, want %q", got, want)
	}
}

// TestHint checks that a hint starts where the values start and stays within the width.
func TestHint(t *testing.T) {
	s := NewStyles(colorprofile.ASCII)
	text := "the file has a header of a REU extract and 27 columns separated by semicolons"
	lines := strings.Split(ansi.Strip(s.Hint(text, 12, 40, 2)), "\n")
	if len(lines) < 3 {
		t.Fatalf("%q in 28 columns should take three lines or more: %q", text, lines)
	}
	var words []string
	for i, l := range lines {
		indent := strings.Repeat(" ", 12)
		if i > 0 {
			indent += "  "
		}
		if !strings.HasPrefix(l, indent) || strings.HasPrefix(l, indent+" ") || ansi.StringWidth(l) > 40 {
			t.Errorf("line %d %q: want %d spaces then text, at most 40 columns", i, l, len(indent))
		}
		words = append(words, strings.Fields(l)...)
	}
	if got := strings.Join(words, " "); got != text {
		t.Errorf("the hint reads %q, want %q", got, text)
	}
}
