package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/reu"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// listBatch is how many rows one INSERT statement carries: binding 50 rows at a time cuts the
// per-statement cost (a cgo call, a statement reset) that dominates one-row inserts.
const listBatch = 50

// listBatches is how many batches are in flight between the reading and the writing goroutines:
// enough to keep both busy, few enough to keep memory flat.
const listBatches = 4

// listProgressEvery is how many rows pass between two progress reports.
const listProgressEvery = 10000

// listCacheKiB is SQLite's page cache during a list import. With the default 2 MB, a large
// import spills dirty pages to the WAL and reads them back many times over.
const listCacheKiB = 16 << 10

// voterColumns are the voters columns an import fills, in the order of the bound values.
var voterColumns = []string{"ugle", "list_type", "line",
	"birth_name", "usage_name", "given_names", "sex", "birth_date", "birth_place_code",
	"birth_place", "birth_department", "birth_country", "nationality", "street_number", "street",
	"complement1", "complement2", "locality", "postcode", "town", "country", "station_code",
	"station_name", "constituency_code", "canton", "metro_constituency", "order_number"}

// insertVoters is an INSERT of n rows of voters. OR FAIL rather than the default ABORT spares
// SQLite a statement journal (each multi-row statement would otherwise save the pages it touches
// to a temporary file, in case it must undo itself halfway): on any failure the whole import
// transaction is rolled back anyway.
func insertVoters(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(voterColumns)), ",") + ")"
	return "INSERT OR FAIL INTO voters (" + strings.Join(voterColumns, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

// ImportList imports an electoral-list extract (REU layout, or the 2013 one), plain or .gz. It runs
// in one transaction: on any fatal error, or when ctx is cancelled, the store is left as it was.
// The voters of every commune present in the file are replaced, so importing the same file twice
// changes nothing and a newer extract replaces the older one; but a file that would leave a commune
// with less than half of its voters is refused with a *ReplaceError unless opts has AllowReplace.
// Rows that cannot be read, or whose fields are not what the format says (see reu.Layout.Parse, and
// control characters), are left out and listed in the report; a file of which no row can be
// imported is refused. Rows with no polling station or street are imported and listed as warnings.
func (s *Store) ImportList(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	base := filepath.Base(path)
	rep := Report{File: base, Kind: "list"}
	r, err := tabular.Open(ctx, path)
	if err != nil {
		return rep, listReadError(base, err)
	}
	defer r.Close()
	r.RejectControls()
	layout, err := reu.NewLayout(r.Header())
	if err != nil {
		var mc *reu.MissingColumnError
		if errors.As(err, &mc) {
			return rep, NewInputError(base, 1, mc.Column, i18n.Msg("import.list.column"))
		}
		return rep, NewInputError(base, 1, "", i18n.Msg("import.cause", "Err", err))
	}
	if len(layout.Unknown) > 0 {
		rep.Warn(NewRowError(1, "", i18n.Msg("import.list.unknown", "Columns", strings.Join(layout.Unknown, ", "))))
	}

	err = s.importListTx(ctx, r, layout, &rep, progress, opts)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return rep, ctxErr
		}
		return rep, listReadError(base, err)
	}
	encodingNotice(r, &rep)
	return rep, nil
}

// importListTx imports the rows in one transaction, on a connection of its own: the inserts go
// straight to the driver's connection (see writeVoters), the rest through the transaction.
func (s *Store) importListTx(ctx context.Context, r *tabular.Reader, layout *reu.Layout, rep *Report, progress ProgressFunc,
	opts []ImportOption) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := s.begin(ctx, conn)
	if err != nil {
		return err
	}
	if err := s.importListIn(ctx, conn, tx, r, layout, rep, progress, opts); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// importListIn is the body of the import transaction tx, open on conn.
