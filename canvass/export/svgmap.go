package export

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo"
)

// The map is drawn in a viewBox mapWidth units wide, which the page scales to its width (186 mm on
// A4 with 12 mm margins): one unit is about 0.19 mm, so a 13-unit label prints at about 7 pt.
const (
	mapWidth     = 1000.0
	minAspect    = 0.45 // height / width: a long thin turf still gets room for its labels
	maxAspect    = 0.75 // at 186 mm wide, 140 mm high: the map, header and first rows share page 1
	mapPadFactor = 0.06
	mapPadMetres = 25.0
)

// mapFrame places a longitude and latitude on a drawn map, to the first order about its centre
// (within a metre over a turf): x = X + (lon-Lon)*XPerLon, y = Y + (lat-Lat)*YPerLat, in map
// units. The field sheet's script uses it to show where the volunteer stands.
type mapFrame struct {
	Lon, Lat, X, Y, XPerLon, YPerLat, Width, Height float64
}

// turfMap draws the turf as an SVG map, with nothing fetched: the doors projected to metres around
// the turf's centre, the route (along the streets on a street network, else through the doors in
// walking order), a numbered marker at each stop's first
// door, a red cross on doors where no one may knock, a north arrow and a scale bar in metres. With
// tagDoors, each door's mark carries data-i, its rank in the walk from 1, for a script to colour.
func turfMap(t Turf, tagDoors bool) (string, mapFrame) {
	var lonlat []orb.Point
	for _, s := range t.Stops {
		for _, d := range s.Numbers {
			lonlat = append(lonlat, orb.Point{d.Lon, d.Lat})
		}
	}
	if len(lonlat) == 0 {
		return "", mapFrame{}
	}
	proj := geo.NewProjection(orb.MultiPoint(lonlat).Bound().Center())
	pts := proj.MetresAll(lonlat)
	line := proj.MetresAll(t.route())
	b := orb.MultiPoint(pts).Bound().Union(orb.MultiPoint(line).Bound())
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	pad := max(mapPadMetres, mapPadFactor*max(w, h))
	w, h = w+2*pad, h+2*pad
	// Widen the thinner side about the centre so the aspect stays within bounds.
	if h/w > maxAspect {
		w = h / maxAspect
	} else if h/w < minAspect {
		h = w * minAspect
	}
	cx, cy := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
	scale := mapWidth / w // units per metre
	height := math.Round(h * scale)
	at := func(p orb.Point) (float64, float64) {
		return mapWidth/2 + (p[0]-cx)*scale, height/2 - (p[1]-cy)*scale
	}
	centre := orb.MultiPoint(lonlat).Bound().Center()
	const step = 0.001 // degrees: about 70 m east, 110 m north
	x0, y0 := at(proj.Metres(centre))
	x1, _ := at(proj.Metres(orb.Point{centre[0] + step, centre[1]}))
	_, y1 := at(proj.Metres(orb.Point{centre[0], centre[1] + step}))
	frame := mapFrame{Lon: centre[0], Lat: centre[1], X: x0, Y: y0, XPerLon: (x1 - x0) / step, YPerLat: (y1 - y0) / step,
		Width: mapWidth, Height: height}
	tag := func(k int) string {
		if !tagDoors {
			return ""
		}
		return fmt.Sprintf(` data-i="%d"`, k)
	}

	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" role="img" aria-label="Carte du secteur">`, mapWidth, height)
	fmt.Fprintf(&s, `<rect width="%.0f" height="%.0f" fill="#fbfbf8"/>`, mapWidth, height)
	s.WriteString(`<polyline fill="none" stroke="#1f5fbf" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" points="`)
	for i, p := range line {
		x, y := at(p)
		if i > 0 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%.1f,%.1f", x, y)
	}
	s.WriteString(`"/>`)
	k := 0
	var markers, crosses strings.Builder
	var placed [][2]float64
	for i, st := range t.Stops {
		for j, d := range st.Numbers {
			x, y := at(pts[k])
			k++
			if d.DoNotKnock {
				fmt.Fprintf(&crosses, `<path%s d="M%.1f %.1fl12 12m0 -12l-12 12" stroke="#c00000" stroke-width="4"/>`, tag(k), x-6, y-6)
			} else {
				fmt.Fprintf(&s, `<circle%s cx="%.1f" cy="%.1f" r="3" fill="#1f5fbf"/>`, tag(k), x, y)
			}
			if j == 0 {
				fill := "#fff"
				if i == 0 {
					fill = "#c8f0c8" // the start
				}
				mx, my := place(x, y, placed)
				placed = append(placed, [2]float64{mx, my})
				if mx != x || my != y {
					fmt.Fprintf(&markers, `<path d="M%.1f %.1fL%.1f %.1f" stroke="#000" stroke-width="1.2"/>`, x, y, mx, my)
				}
				fmt.Fprintf(&markers, `<circle cx="%.1f" cy="%.1f" r="%g" fill="%s" stroke="#000" stroke-width="2"/>`+
					`<text x="%.1f" y="%.1f" font-size="13" font-weight="bold" text-anchor="middle" font-family="sans-serif">%d</text>`,
					mx, my, markerRadius, fill, mx, my+4.5, i+1)
			}
		}
	}
	s.WriteString(markers.String())
	s.WriteString(crosses.String()) // on top: a do-not-knock door must never hide under a number
	// North arrow, top right.
	fmt.Fprintf(&s, `<g transform="translate(%.0f 14)"><path d="M0 22L8 0L16 22L8 16Z" fill="#000"/>`+
		`<text x="8" y="38" font-size="14" text-anchor="middle" font-family="sans-serif">N</text></g>`, mapWidth-34)
	// Scale bar, bottom left: a round length about a fifth of the width.
	metres := niceLength(w / 5)
	bar := metres * scale
	fmt.Fprintf(&s, `<g transform="translate(16 %.0f)"><rect x="-6" y="-22" width="%.1f" height="34" fill="#fff" fill-opacity="0.85"/>`+
		`<path d="M0 0V6H%.1fV0" fill="none" stroke="#000" stroke-width="2.5"/>`+
		`<text x="%.1f" y="-6" font-size="14" text-anchor="middle" font-family="sans-serif">%s</text></g>`,
		height-14, bar+12, bar, bar/2, html.EscapeString(distanceLabel(metres)))
	s.WriteString(`</svg>`)
	return s.String(), frame
}

