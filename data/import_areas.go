package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/data/areafile"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/geo"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// idGuesses are the properties that usually hold an area's code, by level, most specific first:
// the Paris open-data, INSEE/IGN and data.gouv.fr layers organizers download. A file's own
// constant columns (code_insee, the département) must not be among them: every feature would then
// have the same code.
var idGuesses = map[string][]string{
	"constituency": {"codeCirconscription", "code_circonscription", "code_circo", "circonscription", "id_circo", "ref"},
	"neighborhood": {"id_bv", "code_bv", "codeBureauVote", "CODE_IRIS", "code_iris", "iris_code", "c_qu", "c_quinsee"},
	"street":       {"N_SQ_VO", "C_VOIE", "id_fantoir", "code_voie", "fantoir", "id_voie", "cleabs", "osm_id"},
}

// nameGuesses are the properties that usually hold an area's name, by level.
var nameGuesses = map[string][]string{
	"constituency": {"nomCirconscription", "nom_circonscription", "libelle_circonscription"},
	"neighborhood": {"NOM_IRIS", "nom_iris", "l_qu", "nom_quartier", "nom_bv", "libelle_bv"},
	"street":       {"L_LONGMIN", "nom_voie", "L_VOIE", "libelle_voie", "nom_voie_ban_gauche", "nom_collaboratif_gauche"},
}

// Generic names tried after the level's own.
var (
	genericIDs   = []string{"code", "id", "identifiant", "objectid", "fid", "ogc_fid"}
	genericNames = []string{"nom", "name", "libelle", "label", "title"}
)

// progressEveryFeature is how many features pass between two progress reports.
const progressEveryFeature = 64

// ImportAreas imports an area layer, GeoJSON or GeoPackage, at a level (constituency, neighborhood
// or street) under a layer name (default: the file's name without extension). Each area's code and
// name come from opt.IDField and opt.NameField, or from properties guessed by their usual names,
// which the report's warnings then name. Features without a code, with a code already seen in the
// file, or with an invalid geometry (see geo.ValidateGeometry) are rejected with their index; the
// rest is stored with its geometry as WKB and its bounds in the areas_rtree index.
//
// Everything happens in one transaction: re-importing a layer replaces it (areas keep their row id
// when their code stays), importing the same file twice changes nothing, and a fatal error or a
// cancelled ctx leaves the store as it was.
func (s *Store) ImportAreas(ctx context.Context, path string, opt AreaOptions, progress ProgressFunc) (Report, error) {
	file := filepath.Base(path)
	rep := Report{File: file, Kind: "areas", Errors: []RowError{}, Warnings: []RowError{}}
	if !slices.Contains(Levels, opt.Level) {
		return rep, NewInputError(file, 0, "level", i18n.Msg("import.area.level", "Level", opt.Level))
	}
	layer := opt.Layer
	if layer == "" {
		layer = strings.TrimSuffix(file, filepath.Ext(file))
	}
	r, err := areafile.Open(ctx, path, layer)
	if err != nil {
		return rep, areaInputError(err)
	}
	defer r.Close()
	imp := &areaImport{owner: s, opt: opt, layer: layer, file: file, rep: &rep, reader: r, progress: progress}
	err = s.inTx(ctx, func(tx *sql.Tx) error { return imp.run(ctx, tx) })
	if err != nil {
		return rep, areaInputError(err)
	}
	return rep, nil
}

// areaImport is the state of one ImportAreas.
type areaImport struct {
	owner    *Store
	opt      AreaOptions
	layer    string
	file     string
	rep      *Report
	reader   areafile.Reader
	progress ProgressFunc

	idField, nameField string // chosen on the first feature read
	idMember           bool   // the code is the GeoJSON "id" member, not a property
	chosen             bool
	firstReason        i18n.Message // why the first feature was rejected, for the "nothing imported" error

	seen, upsert, index *sql.Stmt
}

