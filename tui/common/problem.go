package common

import (
	"errors"

	"github.com/campagne-fr/porteaporte/canvass"
)

// Problem says in one line what went wrong with what a screen tried: the policy's reason for a
// refusal, the mistakes of a usage error, or what failed and the error.
func Problem(what string, err error) string {
	var refused *canvass.RefusedError
	var usage *canvass.UsageError
	switch {
	case errors.As(err, &refused):
		return "✗ Refused: " + refused.Reason
	case errors.As(err, &usage):
		return "✗ " + usage.Error()
	}
	return "✗ " + what + ": " + err.Error()
}
