package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Campaign is the campaign's settings record.
type Campaign struct {
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
}

// Campaign reads the campaign record, or ErrNoCampaign.
func (s *Store) Campaign(ctx context.Context) (Campaign, error) {
	var c Campaign
	var dates, created string
	err := s.db.QueryRowContext(ctx, `SELECT name, election_type, election_dates, end_date, controller,
		contact, min_unit_voters, min_unit_voters_reason, created_at, walk_speed, per_door, per_voter, sides
		FROM campaign WHERE id = 1`).
		Scan(&c.Name, &c.ElectionType, &dates, &c.EndDate, &c.Controller, &c.Contact, &c.MinUnitVoters, &c.MinUnitReason,
			&created, &c.WalkSpeed, &c.PerDoor, &c.PerVoter, &c.Sides)
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

// SaveCampaign writes the campaign record, replacing the previous one.
func (s *Store) SaveCampaign(ctx context.Context, c Campaign) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO campaign (id, name, election_type, election_dates, end_date,
		controller, contact, min_unit_voters, min_unit_voters_reason, created_at, walk_speed, per_door, per_voter, sides)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, election_type = excluded.election_type,
		election_dates = excluded.election_dates, end_date = excluded.end_date, controller = excluded.controller,
		contact = excluded.contact, min_unit_voters = excluded.min_unit_voters,
		min_unit_voters_reason = excluded.min_unit_voters_reason, walk_speed = excluded.walk_speed,
		per_door = excluded.per_door, per_voter = excluded.per_voter, sides = excluded.sides`,
		c.Name, c.ElectionType, strings.Join(c.ElectionDates, ","), c.EndDate, c.Controller, c.Contact,
		c.MinUnitVoters, c.MinUnitReason, c.CreatedAt.UTC().Format(time.RFC3339), c.WalkSpeed, c.PerDoor, c.PerVoter, c.Sides)
	return err
}
