package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// PurgeCounts are the rows a purge deleted, by table.
type PurgeCounts = audit.PurgeCounts

// purged are the tables a purge empties, children first: everything personal or derived from the
// electoral list or the contacts (and the totals of geocoding, geographyTotals). What stays is public data (BAN addresses, area layers and which
// area holds each address, results), the campaign's settings, the opposition list (rule 4: it
// outlives every campaign) and the audit trail (rule 7: the purge itself must stay accountable).
var purged = []struct {
	table string
	count func(*PurgeCounts) *int
}{
	{"outcomes", func(c *PurgeCounts) *int { return &c.Outcomes }},
	{"door_outcomes", func(c *PurgeCounts) *int { return &c.DoorOutcomes }},
	{"place_notes", func(c *PurgeCounts) *int { return &c.PlaceNotes }},
	{"field_sheets", func(c *PurgeCounts) *int { return &c.FieldSheets }},
	{"turfs", func(c *PurgeCounts) *int { return &c.Turfs }},
	{"plans", func(c *PurgeCounts) *int { return &c.Plans }},
	{"voter_addresses", func(c *PurgeCounts) *int { return &c.VoterAddresses }},
	{"voters", func(c *PurgeCounts) *int { return &c.Voters }},
	{"consents", func(c *PurgeCounts) *int { return &c.Consents }},
	{"contacts", func(c *PurgeCounts) *int { return &c.Contacts }},
}

// Purge deletes the campaign's personal data (see purged) and records the purge (entry, with the
// counts filled in) in the audit trail, in one transaction; then it rebuilds the file (VACUUM) and empties
// the write-ahead log, so that the deleted rows are gone from the bytes on disk, not merely
// unlinked. It fails, having deleted but not yet compacted, when another connection keeps the log
// busy; running it again finishes the job.
func (s *Store) Purge(ctx context.Context, entry audit.Purge) (PurgeCounts, error) {
	var counts PurgeCounts
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return counts, err
	}
	defer conn.Close()
	// Freed cells and pages are overwritten with zeros, including the copies the log receives.
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return counts, err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA secure_delete = OFF")
	tx, err := s.begin(ctx, conn)
	if err != nil {
		return counts, err
	}
	defer tx.Rollback()
	for _, p := range purged {
		n := p.count(&counts)
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+p.table).Scan(n); err != nil {
			return counts, err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+p.table); err != nil {
			return counts, fmt.Errorf("purge %s: %w", p.table, err)
		}
	}
	// The totals geocoding kept count voters: gone too, and the geography stale (the next
	// geocoding counts what is left).
	for _, table := range geographyTotals {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return counts, fmt.Errorf("purge %s: %w", table, err)
		}
	}
	entry.PurgeCounts = counts
	if err := s.appendAudit(ctx, tx, entry); err != nil {
		return counts, err
	}
	if err := tx.Commit(); err != nil {
		return counts, err
	}
	if err := compact(ctx, conn); err != nil {
		return counts, fmt.Errorf("purge: the data is deleted but the file could not be compacted (%w); "+
			"close every other program using the campaign file and run the purge again", err)
	}
	return counts, nil
}

// compact rebuilds the file without its free pages and empties the write-ahead log, before (so the
// rebuild starts from the file itself) and after (so the rebuilt pages leave the log).
func compact(ctx context.Context, conn *sql.Conn) error {
	if err := checkpoint(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "VACUUM"); err != nil {
		return err
	}
	return checkpoint(ctx, conn)
}

// checkpoint copies the log into the file and truncates it, failing when a reader keeps it busy.
func checkpoint(ctx context.Context, conn *sql.Conn) error {
	var busy, logFrames, done int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("the write-ahead log is in use by another connection")
	}
	return nil
}
