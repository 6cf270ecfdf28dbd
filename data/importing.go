package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Helpers shared by the CSV importers: column lookup, fatal-error translation, progress, and a
// batched insert that still tells which row the database refused.

// columnSpec describes one column an importer looks for: its names, in order of preference (matched
// after tabular.Fold), and whether the import cannot go on without it.
type columnSpec struct {
	names    []string
	required bool
}

// findColumns returns, for each wanted column, its index in the file (-1 when absent). A missing
// required column is a fatal *InputError naming the file and the column.
func findColumns(r *tabular.Reader, file string, want []columnSpec) ([]int, error) {
	idx := make([]int, len(want))
	for i, c := range want {
		idx[i] = r.Column(c.names...)
		if idx[i] < 0 && c.required {
			return nil, NewInputError(file, 1, c.names[0], i18n.Msg("import.column.missing", "Names", quoteAll(c.names)))
		}
	}
	return idx, nil
}

// quoteAll is names quoted, joined by "or" in the reader's language.
func quoteAll(names []string) i18n.Message {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return i18n.Msg("import.or", "Names", out)
}

// fatalInput turns a fatal read error of the tabular reader into an *InputError, so that callers
// have one error type for "this file cannot be imported". Other errors pass through.
func fatalInput(err error) error {
	var te *tabular.Error
	if errors.As(err, &te) {
		return NewInputError(te.File, te.Line, "", te.Reason)
	}
	return err
}

// encodingNotice warns, on line 0 of the report, when the file was not UTF-8: the guess is right
// for the files French administrations export, but the organizer should know it was made. It is
// called once the file is read: only then is its encoding known for sure.
func encodingNotice(r *tabular.Reader, rep *Report) {
	if r.Encoding() == "Windows-1252" {
		rep.Warn(NewRowError(0, "", i18n.Msg("import.windows1252")))
	}
}

// progressEvery is how many rows pass between two progress reports.
const progressEvery = 4096

// reportProgress sends the reader's position to progress, if anyone listens.
func reportProgress(progress ProgressFunc, r *tabular.Reader, rows int) {
	if progress == nil {
		return
	}
	read, total := r.Progress()
	progress(Progress{Rows: rows, Bytes: read, Total: total})
}

// baseName is the name of path for reports and the audit trail: never the directory, which may
// say more about the organizer's machine than needed.
func baseName(path string) string { return filepath.Base(path) }

// multiInsert inserts rows through a prepared statement of many rows at once, which is several
// times faster than one statement per row. When the database refuses a batch on a constraint
// (a duplicate key), the batch is replayed row by row, so that only the offending rows are
// rejected, each with its line.
type multiInsert struct {
	cols     int
	per      int
	full     *sql.Stmt // inserts per rows
	one      *sql.Stmt // inserts one row
	args     []any
	lines    []int
	refused  func(line int, err error) // a row the database refused on a constraint
	inserted int
}

// newMultiInsert prepares the inserts into table (columns in order) within tx, per rows at a time.
func newMultiInsert(ctx context.Context, tx *sql.Tx, table string, columns []string, per int,
	refused func(line int, err error)) (*multiInsert, error) {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(columns)), ",") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES "
	m := &multiInsert{cols: len(columns), per: per, refused: refused,
		args: make([]any, 0, per*len(columns)), lines: make([]int, 0, per)}
	var err error
	if m.one, err = tx.PrepareContext(ctx, head+row); err != nil {
		return nil, err
	}
	if m.full, err = tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+",", per), ",")); err != nil {
		m.one.Close()
		return nil, err
	}
	return m, nil
}

// add queues one row read from line; the batch is written when full.
func (m *multiInsert) add(ctx context.Context, line int, values ...any) error {
	m.args = append(m.args, values...)
	m.lines = append(m.lines, line)
	if len(m.lines) == m.per {
		return m.flush(ctx)
	}
	return nil
}