func (s *Store) importListIn(ctx context.Context, conn *sql.Conn, tx *sql.Tx, r *tabular.Reader, layout *reu.Layout, rep *Report,
	progress ProgressFunc, opts []ImportOption) error {
	var cache int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(listCacheKiB)); err != nil {
		return err
	}
	// Back to the connection's usual cache, unless the transaction was already ended by a
	// cancelled ctx (the connection then keeps the larger cache, which is harmless).
	defer tx.Exec("PRAGMA cache_size = " + strconv.Itoa(int(cache)))
	var lastOld int64 // voters up to this id were there before the import
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM voters").Scan(&lastOld); err != nil {
		return err
	}
	indexes, err := dropVoterIndexes(ctx, tx)
	if err != nil {
		return err
	}
	communes := map[string]int{} // voters the file brings, by commune
	if err := readList(ctx, conn, r, layout, rep, communes, progress); err != nil {
		return err
	}
	if err := noneImported(rep); err != nil {
		return err
	}
	had, err := countOldVoters(ctx, tx, lastOld, communes)
	if err != nil {
		return err
	}
	if err := checkShrink(rep.File, "voters", had, communes, opts); err != nil {
		return err
	}
	if rep.Replaced, err = deleteOldVoters(ctx, tx, lastOld, communes); err != nil {
		return err
	}
	for _, create := range indexes {
		if _, err := tx.ExecContext(ctx, create); err != nil {
			return err
		}
	}
	return s.appendAudit(ctx, tx, audit.Import{Kind: audit.OpImportList,
		File: rep.File, Read: rep.Read, Imported: rep.Imported, Rejected: rep.Rejected, Replaced: rep.Replaced,
	})
}

// dropVoterIndexes drops the indexes of the voters table and returns the statements that recreate
// them. Building an index once after a large import is much cheaper than updating it row by row.
func dropVoterIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'voters' AND sql IS NOT NULL ORDER BY name")
	if err != nil {
		return nil, err
	}
	var names, creates []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return nil, err
		}
		names, creates = append(names, name), append(creates, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return nil, err
		}
	}
	return creates, nil
}

// communeList renders the communes' codes as a JSON array, for json_each.
func communeList(communes map[string]int) (string, error) {
	list := make([]string, 0, len(communes))
	for c := range communes {
		list = append(list, c)
	}
	codes, err := json.Marshal(list)
	return string(codes), err
}

// countOldVoters counts, by commune, the voters stored before the import (ids up to lastOld) of the
// given communes.
func countOldVoters(ctx context.Context, tx *sql.Tx, lastOld int64, communes map[string]int) (map[string]int, error) {
	had := map[string]int{}
	if lastOld == 0 || len(communes) == 0 {
		return had, nil
	}
	codes, err := communeList(communes)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT ugle, count(*) FROM voters WHERE id <= ? AND ugle IN (SELECT value FROM json_each(?)) GROUP BY ugle", lastOld, codes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, err
		}
		had[c] = n
	}
	return had, rows.Err()
}

