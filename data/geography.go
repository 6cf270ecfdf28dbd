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
	return s.addressPoints(ctx, "", nil)
}

// CommuneAddresses reads the address points of one commune (INSEE code), ordered by id.
func (s *Store) CommuneAddresses(ctx context.Context, insee string) ([]AddressPoint, error) {
	return s.addressPoints(ctx, "WHERE insee = ?", []any{insee})
}

// addressPoints reads the address points a WHERE clause keeps (where is "" or starts with WHERE),
// ordered by id.
func (s *Store) addressPoints(ctx context.Context, where string, args []any) ([]AddressPoint, error) {
	out, err := readRows(ctx, s, `SELECT id, street, coalesce(number, 0), rep, postcode, insee, lon, lat
		FROM addresses `+where+` ORDER BY id`, args, func(a *AddressPoint) []any {
		return []any{&a.ID, &a.Street, &a.Number, &a.Rep, &a.Postcode, &a.Insee, &a.Lon, &a.Lat}
	})
	for i := range out {
		out[i].StreetID = StreetIDOf(out[i].ID)
	}
	return out, err
}

// GeographyCommunes lists, sorted, the communes of the voters (the list's UGLE) and of the
// addresses (their INSEE code): geocoding works through them one at a time.
func (s *Store) GeographyCommunes(ctx context.Context) ([]string, error) {
	return readRows(ctx, s, "SELECT insee FROM addresses UNION SELECT ugle FROM voters ORDER BY 1", nil,
		func(c *string) []any { return []any{c} })
}

// ListedAddress is a voter's address as the electoral list writes it: all that geocoding reads,
// with the polling station the list gives.
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
	Station     string
}

