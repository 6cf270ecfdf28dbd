// Package textfold reads text as people mean it, for comparing: Key folds case, accents,
// ligatures and punctuation away, so that what a person types ("Zoé-Marie d'Arc", "ZOE MARIE
// D ARC") meets what a file holds; StripAccents only drops the accents, for showing text as
// mairies write it. Geocoding reads street labels through Key, and the policy names and
// addresses: one reading everywhere two pieces of text are compared as words.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that do not decompose into a base letter and marks.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i",
	'ĸ': "k", 'ŀ': "l"}

// latinFold holds the folded form of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A), the
// runes French labels use, so that they are folded without the transformer; "" for a separator.
var latinFold = func() (t [0x180 - 0xC0]string) {
	for r := rune(0xC0); r < 0x180; r++ {
		if unicode.IsLetter(r) {
			t[r-0xC0] = foldSlow(r)
		}
	}
	return t
}()

// foldSlow folds one letter or digit: lower case, marks removed, ligatures spelled out ("Ǽ" gives
// "ae").
func foldSlow(r rune) string {
	var b strings.Builder
	for _, c := range StripAccents(string(unicode.ToLower(r))) {
		if l, ok := ligatures[c]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Key lowers s, removes its accents (and spells out ligatures: "Œ" gives "oe") and turns every
// run of characters other than letters and digits (spaces, apostrophes, hyphens, dots,
// slashes...) into one space, without leading or trailing space: "  Zoé-Marie  d'ARC " gives
// "zoe marie d arc". Two texts a person would read as the same words have the same key.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c + 'a' - 'A')
			default:
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var part string
		switch {
		case r >= 0xC0 && r < 0x180:
			part = latinFold[r-0xC0]
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark of a decomposed letter: dropped without splitting the word
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			part = foldSlow(r)
		}
		if part == "" {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(part)
	}
	return b.String()
}

// StripAccents removes the accents of s and keeps the rest as it is, case included: "Élodie
// Lévêque" gives "Elodie Leveque". Ligatures are letters of their own and stay.
func StripAccents(s string) string {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			// A transformer holds state, so each call builds its own.
			out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
			if err != nil {
				return s
			}
			return out
		}
	}
	return s
}