// deleteOldVoters deletes the voters stored before the import (ids up to lastOld) of the given
// communes, and says how many went. Only old rows are scanned, by id range, in one pass whatever
// the number of communes.
func deleteOldVoters(ctx context.Context, tx *sql.Tx, lastOld int64, communes map[string]int) (int, error) {
	if lastOld == 0 || len(communes) == 0 {
		return 0, nil
	}
	codes, err := communeList(communes)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM voters WHERE id <= ? AND ugle IN (SELECT value FROM json_each(?))", lastOld, codes)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// listReadError turns a fatal error of the tabular reader into an *InputError naming the file.
func listReadError(base string, err error) error {
	var te *tabular.Error
	if errors.As(err, &te) {
		return NewInputError(base, te.Line, "", te.Reason)
	}
	return err
}

// voterBatch is up to listBatch voters ready to bind, ordinals set once.
type voterBatch struct {
	args []driver.NamedValue
	rows int
}

// writeVoters inserts the batches it receives on full, handing each back on free once written.
// It runs in its own goroutine, so that SQLite's work overlaps the reading and parsing of the file,
// and talks to the driver's connection dc directly: database/sql would copy every batch's values
// into a new slice on each statement, an allocation that kept the garbage collector busy. The
// statement runs through Query, for which go-sqlite3 binds all values and steps in one cgo call
// instead of one call per value.
func writeVoters(ctx context.Context, dc any, full <-chan *voterBatch, free chan<- *voterBatch) error {
	sc, ok := dc.(*sqlite3.SQLiteConn)
	if !ok {
		return fmt.Errorf("list import: unexpected database driver %T", dc)
	}
	many, err := sc.PrepareContext(ctx, insertVoters(listBatch))
	if err != nil {
		return err
	}
	defer many.Close()
	one, err := sc.PrepareContext(ctx, insertVoters(1))
	if err != nil {
		return err
	}
	defer one.Close()
	row := newNamedValues(1)
	for b := range full {
		if b.rows == listBatch {
			rows, err := many.(driver.StmtQueryContext).QueryContext(ctx, b.args)
			if err != nil {
				return err
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		for i := 0; b.rows < listBatch && i < b.rows; i++ { // the file's last, short batch
			for j := range row {
				row[j].Value = b.args[i*len(row)+j].Value
			}
			if _, err := one.(driver.StmtExecContext).ExecContext(ctx, row); err != nil {
				return err
			}
		}
		b.rows = 0
		free <- b
	}
	return nil
}

// newNamedValues makes the values of n rows of voters, numbered for binding.
func newNamedValues(n int) []driver.NamedValue {
	nv := make([]driver.NamedValue, n*len(voterColumns))
	for i := range nv {
		nv[i].Ordinal = i + 1
	}
	return nv
}

// readList reads every row, rejecting or queueing it, while a second goroutine writes the queued
// batches through conn's driver connection. It counts in communes the voters of each commune.
func readList(ctx context.Context, conn *sql.Conn, r *tabular.Reader, layout *reu.Layout, rep *Report,
	communes map[string]int, progress ProgressFunc) error {
	full := make(chan *voterBatch, listBatches)
	free := make(chan *voterBatch, listBatches)
	for i := 0; i < listBatches; i++ {
		free <- &voterBatch{args: newNamedValues(listBatch)}
	}
	done := make(chan error, 1)
	failed := make(chan struct{}) // closed when the writer gives up, so that the reader stops
	go func() {
		err := conn.Raw(func(dc any) error { return writeVoters(ctx, dc, full, free) })
		if err != nil {
			close(failed)
			for range full { // until the reader has seen the failure
			}
		}
		done <- err
	}()
	err := queueList(ctx, r, layout, rep, communes, full, free, failed, progress)
	close(full)
	if werr := <-done; werr != nil && (err == nil || errors.Is(err, errWriterFailed)) {
		return werr
	}
	if err != nil {
		return err
	}
	if progress != nil {
		read, total := r.Progress()
		progress(Progress{Rows: rep.Read, Bytes: read, Total: total})
	}
	return nil
}

// errWriterFailed stops the reading when the writing goroutine has failed; its error is the one
// returned.
var errWriterFailed = errors.New("writing voters failed")

// queueList is the reading side of readList.
func queueList(ctx context.Context, r *tabular.Reader, layout *reu.Layout, rep *Report, communes map[string]int,
	full chan<- *voterBatch, free <-chan *voterBatch, failed <-chan struct{}, progress ProgressFunc) error {
	var v reu.Voter
	var b *voterBatch
	send := func() error {
		select {
		case full <- b:
			b = nil
			return nil
		case <-failed:
			return errWriterFailed
		}
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var rowErr *tabular.RowError
		switch {
		case errors.As(err, &rowErr):
			rep.Read++
			rep.Reject(NewRowError(rowErr.Line, layout.ColumnName(rowErr.Column), rowErr.Reason))
			continue
		case err != nil:
			return err
		}
		rep.Read++
		if rep.Read%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if progress != nil && rep.Read%listProgressEvery == 0 {
			read, total := r.Progress()
			progress(Progress{Rows: rep.Read, Bytes: read, Total: total})
		}
		line := r.Line()
		if err := layout.Parse(rec, &v); err != nil {
			var fe *reu.FieldError
			if errors.As(err, &fe) {
				rep.Reject(NewRowError(line, fe.Field, fe.Reason))
				continue
			}
			return err
		}
		for _, g := range layout.Gaps(&v) {
			rep.Warn(NewRowError(line, g.Field, g.Reason))
		}
		if b == nil {
			select {
			case b = <-free:
			case <-failed:
				return errWriterFailed
			}
		}
		ugle := v.Text[reu.UGLE]
		if n, ok := communes[ugle]; ok {
			communes[ugle] = n + 1
		} else {
			ugle = strings.Clone(ugle)
			communes[ugle] = 1
		}
		a := b.args[b.rows*len(voterColumns):][:len(voterColumns)]
		a[0].Value, a[1].Value, a[2].Value = ugle, v.Text[reu.ListType], int64(line)
		for f := reu.BirthName; f < reu.OrderNumber; f++ {
			a[f+1].Value = v.Text[f]
		}
		if v.HasOrder {
			a[len(a)-1].Value = v.Order
		} else {
			a[len(a)-1].Value = nil
		}
		b.rows++
		rep.Imported++
		if b.rows == listBatch {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if b != nil && b.rows > 0 {
		return send()
	}
	return nil
}
