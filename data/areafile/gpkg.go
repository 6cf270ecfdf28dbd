package areafile

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net/url"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// wgs84 is the EPSG code of lon/lat WGS84, the only system area layers may use.
const wgs84 = 4326

// gpkgReader streams the rows of one feature table of a GeoPackage (OGC 12-128r18), opened
// read-only.
type gpkgReader struct {
	ctx     context.Context
	name    string
	db      *sql.DB
	rows    *sql.Rows
	cols    []string
	geomCol int
	srsID   int64
	vals    []any
	ptrs    []any
	total   int64
	index   int
}

func openGeoPackage(ctx context.Context, path, table string) (_ *gpkgReader, err error) {
	r := &gpkgReader{ctx: ctx, name: filepath.Base(path)}
	r.db, err = sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		return nil, r.fatal(i18n.Msg("import.cause", "Err", err))
	}
	defer func() {
		if err != nil {
			r.Close()
		}
	}()
	table, column, err := r.featureTable(table)
	if err != nil {
		return nil, err
	}
	if err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(table)).Scan(&r.total); err != nil {
		return nil, r.fatal(i18n.Msg("import.gpkg.table", "Table", table, "Err", err))
	}
	r.rows, err = r.db.QueryContext(ctx, "SELECT * FROM "+quoteIdent(table))
	if err != nil {
		return nil, r.fatal(i18n.Msg("import.gpkg.table", "Table", table, "Err", err))
	}
	if r.cols, err = r.rows.Columns(); err != nil {
		return nil, r.fatal(i18n.Msg("import.cause", "Err", err))
	}
	r.geomCol = -1
	for i, c := range r.cols {
		if strings.EqualFold(c, column) {
			r.geomCol = i
		}
	}
	if r.geomCol < 0 {
		return nil, r.fatal(i18n.Msg("import.gpkg.nocolumn", "Table", table, "Column", column))
	}
	r.vals = make([]any, len(r.cols))
	r.ptrs = make([]any, len(r.cols))
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	return r, nil
}

