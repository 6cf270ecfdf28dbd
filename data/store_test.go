package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// TestOpenMakesAnExistingFilePrivate: a campaign file created beforehand with the umask's mode
// (touch c.db: 0644) is made 0600, and so are the write-ahead log and shared memory beside it,
// once voters are in it.
func TestOpenMakesAnExistingFilePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644) // whatever the umask
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportList(context.Background(), "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if mode := st.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s is %o, want 0600: it holds voters' data", filepath.Base(p), mode)
		}
	}
}

// TestOpenMakesLeftoverLogsPrivate: a -wal and -shm left readable by others (by an earlier
// version, or copied) are made 0600 when the file is opened.
func TestOpenMakesLeftoverLogsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, 0o644)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %o after Open, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

// TestOpenDoesNotCreate: a mistyped path is an error saying how to create a campaign, and no
// file appears; Create makes one.
func TestOpenDoesNotCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.db")
	if s, err := Open(path); !errors.Is(err, ErrNoFile) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open of a missing file: %v, want ErrNoFile", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open created %s", path)
	}
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("Create: %v, %v", st, err)
	}
}

// TestConcurrentWriters writes outcomes, audit entries and plans from many goroutines at once,
// through one store and through stores of their own (as separate programs would): every write
// succeeds, where deferred transactions gave "database is locked".
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	shared, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	ctx := context.Background()
	if err := shared.SavePlan(ctx, StoredPlan{Name: "p", Level: "street", Params: json.RawMessage(`{}`),
		Turfs: []StoredTurf{{Seq: 1, Stops: json.RawMessage(`[]`)}}}, audit.Plan{Name: "p"}); err != nil {
		t.Fatal(err)
	}
	const workers, each = 6, 25
	var wg sync.WaitGroup
	var failures atomic.Int64
	var firstErr sync.Once
	for w := range workers {
		s := shared
		if w%2 == 1 {
			if s, err = Open(path); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				var err error
				switch i % 3 {
				case 0:
					err = s.RecordOutcome(ctx, "p", 1, Outcome{StreetID: fmt.Sprintf("s%d_%d", w, i), Knocked: i}, nil)
				case 1:
					err = s.AppendAudit(ctx, audit.PlanDelete{Name: fmt.Sprintf("w%d-%d", w, i)})
				case 2:
					name := fmt.Sprintf("plan-%d-%d", w, i)
					err = s.SavePlan(ctx, StoredPlan{Name: name, Level: "street", Params: json.RawMessage(`{}`)}, audit.Plan{Name: name})
				}
				if err != nil {
					failures.Add(1)
					firstErr.Do(func() { t.Errorf("worker %d, write %d: %v", w, i, err) })
				}
			}
		}()
	}
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d concurrent writes failed", n, workers*each)
	}
	chk, err := shared.VerifyAudit(ctx)
	if err != nil || !chk.Intact || chk.Entries != 1+workers*each {
		t.Fatalf("audit trail after concurrent writes: %+v, %v (want %d entries, intact)", chk, err, 1+workers*each)
	}
}

// TestWriteWaitsForAnotherWriter: while another program holds the write lock longer than the busy
// timeout, a write says once that it waits, then succeeds when the lock is released.
func TestWriteWaitsForAnotherWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("waits past the 5 s busy timeout")
	}
	s := newStore(t)
	other, err := sql.Open("sqlite3", "file:"+s.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var waits atomic.Int64
	s.OnWait(func() { waits.Add(1) })
	done := make(chan error)
	go func() { done <- s.AppendAudit(context.Background(), audit.PlanDelete{Name: "after the wait"}) }()
	time.Sleep(5500 * time.Millisecond)
	if _, err := conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the write did not wait for the other writer: %v", err)
	}
	if waits.Load() != 1 {
		t.Errorf("OnWait called %d times, want once", waits.Load())
	}
}

// TestSaveGeographyComparesAndSets: geography computed before an import is not saved as fresh.
func TestSaveGeographyComparesAndSets(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	before, err := s.GeographyFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportList(ctx, "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BeginGeography(ctx, before); !errors.Is(err, ErrGeographyChanged) {
		t.Fatalf("saving geography read before an import: %v, want ErrGeographyChanged", err)
	}
	if stale, err := s.GeographyStale(ctx); err != nil || !stale {
		t.Fatalf("geography stale = %v, %v; want true", stale, err)
	}
	now, _ := s.GeographyFingerprint(ctx)
	w, err := s.BeginGeography(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportList(ctx, "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(ctx, GeographyTotals{}, audit.Geocode{}); !errors.Is(err, ErrGeographyChanged) {
		t.Fatalf("finishing geography begun before an import: %v, want ErrGeographyChanged", err)
	}
	if stale, err := s.GeographyStale(ctx); err != nil || !stale {
		t.Fatalf("geography stale = %v, %v after a refused finish; want true", stale, err)
	}
	now, _ = s.GeographyFingerprint(ctx)
	if w, err = s.BeginGeography(ctx, now); err == nil {
		err = w.Finish(ctx, GeographyTotals{}, audit.Geocode{})
	}
	if err != nil {
		t.Fatal(err)
	}
	if stale, err := s.GeographyStale(ctx); err != nil || stale {
		t.Fatalf("geography stale = %v, %v after saving it; want false", stale, err)
	}
}

// TestAuditReadsBackTyped: each entry is read back as the type it was written from.
func TestAuditReadsBackTyped(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	written := []audit.Params{
		audit.Init{Campaign: "C", Election: "municipales", ElectionDates: []string{"2027-03-14"}, End: "2027-06-30"},
		audit.CampaignSet{Changes: []audit.Change{{Field: "end", Old: "2027-06-30", New: "2027-07-31"}}},
		audit.Settings{MinUnitVoters: 12, WalkSpeed: 70, Sides: "auto"},
		audit.Import{Kind: audit.OpImportAreas, File: "a.geojson", Read: 3, Imported: 3, Layer: "iris", Level: "neighborhood"},
		audit.Geocode{Exact: 5, Outside: map[string]int{"iris": 1}},
		audit.Plan{Name: "est", Turfs: 3},
		audit.PlanPersonal{PersonalRequest: audit.PersonalRequest{Name: "l", Eligible: 2, Excluded: map[string]int{"opposition": 1}}},
		audit.RefusedPersonal{PersonalRequest: audit.PersonalRequest{Name: "l", Requested: 4}},
		audit.Export{Plan: "est", Formats: []string{"csv"}, Turfs: []int{1, 2}, Files: 2},
		audit.Purge{On: "2027-07-01", PurgeCounts: audit.PurgeCounts{Voters: 9}},
	}
	for _, p := range written {
		if err := s.AppendAudit(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	trail, err := s.Audit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range trail {
		got, err := e.Typed()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", written[i]) || e.Operation != written[i].Op() {
			t.Errorf("entry %d: %s %#v, want %#v", i+1, e.Operation, got, written[i])
		}
	}
}
