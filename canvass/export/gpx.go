package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// GPXNamespace is the namespace of GPX 1.1 documents.
const GPXNamespace = "http://www.topografix.com/GPX/1/1"

// gpxDoc is the subset of a GPX 1.1 document a street list uses: metadata, waypoints, one route
// through the doors and, on a street network, one track along the streets.
// Written with encoding/xml: the schema part needed is a dozen elements, not worth a dependency.
type gpxDoc struct {
	XMLName  xml.Name    `xml:"http://www.topografix.com/GPX/1/1 gpx"`
	Version  string      `xml:"version,attr"`
	Creator  string      `xml:"creator,attr"`
	Metadata gpxMetadata `xml:"metadata"`
	Wpts     []gpxPoint  `xml:"wpt"`
	Rte      gpxRoute    `xml:"rte"`
	Trk      *gpxTrack   `xml:"trk,omitempty"`
}

// gpxTrack is the walk along the streets, as map apps draw a recorded or planned track.
type gpxTrack struct {
	Name string     `xml:"name"`
	Seg  []gpxPoint `xml:"trkseg>trkpt"`
}

// gpxMetadata names the file and carries the information notice as its description.
type gpxMetadata struct {
	Name string `xml:"name"`
	Desc string `xml:"desc"`
}

// gpxRoute is the walk through every door in order.
type gpxRoute struct {
	Name   string     `xml:"name"`
	Desc   string     `xml:"desc"`
	Number int        `xml:"number"`
	Points []gpxPoint `xml:"rtept"`
}

// gpxPoint is a waypoint or a route point (wptType in the schema; elements in schema order).
type gpxPoint struct {
	Lat  string `xml:"lat,attr"`
	Lon  string `xml:"lon,attr"`
	Name string `xml:"name,omitempty"`
	Desc string `xml:"desc,omitempty"`
	Sym  string `xml:"sym,omitempty"`
}

// coord writes a degree with 7 decimals: about a centimetre, finer than any address point.
func coord(x float64) string { return fmt.Sprintf("%.7f", x) }

// WriteGPX writes turf t as GPX 1.1: a waypoint per stop, named by its order, street and numbers,
// a route with a point per door in walking order (its description says how far, and whether
// along the streets or as the crow flies) and, on a street network, a track along the streets.
// Doors where no one may knock say so.
func WriteGPX(w io.Writer, t Turf, n Notice) error {
	doc := gpxDoc{Version: "1.1", Creator: "canvass", Metadata: gpxMetadata{Name: t.title(), Desc: n.Text()},
		Rte: gpxRoute{Name: t.title(), Desc: "Parcours de " + t.walked(), Number: t.ID}}
	if t.OnStreets && len(t.Path) > 1 {
		doc.Trk = &gpxTrack{Name: t.title() + " — trajet par les rues"}
		for _, p := range t.Path {
			doc.Trk.Seg = append(doc.Trk.Seg, gpxPoint{Lat: coord(p[1]), Lon: coord(p[0])})
		}
	}
	for i, s := range t.Stops {
		if len(s.Numbers) == 0 {
			continue
		}
		desc := fmt.Sprintf("Côté %s ; numéros %s ; %d portes, %d électeurs", sideFR(s.Side), numbers(s), len(s.Numbers), s.Voters)
		if st := stretch(s); st != "" {
			desc = strings.ToUpper(st[:1]) + st[1:] + " ; " + desc
		}
		if nk := noKnock(s); len(nk) > 0 {
			desc += " ; ne pas frapper au " + strings.Join(nk, ", ")
		}
		first := s.Numbers[0]
		doc.Wpts = append(doc.Wpts, gpxPoint{Lat: coord(first.Lat), Lon: coord(first.Lon),
			Name: fmt.Sprintf("%d. %s %s", i+1, s.Street, numberRange(s)), Desc: desc, Sym: "Flag"})
		for _, d := range s.Numbers {
			p := gpxPoint{Lat: coord(d.Lat), Lon: coord(d.Lon), Name: d.Number + " " + s.Street}
			if d.DoNotKnock {
				p.Desc, p.Sym = "NE PAS FRAPPER", "Danger Area"
			}
			doc.Rte.Points = append(doc.Rte.Points, p)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
