package data

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/reu"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Identity is how a person is named in a consent, an opposition or a request: as the electoral list
// writes them. Number, Street and Postcode may be empty (some consents carry no address).
type Identity struct {
	BirthName  string `json:"birth_name"`
	GivenNames string `json:"given_names"`
	BirthDate  string `json:"birth_date"` // YYYY-MM-DD (or YYYY-MM, YYYY when the list has no more)
	Number     string `json:"number"`
	Street     string `json:"street"`
	Postcode   string `json:"postcode"`
}

// HasAddress reports whether the identity carries an address.
func (id Identity) HasAddress() bool { return strings.TrimSpace(id.Street) != "" }

// Consent is one consent record of a contact.
type Consent struct {
	ID          int64
	Contact     Identity
	Kind        string // regular or occasional
	Channel     string // door-to-door, email, sms, phone, post, or "social network: NAME"
	Purpose     string
	Controller  string
	GivenOn     string // YYYY-MM-DD
	Source      string
	Proof       string
	WithdrawnOn string // YYYY-MM-DD or ""
	ExpiresOn   string // YYYY-MM-DD or ""
	UsedOn      string // occasional contacts: the date of the one contact allowed, or ""
}

// Opposition is an objection: by a person ("STOP") or at an address ("do not knock").
type Opposition struct {
	ID         int64
	Scope      string // person or address
	Who        Identity
	Reason     string
	RecordedOn string
}

// VoterMatch is a voter found by identity, with only what matching needs.
type VoterMatch struct {
	ID         int64
	Line       int
	BirthName  string
	GivenNames string
	BirthDate  string
	Number     string
	Street     string
	Postcode   string
	AddressID  string // the BAN address geocoding gave the voter, "" when none
}

// identityColumns are the aliases of the identity columns shared by consent, opposition and
// request files.
var identityColumns = []struct {
	field   string // the message naming it
	aliases []string
}{
	{"import.people.what.birthname", []string{"nom_naissance", "nom de naissance", "nom", "birth_name"}},
	{"import.people.what.givennames", []string{"prenoms", "prénoms", "prenom", "given_names"}},
	{"import.people.what.birthdate", []string{"date_naissance", "date de naissance", "birth_date"}},
	{"import.people.what.number", []string{"numero", "numéro de voie", "numero de voie", "number"}},
	{"import.people.what.street", []string{"voie", "libellé de voie", "libelle de voie", "street"}},
	{"import.people.what.postcode", []string{"code_postal", "code postal", "postcode"}},
}

// identityReader finds the identity columns of a file.
type identityReader struct{ cols [6]int }

func newIdentityReader(r *tabular.Reader, file string, requireName bool) (identityReader, error) {
	var ir identityReader
	for i, c := range identityColumns {
		ir.cols[i] = r.Column(c.aliases...)
		if ir.cols[i] < 0 && (requireName || i >= 3) && i != 3 && i != 5 {
			return ir, NewInputError(file, 1, c.aliases[0], i18n.Msg("import.people.column", "What", i18n.Msg(c.field), "Name", c.aliases[0]))
		}
	}
	return ir, nil
}

// read takes the identity out of a record, checking the birth date when present.
func (ir identityReader) read(rec []string, line int) (Identity, *RowError) {
	get := func(i int) string { return recField(rec, ir.cols[i]) }
	id := Identity{BirthName: get(0), GivenNames: get(1), Number: get(3), Street: get(4), Postcode: get(5)}
	if raw := get(2); raw != "" {
		d, ok := ParseListDate(raw)
		if !ok {
			e := NewRowError(line, identityColumns[2].aliases[0], i18n.Msg("import.people.date"))
			return id, &e
		}
		id.BirthDate = d
	}
	return id, nil
}

// ParseListDate reads a date as the electoral list writes it (dd/mm/yyyy, with 00 for unknown parts,
// or a year alone) or as ISO YYYY-MM-DD, into YYYY-MM-DD, YYYY-MM or YYYY, as voters' birth dates
// are stored. An empty date is not a date.
func ParseListDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	return reu.NormalizeDate(s)
}

// Channels are the canonical consent channels.
const (
	ChannelDoor  = "door-to-door"
	ChannelEmail = "email"
	ChannelSMS   = "sms"
	ChannelPhone = "phone"
	ChannelPost  = "post"
)