// flush writes the queued rows.
func (m *multiInsert) flush(ctx context.Context) error {
	if len(m.lines) == 0 {
		return nil
	}
	defer func() { m.args, m.lines = m.args[:0], m.lines[:0] }()
	if len(m.lines) == m.per {
		_, err := m.full.ExecContext(ctx, m.args...)
		if err == nil {
			m.inserted += m.per
			return nil
		}
		if !isConstraint(err) {
			return err
		}
		// SQLite undid the whole statement: replay it row by row to find the culprits.
	}
	for i, line := range m.lines {
		_, err := m.one.ExecContext(ctx, m.args[i*m.cols:(i+1)*m.cols]...)
		switch {
		case err == nil:
			m.inserted++
		case isConstraint(err):
			m.refused(line, err)
		default:
			return err
		}
	}
	return nil
}

// close releases the prepared statements.
func (m *multiInsert) close() {
	m.one.Close()
	m.full.Close()
}

// isConstraint reports whether err is SQLite refusing a row on a constraint.
func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

// isDuplicate reports whether err is SQLite refusing a row whose key is already stored.
func isDuplicate(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) &&
		(se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey || se.ExtendedCode == sqlite3.ErrConstraintUnique)
}

// newReport is an empty report; its lists are empty rather than nil so that JSON shows [].
func newReport(file, kind string) Report {
	return Report{File: file, Kind: kind, Errors: []RowError{}, Warnings: []RowError{}}
}

// eachRecord calls fn for every data record of r with the line it starts on, counting records in
// rep.Read and reporting progress. A record that is not valid text is rejected without reaching fn.
// It stops at the first error of fn, on a cancelled ctx, or on a fatal read error (an *InputError),
// and fails when every record was rejected (see noneImported).
func eachRecord(ctx context.Context, r *tabular.Reader, rep *Report, progress ProgressFunc,
	fn func(line int, rec []string) error) error {
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			reportProgress(progress, r, rep.Read)
			encodingNotice(r, rep)
			return noneImported(rep)
		}
		var rowErr *tabular.RowError
		if err != nil && !errors.As(err, &rowErr) {
			return fatalInput(err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.Read++
		if rep.Read%progressEvery == 0 {
			reportProgress(progress, r, rep.Read)
		}
		if rowErr != nil {
			rep.Reject(NewRowError(rowErr.Line, headerName(r.Header(), rowErr.Column), rowErr.Reason))
			continue
		}
		if err := fn(r.Line(), rec); err != nil {
			return err
		}
	}
}

// finishImport writes the last queued rows, counts them in rep and appends the audit entry of the
// import (entry, with the file and the counts filled in) in the import's own transaction.
func (s *Store) finishImport(ctx context.Context, tx *sql.Tx, ins *multiInsert, rep *Report, entry audit.Import) error {
	if err := ins.flush(ctx); err != nil {
		return err
	}
	rep.Imported = ins.inserted
	if err := noneImported(rep); err != nil {
		return err
	}
	// Duplicates are found when a batch is written, after later rows were checked: list by line.
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Line < rep.Errors[j].Line })
	entry.File, entry.Read, entry.Imported, entry.Rejected, entry.Replaced = rep.File, rep.Read, rep.Imported, rep.Rejected, rep.Replaced
	return s.appendAudit(ctx, tx, entry)
}

// headerName is the name of column i as written in the header, or "" when a row is longer than
// the header.
func headerName(header []string, i int) string {
	if i < 0 || i >= len(header) {
		return ""
	}
	return header[i]
}

// recField returns column i of rec, trimmed; "" when the column is absent from the file or the row.
func recField(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// noneImported fails an import whose every row was rejected: such a file is not what the organizer
// meant to import (another kind of file, a damaged one), and the import would only replace good
// rows by nothing. The store is then left as it was.
func noneImported(rep *Report) error {
	if rep.Read == 0 || rep.Rejected < rep.Read {
		return nil
	}
	if len(rep.Errors) == 0 {
		return NewInputError(rep.File, 0, "", i18n.Msg("import.none", "Count", rep.Read))
	}
	return NewInputError(rep.File, 0, "", i18n.Msg("import.none.first", "Count", rep.Read, "First", rep.Errors[0].Message()))
}