// EachListedAddress calls fn with the listed address of every voter of a commune (the list's
// UGLE), in list order.
func (s *Store) EachListedAddress(ctx context.Context, ugle string, fn func(ListedAddress) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, line, ugle, street_number, street, postcode, locality,
		complement1, complement2, station_code FROM voters WHERE ugle = ? ORDER BY id`, ugle)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a ListedAddress
		if err := rows.Scan(&a.VoterID, &a.Line, &a.Ugle, &a.Number, &a.Street, &a.Postcode, &a.Locality,
			&a.Complement1, &a.Complement2, &a.Station); err != nil {
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
// addresses or areas changes it. Voters and addresses are replaced by commune, the new rows
// getting new row ids, and purged all at once: the first and last row ids tell, read from the
// ends of the tables, without counting millions of rows. Areas, few, are counted too: an import
// may keep a layer's row ids and drop some of its areas.
func geographyFingerprint(ctx context.Context, q rowQuerier) (string, error) {
	var fp string
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(min(id), 0) FROM voters) || '.' || (SELECT coalesce(max(id), 0) FROM voters) || ':' ||
		(SELECT coalesce(min(rowid), 0) FROM addresses) || '.' || (SELECT coalesce(max(rowid), 0) FROM addresses) || ':' ||
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

// geographyTotals are the tables of what geocoding adds up, with its fingerprint: a new
// geocoding replaces them, a purge empties them (they count voters).
var geographyTotals = []string{"geography_state", "area_totals", "area_overlaps", "street_totals", "street_areas",
	"station_listed", "commune_bounds", "geocode_tallies"}

// GeographyWriter saves a geocoding commune by commune, each in its own short transaction, so
// that memory and the write-ahead log stay within a commune's size. Until Finish succeeds the
// geography is stale (GeographyStale): a geocoding that fails half way is done again by the next
// reader, never read as fresh.
type GeographyWriter struct {
	s           *Store
	fingerprint string
}

// BeginGeography starts saving a geocoding computed from the data whose GeographyFingerprint was
// fingerprint: it clears the previous totals and marks the geography stale, in one transaction.
// If an import changed the data since, it returns ErrGeographyChanged.
func (s *Store) BeginGeography(ctx context.Context, fingerprint string) (*GeographyWriter, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkFingerprint(ctx, tx, fingerprint); err != nil {
			return err
		}
		// Where voters live and which areas hold each address, rows by the million, are replaced
		// commune by commune (SaveCommune): deleting them all at once would take memory in
		// proportion to the whole list.
		for _, table := range geographyTotals {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &GeographyWriter{s: s, fingerprint: fingerprint}, nil
}

// checkFingerprint returns ErrGeographyChanged unless the data's fingerprint is still fingerprint.
func checkFingerprint(ctx context.Context, q rowQuerier, fingerprint string) error {
	now, err := geographyFingerprint(ctx, q)
	if err == nil && now != fingerprint {
		err = ErrGeographyChanged
	}
	return err
}

// CommuneGeography is what geocoding found in one commune: where its voters live, which areas
// hold its addresses, its streets and how many voters its list puts in each polling station.
type CommuneGeography struct {
	Commune     string // its INSEE code: its voters' UGLE, its addresses' code
	Located     []Located
	Owners      []Owner
	Streets     []StreetTotal
	StreetAreas []StreetArea
	Listed      []StationListed
	Bound       CommuneBound // Addresses 0 when the commune has none
}

// CommuneBound is how many address points a commune has and the box around them.
type CommuneBound struct {
	Insee     string
	Addresses int
	Bound     orb.Bound
}

// StreetTotal is a BAN street's doors and geocoded voters, and the box around its doors.
type StreetTotal struct {
	StreetID string
	Name     string
	Doors    int
	Voters   int
	Bound    orb.Bound
}

// StreetArea is the doors and voters of a BAN street that an area holds.
type StreetArea struct {
	StreetID string
	AreaID   int64
	Doors    int
	Voters   int
}

// AreaTotal is an area's doors and geocoded voters, and the commune of most of its doors.
type AreaTotal struct {
	AreaID  int64
	Doors   int
	Voters  int
	Commune string
}

// AreaOverlap is the doors and voters of an area that another area holds too.
type AreaOverlap struct {
	AreaID, OtherID int64
	Doors, Voters   int
}

// SaveCommune saves one commune's geocoding, in one transaction, in statements of many rows. Its
// rows refer to voters and addresses read after BeginGeography, so that foreign keys are not
// checked row by row: a voter or address an import removed meanwhile changed the fingerprint, and
// Finish refuses to mark such a geography fresh.
func (w *GeographyWriter) SaveCommune(ctx context.Context, c CommuneGeography) error {
	conn, err := w.s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := w.s.begin(ctx, conn)
	if err != nil {
		return err
	}
	if err := c.save(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// save replaces the commune's rows in tx.
func (c CommuneGeography) save(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"DELETE FROM voter_addresses WHERE voter_id IN (SELECT id FROM voters WHERE ugle = ?)",
		"DELETE FROM address_areas WHERE address_id IN (SELECT id FROM addresses WHERE insee = ?)",
	} {
		if _, err := tx.ExecContext(ctx, q, c.Commune); err != nil {
			return err
		}
	}
	{
		err := insertRows(ctx, tx, "voter_addresses (voter_id, address_id, kind, score, reason, form)", len(c.Located),
			func(i int) []any {
				l := c.Located[i]
				return []any{l.VoterID, nullable(l.AddressID), l.Kind, l.Score, l.Reason, l.Form}
			})
		if err == nil {
			err = insertRows(ctx, tx, "address_areas (address_id, area_id)", len(c.Owners), func(i int) []any {
				return []any{c.Owners[i].AddressID, c.Owners[i].AreaID}
			})
		}
		if err == nil {
			err = insertRows(ctx, tx, "street_totals (street_id, name, doors, voters, min_lon, min_lat, max_lon, max_lat)",
				len(c.Streets), func(i int) []any {
					t := c.Streets[i]
					return []any{t.StreetID, t.Name, t.Doors, t.Voters, t.Bound.Min[0], t.Bound.Min[1], t.Bound.Max[0], t.Bound.Max[1]}
				})
		}
		if err == nil {
			err = insertRows(ctx, tx, "street_areas (street_id, area_id, doors, voters)", len(c.StreetAreas), func(i int) []any {
				t := c.StreetAreas[i]
				return []any{t.StreetID, t.AreaID, t.Doors, t.Voters}
			})
		}
		if b := c.Bound; err == nil && b.Addresses > 0 {
			_, err = tx.ExecContext(ctx, "INSERT INTO commune_bounds VALUES (?, ?, ?, ?, ?, ?)", b.Insee, b.Addresses,
				b.Bound.Min[0], b.Bound.Min[1], b.Bound.Max[0], b.Bound.Max[1])
		}
		if err == nil {
			err = insertRows(ctx, tx, "station_listed (commune, code, voters)", len(c.Listed), func(i int) []any {
				l := c.Listed[i]
				return []any{l.Commune, l.Code, l.Voters}
			})
		}
		return err
	}
}

// GeographyTotals are what a geocoding adds up over every commune: the areas' totals and
// overlaps, and its tallies of voters by kind and form.
type GeographyTotals struct {
	Areas    []AreaTotal
	Overlaps []AreaOverlap
	Tallies  []GeocodeTally
}

// Finish saves the totals and marks the geography fresh, with its audit entry, in one
// transaction: unless an import changed the data since BeginGeography, when it returns
// ErrGeographyChanged and the geography stays stale (compare and set).
func (w *GeographyWriter) Finish(ctx context.Context, totals GeographyTotals, entry audit.Geocode) error {
	return w.s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkFingerprint(ctx, tx, w.fingerprint); err != nil {
			return err
		}
		err := insertRows(ctx, tx, "area_totals (area_id, doors, voters, commune)", len(totals.Areas), func(i int) []any {
			t := totals.Areas[i]
			return []any{t.AreaID, t.Doors, t.Voters, t.Commune}
		})
		if err == nil {
			err = insertRows(ctx, tx, "area_overlaps (area_id, other_id, doors, voters)", len(totals.Overlaps), func(i int) []any {
				o := totals.Overlaps[i]
				return []any{o.AreaID, o.OtherID, o.Doors, o.Voters}
			})
		}
		if err == nil {
			err = insertRows(ctx, tx, "geocode_tallies (kind, form, ambiguous, voters)", len(totals.Tallies), func(i int) []any {
				t := totals.Tallies[i]
				return []any{t.Kind, t.Form, t.Ambiguous, t.Voters}
			})
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO geography_state (id, fingerprint, computed_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at`,
			w.fingerprint, w.s.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return w.s.appendAudit(ctx, tx, entry)
	})
}

