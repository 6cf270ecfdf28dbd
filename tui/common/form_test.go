package common

import (
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
