package common

import (
	"errors"
	"unicode"
	"unicode/utf8"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Problem says in one line, in p's language, what went wrong with what a screen tried: the
// policy's refusal with its reason and rule, the mistakes of a usage error, or what failed (what,
// already in p's language) and the error.
func Problem(p *i18n.Printer, what string, err error) string {
	var refused *canvass.RefusedError
	var usage *canvass.UsageError
	switch {
	case errors.As(err, &refused):
		return "✗ " + upperFirst(p.Error(refused))
	case errors.As(err, &usage):
		return "✗ " + p.Error(usage)
	}
	return p.T("tui.common.problem", "What", what, "Err", err)
}

// upperFirst is s with its first letter in upper case: a message that starts a line.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
