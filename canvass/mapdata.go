package canvass

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// MapData is what a map of one level draws: the outlines of one layer's areas and every address
// point, each point tagged with the area of that layer holding it, so that a map can highlight
// the areas an organizer marked by colouring their doors. Beyond MapInlinePoints addresses, the
// points are left to MapTile, one commune at a time, and Tiles lists the communes.
type MapData struct {
	Level  string     `json:"level"`
	Layer  string     `json:"layer"`  // the layer drawn; "" when the level has no shapes
	Layers []string   `json:"layers"` // every layer of the level, in name order
	Areas  []MapArea  `json:"areas"`
	Points []MapPoint `json:"points"`
	Tiles  []MapTile  `json:"tiles,omitempty"` // the communes whose points MapTile reads, when Points has none
	Bound  orb.Bound  `json:"bound"`           // of the areas and the points; the zero bound when there are none
	// Network is the street network walks follow, one line per segment, lon/lat; none when the
	// campaign has no street network.
	Network []orb.LineString `json:"network,omitempty"`
}

// MapArea is one area as a map draws it, in lon/lat: the polygons of a polygon layer, or the
// lines of a street layer.
type MapArea struct {
	ID    string              `json:"id"` // as Areas names it
	Name  string              `json:"name"`
	Shape orb.MultiPolygon    `json:"shape,omitempty"`
	Lines orb.MultiLineString `json:"lines,omitempty"`
}

// MapInlinePoints is how many address points MapData reads at once; a larger territory's are read
// by tile (MapTile), so that a map opens at once and fills in.
const MapInlinePoints = 50_000

// MapTile is the address points of one commune: how many, and the box around them.
type MapTile struct {
	Commune   string    `json:"commune"`
	Addresses int       `json:"addresses"`
	Bound     orb.Bound `json:"bound"`
}

// MapPoint is an address point. Area is the ID, as Areas names it, of the area holding it at the
// map's level: its BAN street at street level, else its area in the map's layer ("" outside all).
type MapPoint struct {
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Area string  `json:"area,omitempty"`
}

// MapData reads what a map of level needs. layer chooses among the level's layers; "" takes the
// first by name. Street level draws the street layer's lines when one was imported, and tags the
// points with their BAN street, the id its rows have in Areas.
func (c *Campaign) MapData(ctx context.Context, level, layer string) (MapData, error) {
	ctx, err := c.allowAny(ctx, policy.ReadMap)
	if err != nil {
		return MapData{}, err
	}
	if err := checkLevel("level", level); err != nil {
		return MapData{}, err
	}
	if _, err := c.ensureGeography(ctx); err != nil {
		return MapData{}, err
	}
	shapes, err := c.store.AreaShapes(ctx, level)
	if err != nil {
		return MapData{}, err
	}
	m := MapData{Level: level}
	for _, s := range shapes {
		if !slices.Contains(m.Layers, s.Layer) {
			m.Layers = append(m.Layers, s.Layer)
		}
	}
	switch {
	case layer == "" && len(m.Layers) > 0:
		layer = m.Layers[0]
	case layer != "" && !slices.Contains(m.Layers, layer):
		return MapData{}, Usage("usage.map.layer", "Layer", layer, "Level", level, "Layers", strings.Join(m.Layers, ", "))
	}
	m.Layer = layer
	code := map[int64]string{} // row id -> code, for the layer drawn
	var b orb.Bound
	seen := false
	grow := func(nb orb.Bound) {
		if !seen {
			b, seen = nb, true
		} else {
			b = b.Union(nb)
		}
	}
	for _, s := range shapes {
		if s.Layer != layer {
			continue
		}
		code[s.ID] = s.Code
		a := MapArea{ID: s.Code, Name: s.Name}
		split(s.Geom, &a)
		if len(a.Shape) > 0 || len(a.Lines) > 0 {
			grow(s.Geom.Bound())
		}
		m.Areas = append(m.Areas, a)
	}
	communes, err := c.store.CommuneBounds(ctx)
	if err != nil {
		return MapData{}, err
	}
	total := 0
	for _, cb := range communes {
		total += cb.Addresses
		grow(cb.Bound)
		m.Tiles = append(m.Tiles, MapTile{Commune: cb.Insee, Addresses: cb.Addresses, Bound: cb.Bound})
	}
	if total <= MapInlinePoints {
		m.Points = []MapPoint{}
		for _, t := range m.Tiles {
			points, err := c.mapTile(ctx, level, layer, t.Commune)
			if err != nil {
				return MapData{}, err
			}
			m.Points = append(m.Points, points...)
		}
		m.Tiles = nil
	}
	m.Bound = b
	net, err := c.streetNetwork(ctx)
	if err != nil || net == nil {
		return m, err
	}
	for _, s := range net.Segments {
		m.Network = append(m.Network, s.Path)
	}
	return m, nil
}

// MapTile reads the address points of one commune of MapData's Tiles, tagged as MapData tags them.
func (c *Campaign) MapTile(ctx context.Context, level, layer, commune string) ([]MapPoint, error) {
	ctx, err := c.allowAny(ctx, policy.ReadMap)
	if err != nil {
		return nil, err
	}
	return c.mapTile(ctx, level, layer, commune)
}

// mapTile is MapTile, the member's right checked by the caller.
func (c *Campaign) mapTile(ctx context.Context, level, layer, commune string) ([]MapPoint, error) {
	points, err := c.store.CommunePoints(ctx, commune, level, layer)
	if err != nil {
		return nil, err
	}
	out := make([]MapPoint, len(points))
	for i, p := range points {
		out[i] = MapPoint{Lon: p.Lon, Lat: p.Lat, Area: p.Area}
		if level == "street" {
			out[i].Area = data.StreetIDOf(p.ID)
		}
	}
	return out, nil
}

// split sorts a geometry's parts into the area's polygons and lines; points draw nothing.
func split(g orb.Geometry, a *MapArea) {
	switch g := g.(type) {
	case orb.Polygon:
		a.Shape = append(a.Shape, g)
	case orb.MultiPolygon:
		a.Shape = append(a.Shape, g...)
	case orb.LineString:
		a.Lines = append(a.Lines, g)
	case orb.MultiLineString:
		a.Lines = append(a.Lines, g...)
	case orb.Ring:
		a.Shape = append(a.Shape, orb.Polygon{g})
	case orb.Collection:
		for _, x := range g {
			split(x, a)
		}
	}
}

// MapTurf is a turf as a map draws it: its doors in walking order, each a lon/lat point, and its
// route: the walk along the streets on a street network, else the doors joined in order.
type MapTurf struct {
	ID    int            `json:"id"`
	Label string         `json:"label"` // "3": what a map writes at the turf's start
	Doors []orb.Point    `json:"doors"`
	Route orb.LineString `json:"route"`
}

// MapTurfs lists the plan's turfs in order with their doors in walking order.
func (p Plan) MapTurfs() []MapTurf {
	out := make([]MapTurf, len(p.Turfs))
	for i, t := range p.Turfs {
		mt := MapTurf{ID: t.ID, Label: strconv.Itoa(t.ID)}
		for _, s := range t.Stops {
			for _, d := range s.Numbers {
				mt.Doors = append(mt.Doors, orb.Point{d.Lon, d.Lat})
			}
		}
		mt.Route = orb.LineString(mt.Doors)
		if p.Distances == NetworkDistances && len(t.Path) > 1 {
			mt.Route = t.Path
		}
		out[i] = mt
	}
	return out
}