func (a *areaImport) run(ctx context.Context, tx *sql.Tx) error {
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM areas WHERE level = ? AND layer = ?",
		a.opt.Level, a.layer).Scan(&a.rep.Replaced); err != nil {
		return err
	}
	// The codes met in this file: to reject duplicates, and afterwards to delete the areas of the
	// earlier import that this one no longer has. Temporary, so on this connection only.
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE area_import_seen (code TEXT PRIMARY KEY)"); err != nil {
		return err
	}
	var err error
	if a.seen, err = tx.PrepareContext(ctx, "INSERT INTO area_import_seen (code) VALUES (?) ON CONFLICT DO NOTHING"); err != nil {
		return err
	}
	defer a.seen.Close()
	if a.upsert, err = tx.PrepareContext(ctx, `INSERT INTO areas (level, layer, code, name, geom) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (level, layer, code) DO UPDATE SET name = excluded.name, geom = excluded.geom RETURNING id`); err != nil {
		return err
	}
	defer a.upsert.Close()
	if a.index, err = tx.PrepareContext(ctx,
		"INSERT OR REPLACE INTO areas_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)"); err != nil {
		return err
	}
	defer a.index.Close()

	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := a.reader.Next()
		if err == io.EOF {
			break
		}
		var fe *areafile.FeatureError
		switch {
		case errors.As(err, &fe):
			a.rep.Read++
			a.reject(fe.Index, fe.Field, fe.Reason)
		case err != nil:
			return err
		default:
			a.rep.Read++
			if err := a.store(ctx, f); err != nil {
				return err
			}
		}
		if a.progress != nil && a.rep.Read%progressEveryFeature == 0 {
			a.report()
		}
	}
	if a.progress != nil {
		a.report()
	}
	if a.rep.Imported == 0 {
		return a.noneImported()
	}
	const gone = "level = ? AND layer = ? AND code NOT IN (SELECT code FROM area_import_seen)"
	if _, err := tx.ExecContext(ctx, "DELETE FROM areas_rtree WHERE id IN (SELECT id FROM areas WHERE "+gone+")",
		a.opt.Level, a.layer); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM areas WHERE "+gone, a.opt.Level, a.layer); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE temp.area_import_seen"); err != nil {
		return err
	}
	return a.owner.appendAudit(ctx, tx, audit.Import{Kind: audit.OpImportAreas,
		File: a.file, Level: a.opt.Level, Layer: a.layer, Read: a.rep.Read,
		Imported: a.rep.Imported, Rejected: a.rep.Rejected, Replaced: a.rep.Replaced,
	})
}

// store checks one feature and stores it, or rejects it. Only database failures are returned.
func (a *areaImport) store(ctx context.Context, f areafile.Feature) error {
	if !a.chosen {
		if err := a.chooseFields(f); err != nil {
			return err
		}
	}
	code, ok := propertyText(f.Properties, a.idField)
	if a.idMember {
		code, ok = plainText(f.ID)
	}
	if !ok {
		a.reject(f.Index, a.idField, i18n.Msg("import.area.noid"))
		return nil
	}
	name, ok := propertyText(f.Properties, a.nameField)
	if !ok {
		name = code
	}
	if err := geo.ValidateGeometry(f.Geometry); err != nil {
		a.reject(f.Index, "geometry", i18n.Msg("import.cause", "Err", err))
		return nil
	}
	if reason := levelShape(a.opt.Level, f.Geometry); reason.ID != "" {
		a.reject(f.Index, "geometry", reason)
		return nil
	}
	res, err := a.seen.ExecContext(ctx, code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		a.reject(f.Index, a.idField, i18n.Msg("import.area.duplicate", "ID", code))
		return nil
	}
	blob, err := wkb.Marshal(f.Geometry)
	if err != nil {
		a.reject(f.Index, "geometry", i18n.Msg("import.area.wkb", "Err", err))
		return nil
	}
	var id int64
	if err := a.upsert.QueryRowContext(ctx, a.opt.Level, a.layer, code, name, blob).Scan(&id); err != nil {
		return err
	}
	b := f.Geometry.Bound()
	if _, err := a.index.ExecContext(ctx, id, b.Min[0], b.Max[0], b.Min[1], b.Max[1]); err != nil {
		return err
	}
	a.rep.Imported++
	return nil
}

