// Package safetext makes text from outside the program (imported files, typed values) safe to show
// on a terminal or to write into Markdown: Clean drops every control character, whole escape
// sequences included, so that a street named "\x1b]0;PWNED\a\x1b[2J" can neither retitle the window,
// clear the screen, colour the text nor move the cursor. It is applied where text leaves the
// program: the command line's output (NewWriter), the interface's data strings and the Markdown
// register.
package safetext

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Clean returns s without its control characters: C0 controls other than tab and newline
// (carriage return included: it lets text overwrite the line it is on), DEL, C1 controls, the
// bidirectional overrides and isolates (which reorder what is shown), and every escape sequence
// whole (CSI, OSC, DCS and the like, in their 7-bit and 8-bit forms). Bytes that are not UTF-8
// become U+FFFD. Printable text, accents and other scripts are kept as they are.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b: // ESC: what follows says how long the sequence is
			i += size + escapeLength(s[i+size:])
			continue
		case r == 0x9b: // CSI in its 8-bit form
			i += size + csiLength(s[i+size:])
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS, SOS, OSC, PM, APC
			i += size + stringLength(s[i+size:])
			continue
		case !dropped(r):
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether Clean would return s unchanged, without allocating.
func isClean(s string) bool {
	for i, r := range s {
		if dropped(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return false
		}
	}
	return true
}

// dropped reports whether r is a control character Clean removes.
func dropped(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

// escapeLength is the length of the escape sequence whose ESC was just read, rest being what
// follows it.
func escapeLength(rest string) int {
	if rest == "" {
		return 0
	}
	switch rest[0] {
	case '[':
		return 1 + csiLength(rest[1:])
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: a string up to its terminator
		return 1 + stringLength(rest[1:])
	}
	if rest[0] >= 0x20 && rest[0] < 0x7f { // two-character sequences: ESC 7, ESC (B...
		n := 1
		for n < len(rest) && rest[n-1] >= 0x20 && rest[n-1] <= 0x2f { // intermediate bytes
			n++
		}
		return n
	}
	return 0
}

// csiLength is the length of a control sequence's parameters and final byte.
func csiLength(rest string) int {
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c >= 0x7f {
			return i // malformed: the sequence ends here, the rest is read as text
		}
	}
	return len(rest)
}

// stringLength is the length of a control string up to and with its terminator: BEL, ESC \ or ST.
func stringLength(rest string) int {
	for i := 0; i < len(rest); {
		r, size := utf8.DecodeRuneInString(rest[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + size
		case r == 0x1b:
			if strings.HasPrefix(rest[i+1:], `\`) {
				return i + 2
			}
			return i // another sequence starts: this one was not terminated
		}
		i += size
	}
	return len(rest)
}

// NewWriter returns a writer that passes what is written through Clean to w: the command line's
// output, where data from imported files is printed among the program's own words.
func NewWriter(w io.Writer) io.Writer { return &writer{w} }

type writer struct{ w io.Writer }

func (w *writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.w, Clean(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
