package data

import (
	"context"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Counts is what the store holds, by kind.
type Counts struct {
	Voters    int            `json:"voters"`
	Addresses int            `json:"addresses"`
	Areas     map[string]int `json:"areas"` // by level
	// Stations counts, by level, the areas that are polling stations: their code has results.
	Stations   map[string]int `json:"stations"`
	Results    int            `json:"results"`
	Consents   int            `json:"consents"`
	Opposition int            `json:"opposition"`
	Plans      int            `json:"plans"`
	Network    int            `json:"network_segments"` // segments of the street network walks follow
}

// Levels are the area levels, from largest to smallest.
var Levels = []string{"constituency", "neighborhood", "street"}

// levelNames are the messages naming each level.
var levelNames = map[string]string{
	"constituency": "level.constituency", "neighborhood": "level.neighborhood", "street": "level.street",
}

// LevelName is level as a person reads it, in their language; a level not in Levels as it is.
func LevelName(level string) i18n.Message {
	if id, ok := levelNames[level]; ok {
		return i18n.Msg(id)
	}
	return i18n.Msg("usage.text", "Text", level)
}

// Counts counts what the store holds.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	c := Counts{Areas: map[string]int{}, Stations: map[string]int{}}
	for _, q := range []struct {
		sql string
		n   *int
	}{
		{"SELECT count(*) FROM voters", &c.Voters},
		{"SELECT count(*) FROM addresses", &c.Addresses},
		{"SELECT count(*) FROM results", &c.Results},
		{"SELECT count(*) FROM consents", &c.Consents},
		{"SELECT count(*) FROM opposition", &c.Opposition},
		{"SELECT count(*) FROM plans", &c.Plans},
		{"SELECT count(*) FROM street_segments", &c.Network},
	} {
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(q.n); err != nil {
			return c, err
		}
	}
	for _, l := range Levels {
		c.Areas[l] = 0
	}
	if err := s.countByLevel(ctx, "SELECT level, count(*) FROM areas GROUP BY level", c.Areas); err != nil {
		return c, err
	}
	return c, s.countByLevel(ctx, `SELECT level, count(*) FROM areas a
		WHERE EXISTS (SELECT 1 FROM results r WHERE r.station = a.code) GROUP BY level`, c.Stations)
}

// countByLevel runs a query of (level, count) rows into into.
func (s *Store) countByLevel(ctx context.Context, query string, into map[string]int) error {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var level string
		var n int
		if err := rows.Scan(&level, &n); err != nil {
			return err
		}
		into[level] = n
	}
	return rows.Err()
}
