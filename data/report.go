package data

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// RowError says what is wrong with one row (or feature) of an input file, without quoting its
// content: the values may be a voter's personal data.
type RowError struct {
	Line   int          `json:"line"` // 1-based line of the file (header is line 1), or feature number for geometry files
	Field  string       `json:"field"`
	Reason string       `json:"reason"` // the reason in English, as scripts read it
	Msg    i18n.Message `json:"-"`      // the reason in the reader's language; without an ID, Reason is said as it is
}

// NewRowError is the problem m on line (0: the file) and field, with its reason in English beside
// it.
func NewRowError(line int, field string, m i18n.Message) RowError {
	return RowError{Line: line, Field: field, Reason: m.Error(), Msg: m}
}

// Why is the row's reason in p's language.
func (e RowError) Why(p *i18n.Printer) string { return e.why().In(p) }

// why is the row's reason as a message: Msg, or Reason said as it is.
func (e RowError) why() i18n.Message {
	if e.Msg.ID == "" {
		return i18n.Msg("import.cause", "Err", e.Reason)
	}
	return e.Msg
}

// Message is the whole row error (line, field and reason) as a message.
func (e RowError) Message() i18n.Message {
	if e.Field == "" {
		return i18n.Msg("import.row", "Line", e.Line, "Reason", e.why())
	}
	return i18n.Msg("import.row.field", "Line", e.Line, "Field", e.Field, "Reason", e.why())
}

func (e RowError) String() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("line %d, field %q: %s", e.Line, e.Field, e.Reason)
}

// maxListed bounds the rejected rows, and separately the warnings, listed in a report, so that
// memory stays flat on a huge bad file and warnings never hide a rejection.
const maxListed = 1000

// Report is what an import did.
type Report struct {
	File     string     `json:"file"`
	Kind     string     `json:"kind"`
	Read     int        `json:"read"`     // data rows or features read
	Imported int        `json:"imported"` // rows stored
	Rejected int        `json:"rejected"` // rows left out, each listed in Errors (up to a bound)
	Replaced int        `json:"replaced"` // rows of an earlier import that this one replaced
	Errors   []RowError `json:"errors"`
	Warnings []RowError `json:"warnings"`           // rows imported but incomplete, and file-level notices (line 0)
	Unlisted int        `json:"unlisted,omitempty"` // errors and warnings counted but not listed
}

// Reject records a row left out.
func (r *Report) Reject(e RowError) {
	r.Rejected++
	if len(r.Errors) < maxListed {
		r.Errors = append(r.Errors, e)
	} else {
		r.Unlisted++
	}
}

// Warn records a row imported with a problem the organizer should know of.
func (r *Report) Warn(e RowError) {
	if len(r.Warnings) < maxListed {
		r.Warnings = append(r.Warnings, e)
	} else {
		r.Unlisted++
	}
}

// InputError is a problem that stops an import: the store is left as it was.
type InputError struct {
	File   string
	Line   int // 0 when the problem is not on one line
	Field  string
	Reason string       // in English
	Msg    i18n.Message // the reason in the reader's language; without an ID, Reason is said as it is
}

// NewInputError is the problem m of file, on line (0: the whole file) and field.
func NewInputError(file string, line int, field string, m i18n.Message) *InputError {
	return &InputError{File: file, Line: line, Field: field, Reason: m.Error(), Msg: m}
}

// Unwrap is the whole error as a message, when its reason is one, for Printer.Error to say it in
// the reader's language.
func (e *InputError) Unwrap() error {
	if e.Msg.ID == "" {
		return nil
	}
	switch {
	case e.Line == 0:
		return i18n.Msg("import.input.file", "File", e.File, "Reason", e.Msg)
	case e.Field == "":
		return i18n.Msg("import.input.line", "File", e.File, "Line", e.Line, "Reason", e.Msg)
	}
	return i18n.Msg("import.input.field", "File", e.File, "Line", e.Line, "Field", e.Field, "Reason", e.Msg)
}

func (e *InputError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	case e.Field == "":
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Reason)
	default:
		return fmt.Sprintf("%s: line %d, field %q: %s", e.File, e.Line, e.Field, e.Reason)
	}
}

// Progress is reported during an import.
type Progress struct {
	Rows  int   // rows read so far
	Bytes int64 // bytes of the file read so far (compressed size for .gz)
	Total int64 // file size in bytes
}

// ProgressFunc receives progress during an import; nil means nobody listens.
type ProgressFunc func(Progress)