// consentColumns are the consent file's columns after the identity, in the order of consentFields.
var consentColumns = []columnSpec{
	{names: []string{"canal", "channel"}, required: true},
	{names: []string{"finalite", "finalité", "purpose"}, required: true},
	{names: []string{"responsable", "controller"}, required: true},
	{names: []string{"donne_le", "donné le", "given_on"}, required: true},
	{names: []string{"source"}},
	{names: []string{"preuve", "proof"}},
	{names: []string{"retire_le", "retiré le", "withdrawn_on"}},
	{names: []string{"expire_le", "expire le", "expires_on"}},
	{names: []string{"type_contact", "type de contact", "kind"}},
}

// ConsentRules are the policy's decisions a consent import applies: the store only stores.
type ConsentRules struct {
	// Check returns a row's consent as it is to be stored, or the field and reason that reject the
	// row (its line is filled in). Required.
	Check func(raw Consent) (Consent, *RowError)
	// Identify says what the organizer should check about whom a consent names (its line is filled
	// in); nil when it names one voter. Optional.
	Identify func(who Identity) *RowError
}

// ImportConsents imports a consent file: one row per consent, the person's identity as the list
// writes it, then channel, purpose, controller, dates, source, proof and contact type, as read;
// rules.Check decides what is stored. One transaction; importing the same file again changes
// nothing, and a newer file updates withdrawals and expiries of the records it repeats.
func (s *Store) ImportConsents(ctx context.Context, path string, rules ConsentRules, progress ProgressFunc) (Report, error) {
	file := baseName(path)
	rep := newReport(file, "consents")
	if rules.Check == nil {
		return rep, errors.New("import consents: no rules to check them by")
	}
	r, err := tabular.Open(ctx, path)
	if err != nil {
		return rep, fatalInput(err)
	}
	defer r.Close()
	ids, err := newIdentityReader(r, file, true)
	if err != nil {
		return rep, err
	}
	idx, err := findColumns(r, file, consentColumns)
	if err != nil {
		return rep, err
	}
	col := map[string]int{}
	for i, spec := range consentColumns {
		col[spec.names[0]] = idx[i]
	}
	get := func(rec []string, name string) string { return recField(rec, col[name]) }
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := eachRecord(ctx, r, &rep, progress, func(line int, rec []string) error {
			who, rowErr := ids.read(rec, line)
			if rowErr == nil {
				var c Consent
				c, rowErr = rules.Check(Consent{Contact: who, Channel: get(rec, "canal"), Purpose: get(rec, "finalite"),
					Controller: get(rec, "responsable"), GivenOn: get(rec, "donne_le"), Source: get(rec, "source"),
					Proof: get(rec, "preuve"), WithdrawnOn: get(rec, "retire_le"), ExpiresOn: get(rec, "expire_le"),
					Kind: get(rec, "type_contact")})
				who = c.Contact
				if rowErr == nil {
					if err := upsertConsent(ctx, tx, c); err != nil {
						return err
					}
				}
			}
			if rowErr != nil {
				rowErr.Line = line
				rep.Reject(*rowErr)
				return nil
			}
			rep.Imported++
			if rules.Identify == nil {
				return nil
			}
			if w := rules.Identify(who); w != nil {
				w.Line = line
				rep.Warn(*w)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.Import{Kind: audit.OpImportConsents,
			File: file, Read: rep.Read, Imported: rep.Imported, Rejected: rep.Rejected})
	})
	return rep, err
}

