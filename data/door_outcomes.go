package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// FieldSheet is a field sheet as exported: its plan, the plan's fingerprint then, its turf and the
// turf's stops (the domain's JSON) in the order the sheet numbered doors.
type FieldSheet struct {
	Plan        string
	Fingerprint string
	Turf        int
	Stops       json.RawMessage
	ExportedAt  string
}

// ErrNoSheet means no field sheet of that plan, fingerprint and turf was exported from this file.
var ErrNoSheet = errors.New("no field sheet of that plan, fingerprint and turf was exported from this campaign file")

// RecordSheets remembers the field sheets just exported; a sheet exported again replaces its
// earlier copy (same doors, maybe newer do-not-knock marks).
func (s *Store) RecordSheets(ctx context.Context, sheets []FieldSheet) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, f := range sheets {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO field_sheets (plan, fingerprint, turf, stops, exported_at)
				VALUES (?, ?, ?, ?, ?)`, f.Plan, f.Fingerprint, f.Turf, string(f.Stops), f.ExportedAt); err != nil {
				return err
			}
		}
		return nil
	})
}

// Sheet reads an exported field sheet, or ErrNoSheet.
func (s *Store) Sheet(ctx context.Context, plan, fingerprint string, turf int) (FieldSheet, error) {
	f := FieldSheet{Plan: plan, Fingerprint: fingerprint, Turf: turf}
	var stops string
	err := s.db.QueryRowContext(ctx, `SELECT stops, exported_at FROM field_sheets WHERE plan = ? AND fingerprint = ? AND turf = ?`,
		plan, fingerprint, turf).Scan(&stops, &f.ExportedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNoSheet
	}
	f.Stops = json.RawMessage(stops)
	return f, err
}

// StreetAddresses lists the BAN addresses of each street asked for, by street id.
func (s *Store) StreetAddresses(ctx context.Context, streetIDs []string) (map[string][]AddressPoint, error) {
	out := map[string][]AddressPoint{}
	for _, id := range streetIDs {
		if _, done := out[id]; done {
			continue
		}
		// Address ids are STREET_NUMBER[_REP]: the range [STREET_, STREET`) holds the street's, by index.
		rows, err := s.db.QueryContext(ctx, `SELECT id, street, coalesce(number, 0), rep, postcode, insee, lon, lat
			FROM addresses WHERE id >= ? AND id < ? ORDER BY id`, id+"_", id+"`")
		if err != nil {
			return nil, err
		}
		list := []AddressPoint{}
		for rows.Next() {
			var a AddressPoint
			if err := rows.Scan(&a.ID, &a.Street, &a.Number, &a.Rep, &a.Postcode, &a.Insee, &a.Lon, &a.Lat); err != nil {
				rows.Close()
				return nil, err
			}
			a.StreetID = id
			list = append(list, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out[id] = list
	}
	return out, nil
}

// DoorOutcome is a door's outcome recorded from a field sheet's results.
type DoorOutcome struct {
	Sheet      string // the fingerprint the sheet was made with
	SheetTurf  int
	Door       int // rank in the sheet's walk
	Plan       string
	Turf       int // the turf of the plan as it stands that holds the address
	AddressID  string
	StreetID   string
	Number     string
	Outcome    string // a code of package fieldresult
	At         string // YYYY-MM-DDTHH:MM
	RecordedOn string // YYYY-MM-DD, the day the results were imported
}

// PlaceNote is a place note recorded from a field sheet's results.
type PlaceNote struct {
	Sheet     string
	SheetTurf int
	Stop      int
	Note      string // a code of package fieldresult
	StreetID  string
	At        string
}

// FieldResults is what one import of a sheet's results records: door outcomes, place notes and
// the objections said at doors.
type FieldResults struct {
	Doors      []DoorOutcome
	Notes      []PlaceNote
	Objections []Opposition // as the policy checked them (policy.ValidateObjection)
}

// FieldSaved counts what an import changed: outcomes new or newer than those recorded, notes new,
// objections added to the opposition list.
type FieldSaved struct {
	Doors      int `json:"doors"`
	Notes      int `json:"notes"`
	Objections int `json:"objections"`
}

// Changed reports whether anything was recorded.
func (f FieldSaved) Changed() bool { return f.Doors+f.Notes+f.Objections > 0 }

