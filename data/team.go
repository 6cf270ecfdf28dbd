package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Member is a member of the campaign team as the store keeps them.
type Member struct {
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	Areas       []string  `json:"areas,omitempty"`
	Key         string    `json:"key"`         // "ssh-ed25519 AAAA...", without a comment
	Fingerprint string    `json:"fingerprint"` // SHA256:...
	AddedAt     time.Time `json:"added_at"`
}

// Errors of the team: no member by that name, a name or a key already in the team.
var (
	ErrNoMember     = errors.New("no member of the team by that name")
	ErrMemberExists = errors.New("already in the team")
	ErrKeyTaken     = errors.New("that key is already another member's")
)

// AddMember adds m to the team, folded being the name as compared, with its audit entry.
func (s *Store) AddMember(ctx context.Context, m Member, folded string, entry audit.TeamAdd) error {
	areas, _ := json.Marshal(orEmpty(m.Areas))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var taken string
		err := tx.QueryRowContext(ctx, "SELECT name FROM team WHERE folded = ? OR fingerprint = ?", folded, m.Fingerprint).Scan(&taken)
		switch {
		case err == nil && taken != "":
			var fp string
			_ = tx.QueryRowContext(ctx, "SELECT fingerprint FROM team WHERE name = ?", taken).Scan(&fp)
			if fp == m.Fingerprint {
				return i18n.Msg("data.team.key", "Name", taken, "Cause", ErrKeyTaken)
			}
			return i18n.Msg("data.team.exists", "Name", taken, "Cause", ErrMemberExists)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO team (name, folded, role, areas, key, fingerprint, added_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, m.Name, folded, m.Role, string(areas), m.Key, m.Fingerprint,
			s.now().UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, entry)
	})
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const memberColumns = "name, role, areas, key, fingerprint, added_at"

func scanMember(row interface{ Scan(...any) error }) (Member, error) {
	var m Member
	var areas, added string
	if err := row.Scan(&m.Name, &m.Role, &areas, &m.Key, &m.Fingerprint, &added); err != nil {
		return m, err
	}
	if err := json.Unmarshal([]byte(areas), &m.Areas); err != nil {
		return m, fmt.Errorf("team member %q: stored areas unreadable: %w", m.Name, err)
	}
	m.AddedAt, _ = time.Parse(time.RFC3339, added)
	return m, nil
}

// Members lists the team by name.
func (s *Store) Members(ctx context.Context) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+memberColumns+" FROM team ORDER BY folded")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MemberByKey finds the member whose key has fingerprint fp, or ErrNoMember.
func (s *Store) MemberByKey(ctx context.Context, fp string) (Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, "SELECT "+memberColumns+" FROM team WHERE fingerprint = ?", fp))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNoMember
	}
	return m, err
}

// MemberByName finds the member whose folded name is folded, or ErrNoMember.
func (s *Store) MemberByName(ctx context.Context, folded string) (Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, "SELECT "+memberColumns+" FROM team WHERE folded = ?", folded))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNoMember
	}
	return m, err
}

// RemoveMember removes the member whose folded name is folded, with its audit entry.
func (s *Store) RemoveMember(ctx context.Context, folded string, entry audit.TeamRemove) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM team WHERE folded = ?", folded)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q", ErrNoMember, entry.Name)
		}
		return s.appendAudit(ctx, tx, entry)
	})
}

// SetMemberRole changes the role and areas of the member whose folded name is folded; entry is
// made from the member as they were.
func (s *Store) SetMemberRole(ctx context.Context, folded, role string, areas []string, entry func(was Member) audit.TeamRole) error {
	js, _ := json.Marshal(orEmpty(areas))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		was, err := scanMember(tx.QueryRowContext(ctx, "SELECT "+memberColumns+" FROM team WHERE folded = ?", folded))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNoMember
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE team SET role = ?, areas = ? WHERE folded = ?", role, string(js), folded); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, entry(was))
	})
}
