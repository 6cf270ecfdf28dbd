package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/campagne-fr/porteaporte/data/areafile"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/geo"
	"github.com/campagne-fr/porteaporte/geo/network"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// StreetOptions says how to read a street layer.
type StreetOptions struct {
	Layer     string // the table of a GeoPackage holding several
	IDField   string // property holding each line's id; default: guessed as for a street area layer
	NameField string // property holding the street's name; default: guessed likewise
}

// maxPiecesListed bounds the pieces of a network the report lists one by one.
const maxPiecesListed = 10

// ImportStreets imports the street network walks follow: the centre lines of a GeoJSON or
// GeoPackage layer (the Ville de Paris voies, IGN BD TOPO troncon_de_route, lines drawn from
// OpenStreetMap), read one feature at a time, cut into segments at the vertices they share
// (network.Split). A feature that is not a valid LineString or MultiLineString is rejected with
// its index; one without a name is kept, unnamed. The report's notices say how many segments and
// nodes the network has, and list the pieces no street links to the rest, with their size.
//
// It replaces the network imported before, in one transaction: importing the same file twice
// changes nothing, and a fatal error or a cancelled ctx leaves the store as it was.
func (s *Store) ImportStreets(ctx context.Context, path string, opt StreetOptions, progress ProgressFunc) (Report, error) {
	file := filepath.Base(path)
	rep := Report{File: file, Kind: "streets", Errors: []RowError{}, Warnings: []RowError{}}
	r, err := areafile.Open(ctx, path, opt.Layer)
	if err != nil {
		return rep, areaInputError(err)
	}
	defer r.Close()
	// The feature loop chooses and reads fields as a street area layer does.
	fields := &areaImport{opt: AreaOptions{Level: "street", IDField: opt.IDField, NameField: opt.NameField}, file: file,
		rep: &rep, reader: r, progress: progress}
	var lines []network.Line
	imported := 0
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		rep.Read++
		var fe *areafile.FeatureError
		switch {
		case errors.As(err, &fe):
			fields.reject(fe.Index, fe.Field, fe.Reason)
		case err != nil:
			return rep, areaInputError(err)
		default:
			got, err := fields.line(f)
			if err != nil {
				return rep, err
			}
			if len(got) > 0 {
				lines = append(lines, got...)
				imported++
			}
		}
		if progress != nil && rep.Read%progressEveryFeature == 0 {
			fields.report()
		}
	}
	if progress != nil {
		fields.report()
	}
	if imported == 0 {
		return rep, fields.noneImported()
	}
	rep.Imported = imported
	net := network.Build(lines)
	describeNetwork(&rep, net)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce((SELECT lines FROM street_network), 0)").Scan(&rep.Replaced); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM street_segments"); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, "INSERT INTO street_segments (id, line, name, from_node, to_node, geom) VALUES (?, ?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		for i, seg := range net.Segments {
			blob, err := wkb.Marshal(seg.Path)
			if err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, i, seg.Line, seg.Name, seg.From, seg.To, blob); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO street_network (id, file, layer, lines, imported_at) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET file = excluded.file, layer = excluded.layer, lines = excluded.lines,
			imported_at = excluded.imported_at`, file, opt.Layer, imported, s.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, audit.Import{Kind: audit.OpImportStreets, File: file, Read: rep.Read, Imported: imported,
			Rejected: rep.Rejected, Replaced: rep.Replaced, Segments: len(net.Segments), Nodes: len(net.Nodes)})
	})
	return rep, err
}

// line reads one feature as street lines (a MultiLineString gives one per part), or rejects it.
// The error, fatal, says that no property could be taken for the lines' ids.
func (a *areaImport) line(f areafile.Feature) ([]network.Line, error) {
	if !a.chosen {
		if err := a.chooseFields(f); err != nil {
			return nil, err
		}
	}
	id, ok := propertyText(f.Properties, a.idField)
	if a.idMember {
		id, ok = plainText(f.ID)
	}
	if !ok {
		id = fmt.Sprintf("#%d", f.Index) // lines need no id to be walked: name it by its place in the file
	}
	name, _ := propertyText(f.Properties, a.nameField)
	if err := geo.ValidateGeometry(f.Geometry); err != nil {
		a.reject(f.Index, "geometry", i18n.Msg("import.cause", "Err", err))
		return nil, nil
	}
	switch g := f.Geometry.(type) {
	case orb.LineString:
		return []network.Line{{ID: id, Name: name, Path: g}}, nil
	case orb.MultiLineString:
		out := make([]network.Line, len(g))
		for i, l := range g {
			out[i] = network.Line{ID: id, Name: name, Path: l}
		}
		return out, nil
	}
	a.reject(f.Index, "geometry", i18n.Msg("import.streets.line", "Type", f.Geometry.GeoJSONType()))
	return nil, nil
}

// describeNetwork adds to the report what the network is made of and the pieces apart from the
// rest: walks cannot reach them but across the gap, in a straight line.
func describeNetwork(rep *Report, net *network.Network) {
	pieces := net.Components()
	rep.Warn(NewRowError(0, "", i18n.Msg("import.streets.network", "Segments", len(net.Segments), "Nodes", len(net.Nodes),
		"Km", i18n.Fixed{X: totalKm(pieces), Prec: 1}, "Count", len(pieces))))
	for i, p := range pieces {
		if i == 0 {
			continue
		}
		if i > maxPiecesListed {
			rep.Warn(NewRowError(0, "", i18n.Msg("import.streets.more", "Count", len(pieces)-1-maxPiecesListed)))
			break
		}
		c := p.Bound.Center()
		rep.Warn(NewRowError(0, "", i18n.Msg("import.streets.piece", "Segments", p.Segments, "Metres", i18n.Fixed{X: p.Metres},
			"Around", fmt.Sprintf("%.5f,%.5f", c[0], c[1]))))
	}
}

func totalKm(pieces []network.Component) float64 {
	m := 0.0
	for _, p := range pieces {
		m += p.Metres
	}
	return m / 1000
}

// StreetSegments reads the stored street network's segments, in order; none when no network was
// imported.
func (s *Store) StreetSegments(ctx context.Context) ([]network.Segment, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, line, name, from_node, to_node, geom FROM street_segments ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []network.Segment
	for rows.Next() {
		var id int
		var seg network.Segment
		var blob []byte
		if err := rows.Scan(&id, &seg.Line, &seg.Name, &seg.From, &seg.To, &blob); err != nil {
			return nil, err
		}
		g, err := wkb.Unmarshal(blob)
		ls, ok := g.(orb.LineString)
		if err != nil || !ok || id != len(out) {
			return nil, fmt.Errorf("street segment %d: stored geometry unreadable", id)
		}
		seg.Path = ls
		out = append(out, seg)
	}
	return out, rows.Err()
}
