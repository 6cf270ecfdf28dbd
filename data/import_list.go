package data

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"canvass/data/reu"
	"canvass/data/tabular"
)

// listBatch is how many rows one INSERT statement carries: binding 50 rows at a time cuts the
// per-statement cost (database/sql, cgo, VDBE setup) that dominates one-row inserts.
const listBatch = 50

// listProgressEvery is how many rows pass between two progress reports.
const listProgressEvery = 10000

// voterColumns are the voters columns an import fills, in the order of the bound values.
var voterColumns = func() []string {
	cols := []string{"ugle", "list_type", "line"}
	return append(cols, "birth_name", "usage_name", "given_names", "sex", "birth_date", "birth_place_code",
		"birth_place", "birth_department", "birth_country", "nationality", "street_number", "street",
		"complement1", "complement2", "locality", "postcode", "town", "country", "station_code",
		"station_name", "constituency_code", "canton", "metro_constituency", "order_number")
}()

// insertVoters is an INSERT of n rows of voters.
func insertVoters(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(voterColumns)), ",") + ")"
	return "INSERT INTO voters (" + strings.Join(voterColumns, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

// ImportList imports an electoral-list extract (REU layout, or the 2013 one), plain or .gz. It runs
// in one transaction: on any fatal error, or when ctx is cancelled, the store is left as it was.
// The voters of every commune present in the file are replaced, so importing the same file twice
// changes nothing and a newer extract replaces the older one. Rows that cannot be read are left out
// and listed in the report; rows with no polling station or street are imported and listed as
// warnings.
func (s *Store) ImportList(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	base := filepath.Base(path)
	rep := Report{File: base, Kind: "list"}
	r, err := tabular.Open(path)
	if err != nil {
		return rep, listReadError(base, err)
	}
	defer r.Close()
	if r.Encoding() == "Windows-1252" {
		rep.Warn(RowError{Reason: "is not UTF-8 text: read as Windows-1252 (a list re-saved by a spreadsheet); check that accented names read right"})
	}
	layout, err := reu.NewLayout(r.Header())
	if err != nil {
		var mc *reu.MissingColumnError
		if errors.As(err, &mc) {
			return rep, &InputError{File: base, Line: 1, Field: mc.Column,
				Reason: "required column missing: expected an electoral-list (REU) header with it"}
		}
		return rep, &InputError{File: base, Line: 1, Reason: err.Error()}
	}
	if len(layout.Unknown) > 0 {
		rep.Warn(RowError{Line: 1, Reason: "columns not part of the electoral-list format, ignored: " + strings.Join(layout.Unknown, ", ")})
	}
	for _, name := range layout.Absent {
		rep.Warn(RowError{Line: 1, Field: name, Reason: "no such column: its value is empty for every voter"})
	}

	err = s.inTx(ctx, func(tx *sql.Tx) error {
		im, err := newListImport(ctx, tx, layout, &rep)
		if err != nil {
			return err
		}
		defer im.close()
		if err := im.run(r, progress); err != nil {
			return err
		}
		return appendAudit(ctx, tx, "import.list", map[string]any{
			"file": base, "read": rep.Read, "imported": rep.Imported, "rejected": rep.Rejected, "replaced": rep.Replaced,
		})
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return rep, ctxErr
		}
		return rep, listReadError(base, err)
	}
	return rep, nil
}

// listReadError turns a fatal error of the tabular reader into an *InputError naming the file.
func listReadError(base string, err error) error {
	var te *tabular.Error
	if errors.As(err, &te) {
		return &InputError{File: base, Line: te.Line, Reason: te.Reason}
	}
	return err
}

// listImport holds the state of one list import inside its transaction.
type listImport struct {
	ctx     context.Context
	tx      *sql.Tx
	layout  *reu.Layout
	rep     *Report
	batch   *sql.Stmt // listBatch rows
	single  *sql.Stmt // one row, for the tail
	del     *sql.Stmt
	args    []any // listBatch rows of bound values
	pending int   // rows waiting in args
	seen    map[string]bool
}

func newListImport(ctx context.Context, tx *sql.Tx, layout *reu.Layout, rep *Report) (*listImport, error) {
	im := &listImport{ctx: ctx, tx: tx, layout: layout, rep: rep,
		args: make([]any, listBatch*len(voterColumns)), seen: map[string]bool{}}
	var err error
	if im.batch, err = tx.PrepareContext(ctx, insertVoters(listBatch)); err != nil {
		return nil, err
	}
	if im.single, err = tx.PrepareContext(ctx, insertVoters(1)); err != nil {
		im.close()
		return nil, err
	}
	if im.del, err = tx.PrepareContext(ctx, "DELETE FROM voters WHERE ugle = ?"); err != nil {
		im.close()
		return nil, err
	}
	return im, nil
}

func (im *listImport) close() {
	for _, st := range []*sql.Stmt{im.batch, im.single, im.del} {
		if st != nil {
			st.Close()
		}
	}
}

// run reads every row, storing or rejecting it.
func (im *listImport) run(r *tabular.Reader, progress ProgressFunc) error {
	var v reu.Voter
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var rowErr *tabular.RowError
		switch {
		case errors.As(err, &rowErr):
			im.rep.Read++
			im.rep.Reject(RowError{Line: rowErr.Line, Field: im.layout.ColumnName(rowErr.Column), Reason: rowErr.Reason})
			continue
		case err != nil:
			return err
		}
		im.rep.Read++
		if im.rep.Read%256 == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
		}
		if progress != nil && im.rep.Read%listProgressEvery == 0 {
			read, total := r.Progress()
			progress(Progress{Rows: im.rep.Read, Bytes: read, Total: total})
		}
		line := r.Line()
		if err := im.layout.Parse(rec, &v); err != nil {
			var fe *reu.FieldError
			if errors.As(err, &fe) {
				im.rep.Reject(RowError{Line: line, Field: fe.Field, Reason: fe.Reason})
				continue
			}
			return err
		}
		for _, g := range im.layout.Gaps(&v) {
			im.rep.Warn(RowError{Line: line, Field: g.Field, Reason: g.Reason})
		}
		if err := im.add(&v, line); err != nil {
			return err
		}
	}
	if err := im.flush(); err != nil {
		return err
	}
	if progress != nil {
		read, total := r.Progress()
		progress(Progress{Rows: im.rep.Read, Bytes: read, Total: total})
	}
	return nil
}