// SaveFieldResults records r in one transaction. A door already recorded from the same sheet keeps
// the later of the two outcomes; a note or objection already there is left as is. When anything
// changed, the import is appended to the audit trail (entry, with the counts filled in), and each objection
// added with its own entry (as one added by hand). Results saved twice change nothing the second
// time, the audit trail included.
func (s *Store) SaveFieldResults(ctx context.Context, r FieldResults, entry audit.ImportOutcomes) (FieldSaved, error) {
	var saved FieldSaved
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		saved = FieldSaved{}
		for _, d := range r.Doors {
			res, err := tx.ExecContext(ctx, `INSERT INTO door_outcomes (sheet, sheet_turf, door, plan, turf, address_id,
				street_id, number, outcome, at, recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (sheet, sheet_turf, door) DO UPDATE SET plan = excluded.plan, turf = excluded.turf,
				address_id = excluded.address_id, street_id = excluded.street_id, number = excluded.number,
				outcome = excluded.outcome, at = excluded.at, recorded_on = excluded.recorded_on
				WHERE excluded.at > door_outcomes.at OR (excluded.at = door_outcomes.at AND excluded.outcome != door_outcomes.outcome)`,
				d.Sheet, d.SheetTurf, d.Door, d.Plan, d.Turf, d.AddressID, d.StreetID, d.Number, d.Outcome, d.At, d.RecordedOn)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			saved.Doors += int(n)
		}
		for _, p := range r.Notes {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO place_notes (sheet, sheet_turf, stop, note, street_id, at)
				VALUES (?, ?, ?, ?, ?, ?)`, p.Sheet, p.SheetTurf, p.Stop, p.Note, p.StreetID, p.At)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			saved.Notes += int(n)
		}
		for _, o := range r.Objections {
			added, err := insertOpposition(ctx, tx, o)
			if err != nil {
				return err
			}
			if added {
				saved.Objections++
				if err := s.appendAudit(ctx, tx, audit.OppositionAdd{Scope: o.Scope, Source: "field sheet"}); err != nil {
					return err
				}
			}
		}
		if !saved.Changed() {
			return nil
		}
		entry.Doors, entry.Notes, entry.Objections = saved.Doors, saved.Notes, saved.Objections
		return s.appendAudit(ctx, tx, entry)
	})
	return saved, err
}

// DoorOutcomes lists every door outcome recorded, oldest first.
func (s *Store) DoorOutcomes(ctx context.Context) ([]DoorOutcome, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sheet, sheet_turf, door, plan, turf, address_id, street_id, number, outcome,
		at, recorded_on FROM door_outcomes ORDER BY at, sheet, sheet_turf, door`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DoorOutcome
	for rows.Next() {
		var d DoorOutcome
		if err := rows.Scan(&d.Sheet, &d.SheetTurf, &d.Door, &d.Plan, &d.Turf, &d.AddressID, &d.StreetID, &d.Number,
			&d.Outcome, &d.At, &d.RecordedOn); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// StreetCount is what per-street outcomes (typed with `plan outcome`) say of a street.
type StreetCount struct {
	Knocked, Answered int
}

// StreetEntries sums the per-street outcomes of each street, leaving out those of a turf's street
// for which door outcomes were recorded: the doors say the same, one by one, and are not counted
// twice.
func (s *Store) StreetEntries(ctx context.Context) (map[string]StreetCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT street_id, sum(knocked), sum(answered) FROM outcomes o
		WHERE NOT EXISTS (SELECT 1 FROM door_outcomes d WHERE d.plan = o.plan AND d.turf = o.turf AND d.street_id = o.street_id)
		GROUP BY street_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]StreetCount{}
	for rows.Next() {
		var id string
		var c StreetCount
		if err := rows.Scan(&id, &c.Knocked, &c.Answered); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// ReportedTurfs lists, by plan, the turfs with results: door outcomes or per-street outcomes.
func (s *Store) ReportedTurfs(ctx context.Context) (map[string]map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT plan, turf FROM door_outcomes UNION SELECT plan, turf FROM outcomes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[int]bool{}
	for rows.Next() {
		var plan string
		var turf int
		if err := rows.Scan(&plan, &turf); err != nil {
			return nil, err
		}
		if out[plan] == nil {
			out[plan] = map[int]bool{}
		}
		out[plan][turf] = true
	}
	return out, rows.Err()
}

// PlaceNotes lists every place note recorded, oldest first.
func (s *Store) PlaceNotes(ctx context.Context) ([]PlaceNote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sheet, sheet_turf, stop, note, street_id, at FROM place_notes
		ORDER BY at, sheet, sheet_turf, stop, note`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PlaceNote
	for rows.Next() {
		var p PlaceNote
		if err := rows.Scan(&p.Sheet, &p.SheetTurf, &p.Stop, &p.Note, &p.StreetID, &p.At); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
