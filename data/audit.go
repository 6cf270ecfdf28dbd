package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AuditEntry is one line of the audit trail. Params hold identifiers and counts, never personal data.
type AuditEntry struct {
	ID        int64          `json:"id"`
	At        time.Time      `json:"at"`
	Operation string         `json:"operation"`
	Params    map[string]any `json:"params"`
	PrevHash  string         `json:"prev_hash"`
	Hash      string         `json:"hash"`
}

// genesisHash is the previous hash of the first entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// entryHash chains an entry to its predecessor: editing or deleting any entry breaks every later hash.
func entryHash(prev, at, op, params string) string {
	h := sha256.New()
	for _, part := range []string{prev, at, op, params} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AppendAudit appends an entry to the audit trail.
func (s *Store) AppendAudit(ctx context.Context, op string, params map[string]any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return appendAudit(ctx, tx, op, params) })
}

// appendAudit appends inside an existing transaction, so that an import and its audit entry land
// together or not at all.
func appendAudit(ctx context.Context, tx *sql.Tx, op string, params map[string]any) error {
	if params == nil {
		params = map[string]any{}
	}
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	prev := genesisHash
	err = tx.QueryRowContext(ctx, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	at := time.Now().UTC().Format(time.RFC3339Nano)
	_, err = tx.ExecContext(ctx, "INSERT INTO audit (at, operation, params, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
		at, op, string(body), prev, entryHash(prev, at, op, string(body)))
	return err
}

// Audit lists the audit trail, oldest first.
func (s *Store) Audit(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, at, operation, params, prev_hash, hash FROM audit ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at, params string
		if err := rows.Scan(&e.ID, &at, &e.Operation, &params, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		if err := json.Unmarshal([]byte(params), &e.Params); err != nil {
			e.Params = map[string]any{"unreadable": params}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