// add queues a voter for insertion, first removing its commune's earlier voters if this file has
// not named that commune before.
func (im *listImport) add(v *reu.Voter, line int) error {
	ugle := v.Text[reu.UGLE]
	if !im.seen[ugle] {
		res, err := im.del.ExecContext(im.ctx, ugle)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		im.rep.Replaced += int(n)
		im.seen[strings.Clone(ugle)] = true
	}
	a := im.args[im.pending*len(voterColumns):][:len(voterColumns)]
	a[0], a[1], a[2] = ugle, v.Text[reu.ListType], int64(line)
	for f := reu.BirthName; f < reu.OrderNumber; f++ {
		a[f+1] = v.Text[f]
	}
	if v.HasOrder {
		a[len(a)-1] = v.Order
	} else {
		a[len(a)-1] = nil
	}
	im.pending++
	im.rep.Imported++
	if im.pending == listBatch {
		im.pending = 0
		_, err := im.batch.ExecContext(im.ctx, im.args...)
		return err
	}
	return nil
}

// flush inserts the rows still queued.
func (im *listImport) flush() error {
	for i := 0; i < im.pending; i++ {
		if _, err := im.single.ExecContext(im.ctx, im.args[i*len(voterColumns):][:len(voterColumns)]...); err != nil {
			return err
		}
	}
	im.pending = 0
	return nil
}