// insertBatch is how many rows one INSERT statement writes: a prepared statement per batch size
// saves a round trip (and a goroutine wake-up) per row.
const insertBatch = 256

// insertRows inserts n rows into table ("name (columns)"), the values of row i given by row, in
// prepared statements of insertBatch rows.
func insertRows(ctx context.Context, tx *sql.Tx, table string, n int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	width := len(row(0))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	prepare := func(rows int) (*sql.Stmt, error) {
		return tx.PrepareContext(ctx, "INSERT INTO "+table+" VALUES "+strings.TrimSuffix(strings.Repeat(one+", ", rows), ", "))
	}
	var full *sql.Stmt
	args := make([]any, 0, insertBatch*width)
	for start := 0; start < n; start += insertBatch {
		rows := min(insertBatch, n-start)
		args = args[:0]
		for i := start; i < start+rows; i++ {
			args = append(args, row(i)...)
		}
		stmt := full
		if rows < insertBatch || full == nil {
			var err error
			if stmt, err = prepare(rows); err != nil {
				return err
			}
			if rows == insertBatch {
				full = stmt
				defer full.Close()
			} else {
				defer stmt.Close()
			}
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// VoterLocation is a saved geocoding result with the voter's line in the list file.
type VoterLocation struct {
	Line int
	Located
}

// EachVoterLocation calls fn with each saved geocoding result, in list order: of one kind, or
// of every kind when kind is "". The results are read as fn takes them, never all at once.
func (s *Store) EachVoterLocation(ctx context.Context, kind string, fn func(VoterLocation) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT v.line, va.voter_id, coalesce(va.address_id, ''), va.kind, va.score,
		va.reason, va.form FROM voter_addresses va JOIN voters v ON v.id = va.voter_id WHERE ? = '' OR va.kind = ?
		ORDER BY v.id`, kind, kind)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l VoterLocation
		if err := rows.Scan(&l.Line, &l.VoterID, &l.AddressID, &l.Kind, &l.Score, &l.Reason, &l.Form); err != nil {
			return err
		}
		if err := fn(l); err != nil {
			return err
		}
	}
	return rows.Err()
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

// Result is one polling station's public result.
type Result struct {
	Election   string
	Station    string
	Registered int
	Voters     int
	Valid      int
	Lists      map[string]int
}

// results reads the results a clause keeps (a WHERE, then ORDER BY).
func (s *Store) results(ctx context.Context, clause string, args []any) ([]Result, error) {
	type row struct {
		Result
		lists string
	}
	rows, err := readRows(ctx, s, `SELECT election, station, registered, voters, coalesce(valid, 0), lists FROM results `+clause,
		args, func(r *row) []any {
			return []any{&r.Election, &r.Station, &r.Registered, &r.Voters, &r.Valid, &r.lists}
		})
	if err != nil {
		return nil, err
	}
	out := make([]Result, len(rows))
	for i, r := range rows {
		out[i] = r.Result
		if err := json.Unmarshal([]byte(r.lists), &out[i].Lists); err != nil {
			return nil, fmt.Errorf("results %s/%s: stored list votes unreadable: %w", r.Election, r.Station, err)
		}
	}
	return out, nil
}

// ResultStations lists the polling stations that have a result in the first election by name
// (the one aggregates read), sorted.
func (s *Store) ResultStations(ctx context.Context) ([]string, error) {
	return readRows(ctx, s, `SELECT station FROM results WHERE election = (SELECT min(election) FROM results) ORDER BY station`,
		nil, func(c *string) []any { return []any{c} })
}

// ResultsOf reads the results of the given stations in the first election by name, by station
// code. The results read are kept, until the next entry of the audit trail (every import and
// purge appends one), and shared: callers do not modify them.
func (s *Store) ResultsOf(ctx context.Context, stations []string) (map[string]Result, error) {
	var fp string
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce((SELECT entries || '.' || last_hash FROM audit_head WHERE id = 1), '')").Scan(&fp); err != nil {
		return nil, err
	}
	s.resultCache.Lock()
	defer s.resultCache.Unlock()
	c := &s.resultCache
	if fp == "" || c.fingerprint != fp {
		c.fingerprint, c.byStation = fp, map[string]Result{}
	}
	var missing []string
	for _, code := range stations {
		if _, ok := c.byStation[code]; !ok {
			missing = append(missing, code)
		}
	}
	for start := 0; start < len(missing); start += 500 {
		chunk := missing[start:min(start+500, len(missing))]
		args := make([]any, len(chunk))
		for i, code := range chunk {
			args[i] = code
		}
		read, err := s.results(ctx, "WHERE election = (SELECT min(election) FROM results) AND station IN ("+
			strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")+")", args)
		if err != nil {
			return nil, err
		}
		for _, r := range read {
			c.byStation[r.Station] = r
		}
	}
	out := make(map[string]Result, len(stations))
	for _, code := range stations {
		if r, ok := c.byStation[code]; ok {
			out[code] = r
		}
	}
	return out, nil
}

// StationListed is how many voters the electoral list puts in one polling station of a commune.
type StationListed struct {
	Commune string // the list's commune (code of the UGLE)
	Code    string // the station's code in the list
	Voters  int
}

// ListedPerStation reads, as the last geocoding counted them, the voters of each polling station
// of each commune the list gives, geocoded or not, ordered by commune and code. Stations are
// numbered within a commune: station "0001" of two communes are two stations.
func (s *Store) ListedPerStation(ctx context.Context) ([]StationListed, error) {
	return readRows(ctx, s, "SELECT commune, code, voters FROM station_listed ORDER BY commune, code", nil,
		func(l *StationListed) []any { return []any{&l.Commune, &l.Code, &l.Voters} })
}

// AreaHead is an area without its geometry, with the box around it.
type AreaHead struct {
	ID    int64
	Level string
	Layer string
	Code  string
	Name  string
	Bound orb.Bound
}

// AreaHeads reads every area without its geometry, ordered by level, layer and code.
func (s *Store) AreaHeads(ctx context.Context) ([]AreaHead, error) {
	return readRows(ctx, s, `SELECT a.id, a.level, a.layer, a.code, a.name, coalesce(r.min_lon, 0), coalesce(r.min_lat, 0),
		coalesce(r.max_lon, 0), coalesce(r.max_lat, 0) FROM areas a LEFT JOIN areas_rtree r ON r.id = a.id
		ORDER BY a.level, a.layer, a.code`, nil,
		func(a *AreaHead) []any {
			return []any{&a.ID, &a.Level, &a.Layer, &a.Code, &a.Name, &a.Bound.Min[0], &a.Bound.Min[1], &a.Bound.Max[0], &a.Bound.Max[1]}
		})
}

// AreaTotals reads the doors and voters of every area, as the last geocoding counted them.
func (s *Store) AreaTotals(ctx context.Context) ([]AreaTotal, error) {
	return readRows(ctx, s, "SELECT area_id, doors, voters, commune FROM area_totals ORDER BY area_id", nil,
		func(t *AreaTotal) []any { return []any{&t.AreaID, &t.Doors, &t.Voters, &t.Commune} })
}

// AreaOverlaps reads, for every area, the doors and voters other areas hold too.
func (s *Store) AreaOverlaps(ctx context.Context) ([]AreaOverlap, error) {
	return readRows(ctx, s, "SELECT area_id, other_id, doors, voters FROM area_overlaps ORDER BY area_id, other_id", nil,
		func(o *AreaOverlap) []any { return []any{&o.AreaID, &o.OtherID, &o.Doors, &o.Voters} })
}

// StreetTotals reads the doors and voters of the given BAN streets (every street when streets is
// nil), ordered by street id.
func (s *Store) StreetTotals(ctx context.Context, streets []string) ([]StreetTotal, error) {
	scan := func(t *StreetTotal) []any {
		return []any{&t.StreetID, &t.Name, &t.Doors, &t.Voters, &t.Bound.Min[0], &t.Bound.Min[1], &t.Bound.Max[0], &t.Bound.Max[1]}
	}
	const query = "SELECT street_id, name, doors, voters, min_lon, min_lat, max_lon, max_lat FROM street_totals"
	if streets == nil {
		return readRows(ctx, s, query+" ORDER BY street_id", nil, scan)
	}
	return readIn(ctx, s, query+" WHERE street_id IN (%s) ORDER BY street_id", streets, scan)
}

// StreetAreas reads, for the given BAN streets (every street when streets is nil), the doors and
// voters each area holds.
func (s *Store) StreetAreas(ctx context.Context, streets []string) ([]StreetArea, error) {
	scan := func(t *StreetArea) []any { return []any{&t.StreetID, &t.AreaID, &t.Doors, &t.Voters} }
	const query = "SELECT street_id, area_id, doors, voters FROM street_areas"
	if streets == nil {
		return readRows(ctx, s, query+" ORDER BY street_id, area_id", nil, scan)
	}
	return readIn(ctx, s, query+" WHERE street_id IN (%s) ORDER BY street_id, area_id", streets, scan)
}

// AddressOwnersOf lists which areas hold each of the given addresses.
func (s *Store) AddressOwnersOf(ctx context.Context, addresses []string) ([]Owner, error) {
	return readIn(ctx, s, "SELECT address_id, area_id FROM address_areas WHERE address_id IN (%s) ORDER BY address_id, area_id",
		addresses, func(o *Owner) []any { return []any{&o.AddressID, &o.AreaID} })
}

// Door is an address point with its geocoded voters.
type Door struct {
	AddressPoint
	Voters int
}

// doorColumns reads a Door from addresses a.
const doorColumns = `a.id, a.street, coalesce(a.number, 0), a.rep, a.postcode, a.insee, a.lon, a.lat,
	(SELECT count(*) FROM voter_addresses va WHERE va.address_id = a.id)`

func scanDoor(d *Door) []any {
	return []any{&d.ID, &d.Street, &d.Number, &d.Rep, &d.Postcode, &d.Insee, &d.Lon, &d.Lat, &d.Voters}
}

// DoorsIn reads the addresses an area holds, with their voters, ordered by id.
func (s *Store) DoorsIn(ctx context.Context, areaID int64) ([]Door, error) {
	doors, err := readRows(ctx, s, `SELECT `+doorColumns+` FROM address_areas aa JOIN addresses a ON a.id = aa.address_id
		WHERE aa.area_id = ? ORDER BY a.id`, []any{areaID}, scanDoor)
	return withStreetIDs(doors), err
}

// DoorsOn reads the addresses of a BAN street, with their voters, ordered by id.
func (s *Store) DoorsOn(ctx context.Context, streetID string) ([]Door, error) {
	// BAN ids of a street are its id, "_", then the number: a range of the primary key.
	doors, err := readRows(ctx, s, `SELECT `+doorColumns+` FROM addresses a WHERE a.id > ? AND a.id < ? ORDER BY a.id`,
		[]any{streetID + "_", streetID + "`"}, scanDoor)
	return withStreetIDs(doors), err
}

func withStreetIDs(doors []Door) []Door {
	for i := range doors {
		doors[i].StreetID = StreetIDOf(doors[i].ID)
	}
	return doors
}

// readRows runs a query and scans each row into a new T through the pointers scan gives.
func readRows[T any](ctx context.Context, s *Store, query string, args []any, scan func(*T) []any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(scan(&v)...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// readIn runs readRows with the query's %s replaced by placeholders for keys, in chunks of at most
// 500 keys.
func readIn[T any](ctx context.Context, s *Store, query string, keys []string, scan func(*T) []any) ([]T, error) {
	var out []T
	for start := 0; start < len(keys); start += 500 {
		chunk := keys[start:min(start+500, len(keys))]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		part, err := readRows(ctx, s, fmt.Sprintf(query, strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")), args, scan)
		if err != nil {
			return nil, err
		}
		out = append(out, part...)
	}
	return out, nil
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

// GeocodeTally counts the voters the last geocoding matched with one kind and form, and whether it
// left them unmatched as an ambiguous street.
type GeocodeTally struct {
	Kind      string
	Form      string
	Ambiguous bool
	Voters    int
}

// GeocodeTallies reads the tallies the last geocoding saved.
func (s *Store) GeocodeTallies(ctx context.Context) ([]GeocodeTally, error) {
	return readRows(ctx, s, "SELECT kind, form, ambiguous, voters FROM geocode_tallies ORDER BY kind, form, ambiguous", nil,
		func(t *GeocodeTally) []any { return []any{&t.Kind, &t.Form, &t.Ambiguous, &t.Voters} })
}

// LayerDoors counts, for each layer of polygons (constituency and neighborhood levels), the
// addresses its areas hold, as the last geocoding counted them.
func (s *Store) LayerDoors(ctx context.Context) (map[string]int, error) {
	return s.countBy(ctx, `SELECT ar.layer, coalesce(sum(t.doors), 0) FROM areas ar
		LEFT JOIN area_totals t ON t.area_id = ar.id WHERE ar.level != 'street' GROUP BY ar.layer`)
}

// AddressCount counts the address points, as the last geocoding did, commune by commune.
func (s *Store) AddressCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT coalesce(sum(addresses), 0) FROM commune_bounds").Scan(&n)
	return n, err
}

// AddressBound is the box around every address point; any is false when there is none.
func (s *Store) AddressBound(ctx context.Context) (b orb.Bound, any bool, err error) {
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(min(lon), 0), coalesce(min(lat), 0),
		coalesce(max(lon), 0), coalesce(max(lat), 0) FROM addresses`).Scan(&n, &b.Min[0], &b.Min[1], &b.Max[0], &b.Max[1])
	return b, n > 0, err
}

// CommuneBounds reads, as the last geocoding saved them, each commune's address count and the box
// around its addresses, ordered by INSEE code.
func (s *Store) CommuneBounds(ctx context.Context) ([]CommuneBound, error) {
	return readRows(ctx, s, `SELECT insee, addresses, min_lon, min_lat, max_lon, max_lat FROM commune_bounds ORDER BY insee`,
		nil, func(c *CommuneBound) []any {
			return []any{&c.Insee, &c.Addresses, &c.Bound.Min[0], &c.Bound.Min[1], &c.Bound.Max[0], &c.Bound.Max[1]}
		})
}

// TaggedPoint is an address point with the code of the area of one layer holding it ("" when
// none does).
type TaggedPoint struct {
	ID       string
	Lon, Lat float64
	Area     string
}

// CommunePoints reads the address points of a commune, ordered by id, each tagged with the code
// of the area of the level and layer that holds it (the first by row id if several do).
func (s *Store) CommunePoints(ctx context.Context, insee, level, layer string) ([]TaggedPoint, error) {
	return readRows(ctx, s, `SELECT a.id, a.lon, a.lat, coalesce((SELECT ar.code FROM address_areas aa
			JOIN areas ar ON ar.id = aa.area_id WHERE aa.address_id = a.id AND ar.level = ? AND ar.layer = ?
			ORDER BY aa.area_id LIMIT 1), '')
		FROM addresses a WHERE a.insee = ? ORDER BY a.id`, []any{level, layer, insee},
		func(p *TaggedPoint) []any { return []any{&p.ID, &p.Lon, &p.Lat, &p.Area} })
}