// featureTable finds the feature table to read, its geometry column, and checks its coordinate
// system: a GeoPackage in Lambert-93 is common in France and must not be read as degrees.
func (r *gpkgReader) featureTable(want string) (table, column string, err error) {
	var n int
	err = r.db.QueryRowContext(r.ctx, "SELECT count(*) FROM sqlite_master WHERE name IN ('gpkg_contents', 'gpkg_geometry_columns')").Scan(&n)
	if err != nil {
		return "", "", r.fatal(i18n.Msg("import.gpkg.unreadable", "Err", err))
	}
	if n != 2 {
		return "", "", r.fatal(i18n.Msg("import.gpkg.notgpkg"))
	}
	rows, err := r.db.QueryContext(r.ctx, `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
		JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		return "", "", r.fatal(i18n.Msg("import.gpkg.contents", "Err", err))
	}
	defer rows.Close()
	type layer struct {
		table, column string
		srs           int64
	}
	var layers []layer
	var names []string
	for rows.Next() {
		var l layer
		if err := rows.Scan(&l.table, &l.column, &l.srs); err != nil {
			return "", "", r.fatal(i18n.Msg("import.gpkg.columns", "Err", err))
		}
		layers = append(layers, l)
		names = append(names, fmt.Sprintf("%q", l.table))
	}
	if err := rows.Err(); err != nil {
		return "", "", r.fatal(i18n.Msg("import.cause", "Err", err))
	}
	var chosen *layer
	switch {
	case len(layers) == 0:
		return "", "", r.fatal(i18n.Msg("import.gpkg.notable"))
	case len(layers) == 1:
		chosen = &layers[0]
	default:
		for i := range layers {
			if layers[i].table == want {
				chosen = &layers[i]
			}
		}
		if chosen == nil {
			return "", "", r.fatal(i18n.Msg("import.gpkg.tables", "Count", len(layers), "Names", strings.Join(names, ", ")))
		}
	}
	if err := r.checkSRS(chosen.table, chosen.srs); err != nil {
		return "", "", err
	}
	r.srsID = chosen.srs
	return chosen.table, chosen.column, nil
}

// checkSRS accepts srs_id 4326, or any srs_id that gpkg_spatial_ref_sys defines as EPSG:4326.
func (r *gpkgReader) checkSRS(table string, srs int64) error {
	if srs == wgs84 {
		return nil
	}
	var org string
	var code int64
	err := r.db.QueryRowContext(r.ctx, "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", srs).Scan(&org, &code)
	if err == nil && strings.EqualFold(org, "EPSG") && code == wgs84 {
		return nil
	}
	what := fmt.Sprintf("srs_id %d", srs)
	if err == nil {
		what += fmt.Sprintf(" (%s:%d)", org, code)
	}
	return r.fatal(i18n.Msg("import.gpkg.srs", "Table", table, "SRS", what))
}

// fatal is a FileError, unless ctx is done: then whatever failed was interrupted, and ctx's error
// says so.
func (r *gpkgReader) fatal(reason i18n.Message) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return &FileError{File: r.name, Offset: -1, Reason: reason}
}

// Next implements Reader.
func (r *gpkgReader) Next() (Feature, error) {
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return Feature{}, r.fatal(i18n.Msg("import.gpkg.after", "N", r.index, "Err", err))
		}
		return Feature{}, io.EOF
	}
	r.index++
	if err := r.rows.Scan(r.ptrs...); err != nil {
		return Feature{}, &FeatureError{Index: r.index, Reason: i18n.Msg("import.cause", "Err", err)}
	}
	f := Feature{Index: r.index, Properties: make(map[string]any, len(r.cols)-1)}
	for i, c := range r.cols {
		if i != r.geomCol {
			f.Properties[c] = r.vals[i]
		}
	}
	switch blob := r.vals[r.geomCol].(type) {
	case nil:
	case []byte:
		g, srs, err := decodeGPB(blob)
		if err != nil {
			return Feature{}, &FeatureError{Index: r.index, Field: r.cols[r.geomCol], Reason: i18n.Msg("import.cause", "Err", err)}
		}
		if srs != r.srsID && srs > 0 {
			return Feature{}, &FeatureError{Index: r.index, Field: r.cols[r.geomCol],
				Reason: i18n.Msg("import.gpkg.featuresrs", "SRS", srs, "Table", r.srsID)}
		}
		f.Geometry = g
	default:
		return Feature{}, &FeatureError{Index: r.index, Field: r.cols[r.geomCol], Reason: i18n.Msg("import.gpkg.blob")}
	}
	return f, nil
}

func (r *gpkgReader) Progress() (int64, int64) { return int64(r.index), r.total }

func (r *gpkgReader) Close() error {
	if r.rows != nil {
		r.rows.Close()
	}
	return r.db.Close()
}

// quoteIdent quotes an SQL identifier read from the file.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// envelopeSizes is the byte size of the envelope for each value of the flags' envelope indicator:
// none, [minx maxx miny maxy], plus z, plus m, plus z and m.
var envelopeSizes = [...]int{0, 32, 48, 48, 64}

// decodeGPB decodes a GeoPackageBinary blob: "GP", a version byte (0 for version 1), a flags byte
// (bit 0 byte order of the header, bits 1-3 envelope kind, bit 4 empty geometry, bit 5 extended
// type), the srs_id as an int32, the envelope, then standard WKB. An empty geometry decodes to nil.
func decodeGPB(b []byte) (orb.Geometry, int64, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, 0, i18n.Msg("import.gpkg.header")
	}
	if b[2] != 0 {
		return nil, 0, i18n.Msg("import.gpkg.version", "Version", int(b[2])+1)
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, 0, i18n.Msg("import.gpkg.extended")
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&0x01 != 0 {
		order = binary.LittleEndian
	}
	srs := int64(int32(order.Uint32(b[4:8])))
	env := int(flags>>1) & 0x07
	if env >= len(envelopeSizes) {
		return nil, 0, i18n.Msg("import.gpkg.envelope", "Indicator", env)
	}
	start := 8 + envelopeSizes[env]
	if len(b) < start {
		return nil, 0, i18n.Msg("import.gpkg.short")
	}
	if flags&0x10 != 0 {
		return nil, srs, nil
	}
	g, err := wkb.Unmarshal(b[start:])
	if err != nil {
		return nil, 0, i18n.Msg("import.gpkg.wkb", "Err", err.Error())
	}
	if isEmptyPoint(g) {
		return nil, srs, nil
	}
	return g, srs, nil
}

// isEmptyPoint recognizes the POINT(NaN NaN) that GeoPackage writers use for an empty point when
// they do not set the empty flag.
func isEmptyPoint(g orb.Geometry) bool {
	p, ok := g.(orb.Point)
	return ok && math.IsNaN(p[0]) && math.IsNaN(p[1])
}
