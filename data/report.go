package data

import "fmt"

// RowError says what is wrong with one row (or feature) of an input file, without quoting its
// content: the values may be a voter's personal data.
type RowError struct {
	Line   int    `json:"line"` // 1-based line of the file (header is line 1), or feature number for geometry files
	Field  string `json:"field"`
	Reason string `json:"reason"`
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
	Reason string
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
