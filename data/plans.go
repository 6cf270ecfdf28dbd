package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// StoredPlan is a plan as the store keeps it: the domain's turfs and parameters travel as JSON.
type StoredPlan struct {
	ID        int64
	Name      string
	Level     string
	Rule      string
	Params    json.RawMessage
	CreatedAt time.Time
	Turfs     []StoredTurf
}

// StoredTurf is one turf of a stored plan.
type StoredTurf struct {
	ID        int64
	Seq       int    // 1-based number within the plan
	Area      string // the area it is in; "" when streets were pooled
	Doors     int
	Voters    int
	Metres    float64
	Minutes   float64
	Stops     json.RawMessage
	Volunteer string
	Date      string
	Outcomes  []Outcome // what volunteers reported, by street
	// Path is the walk along the street network, lon/lat; nil for a plan measured in straight lines.
	Path orb.LineString
}

// ErrNoPlan means no plan has that name.
var ErrNoPlan = errors.New("no plan by that name")

// noPlan is ErrNoPlan for the plan name, in the reader's language.
func noPlan(name string) error { return i18n.Msg("data.plan.none", "Name", name, "Cause", ErrNoPlan) }

// SavePlan stores a plan, replacing the plan of the same name (re-running it after new data) and
// its assignments, in one transaction. Recorded outcomes stay: they are what was done.
func (s *Store) SavePlan(ctx context.Context, p StoredPlan, entry audit.Plan) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM plans WHERE name = ?", p.Name); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO plans (name, level, rule, params, created_at) VALUES (?, ?, ?, ?, ?)",
			p.Name, p.Level, p.Rule, string(p.Params), p.CreatedAt.UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		planID, _ := res.LastInsertId()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO turfs (plan_id, seq, area, doors, voters, metres, minutes, stops,
			volunteer, visit_date, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, t := range p.Turfs {
			var path []byte
			if t.Path != nil {
				if path, err = wkb.Marshal(t.Path); err != nil {
					return err
				}
			}
			if _, err := ins.ExecContext(ctx, planID, t.Seq, t.Area, t.Doors, t.Voters, t.Metres, t.Minutes, string(t.Stops),
				t.Volunteer, t.Date, path); err != nil {
				return err
			}
		}
		return s.appendAudit(ctx, tx, entry)
	})
}

// Plans lists the stored plans without their turfs, newest first.
func (s *Store) Plans(ctx context.Context) ([]StoredPlan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.name, p.level, p.rule, p.params, p.created_at FROM plans p
		ORDER BY p.created_at DESC, p.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredPlan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func scanPlan(row interface{ Scan(...any) error }) (StoredPlan, error) {
	var p StoredPlan
	var params, created string
	if err := row.Scan(&p.ID, &p.Name, &p.Level, &p.Rule, &params, &created); err != nil {
		return p, err
	}
	p.Params = json.RawMessage(params)
	p.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return p, nil
}

// Plan reads one plan with its turfs, or ErrNoPlan.
func (s *Store) Plan(ctx context.Context, name string) (StoredPlan, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx, "SELECT id, name, level, rule, params, created_at FROM plans WHERE name = ?", name))
	if errors.Is(err, sql.ErrNoRows) {
		return p, noPlan(name)
	}
	if err != nil {
		return p, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, seq, area, doors, voters, metres, minutes, stops, volunteer, visit_date, path
		FROM turfs WHERE plan_id = ? ORDER BY seq`, p.ID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var t StoredTurf
		var stops string
		var path []byte
		if err := rows.Scan(&t.ID, &t.Seq, &t.Area, &t.Doors, &t.Voters, &t.Metres, &t.Minutes, &stops, &t.Volunteer, &t.Date, &path); err != nil {
			return p, err
		}
		t.Stops = json.RawMessage(stops)
		if path != nil {
			g, err := wkb.Unmarshal(path)
			ls, ok := g.(orb.LineString)
			if err != nil || !ok {
				return p, fmt.Errorf("plan %q turf %d: stored path unreadable", name, t.Seq)
			}
			t.Path = ls
		}
		p.Turfs = append(p.Turfs, t)
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	return p, s.readOutcomes(ctx, &p)
}

// readOutcomes attaches to each turf of p the outcomes recorded for it.
func (s *Store) readOutcomes(ctx context.Context, p *StoredPlan) error {
	rows, err := s.db.QueryContext(ctx, `SELECT turf, street_id, knocked, answered, leaflets, recorded_on
		FROM outcomes WHERE plan = ? ORDER BY turf, street_id`, p.Name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var o Outcome
		if err := rows.Scan(&seq, &o.StreetID, &o.Knocked, &o.Answered, &o.Leaflets, &o.On); err != nil {
			return err
		}
		if seq >= 1 && seq <= len(p.Turfs) {
			p.Turfs[seq-1].Outcomes = append(p.Turfs[seq-1].Outcomes, o)
		}
	}
	return rows.Err()
}

// DeletePlan deletes a plan with its turfs; recorded outcomes stay, for coverage.
func (s *Store) DeletePlan(ctx context.Context, name string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM plans WHERE name = ?", name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return noPlan(name)
		}
		return s.appendAudit(ctx, tx, audit.PlanDelete{Name: name})
	})
}

// Assignment is who walks a turf and when.
type Assignment struct {
	Volunteer string
	Date      string
}

// ConflictError is a change refused because what it changes has changed since the person making
// it read it: By is who changed it last ("" when not known or not over SSH).
type ConflictError struct{ By string }

// Error says the conflict.
func (e *ConflictError) Error() string { return "changed since it was read" }

// AssignTurf records who walks a turf and when. When changed is given, it is asked about the
// assignment as it stands, in the transaction: true refuses with a ConflictError.
func (s *Store) AssignTurf(ctx context.Context, plan string, seq int, volunteer, date string, changed func(Assignment) bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var now Assignment
		err := tx.QueryRowContext(ctx, `SELECT t.volunteer, t.visit_date FROM turfs t JOIN plans p ON p.id = t.plan_id
			WHERE p.name = ? AND t.seq = ?`, plan, seq).Scan(&now.Volunteer, &now.Date)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("plan %q has no turf %d", plan, seq)
		}
		if err != nil {
			return err
		}
		if changed != nil && changed(now) {
			return &ConflictError{By: lastActor(ctx, tx, audit.OpPlanAssign, plan, seq, "")}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE turfs SET volunteer = ?, visit_date = ?
			WHERE seq = ? AND plan_id = (SELECT id FROM plans WHERE name = ?)`, volunteer, date, seq, plan); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.PlanAssign{Plan: plan, Turf: seq, Volunteer: volunteer, Date: date})
	})
}

