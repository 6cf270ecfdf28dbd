// Package data is the campaign store: one SQLite file per campaign, its schema, and the importers
// that fill it from the files organizers hold (electoral list, BAN addresses, area layers, results).
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3" // the SQLite driver, R*Tree compiled in
	_ "time/tzdata"               // Europe/Paris everywhere, even without the system's zone files
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open campaign file.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time // the clock of audit entries and records
	wait func()           // called once a transaction has to wait for another writer; may be nil
	// resultCache keeps the results read by station, with the head of the audit trail when they
	// were: counts of areas read them again and again, and they change only by an import, which
	// is audited.
	resultCache struct {
		sync.Mutex
		fingerprint string
		byStation   map[string]Result
	}
}

// ErrNoFile means the campaign file does not exist: only `canvass init` (and the demo) create one.
var ErrNoFile = errors.New("no campaign file")

// Open opens the existing campaign file at path and brings its schema up to date. A path that
// does not exist is an ErrNoFile: a typo must not make a new, empty campaign.
func Open(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w %s: create it with `canvass init --db %s ...` (see `canvass init --help`)", ErrNoFile, path, path)
	}
	return open(path, 0)
}

// Create opens the campaign file at path, creating it if it does not exist.
func Create(path string) (*Store, error) { return open(path, os.O_CREATE) }

// privateFiles are the campaign file and the files SQLite keeps beside it, all of which hold
// voters' data.
func privateFiles(path string) []string {
	return []string{path, path + "-wal", path + "-shm", path + "-journal"}
}

// open opens the file at path (flags may add os.O_CREATE) readable by its owner only, whatever mode
// it had: it holds voters' personal data, and SQLite gives the files it creates beside it (the
// write-ahead log, the shared memory index) the mode of the campaign file.
func open(path string, flags int) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|flags, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open campaign store: %w", err)
	}
	err = f.Chmod(0o600)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("open campaign store: make %s private: %w", path, err)
	}
	for _, p := range privateFiles(path)[1:] {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open campaign store: make %s private: %w", p, err)
		}
	}
	// Immediate transactions take the write lock when they begin, so that the busy timeout can
	// make them wait for another writer; a deferred one that read first would fail at once.
	dsn := "file:" + url.PathEscape(path) +
		"?_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=5000&_txlock=immediate"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open campaign store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Paris is the time zone of campaign dates (end date, the day an objection was recorded, today):
// they are French calendar days, whatever the machine's zone.
var Paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err) // time/tzdata is linked in: this cannot fail
	}
	return loc
}()

// Today is the calendar day in Paris at instant t, YYYY-MM-DD.
func Today(t time.Time) string { return t.In(Paris).Format(time.DateOnly) }

// SetClock makes the store date its audit entries and records from now.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// OnWait sets what to do (tell the user) when a write has to wait for another program writing to
// the same campaign file: it is called once per transaction that waits.
func (s *Store) OnWait(fn func()) { s.wait = fn }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// migrate applies, in order, every embedded migration newer than the file's user_version.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("not a canvass campaign file (%v)", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	latest := 0
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		latest = max(latest, n)
		if n <= version {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", n))
			return err
		})
		if err != nil {
			return err
		}
	}
	if version > latest {
		return fmt.Errorf("this campaign file was written by a newer canvass (schema %d); update canvass", version)
	}
	return nil
}

// inTx runs fn in one transaction, committed if fn returns nil and rolled back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.begin(ctx, s.db)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// begin starts a write transaction on db (the store's pool or one of its connections). While
// another program holds the campaign's write lock past the busy timeout, it says so once through
// the OnWait function and keeps waiting, until the lock is free or ctx is done.
func (s *Store) begin(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}) (*sql.Tx, error) {
	told := false
	for {
		tx, err := db.BeginTx(ctx, nil)
		if !isBusy(err) {
			return tx, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !told && s.wait != nil {
			s.wait()
		}
		told = true
		select { // the busy timeout waited already; this only keeps a failing BEGIN from spinning
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked": another connection writes.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// ErrNoCampaign means the store has no campaign yet: run `canvass init` first.
var ErrNoCampaign = errors.New("no campaign in this file yet: run `canvass init` first")
