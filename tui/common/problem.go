package common

import (
	"errors"

	"github.com/campagne-fr/porteaporte/canvass"
)

// Problem says in one line what went wrong with what a screen tried, marked "✗ ": the policy's
// reason for a refusal, the mistakes of a usage error, or what failed and the error.
func Problem(what string, err error) string { return "✗ " + ProblemText(what, err) }

// ProblemText is Problem without its mark, for a screen that draws the mark in a style of its own.
func ProblemText(what string, err error) string {
	var refused *canvass.RefusedError
	var usage *canvass.UsageError
	switch {
	case errors.As(err, &refused):
		return "Refused: " + refused.Reason
	case errors.As(err, &usage):
		return usage.Error()
	}
	return what + ": " + err.Error()
}