// markerRadius is a stop marker's radius in map units (about 2 mm printed).
const markerRadius = 11.0

// place puts a stop marker at (x, y), or when that would hide a marker already placed, at the
// nearest free spot on rings around it (joined to the door by a leader line), so that every stop
// number stays legible where stops crowd, e.g. both sides of a boulevard walked in zigzag.
func place(x, y float64, placed [][2]float64) (float64, float64) {
	free := func(px, py float64) bool {
		for _, q := range placed {
			if math.Hypot(px-q[0], py-q[1]) < 2*markerRadius+1 {
				return false
			}
		}
		return true
	}
	if free(x, y) {
		return x, y
	}
	for ring := 1; ring <= 4; ring++ {
		d := float64(ring) * 2.4 * markerRadius
		for k := 0; k < 12; k++ {
			a := float64(k) * math.Pi / 6
			px, py := x+d*math.Cos(a), y+d*math.Sin(a)
			if free(px, py) {
				return px, py
			}
		}
	}
	return x, y
}

// niceLength rounds x down to 1, 2 or 5 times a power of ten (at least 10 m).
func niceLength(x float64) float64 {
	if x < 10 {
		return 10
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= x {
			return m * p
		}
	}
	return p
}

// distanceLabel writes a scale-bar length: "200 m", "1 km".
func distanceLabel(metres float64) string {
	if metres >= 1000 {
		return fmt.Sprintf("%g km", metres/1000)
	}
	return fmt.Sprintf("%g m", metres)
}
