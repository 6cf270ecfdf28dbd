package areas

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
)

// TestImportedNamesCannotDriveTheTerminal: an area name from a GeoJSON file carrying escape
// sequences (window title, colour, clear screen, bidi override) is shown as its text only.
func TestImportedNamesCannotDriveTheTerminal(t *testing.T) {
	hostile := map[string][]canvass.AreaStats{"constituency": {
		{ID: "99\x1b[31m01", Name: "\x1b]0;PWNED\aValbrune\x1b[31m Rouge\x1b[2J\u202e", Level: "constituency",
			Layer: "circ\x1b[5mons", Voters: 2410, Doors: 1012, Stations: 4, Abstention: pct(0.421)},
	}}
	s := newScreen(t, &fake{areas: hostile}, colorprofile.ASCII)
	s.h.Run(s.Enter())
	s.h.Until("the constituency", func() bool { return strings.Contains(s.view(), "Valbrune Rouge") })
	v := s.View()
	for _, seq := range []string{"\x1b]", "\a", "\x1b[31m", "\x1b[2J", "\x1b[5m", "\u202e", "PWNED"} {
		if strings.Contains(v, seq) {
			t.Errorf("the view passes %q from an imported name", seq)
		}
	}
	if !strings.Contains(v, "9901") {
		t.Errorf("the id lost its text:\n%s", v)
	}
}
