package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// auditStore is a store whose trail has n entries, and the path of its file.
func auditStore(t *testing.T, n int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "campaign.db")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range n {
		if err := s.AppendAudit(context.Background(), audit.PlanDelete{Name: fmt.Sprint("step ", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// tamper changes the campaign file behind the store's back, as anyone with the file could.
func tamper(t *testing.T, path, query string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestVerifyAuditIntact(t *testing.T) {
	s, _ := auditStore(t, 5)
	chk, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	trail, _ := s.Audit(context.Background())
	if !chk.Intact || chk.Entries != 5 || chk.BrokenAt != 0 || chk.LastHash != trail[4].Hash {
		t.Fatalf("intact trail of 5: %+v", chk)
	}
}

func TestVerifyAuditEmpty(t *testing.T) {
	s, _ := auditStore(t, 0)
	chk, err := s.VerifyAudit(context.Background())
	if err != nil || !chk.Intact || chk.Entries != 0 {
		t.Fatalf("empty trail: %+v, %v", chk, err)
	}
}

func TestVerifyAuditFindsTheFirstBrokenEntry(t *testing.T) {
	for _, tc := range []struct {
		name    string
		query   string
		at      int64
		problem string
	}{
		{"edited parameters", `UPDATE audit SET params = '{"step":30}' WHERE id = 3`, 3, "edited"},
		{"edited operation", `UPDATE audit SET operation = 'nothing' WHERE id = 2`, 2, "edited"},
		{"deleted in the middle", `DELETE FROM audit WHERE id = 3`, 4, "entry 3 before it is missing"},
		{"two deleted", `DELETE FROM audit WHERE id IN (2, 3)`, 4, "entries 2 to 3 before it are missing"},
		{"first deleted", `DELETE FROM audit WHERE id = 1`, 2, "entry 1 before it is missing"},
		{"last deleted", `DELETE FROM audit WHERE id = 5`, 5, "the last 1 were deleted"},
		{"inserted at the end", `INSERT INTO audit (at, operation, params, prev_hash, hash)
			SELECT at, 'forged', '{}', hash, hash FROM audit WHERE id = 5`, 6, "edited"},
		{"head deleted", `DELETE FROM audit_head`, 5, "length is missing"},
		{"last replaced, head kept", `UPDATE audit SET hash = 'y' WHERE id = 5`, 5, "edited"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := auditStore(t, 5)
			tamper(t, path, tc.query)
			chk, err := s.VerifyAudit(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if chk.Intact || chk.BrokenAt != tc.at || !strings.Contains(chk.Problem, tc.problem) {
				t.Fatalf("want broken at %d (%s), got %+v", tc.at, tc.problem, chk)
			}
		})
	}
}

func TestVerifyAuditAfterATruncationAndANewEntry(t *testing.T) {
	// Deleting the last entries and appending again keeps the chain whole: the head's count shows it.
	s, path := auditStore(t, 5)
	tamper(t, path, "DELETE FROM audit WHERE id >= 4")
	if err := s.AppendAudit(context.Background(), audit.PlanDelete{Name: "after"}); err != nil {
		t.Fatal(err)
	}
	chk, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if chk.Intact || !strings.Contains(chk.Problem, "6 entries were appended but 4 remain") {
		t.Fatalf("truncated then appended: %+v", chk)
	}
}

func TestAuditHeadStartsFromAnExistingTrail(t *testing.T) {
	// A file written before migration 0005 has a trail and no head: the migration counts it.
	s, path := auditStore(t, 3)
	s.Close()
	tamper(t, path, "DROP TABLE audit_head")
	body, err := migrations.ReadFile("migrations/0005_audit_head.sql")
	if err != nil {
		t.Fatal(err)
	}
	tamper(t, path, string(body))
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	chk, err := s.VerifyAudit(context.Background())
	if err != nil || !chk.Intact || chk.Entries != 3 {
		t.Fatalf("migrated trail: %+v, %v", chk, err)
	}
}

func TestVerifyAuditFindsAnEntryEditedAndRehashed(t *testing.T) {
	// Whoever edits an entry and recomputes its hash breaks the link of the next one.
	s, path := auditStore(t, 5)
	trail, _ := s.Audit(context.Background())
	var at string
	s.db.QueryRow("SELECT at FROM audit WHERE id = 3").Scan(&at)
	forged := entryHash(trail[2].PrevHash, at, "plan.delete", `{"name":"forged"}`, "")
	tamper(t, path, `UPDATE audit SET params = '{"name":"forged"}', hash = '`+forged+`' WHERE id = 3`)
	chk, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if chk.Intact || chk.BrokenAt != 4 || !strings.Contains(chk.Problem, "does not follow") {
		t.Fatalf("rehashed entry 3: %+v", chk)
	}
}
