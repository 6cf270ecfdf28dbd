package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// AddressPoint is a BAN address with its street.
type AddressPoint struct {
	ID       string
	StreetID string // the BAN street: the id's commune and street parts, e.g. 75120_7904
	Street   string
	Number   int
	Rep      string
	Postcode string
	Insee    string
	Lon, Lat float64
}

// StreetIDOf derives the BAN street id from an address id: `75120_7904_00192_bis` -> `75120_7904`.
func StreetIDOf(addressID string) string {
	parts := strings.SplitN(addressID, "_", 3)
	if len(parts) < 2 {
		return addressID
	}
	return parts[0] + "_" + parts[1]
}

// AllAddresses reads every address point, ordered by id.
func (s *Store) AllAddresses(ctx context.Context) ([]AddressPoint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, street, coalesce(number, 0), rep, postcode, insee, lon, lat
		FROM addresses ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AddressPoint
	for rows.Next() {
		var a AddressPoint
		if err := rows.Scan(&a.ID, &a.Street, &a.Number, &a.Rep, &a.Postcode, &a.Insee, &a.Lon, &a.Lat); err != nil {
			return nil, err
		}
		a.StreetID = StreetIDOf(a.ID)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ListedAddress is a voter's address as the electoral list writes it: all that geocoding reads.
type ListedAddress struct {
	VoterID     int64
	Line        int
	Ugle        string
	Number      string
	Street      string
	Postcode    string
	Locality    string
	Complement1 string
	Complement2 string
}

// EachListedAddress calls fn with every voter's listed address, in list order.
func (s *Store) EachListedAddress(ctx context.Context, fn func(ListedAddress) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, line, ugle, street_number, street, postcode, locality,
		complement1, complement2 FROM voters ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a ListedAddress
		if err := rows.Scan(&a.VoterID, &a.Line, &a.Ugle, &a.Number, &a.Street, &a.Postcode, &a.Locality,
			&a.Complement1, &a.Complement2); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AreaShape is an area with its geometry.
type AreaShape struct {
	ID    int64
	Level string
	Layer string
	Code  string
	Name  string
	Geom  orb.Geometry
}

// AreaShapes reads the areas of a level ("" for all), ordered by level, layer and code.
func (s *Store) AreaShapes(ctx context.Context, level string) ([]AreaShape, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, level, layer, code, name, geom FROM areas
		WHERE ? = '' OR level = ? ORDER BY level, layer, code`, level, level)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AreaShape
	for rows.Next() {
		var a AreaShape
		var blob []byte
		if err := rows.Scan(&a.ID, &a.Level, &a.Layer, &a.Code, &a.Name, &blob); err != nil {
			return nil, err
		}
		if a.Geom, err = wkb.Unmarshal(blob); err != nil {
			return nil, fmt.Errorf("area %s/%s: stored geometry unreadable: %w", a.Layer, a.Code, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Located is where geocoding put one voter.
type Located struct {
	VoterID   int64
	AddressID string // "" when unmatched
	Kind      string // exact, fuzzy, approximate or unmatched
	Score     float64
	Reason    string
	Form      string // how the list wrote the address, as geocoding read it; "" when as the BAN does
}

// Owner says that an area holds an address.
type Owner struct {
	AddressID string
	AreaID    int64
}

// geographyFingerprint summarizes what geography is computed from: any import of voters,
// addresses or areas changes it (replaced rows get new row ids).
func geographyFingerprint(ctx context.Context, q rowQuerier) (string, error) {
	var fp string
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) || '.' || coalesce(max(id), 0) FROM voters) || ':' ||
		(SELECT count(*) || '.' || coalesce(max(rowid), 0) FROM addresses) || ':' ||
		(SELECT count(*) || '.' || coalesce(max(id), 0) FROM areas)`).Scan(&fp)
	return fp, err
}

// GeographyFingerprint summarizes the voters, addresses and areas geography is computed from.
// Take it before reading them, and hand it to SaveGeography.
func (s *Store) GeographyFingerprint(ctx context.Context) (string, error) {
	return geographyFingerprint(ctx, s.db)
}

// ErrGeographyChanged means voters, addresses or areas were imported while geography was being
// computed from them: the result is out of date before it is saved.
var ErrGeographyChanged = errors.New("voters, addresses or areas changed while they were being geocoded: geocode again")

// GeographyStale reports whether voters, addresses or areas changed since geography was last
// saved (or it never was).
func (s *Store) GeographyStale(ctx context.Context) (bool, error) {
	now, err := geographyFingerprint(ctx, s.db)
	if err != nil {
		return false, err
	}
	var saved string
	err = s.db.QueryRowContext(ctx, "SELECT fingerprint FROM geography_state WHERE id = 1").Scan(&saved)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	return saved != now, err
}

// SaveGeography replaces, in one transaction, where voters live and which areas hold each address,
// computed from the data whose GeographyFingerprint was fingerprint: if an import changed that data
// since, it saves nothing and returns ErrGeographyChanged (compare and set), so that geography
// computed from old data is never marked fresh.
func (s *Store) SaveGeography(ctx context.Context, fingerprint string, located []Located, owners []Owner, entry audit.Geocode) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now, err := geographyFingerprint(ctx, tx)
		if err != nil {
			return err
		}
		if now != fingerprint {
			return ErrGeographyChanged
		}
		for _, q := range []string{"DELETE FROM voter_addresses", "DELETE FROM address_areas"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		ins, err := tx.PrepareContext(ctx, "INSERT INTO voter_addresses (voter_id, address_id, kind, score, reason, form) VALUES (?, ?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, l := range located {
			if _, err := ins.ExecContext(ctx, l.VoterID, nullable(l.AddressID), l.Kind, l.Score, l.Reason, l.Form); err != nil {
				return err
			}
		}
		own, err := tx.PrepareContext(ctx, "INSERT INTO address_areas (address_id, area_id) VALUES (?, ?)")
		if err != nil {
			return err
		}
		defer own.Close()
		for _, o := range owners {
			if _, err := own.ExecContext(ctx, o.AddressID, o.AreaID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO geography_state (id, fingerprint, computed_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at`,
			fingerprint, s.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, entry)
	})
}

// VoterLocation is a saved geocoding result with the voter's line in the list file.
type VoterLocation struct {
	Line int
	Located
}

// VoterLocations reads the saved geocoding results in list order.
func (s *Store) VoterLocations(ctx context.Context) ([]VoterLocation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.line, va.voter_id, coalesce(va.address_id, ''), va.kind, va.score,
		va.reason, va.form FROM voter_addresses va JOIN voters v ON v.id = va.voter_id ORDER BY v.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VoterLocation
	for rows.Next() {
		var l VoterLocation
		if err := rows.Scan(&l.Line, &l.VoterID, &l.AddressID, &l.Kind, &l.Score, &l.Reason, &l.Form); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// VotersPerAddress counts the geocoded voters of each address.
func (s *Store) VotersPerAddress(ctx context.Context) (map[string]int, error) {
	return s.countBy(ctx, `SELECT address_id, count(*) FROM voter_addresses
		WHERE address_id IS NOT NULL GROUP BY address_id`)
}

// countBy runs a query of (key, count) rows into a map.
func (s *Store) countBy(ctx context.Context, query string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}

// AddressOwners lists which areas hold each address.
func (s *Store) AddressOwners(ctx context.Context) ([]Owner, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT address_id, area_id FROM address_areas ORDER BY address_id, area_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Owner
	for rows.Next() {
		var o Owner
		if err := rows.Scan(&o.AddressID, &o.AreaID); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Result is one polling station's public result.
type Result struct {
	Election   string
	Station    string
	Registered int
	Voters     int
	Valid      int
	Lists      map[string]int
}

// Results reads every polling station's result, ordered by election and station.
func (s *Store) Results(ctx context.Context) ([]Result, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT election, station, registered, voters, coalesce(valid, 0), lists
		FROM results ORDER BY election, station`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Result
	for rows.Next() {
		var r Result
		var lists string
		if err := rows.Scan(&r.Election, &r.Station, &r.Registered, &r.Voters, &r.Valid, &lists); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(lists), &r.Lists); err != nil {
			return nil, fmt.Errorf("results %s/%s: stored list votes unreadable: %w", r.Election, r.Station, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// StationListed is how many voters the electoral list puts in one polling station of a commune.
type StationListed struct {
	Commune string // the list's commune (code of the UGLE)
	Code    string // the station's code in the list
	Voters  int
}

// ListedPerStation counts voters by the commune and polling-station code the electoral list gives
// them, geocoded or not, ordered by commune and code. Stations are numbered within a commune:
// station "0001" of two communes are two stations.
func (s *Store) ListedPerStation(ctx context.Context) ([]StationListed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ugle, station_code, count(*) FROM voters WHERE station_code != ''
		GROUP BY ugle, station_code ORDER BY ugle, station_code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StationListed
	for rows.Next() {
		var l StationListed
		if err := rows.Scan(&l.Commune, &l.Code, &l.Voters); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// VoterAddressID is the BAN address geocoding gave a voter, "" when none.
func (s *Store) VoterAddressID(ctx context.Context, voterID int64) (string, error) {
	var id sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT address_id FROM voter_addresses WHERE voter_id = ?", voterID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id.String, err
}

// GeocodeCounts counts the saved geocoding results by kind.
func (s *Store) GeocodeCounts(ctx context.Context) (map[string]int, error) {
	return s.countBy(ctx, "SELECT kind, count(*) FROM voter_addresses GROUP BY kind")
}