// upsertConsent stores a consent and its contact; a repeated record updates withdrawal and expiry.
func upsertConsent(ctx context.Context, tx *sql.Tx, c Consent) error {
	var contactID int64
	err := tx.QueryRowContext(ctx, `INSERT INTO contacts (birth_name, given_names, birth_date, street_number,
		street, postcode, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (birth_name, given_names, birth_date, street_number, street, postcode)
		DO UPDATE SET kind = excluded.kind RETURNING id`,
		c.Contact.BirthName, c.Contact.GivenNames, c.Contact.BirthDate, c.Contact.Number, c.Contact.Street,
		c.Contact.Postcode, c.Kind, time.Now().UTC().Format(time.RFC3339)).Scan(&contactID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO consents (contact_id, channel, purpose, controller, given_on,
		source, proof, withdrawn_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (contact_id, channel, purpose, controller, given_on, proof) DO UPDATE SET
		source = excluded.source, withdrawn_on = excluded.withdrawn_on, expires_on = excluded.expires_on`,
		contactID, c.Channel, c.Purpose, c.Controller, c.GivenOn, c.Source, c.Proof,
		nullable(c.WithdrawnOn), nullable(c.ExpiresOn))
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// VotersBornIn lists the voters born in the given years (YYYY), or every voter when years is
// nil (none when it is empty), with what telling people apart needs and the BAN address geocoding gave them.
func (s *Store) VotersBornIn(ctx context.Context, years []string) ([]VoterMatch, error) {
	if years != nil && len(years) == 0 {
		return nil, nil
	}
	query := `SELECT v.id, v.line, v.birth_name, v.given_names, v.birth_date, v.street_number, v.street, v.postcode,
		coalesce(a.address_id, '') FROM voters v LEFT JOIN voter_addresses a ON a.voter_id = v.id`
	var args []any
	if years != nil {
		query += " WHERE substr(v.birth_date, 1, 4) IN (" + strings.TrimSuffix(strings.Repeat("?,", len(years)), ",") + ")"
		for _, y := range years {
			args = append(args, y)
		}
	}
	rows, err := s.db.QueryContext(ctx, query+" ORDER BY v.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VoterMatch
	for rows.Next() {
		var v VoterMatch
		if err := rows.Scan(&v.ID, &v.Line, &v.BirthName, &v.GivenNames, &v.BirthDate, &v.Number, &v.Street, &v.Postcode,
			&v.AddressID); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Consents lists every consent record with its contact.
func (s *Store) Consents(ctx context.Context) ([]Consent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, c.birth_name, c.given_names, c.birth_date, c.street_number,
		c.street, c.postcode, c.kind, k.channel, k.purpose, k.controller, k.given_on, k.source, k.proof,
		coalesce(k.withdrawn_on, ''), coalesce(k.expires_on, ''), coalesce(k.used_on, '')
		FROM consents k JOIN contacts c ON c.id = k.contact_id ORDER BY k.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		w := &c.Contact
		if err := rows.Scan(&c.ID, &w.BirthName, &w.GivenNames, &w.BirthDate, &w.Number, &w.Street, &w.Postcode,
			&c.Kind, &c.Channel, &c.Purpose, &c.Controller, &c.GivenOn, &c.Source, &c.Proof,
			&c.WithdrawnOn, &c.ExpiresOn, &c.UsedOn); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddConsent records one consent entered by hand.
func (s *Store) AddConsent(ctx context.Context, c Consent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := upsertConsent(ctx, tx, c); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.ConsentAdd{Channel: c.Channel, Kind: c.Kind})
	})
}

// WithdrawConsents records the withdrawal, on a date, of the consents with these ids that are not
// withdrawn yet. It returns how many records it changed.
func (s *Store) WithdrawConsents(ctx context.Context, ids []int64, on string) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, "UPDATE consents SET withdrawn_on = ? WHERE id = ? AND withdrawn_on IS NULL", on, id)
			if err != nil {
				return err
			}
			m, _ := res.RowsAffected()
			n += int(m)
		}
		return s.appendAudit(ctx, tx, audit.ConsentWithdraw{Records: n})
	})
	return n, err
}

// RecordPersonalList records that a personalized visit list was produced: each occasional contact
// in it has now had its one contact, and the audit trail gets the request's counts (identifiers
// only). Both land together or not at all.
func (s *Store) RecordPersonalList(ctx context.Context, params audit.PlanPersonal, usedConsents []int64, on string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range usedConsents {
			if _, err := tx.ExecContext(ctx, "UPDATE consents SET used_on = ? WHERE id = ? AND used_on IS NULL", on, id); err != nil {
				return err
			}
		}
		return s.appendAudit(ctx, tx, params)
	})
}

// Person is one row of a request file: who the organizer asks to visit.
type Person struct {
	Line int `json:"line"`
	Identity
}

// ReadPeople reads a request file (the identity columns of the consent file: birth name, given
// names, birth date, number, street, postcode). Any bad row stops the reading: a request is small,
// and a person silently dropped from it would be a surprise.
func ReadPeople(path string) ([]Person, error) {
	file := baseName(path)
	r, err := tabular.Open(context.Background(), path)
	if err != nil {
		return nil, fatalInput(err)
	}
	defer r.Close()
	ids, err := newIdentityReader(r, file, true)
	if err != nil {
		return nil, err
	}
	var out []Person
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if rerr, ok := err.(*tabular.RowError); ok {
			return nil, NewInputError(file, rerr.Line, headerName(r.Header(), rerr.Column), rerr.Reason)
		}
		if err != nil {
			return nil, fatalInput(err)
		}
		who, rowErr := ids.read(rec, r.Line())
		if rowErr != nil {
			return nil, NewInputError(file, rowErr.Line, rowErr.Field, rowErr.why())
		}
		if who.BirthName == "" || who.GivenNames == "" || who.BirthDate == "" {
			return nil, NewInputError(file, r.Line(), "nom_naissance/prenoms/date_naissance", i18n.Msg("import.people.identity"))
		}
		out = append(out, Person{Line: r.Line(), Identity: who})
	}
}
