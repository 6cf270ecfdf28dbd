package data

import (
	"context"
	"database/sql"
	"errors"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Opposition scopes.
const (
	ScopePerson  = "person"
	ScopeAddress = "address"
)

// ImportOpposition imports objections: `portee` is `personne` (identity, address optional) or
// `adresse` (do not knock at this address); check, which is required, decides what is stored.
// Objections are permanent: an import only adds, and importing the same file again changes
// nothing.
func (s *Store) ImportOpposition(ctx context.Context, path string, check func(raw Opposition) (Opposition, *RowError),
	progress ProgressFunc) (Report, error) {
	file := baseName(path)
	rep := newReport(file, "opposition")
	if check == nil {
		return rep, errors.New("import opposition: no rules to check objections by")
	}
	r, err := tabular.Open(ctx, path)
	if err != nil {
		return rep, fatalInput(err)
	}
	defer r.Close()
	ids, err := newIdentityReader(r, file, false)
	if err != nil {
		return rep, err
	}
	scopeCol := r.Column("portee", "portée", "scope")
	reasonCol := r.Column("motif", "reason")
	dateCol := r.Column("date", "recorded_on")
	if scopeCol < 0 {
		return rep, NewInputError(file, 1, "portee", i18n.Msg("import.opposition.column"))
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := eachRecord(ctx, r, &rep, progress, func(line int, rec []string) error {
			for i := range rec { // a file canvass wrote: cells it neutralized read back as they were
				rec[i] = tabular.Unneutralize(rec[i])
			}
			o := Opposition{Reason: recField(rec, reasonCol), RecordedOn: recField(rec, dateCol)}
			var rowErr *RowError
			if o.Who, rowErr = ids.read(rec, line); rowErr != nil {
				rep.Reject(*rowErr)
				return nil
			}
			switch tabular.Fold(recField(rec, scopeCol)) {
			case "personne", "person":
				o.Scope = ScopePerson
			case "adresse", "address":
				o.Scope = ScopeAddress
			default:
				rep.Reject(NewRowError(line, "portee", i18n.Msg("import.opposition.scope")))
				return nil
			}
			if o, rowErr = check(o); rowErr != nil {
				rowErr.Line = line
				rep.Reject(*rowErr)
				return nil
			}
			added, err := insertOpposition(ctx, tx, o)
			if added {
				rep.Imported++
			}
			return err
		})
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.Import{Kind: audit.OpImportOpposition,
			File: file, Read: rep.Read, Imported: rep.Imported, Rejected: rep.Rejected})
	})
	return rep, err
}

// insertOpposition adds an objection unless the same one is already recorded.
func insertOpposition(ctx context.Context, tx *sql.Tx, o Opposition) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO opposition (scope, birth_name, given_names, birth_date,
		street_number, street, postcode, reason, recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.Scope, o.Who.BirthName, o.Who.GivenNames, o.Who.BirthDate, o.Who.Number, o.Who.Street, o.Who.Postcode,
		o.Reason, o.RecordedOn)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// AddOpposition records one objection entered by hand, as the policy checked it.
func (s *Store) AddOpposition(ctx context.Context, o Opposition) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := insertOpposition(ctx, tx, o); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.OppositionAdd{Scope: o.Scope})
	})
}

// Oppositions lists every objection.
func (s *Store) Oppositions(ctx context.Context) ([]Opposition, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, scope, birth_name, given_names, birth_date, street_number,
		street, postcode, reason, recorded_on FROM opposition ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Opposition
	for rows.Next() {
		var o Opposition
		w := &o.Who
		if err := rows.Scan(&o.ID, &o.Scope, &w.BirthName, &w.GivenNames, &w.BirthDate, &w.Number, &w.Street,
			&w.Postcode, &o.Reason, &o.RecordedOn); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
