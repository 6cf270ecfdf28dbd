package areafile

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The GeoJSON feature and geometry decoding is written here rather than taken from orb/geojson:
// that package pulls in a BSON driver, and it reads a position into a [2]float64, so that [2.3]
// silently becomes (2.3, 0). Here a position needs at least two numbers (a third, the elevation,
// is dropped) and every problem names the member at fault.

// decodeFeature reads one GeoJSON Feature (all but its index). On failure reason says what is
// wrong and field names the member at fault.
func decodeFeature(raw []byte) (f Feature, field string, reason i18n.Message) {
	var doc struct {
		Type       *string         `json:"type"`
		ID         any             `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return f, "", i18n.Msg("import.geojson.feature.object")
	}
	if doc.Type == nil || *doc.Type != "Feature" {
		return f, "type", i18n.Msg("import.geojson.feature.type")
	}
	switch doc.ID.(type) {
	case nil, string, float64:
		f.ID = doc.ID
	default:
		return f, "id", i18n.Msg("import.geojson.feature.id")
	}
	if len(doc.Properties) > 0 {
		if err := json.Unmarshal(doc.Properties, &f.Properties); err != nil {
			return f, "properties", i18n.Msg("import.geojson.feature.properties")
		}
	}
	if len(doc.Geometry) == 0 {
		return f, "", i18n.Message{}
	}
	f.Geometry, reason = decodeGeometry(doc.Geometry)
	if reason.ID != "" {
		return f, "geometry", reason
	}
	return f, "", i18n.Message{}
}

// decodeGeometry reads a GeoJSON geometry object (null gives a nil geometry).
func decodeGeometry(raw json.RawMessage) (orb.Geometry, i18n.Message) {
	var doc struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, i18n.Msg("import.geojson.geometry.object")
	}
	if doc.Type == "" {
		if string(raw) == "null" {
			return nil, i18n.Message{}
		}
		return nil, i18n.Msg("import.geojson.geometry.notype")
	}
	depth, ok := map[string]int{"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}[doc.Type]
	if !ok {
		if doc.Type == "GeometryCollection" {
			return nil, i18n.Msg("import.geojson.geometry.collection")
		}
		return nil, i18n.Msg("import.geojson.geometry.unknown", "Type", clip(doc.Type))
	}
	// Numbers are decoded as json.Number, so that one beyond float64's range (1e999) is reported
	// as such by position, not taken for missing coordinates.
	var c any
	if len(doc.Coordinates) > 0 {
		dec := json.NewDecoder(bytes.NewReader(doc.Coordinates))
		dec.UseNumber()
		if dec.Decode(&c) != nil {
			c = nil
		}
	}
	if c == nil {
		return nil, i18n.Msg("import.geojson.geometry.nocoordinates", "Type", doc.Type)
	}
	g, err := coordinates(doc.Type, c, depth)
	if err.ID != "" {
		return nil, i18n.Msg("import.geojson.coordinates", "Type", doc.Type, "Reason", err)
	}
	return g, i18n.Message{}
}

// coordinates converts the decoded "coordinates" array of a geometry of the given type, nested
// depth arrays deep (1 for a Point).
func coordinates(typ string, c any, depth int) (orb.Geometry, i18n.Message) {
	switch depth {
	case 1:
		p, err := position(c)
		return p, err
	case 2:
		pts, err := positions(c)
		if typ == "MultiPoint" {
			return orb.MultiPoint(pts), err
		}
		return orb.LineString(pts), err
	}
	list, ok := c.([]any)
	if !ok {
		return nil, i18n.Msg("import.geojson.array")
	}
	switch typ {
	case "MultiLineString":
		out := make(orb.MultiLineString, len(list))
		for i, l := range list {
			pts, err := positions(l)
			if err.ID != "" {
				return nil, i18n.Msg("import.geojson.line", "N", i+1, "Reason", err)
			}
			out[i] = pts
		}
		return out, i18n.Message{}
	case "Polygon":
		return polygon(list)
	default: // MultiPolygon
		out := make(orb.MultiPolygon, len(list))
		for i, p := range list {
			rings, ok := p.([]any)
			if !ok {
				return nil, i18n.Msg("import.geojson.rings", "N", i+1)
			}
			poly, err := polygon(rings)
			if err.ID != "" {
				return nil, i18n.Msg("import.geojson.polygon", "N", i+1, "Reason", err)
			}
			out[i] = poly.(orb.Polygon)
		}
		return out, i18n.Message{}
	}
}

func polygon(rings []any) (orb.Geometry, i18n.Message) {
	out := make(orb.Polygon, len(rings))
	for i, r := range rings {
		pts, err := positions(r)
		if err.ID != "" {
			return nil, i18n.Msg("import.geojson.ring", "N", i+1, "Reason", err)
		}
		out[i] = pts
	}
	return out, i18n.Message{}
}

func positions(c any) ([]orb.Point, i18n.Message) {
	list, ok := c.([]any)
	if !ok {
		return nil, i18n.Msg("import.geojson.positions")
	}
	out := make([]orb.Point, len(list))
	for i, p := range list {
		pt, err := position(p)
		if err.ID != "" {
			return nil, i18n.Msg("import.geojson.position.n", "N", i+1, "Reason", err)
		}
		out[i] = pt
	}
	return out, i18n.Message{}
}

func position(c any) (orb.Point, i18n.Message) {
	list, ok := c.([]any)
	if !ok || len(list) < 2 {
		return orb.Point{}, i18n.Msg("import.geojson.position")
	}
	var p orb.Point
	for i := range p {
		n, ok := list[i].(json.Number)
		if !ok {
			return orb.Point{}, i18n.Msg("import.geojson.position.numbers")
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return orb.Point{}, i18n.Msg([2]string{"import.geojson.lon.range", "import.geojson.lat.range"}[i])
		}
		p[i] = v
	}
	return p, i18n.Message{}
}
