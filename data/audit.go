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

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// AuditEntry is one line of the audit trail. Params hold identifiers and counts, never personal
// data: as a map for display, and typed through Typed.
type AuditEntry struct {
	ID        int64          `json:"id"`
	At        time.Time      `json:"at"`
	Operation audit.Op       `json:"operation"`
	Actor     string         `json:"actor,omitempty"` // the member who did it over SSH; "" on the file's own machine
	Params    map[string]any `json:"params"`
	PrevHash  string         `json:"prev_hash"`
	Hash      string         `json:"hash"`
	raw       string         // the parameters as stored
}

// Typed reads the entry's parameters as the type of its operation (see package audit).
func (e AuditEntry) Typed() (audit.Params, error) { return audit.Decode(e.Operation, []byte(e.raw)) }

// genesisHash is the previous hash of the first entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// entryHash chains an entry to its predecessor: editing or deleting any entry breaks every later hash.
// The actor is hashed only when there is one, so that entries written before the team existed keep
// their hashes.
func entryHash(prev, at, op, params, actor string) string {
	h := sha256.New()
	parts := []string{prev, at, op, params}
	if actor != "" {
		parts = append(parts, actor)
	}
	for _, part := range parts {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

type actorKey struct{}

// WithActor makes the audit entries written under ctx name actor as who did the act: the member
// of the team acting over SSH.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// actorOf is the actor WithActor put in ctx, or "".
func actorOf(ctx context.Context) string {
	a, _ := ctx.Value(actorKey{}).(string)
	return a
}

// AppendAudit appends an entry to the audit trail, in a transaction of its own: for an act that
// is not stored (a refusal), or one recorded before it is done.
func (s *Store) AppendAudit(ctx context.Context, p audit.Params) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.appendAudit(ctx, tx, p) })
}

// Audited runs act after appending p to the audit trail, in one transaction: the entry is
// committed only if act succeeds, and act is never done without its entry. Acts outside the store
// (writing files) use it so that what was written is always accounted for; when the commit fails
// after act, the caller undoes what act did.
func (s *Store) Audited(ctx context.Context, p audit.Params, act func() error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.appendAudit(ctx, tx, p); err != nil {
			return err
		}
		return act()
	})
}

// appendAudit appends inside an existing transaction, so that an act and its audit entry land
// together or not at all.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, p audit.Params) error {
	body, err := audit.Encode(p)
	if err != nil {
		return err
	}
	op := string(p.Op())
	prev := genesisHash
	err = tx.QueryRowContext(ctx, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	at, actor := s.now().UTC().Format(time.RFC3339Nano), actorOf(ctx)
	hash := entryHash(prev, at, op, string(body), actor)
	_, err = tx.ExecContext(ctx, "INSERT INTO audit (at, operation, params, prev_hash, hash, actor) VALUES (?, ?, ?, ?, ?, ?)",
		at, op, string(body), prev, hash, actor)
	if err != nil {
		return err
	}
	// The head counts appends rather than rows, so a deleted last entry leaves it one ahead.
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_head (id, entries, last_hash) VALUES (1, 1, ?)
		ON CONFLICT (id) DO UPDATE SET entries = entries + 1, last_hash = excluded.last_hash`, hash)
	return err
}

// Audit lists the audit trail, oldest first.
func (s *Store) Audit(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, at, operation, params, prev_hash, hash, actor FROM audit ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at, params string
		if err := rows.Scan(&e.ID, &at, &e.Operation, &params, &e.PrevHash, &e.Hash, &e.Actor); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		e.raw = params
		if err := json.Unmarshal([]byte(params), &e.Params); err != nil {
			e.Params = map[string]any{"unreadable": params}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditCheck is what verifying the audit trail found.
type AuditCheck struct {
	Entries  int          `json:"entries"`             // entries in the trail
	LastHash string       `json:"last_hash"`           // hash of the last entry: write it down to anchor the trail
	Intact   bool         `json:"intact"`              // every entry chains to the one before and the head agrees
	BrokenAt int64        `json:"broken_at,omitempty"` // id of the first entry that fails; 0 when intact
	Problem  string       `json:"problem,omitempty"`   // what is wrong there, in English
	Why      i18n.Message `json:"-"`                   // what is wrong there, in the reader's language
}

// Reason is what is wrong as a message: Why, or Problem said as it is when Why is not set.
func (c AuditCheck) Reason() i18n.Message {
	if c.Why.ID == "" {
		return i18n.Msg("import.cause", "Err", c.Problem)
	}
	return c.Why
}

// VerifyAudit recomputes the chain: each entry's hash from its content and the previous entry's
// hash, ids without gaps from 1, and the head (count of appends, last hash) against the last
// entry. It reports the first entry that fails. The chain shows a naive edit, deletion or
// insertion; someone who can write the file can still rewrite every entry and the head
// consistently, which only a copy of LastHash kept elsewhere reveals.
func (s *Store) VerifyAudit(ctx context.Context) (AuditCheck, error) {
	var chk AuditCheck
	rows, err := s.db.QueryContext(ctx, "SELECT id, at, operation, params, prev_hash, hash, actor FROM audit ORDER BY id")
	if err != nil {
		return chk, err
	}
	defer rows.Close()
	prev, wantID := genesisHash, int64(1)
	broken := func(id int64, why i18n.Message) {
		if chk.BrokenAt == 0 {
			chk.BrokenAt, chk.Problem, chk.Why = id, why.Error(), why
		}
	}
	for rows.Next() {
		var id int64
		var at, op, params, prevHash, hash, actor string
		if err := rows.Scan(&id, &at, &op, &params, &prevHash, &hash, &actor); err != nil {
			return chk, err
		}
		chk.Entries++
		switch {
		case id > wantID && id == wantID+1:
			broken(id, i18n.Msg("data.audit.missing.one", "Entry", wantID))
		case id > wantID:
			broken(id, i18n.Msg("data.audit.missing", "From", wantID, "To", id-1))
		case prevHash != prev:
			broken(id, i18n.Msg("data.audit.chain"))
		case entryHash(prevHash, at, op, params, actor) != hash:
			broken(id, i18n.Msg("data.audit.hash"))
		}
		prev, wantID = hash, id+1
	}
	if err := rows.Err(); err != nil {
		return chk, err
	}
	chk.LastHash = prev
	var appended int
	var headHash string
	err = s.db.QueryRowContext(ctx, "SELECT entries, last_hash FROM audit_head WHERE id = 1").Scan(&appended, &headHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if chk.Entries > 0 {
			broken(wantID-1, i18n.Msg("data.audit.head"))
		}
	case err != nil:
		return chk, err
	case appended > chk.Entries:
		broken(wantID, i18n.Msg("data.audit.deleted", "Appended", appended, "Remain", chk.Entries, "Deleted", appended-chk.Entries))
	case appended < chk.Entries:
		broken(wantID-1, i18n.Msg("data.audit.added", "Appended", appended, "There", chk.Entries))
	case headHash != prev:
		broken(wantID-1, i18n.Msg("data.audit.last"))
	}
	chk.Intact = chk.BrokenAt == 0
	return chk, nil
}
