package policy

import (
	"fmt"
	"strings"
)

// RefusedError is a request the policy refuses, with the reason in words an organizer understands.
// The CLI exits with code 3 on it.
type RefusedError struct{ Reason string }

// Error says the refusal with its reason.
func (e *RefusedError) Error() string { return "refused: " + e.Reason }

// UsageError lists what is wrong with what the user asked for. The CLI exits with code 2 on it.
type UsageError struct{ Problems []string }

// Error lists the problems.
func (e *UsageError) Error() string { return strings.Join(e.Problems, "; ") }

// Problem is what makes a record unusable: the field, named as the import file names its column,
// and why. It never quotes the value.
type Problem struct {
	Field  string
	Reason string
}

// Problems are every problem of one record.
type Problems []Problem

// Err is the problems as a UsageError, each said as "field: reason"; nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	e := &UsageError{}
	for _, p := range ps {
		e.Problems = append(e.Problems, fmt.Sprintf("%s: %s", p.Field, p.Reason))
	}
	return e
}

// count writes n with its noun, singular up to one.
func count(n int, one, many string) string {
	if n > 1 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}