// lastActor is who made the last entry of op on turf seq of plan (and street, when given).
func lastActor(ctx context.Context, tx *sql.Tx, op audit.Op, plan string, seq int, street string) string {
	var by string
	_ = tx.QueryRowContext(ctx, `SELECT actor FROM audit WHERE operation = ? AND json_extract(params, '$.plan') = ?
		AND json_extract(params, '$.turf') = ? AND (? = '' OR json_extract(params, '$.street') = ?) ORDER BY id DESC LIMIT 1`,
		string(op), plan, seq, street, street).Scan(&by)
	return by
}

// Outcome is what a volunteer reports for one street of a turf.
type Outcome struct {
	StreetID string `json:"street_id"`
	Knocked  int    `json:"knocked"`
	Answered int    `json:"answered"`
	Leaflets int    `json:"leaflets"`
	On       string `json:"on"`
}

// RecordOutcome records (or corrects) the outcome of a street of a turf. When changed is given,
// it is asked about the street's outcome as it stands (nil when none), in the transaction: true
// refuses with a ConflictError.
func (s *Store) RecordOutcome(ctx context.Context, plan string, seq int, o Outcome, changed func(*Outcome) bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM turfs t JOIN plans p ON p.id = t.plan_id
			WHERE p.name = ? AND t.seq = ?`, plan, seq).Scan(&n)
		if err == nil && n == 0 {
			return fmt.Errorf("plan %q has no turf %d", plan, seq)
		}
		if err != nil {
			return err
		}
		if changed != nil {
			var now Outcome
			err := tx.QueryRowContext(ctx, `SELECT street_id, knocked, answered, leaflets, recorded_on FROM outcomes
				WHERE plan = ? AND turf = ? AND street_id = ?`, plan, seq, o.StreetID).
				Scan(&now.StreetID, &now.Knocked, &now.Answered, &now.Leaflets, &now.On)
			var cur *Outcome
			switch {
			case err == nil:
				cur = &now
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			if changed(cur) {
				return &ConflictError{By: lastActor(ctx, tx, audit.OpPlanOutcome, plan, seq, o.StreetID)}
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO outcomes (plan, turf, street_id, knocked, answered, leaflets, recorded_on)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan, turf, street_id) DO UPDATE SET knocked = excluded.knocked,
			answered = excluded.answered, leaflets = excluded.leaflets, recorded_on = excluded.recorded_on`,
			plan, seq, o.StreetID, o.Knocked, o.Answered, o.Leaflets, o.On)
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.PlanOutcome{Plan: plan, Turf: seq, Street: o.StreetID,
			Knocked: o.Knocked, Answered: o.Answered, Leaflets: o.Leaflets})
	})
}
