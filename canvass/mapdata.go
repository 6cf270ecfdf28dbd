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
// the areas an organizer marked by colouring their doors.
type MapData struct {
	Level  string     `json:"level"`
	Layer  string     `json:"layer"`  // the layer drawn; "" when the level has no shapes
	Layers []string   `json:"layers"` // every layer of the level, in name order
	Areas  []MapArea  `json:"areas"`
	Points []MapPoint `json:"points"`
	Bound  orb.Bound  `json:"bound"` // of the areas and the points; the zero bound when there are none
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
	addrs, err := c.store.AllAddresses(ctx)
	if err != nil {
		return MapData{}, err
	}
	owner := map[string]string{} // address -> code of its area in the layer
	if level != "street" {
		owners, err := c.store.AddressOwners(ctx)
		if err != nil {
			return MapData{}, err
		}
		for _, o := range owners {
			if c, ok := code[o.AreaID]; ok {
				if _, taken := owner[o.AddressID]; !taken {
					owner[o.AddressID] = c
				}
			}
		}
	}
	m.Points = make([]MapPoint, len(addrs))
	for i, a := range addrs {
		m.Points[i] = MapPoint{Lon: a.Lon, Lat: a.Lat, Area: pointArea(level, a, owner)}
		grow(orb.Bound{Min: orb.Point{a.Lon, a.Lat}, Max: orb.Point{a.Lon, a.Lat}})
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

// pointArea is the id, as Areas names it, of the area of the level holding address a.
func pointArea(level string, a data.AddressPoint, owner map[string]string) string {
	if level == "street" {
		return a.StreetID
	}
	return owner[a.ID]
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
