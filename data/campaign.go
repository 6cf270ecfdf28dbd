package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// Settings is the campaign's settings record: who runs it, its dates, its minimum of voters per
// unit and its time model.
type Settings struct {
	Name          string    `json:"name"`
	ElectionType  string    `json:"election_type"`
	ElectionDates []string  `json:"election_dates"`  // YYYY-MM-DD, one per round
	EndDate       string    `json:"end_date"`        // YYYY-MM-DD: the campaign's data is purged after it
	Controller    string    `json:"controller"`      // who decides the processing (responsable de traitement)
	Contact       string    `json:"contact"`         // where voters exercise their rights
	MinUnitVoters int       `json:"min_unit_voters"` // below this many voters, a unit exposes no indicator
	CreatedAt     time.Time `json:"created_at"`
	// The time model of turfs sized in minutes: walking speed in metres per minute, minutes at
	// each door and per voter behind it. Sides says how streets are walked: auto (wide streets
	// one side then the other, by their type), together (both sides at once) or apart.
	WalkSpeed float64 `json:"walk_speed"`
	PerDoor   float64 `json:"per_door"`
	PerVoter  float64 `json:"per_voter"`
	Sides     string  `json:"sides"`
	// MinUnitReason says why MinUnitVoters is under the default, as the register states it.
	MinUnitReason string `json:"min_unit_voters_reason,omitempty"`
	// Lang is the language the campaign's interface and commands speak, fr or en, unless --lang
	// says otherwise; empty: each user's environment.
	Lang string `json:"lang,omitempty"`
}

// Settings reads the campaign's settings, or ErrNoCampaign.
func (s *Store) Settings(ctx context.Context) (Settings, error) { return readSettings(ctx, s.db) }

// rowQuerier is what one-row reads run on: the store's pool or a transaction.
type rowQuerier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func readSettings(ctx context.Context, q rowQuerier) (Settings, error) {
	var c Settings
	var dates, created string
	err := q.QueryRowContext(ctx, `SELECT name, election_type, election_dates, end_date, controller,
		contact, min_unit_voters, min_unit_voters_reason, created_at, walk_speed, per_door, per_voter, sides, lang
		FROM campaign WHERE id = 1`).
		Scan(&c.Name, &c.ElectionType, &dates, &c.EndDate, &c.Controller, &c.Contact, &c.MinUnitVoters, &c.MinUnitReason,
			&created, &c.WalkSpeed, &c.PerDoor, &c.PerVoter, &c.Sides, &c.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNoCampaign
	}
	if err != nil {
		return c, err
	}
	c.ElectionDates = strings.Split(dates, ",")
	c.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return c, nil
}

// ErrCampaignExists means the file already has a campaign: `canvass init` records a new one only.
var ErrCampaignExists = errors.New("this file already has a campaign")

// InitCampaign records a new campaign with its audit entry, in one transaction; ErrCampaignExists
// if the file has one already.
func (s *Store) InitCampaign(ctx context.Context, c Settings, entry audit.Init) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := readSettings(ctx, tx); err == nil {
			return ErrCampaignExists
		} else if !errors.Is(err, ErrNoCampaign) {
			return err
		}
		if err := saveSettings(ctx, tx, c); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, entry)
	})
}

// UpdateSettings changes the campaign's settings in one transaction with its audit entry: change gets
// the record as stored and returns it changed, with the entry that records the change; an error
// from it changes nothing. It returns the record as saved.
func (s *Store) UpdateSettings(ctx context.Context, change func(Settings) (Settings, audit.Params, error)) (Settings, error) {
	var saved Settings
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		c, entry, err := change(c)
		if err != nil {
			return err
		}
		if err := saveSettings(ctx, tx, c); err != nil {
			return err
		}
		saved = c
		return s.appendAudit(ctx, tx, entry)
	})
	return saved, err
}

// saveSettings writes the campaign's settings, replacing the previous one.
func saveSettings(ctx context.Context, tx *sql.Tx, c Settings) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO campaign (id, name, election_type, election_dates, end_date,
		controller, contact, min_unit_voters, min_unit_voters_reason, created_at, walk_speed, per_door, per_voter, sides, lang)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, election_type = excluded.election_type,
		election_dates = excluded.election_dates, end_date = excluded.end_date, controller = excluded.controller,
		contact = excluded.contact, min_unit_voters = excluded.min_unit_voters,
		min_unit_voters_reason = excluded.min_unit_voters_reason, walk_speed = excluded.walk_speed,
		per_door = excluded.per_door, per_voter = excluded.per_voter, sides = excluded.sides, lang = excluded.lang`,
		c.Name, c.ElectionType, strings.Join(c.ElectionDates, ","), c.EndDate, c.Controller, c.Contact,
		c.MinUnitVoters, c.MinUnitReason, c.CreatedAt.UTC().Format(time.RFC3339), c.WalkSpeed, c.PerDoor, c.PerVoter, c.Sides, c.Lang)
	return err
}
