package areas

import (
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/internal/i18n"

	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestGolden renders the screen on the invented town, in each language, in the room the root
// leaves it in a terminal of 80×24 (and 160×48 in English), the title bar and a line of key help
// taken, and compares it with testdata/TestGolden/<case>-<terminal size>-<lang>.golden; go test
// -update rewrites those.
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		drive func(t *testing.T, s *screen)
	}{
		{"constituencies", nil},
		{"inside-marked-sorted", func(t *testing.T, s *screen) {
			s.h.Press("enter")
			s.waitRows(t, "0001", "1", "2")
			s.h.Press("down", "space", "space", "s", "s", "s", "s") // mark 1 and 2, sort by voters
			s.waitRows(t, "1", "2", "0001")
		}},
		{"streets-hidden-filtering", func(t *testing.T, s *screen) {
			s.h.Press("tab", "tab")
			s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
			s.h.Press("/", "r", "u", "e", " ", "d", "e", "s")
			s.waitRows(t, "99501_0100")
			s.h.Press("esc", "enter") // the filter cleared, then the last level said
		}},
	}
	for _, c := range cases {
		tuitest.GoldenScreenLangs(t, c.name, func(t *testing.T, p *i18n.Printer) tuitest.Sized {
			s := newScreenLang(t, &fake{areas: town}, colorprofile.ASCII, p)
			s.h.Run(s.Enter())
			s.h.Until("the constituencies", func() bool { return len(s.rows) == 2 })
			if c.drive != nil {
				c.drive(t, s)
			}
			return s
		})
	}
}