// chooseFields settles, on the first feature read, which properties hold the code and the name,
// and says so in the report when they were guessed.
func (a *areaImport) chooseFields(f areafile.Feature) error {
	a.chosen = true
	a.idField, a.nameField = a.opt.IDField, a.opt.NameField
	var guessed i18n.List
	if a.idField == "" {
		a.idField = guessField(f.Properties, append(slices.Clone(idGuesses[a.opt.Level]), genericIDs...))
		if _, ok := plainText(f.ID); a.idField == "" && ok {
			// No usual property, but RFC 7946 features may carry their identifier as a member.
			a.idField, a.idMember = "id", true
			guessed = append(guessed, i18n.Msg("import.area.guess.member"))
		}
		if a.idField == "" {
			return NewInputError(a.file, f.Index, "id", i18n.Msg("import.area.noidfield", "N", f.Index, "Names", propertyNames(f.Properties)))
		}
		if !a.idMember {
			guessed = append(guessed, i18n.Msg("import.area.guess.id", "Name", a.idField))
		}
	}
	if a.nameField == "" {
		a.nameField = guessField(f.Properties, append(slices.Clone(nameGuesses[a.opt.Level]), genericNames...))
		if a.nameField == "" {
			guessed = append(guessed, i18n.Msg("import.area.guess.noname"))
		} else {
			guessed = append(guessed, i18n.Msg("import.area.guess.name", "Name", a.nameField))
		}
	}
	if len(guessed) > 0 {
		a.rep.Warn(NewRowError(0, "", i18n.Msg("import.area.guessed", "Guesses", guessed)))
	}
	return nil
}

// reject records a feature left out, saying which feature in the reason as well as in the line.
func (a *areaImport) reject(index int, field string, reason i18n.Message) {
	why := i18n.Msg("import.area.feature", "N", index, "Reason", reason)
	if a.firstReason.ID == "" {
		a.firstReason = why
	}
	a.rep.Reject(NewRowError(index, field, why))
}

// noneImported is the error of a file of which no feature was imported: the store is left as it
// was.
func (a *areaImport) noneImported() error {
	if a.rep.Read == 0 {
		return NewInputError(a.file, 0, "", i18n.Msg("import.area.empty"))
	}
	return NewInputError(a.file, 0, "", i18n.Msg("import.area.none", "Count", a.rep.Read, "First", a.firstReason))
}

func (a *areaImport) report() {
	done, total := a.reader.Progress()
	a.progress(Progress{Rows: a.rep.Read, Bytes: done, Total: total})
}

// levelShape says why a geometry cannot be an area of the level (no ID when it can):
// constituencies and neighborhoods are surfaces; streets are lines, or surfaces for squares.
func levelShape(level string, g orb.Geometry) i18n.Message {
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return i18n.Message{}
	case orb.LineString, orb.MultiLineString:
		if level == "street" {
			return i18n.Message{}
		}
	}
	return i18n.Msg("import.area.shape", "Type", g.GeoJSONType(), "Level", LevelName(level))
}

// guessField returns the first property, among candidates, that the feature has with a value:
// exact names first, then ignoring case.
func guessField(props map[string]any, candidates []string) string {
	for _, c := range candidates {
		if _, ok := propertyText(props, c); ok {
			return c
		}
	}
	for _, c := range candidates {
		for k := range props {
			if strings.EqualFold(k, c) {
				if _, ok := propertyText(props, k); ok {
					return k
				}
			}
		}
	}
	return ""
}

// propertyText renders a property as text: strings trimmed, integral numbers without a decimal
// point (77, not 77.0, as JSON numbers arrive as float64). Missing, null, empty and structured
// values give false.
func propertyText(props map[string]any, key string) (string, bool) {
	if key == "" {
		return "", false
	}
	return plainText(props[key])
}

// plainText renders a property value or identifier as propertyText does. Control characters are
// stripped, as from every imported text (see tabular.HasControl).
func plainText(value any) (string, bool) {
	var s string
	switch v := value.(type) {
	case string:
		s = strings.TrimSpace(tabular.StripControls(v))
	case []byte:
		s = strings.TrimSpace(tabular.StripControls(string(v)))
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		s = strconv.FormatInt(v, 10)
	case bool:
		s = strconv.FormatBool(v)
	default:
		return "", false
	}
	return s, s != ""
}

// propertyNames lists a feature's property names for a message, bounded.
func propertyNames(props map[string]any) string {
	if len(props) == 0 {
		return "(the feature has no properties)"
	}
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, fmt.Sprintf("%q", k))
	}
	slices.Sort(names)
	if len(names) > 20 {
		names = append(names[:20], "...")
	}
	return strings.Join(names, ", ")
}

// areaInputError gives a fatal error of the area reader the store's error type, so that callers
// have one type for "this file cannot be imported". Other errors pass through.
func areaInputError(err error) error {
	var fe *areafile.FileError
	if !errors.As(err, &fe) {
		return err
	}
	reason := fe.Reason
	if fe.Offset >= 0 {
		reason = i18n.Msg("import.area.byte", "Byte", fe.Offset, "Reason", fe.Reason)
	}
	return NewInputError(fe.File, fe.Line, "", reason)
}
