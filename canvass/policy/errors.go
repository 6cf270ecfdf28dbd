package policy

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// RefusedError is a request the policy refuses, with the reason in words an organizer understands
// and the rule of DOMAIN.md that refuses it, named in the reader's language (Printer.Error finds
// the message it unwraps to). The CLI exits with code 3 on it.
type RefusedError struct {
	Reason string       // the reason, in English
	Rule   int          // the DOMAIN.md rule that refuses (1 to 8); 0: the team's access (roles)
	Why    i18n.Message // the reason as a message; without an ID, Reason is said as it is
}

// Refuse is the refusal, by rule, of a request: message id with its name/value pairs says why.
func Refuse(rule int, id string, kv ...any) *RefusedError {
	why := i18n.Msg(id, kv...)
	return &RefusedError{Reason: why.Error(), Rule: rule, Why: why}
}

// Error says the refusal with its reason and rule, in English.
func (e *RefusedError) Error() string { return e.message().Error() }

// Unwrap is the refusal as a message, for a reader in another language.
func (e *RefusedError) Unwrap() error { return e.message() }

func (e *RefusedError) message() i18n.Message {
	var why any = e.Reason
	if e.Why.ID != "" {
		why = e.Why
	}
	return i18n.Msg("policy.refused", "Reason", why, "Rule", i18n.Msg(ruleIDs[e.Rule]))
}

// ruleIDs name the rules of DOMAIN.md, and the team's access (0).
var ruleIDs = map[int]string{0: "policy.rule.access", 1: "policy.rule.1", 2: "policy.rule.2", 3: "policy.rule.3",
	4: "policy.rule.4", 5: "policy.rule.5", 6: "policy.rule.6", 7: "policy.rule.7", 8: "policy.rule.8"}

// UsageError lists what is wrong with what the user asked for, each problem a message the reader
// gets in their language (Printer.Error, or Printer.T of each). The CLI exits with code 2 on it.
type UsageError struct{ Problems []i18n.Message }

// Usage is the usage error of one problem: message id with its name/value pairs.
func Usage(id string, kv ...any) *UsageError {
	return &UsageError{Problems: []i18n.Message{i18n.Msg(id, kv...)}}
}

// Error lists the problems, in English.
func (e *UsageError) Error() string {
	texts := make([]string, len(e.Problems))
	for i, m := range e.Problems {
		texts[i] = m.Error()
	}
	return strings.Join(texts, "; ")
}

// Unwrap is the problems, for a reader in another language.
func (e *UsageError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, m := range e.Problems {
		errs[i] = m
	}
	return errs
}

// Problem is what makes a record unusable: the field, named as the import file names its column,
// and why. It never quotes the value.
type Problem struct {
	Field  string
	Reason i18n.Message
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
		e.Problems = append(e.Problems, i18n.Msg("policy.problem", "Field", p.Field, "Reason", p.Reason))
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
