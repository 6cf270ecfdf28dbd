package export

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/paulmach/orb"
)

// GeoJSON is the subset of RFC 7946 a street list needs. It is written with encoding/json: orb's
// geojson package would pull in a BSON driver for nothing.
type (
	// featureCollection is a GeoJSON FeatureCollection.
	featureCollection struct {
		Type     string       `json:"type"`
		Features []geoFeature `json:"features"`
	}
	// geoFeature is a GeoJSON Feature.
	geoFeature struct {
		Type       string         `json:"type"`
		Geometry   geometry       `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	// geometry is a GeoJSON Point, LineString or Polygon.
	geometry struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}
)

func feature(g geometry, props map[string]any) geoFeature {
	return geoFeature{Type: "Feature", Geometry: g, Properties: props}
}

// WriteGeoJSON writes turf t as a GeoJSON FeatureCollection: the turf's outline (the convex hull
// of its doors, carrying the totals, whether distances follow the streets, and the information
// notice), the route (along the streets on a street network, else through the doors in walking
// order), and a point per stop (at its first door) with its street, stretch, side and numbers.
func WriteGeoJSON(w io.Writer, t Turf, n Notice) error {
	var doors orb.LineString
	var stops []geoFeature
	for i, s := range t.Stops {
		if len(s.Numbers) == 0 {
			continue
		}
		for _, d := range s.Numbers {
			doors = append(doors, orb.Point{d.Lon, d.Lat})
		}
		nk := noKnock(s)
		if nk == nil {
			nk = []string{}
		}
		props := map[string]any{
			"kind": "stop", "order": i + 1, "street": s.Street, "side": s.Side, "side_fr": sideFR(s.Side), "from": s.From,
			"to": s.To, "numbers": numbers(s), "doors": len(s.Numbers), "voters": s.Voters, "do_not_knock": nk}
		if st := stretch(s); st != "" {
			props["from_street"], props["to_street"], props["stretch"] = s.FromStreet, s.ToStreet, st
		}
		stops = append(stops, feature(geometry{"Point", orb.Point{s.Numbers[0].Lon, s.Numbers[0].Lat}}, props))
	}
	distances := "straight"
	if t.OnStreets {
		distances = "network"
	}
	fc := featureCollection{Type: "FeatureCollection"}
	fc.Features = append(fc.Features, feature(geometry{"Polygon", hullPolygon(doors)}, map[string]any{
		"kind": "turf", "plan": t.Plan, "turf": t.ID, "name": t.title(), "doors": t.Doors, "voters": t.Voters,
		"metres": t.Metres, "minutes": t.Minutes, "distances": distances, "notice": n.Text()}))
	route := t.route()
	if len(route) > 1 {
		fc.Features = append(fc.Features, feature(geometry{"LineString", route}, map[string]any{"kind": "route", "turf": t.ID}))
	}
	fc.Features = append(fc.Features, stops...)
	body, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(body, '\n'))
	return err
}

// hullPolygon is the convex hull of pts as a closed counter-clockwise ring (RFC 7946 §3.1.6). With
// fewer than three distinct points not in a line there is no area to draw, so the hull of a small
// square (about 5 m) around each point stands in.
func hullPolygon(pts []orb.Point) orb.Polygon {
	h := convexHull(pts)
	if len(h) < 3 {
		const d = 0.00005
		var boxed []orb.Point
		for _, p := range pts {
			boxed = append(boxed, orb.Point{p[0] - d, p[1] - d}, orb.Point{p[0] + d, p[1] - d},
				orb.Point{p[0] + d, p[1] + d}, orb.Point{p[0] - d, p[1] + d})
		}
		h = convexHull(boxed)
	}
	if len(h) == 0 {
		return orb.Polygon{} // no door: an empty outline
	}
	return orb.Polygon{append(orb.Ring(h), h[0])}
}

// convexHull returns the hull of pts counter-clockwise without repeating the first point (Andrew's
// monotone chain). Collinear points are dropped. Longitude and latitude serve as plane coordinates:
// a turf is small enough for the hull to be the same.
func convexHull(pts []orb.Point) []orb.Point {
	p := append([]orb.Point(nil), pts...)
	sort.Slice(p, func(i, j int) bool {
		if p[i][0] != p[j][0] {
			return p[i][0] < p[j][0]
		}
		return p[i][1] < p[j][1]
	})
	if len(p) < 3 {
		return nil
	}
	cross := func(o, a, b orb.Point) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	var h []orb.Point
	for pass := 0; pass < 2; pass++ {
		start := len(h)
		for _, q := range p {
			for len(h) >= start+2 && cross(h[len(h)-2], h[len(h)-1], q) <= 0 {
				h = h[:len(h)-1]
			}
			h = append(h, q)
		}
		h = h[:len(h)-1] // the last point starts the other chain
		for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
			p[i], p[j] = p[j], p[i]
		}
	}
	if len(h) < 3 {
		return nil
	}
	return h
}
