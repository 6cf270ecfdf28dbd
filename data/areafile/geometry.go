package areafile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// The GeoJSON feature and geometry decoding is written here rather than taken from orb/geojson:
// that package pulls in a BSON driver, and it reads a position into a [2]float64, so that [2.3]
// silently becomes (2.3, 0). Here a position needs at least two numbers (a third, the elevation,
// is dropped) and every problem names the member at fault.

// decodeFeature reads one GeoJSON Feature (all but its index). On failure reason says what is
// wrong and field names the member at fault.
func decodeFeature(raw []byte) (f Feature, field, reason string) {
	var doc struct {
		Type       *string         `json:"type"`
		ID         any             `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return f, "", "not a GeoJSON Feature: expected a JSON object"
	}
	if doc.Type == nil || *doc.Type != "Feature" {
		return f, "type", `not a Feature: "type" must be "Feature"`
	}
	switch doc.ID.(type) {
	case nil, string, float64:
		f.ID = doc.ID
	default:
		return f, "id", "must be a string or a number (RFC 7946)"
	}
	if len(doc.Properties) > 0 {
		if err := json.Unmarshal(doc.Properties, &f.Properties); err != nil {
			return f, "properties", "must be a JSON object or null"
		}
	}
	if len(doc.Geometry) == 0 {
		return f, "", ""
	}
	f.Geometry, reason = decodeGeometry(doc.Geometry)
	if reason != "" {
		return f, "geometry", reason
	}
	return f, "", ""
}

// decodeGeometry reads a GeoJSON geometry object (null gives a nil geometry).
func decodeGeometry(raw json.RawMessage) (orb.Geometry, string) {
	var doc struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, "must be a GeoJSON geometry object or null"
	}
	if doc.Type == "" {
		if string(raw) == "null" {
			return nil, ""
		}
		return nil, `no "type"`
	}
	depth, ok := map[string]int{"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}[doc.Type]
	if !ok {
		if doc.Type == "GeometryCollection" {
			return nil, "GeometryCollection is not supported: expected Polygon, MultiPolygon, LineString or MultiLineString"
		}
		return nil, fmt.Sprintf("unknown geometry type %q", clip(doc.Type))
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
		return nil, fmt.Sprintf("%s without \"coordinates\"", doc.Type)
	}
	g, err := coordinates(doc.Type, c, depth)
	if err != "" {
		return nil, fmt.Sprintf("%s coordinates: %s", doc.Type, err)
	}
	return g, ""
}

// coordinates converts the decoded "coordinates" array of a geometry of the given type, nested
// depth arrays deep (1 for a Point).
func coordinates(typ string, c any, depth int) (orb.Geometry, string) {
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
		return nil, "expected an array"
	}
	switch typ {
	case "MultiLineString":
		out := make(orb.MultiLineString, len(list))
		for i, l := range list {
			pts, err := positions(l)
			if err != "" {
				return nil, fmt.Sprintf("line %d: %s", i+1, err)
			}
			out[i] = pts
		}
		return out, ""
	case "Polygon":
		return polygon(list)
	default: // MultiPolygon
		out := make(orb.MultiPolygon, len(list))
		for i, p := range list {
			rings, ok := p.([]any)
			if !ok {
				return nil, fmt.Sprintf("polygon %d: expected an array of rings", i+1)
			}
			poly, err := polygon(rings)
			if err != "" {
				return nil, fmt.Sprintf("polygon %d, %s", i+1, err)
			}
			out[i] = poly.(orb.Polygon)
		}
		return out, ""
	}
}

func polygon(rings []any) (orb.Geometry, string) {
	out := make(orb.Polygon, len(rings))
	for i, r := range rings {
		pts, err := positions(r)
		if err != "" {
			return nil, fmt.Sprintf("ring %d: %s", i+1, err)
		}
		out[i] = pts
	}
	return out, ""
}

func positions(c any) ([]orb.Point, string) {
	list, ok := c.([]any)
	if !ok {
		return nil, "expected an array of positions"
	}
	out := make([]orb.Point, len(list))
	for i, p := range list {
		pt, err := position(p)
		if err != "" {
			return nil, fmt.Sprintf("position %d: %s", i+1, err)
		}
		out[i] = pt
	}
	return out, ""
}

func position(c any) (orb.Point, string) {
	list, ok := c.([]any)
	if !ok || len(list) < 2 {
		return orb.Point{}, "expected [longitude, latitude]"
	}
	var p orb.Point
	for i := range p {
		n, ok := list[i].(json.Number)
		if !ok {
			return orb.Point{}, "expected numbers [longitude, latitude]"
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return orb.Point{}, fmt.Sprintf("the %s is out of range, not a finite number: expected degrees", [2]string{"longitude", "latitude"}[i])
		}
		p[i] = v
	}
	return p, ""
}
