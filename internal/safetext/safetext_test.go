package safetext

import (
	"bytes"
	"fmt"
	"testing"
)

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Rue de l'Église", "Rue de l'Église"},
		{"Rue\tdes\nLilas", "Rue\tdes\nLilas"},
		{"\x1b]0;PWNED\a\x1b[31mRue rouge\x1b[2J", "Rue rouge"},            // OSC title, colour, clear screen
		{"\x1b]8;;http://x\x1b\\lien\x1b]8;;\x1b\\", "lien"},               // OSC 8 hyperlink ended by ST
		{"a\x1bPdcs string\x1b\\b", "ab"},                                  // DCS
		{"a\x1b7b\x1b(Bc", "abc"},                                          // save cursor, charset
		{"a\u009b31mb\u009d0;x\u009cc", "abc"},                             // 8-bit CSI and OSC
		{"over\rwrite\x00\x7f\u0085", "overwrite"},                         // CR, NUL, DEL, NEL
		{"abc\u202eevil\u202c\u2066x\u2069", "abcevilx"},                   // bidi override and isolate
		{"bad \xff byte", "bad \ufffd byte"},                               // not UTF-8
		{"\x1b[", ""},                                                      // cut short
		{"\x1b]0;unterminated", ""},                                        // an OSC never ended hides the rest
		{"Quartier \u00e9t\u00e9 \u4e2d", "Quartier \u00e9t\u00e9 \u4e2d"}, // other scripts stay
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCleanLeavesNoControl runs Clean on every byte pair after a prefix and checks that nothing
// it keeps is a control character.
func TestCleanLeavesNoControl(t *testing.T) {
	for a := range 256 {
		for _, b := range []byte{'[', ']', 'P', 'A', 0x07, 0x1b, '\\', 0x9b} {
			out := Clean(fmt.Sprintf("x%c%c%cy", rune(a), b, 0x1b))
			for _, r := range out {
				if dropped(r) {
					t.Fatalf("Clean kept %U from %q", r, out)
				}
			}
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	n, err := fmt.Fprintf(w, "plan %s\n", "\x1b[2JEst")
	if err != nil || n != len("plan \x1b[2JEst\n") || b.String() != "plan Est\n" {
		t.Errorf("wrote %d, %v: %q", n, err, b.String())
	}
}
