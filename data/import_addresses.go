package data

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The columns of a BAN file (adresses-XX.csv) the importer reads, in addressColumns order. The
// second names are those of the legacy BAN ODbL export.
var addressWanted = []columnSpec{
	{names: []string{"id"}, required: true},
	{names: []string{"id_fantoir"}},
	{names: []string{"numero"}},
	{names: []string{"rep"}},
	{names: []string{"nom_voie"}, required: true},
	{names: []string{"code_postal", "code_post"}},
	{names: []string{"code_insee"}, required: true},
	{names: []string{"nom_commune"}},
	{names: []string{"nom_afnor"}},
	{names: []string{"lon", "longitude"}, required: true},
	{names: []string{"lat", "latitude"}, required: true},
}

// addressColumns locates the fields of an address in a BAN record: index in the record (-1 when
// the file lacks the column) and header name as written, for error reports.
type addressColumns struct {
	id, fantoir, number, rep, street, postcode, insee, commune, afnor, lon, lat int
	header                                                                      []string
}

func newAddressColumns(idx []int, header []string) addressColumns {
	return addressColumns{id: idx[0], fantoir: idx[1], number: idx[2], rep: idx[3], street: idx[4],
		postcode: idx[5], insee: idx[6], commune: idx[7], afnor: idx[8], lon: idx[9], lat: idx[10], header: header}
}

// addressRow is one BAN address as stored.
type addressRow struct {
	ID, Fantoir string
	Number      sql.NullInt64
	Rep, Street string
	Postcode    string
	Insee       string
	Commune     string
	StreetAFNOR string
	Lon, Lat    float64
	BadNumber   bool // the number was present but not a whole number: stored as NULL, with a warning
}

// parseAddress checks one BAN record and returns the address to store, or why the row is
// rejected. It names fields, never values: a file may hold personal data.
func parseAddress(line int, rec []string, c addressColumns) (addressRow, *RowError) {
	reject := func(col int, reason i18n.Message) (addressRow, *RowError) {
		e := NewRowError(line, headerName(c.header, col), reason)
		return addressRow{}, &e
	}
	a := addressRow{
		ID: recField(rec, c.id), Fantoir: recField(rec, c.fantoir), Rep: recField(rec, c.rep),
		Street: recField(rec, c.street), Postcode: recField(rec, c.postcode), Insee: recField(rec, c.insee),
		Commune: recField(rec, c.commune), StreetAFNOR: recField(rec, c.afnor),
	}
	switch {
	case a.ID == "":
		return reject(c.id, i18n.Msg("import.addresses.id.empty"))
	case a.Street == "":
		return reject(c.street, i18n.Msg("import.addresses.street.empty"))
	case a.Insee == "":
		return reject(c.insee, i18n.Msg("import.addresses.insee.empty"))
	}
	var ok bool
	if a.Lon, ok = coordinate(recField(rec, c.lon), 180); !ok {
		return reject(c.lon, i18n.Msg("import.addresses.lon"))
	}
	if a.Lat, ok = coordinate(recField(rec, c.lat), 90); !ok {
		return reject(c.lat, i18n.Msg("import.addresses.lat"))
	}
	if s := recField(rec, c.number); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			a.BadNumber = true
		} else {
			a.Number = sql.NullInt64{Int64: n, Valid: true}
		}
	}
	return a, nil
}

// coordinate parses a decimal coordinate within [-limit, limit]. A decimal comma is accepted: a
// file that went through a French spreadsheet has them.
func coordinate(s string, limit float64) (float64, bool) {
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || v < -limit || v > limit {
		return 0, false
	}
	return v, true
}

// addressBatch is how many rows one insert statement carries (11 parameters each, well under
// SQLite's limit on parameters).
const addressBatch = 256

// ImportAddresses imports a BAN address file (adresses-XX.csv, `;`, plain or .gz) in one
// transaction. The communes (code_insee) it holds replace their earlier addresses, so importing
// the same file twice changes nothing and a newer extract replaces the older one. Rows with no id,
// no street, no commune, a bad coordinate or an id already imported are rejected, each with its
// line and field. On a fatal error (*InputError) or a cancelled ctx the store is left as it was,
// and so it is when the file would leave a commune with less than half of its addresses
// (*ReplaceError), unless opts has AllowReplace. Control characters are stripped from the text.
func (s *Store) ImportAddresses(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	file := baseName(path)
	rep := newReport(file, "addresses")
	r, err := tabular.Open(ctx, path)
	if err != nil {
		return rep, fatalInput(err)
	}
	defer r.Close()
	idx, err := findColumns(r, file, addressWanted)
	if err != nil {
		return rep, err
	}
	cols := newAddressColumns(idx, r.Header())

	err = s.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := newMultiInsert(ctx, tx, "addresses",
			[]string{"id", "fantoir", "number", "rep", "street", "postcode", "insee", "commune", "street_afnor", "lon", "lat"},
			addressBatch, func(line int, err error) {
				reason := i18n.Msg("import.db.refused", "Err", err)
				if isDuplicate(err) {
					reason = i18n.Msg("import.addresses.duplicate")
				}
				rep.Reject(NewRowError(line, cols.header[cols.id], reason))
			})
		if err != nil {
			return err
		}
		defer ins.close()
		del, err := tx.PrepareContext(ctx, "DELETE FROM addresses WHERE insee = ?")
		if err != nil {
			return err
		}
		defer del.Close()
		// had: communes whose earlier addresses are already deleted, and how many there were;
		// kept: the addresses the file brings, by commune.
		had, kept := map[string]int{}, map[string]int{}
		err = eachRecord(ctx, r, &rep, progress, func(line int, rec []string) error {
			a, bad := parseAddress(line, rec, cols)
			if bad != nil {
				rep.Reject(*bad)
				return nil
			}
			if a.BadNumber {
				rep.Warn(NewRowError(line, cols.header[cols.number], i18n.Msg("import.addresses.number")))
			}
			if _, ok := had[a.Insee]; !ok {
				res, err := del.ExecContext(ctx, a.Insee)
				if err != nil {
					return err
				}
				n, _ := res.RowsAffected()
				rep.Replaced += int(n)
				had[a.Insee] = int(n)
			}
			kept[a.Insee]++
			return ins.add(ctx, line, a.ID, a.Fantoir, a.Number, a.Rep, a.Street, a.Postcode, a.Insee,
				a.Commune, a.StreetAFNOR, a.Lon, a.Lat)
		})
		if err != nil {
			return err
		}
		if err := checkShrink(file, "addresses", had, kept, opts); err != nil {
			return err
		}
		return s.finishImport(ctx, tx, ins, &rep, audit.Import{Kind: audit.OpImportAddresses})
	})
	if err != nil {
		return newReport(file, rep.Kind), err
	}
	return rep, nil
}
