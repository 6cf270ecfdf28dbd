package canvass

import (
	"context"
	"fmt"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// StartPoint is where a plan's walks start, as read from what the organizer typed.
type StartPoint struct {
	Point orb.Point `json:"point"` // longitude, latitude
	// Found says how the text was read, for the organizer to check: "latitude, longitude",
	// "12 Rue des Pyrénées (address)", "Place Gambetta (street)".
	Found string `json:"found"`
}

// extentMargin is how far, in degrees (about 1 km), a start may lie outside the campaign's
// addresses: a metro exit or a local office just across the boundary.
const extentMargin = 0.01

// startFinder reads a start point against the campaign's addresses and street names.
type startFinder struct {
	extent  orb.Bound
	addrs   []data.AddressPoint
	streets []namedPlace // BAN streets and the street layer's areas, by name
	index   *geocode.Index
}

// namedPlace is a street or a place the organizer may name as a start.
type namedPlace struct {
	name, source string
	at           orb.Point
}

// ResolveStart reads where walks start: coordinates in either order ("48.8632, 2.3985" as a map
// application copies them, or "2.3985,48.8632"), an address of the campaign's BAN ("12 rue des
// Pyrénées"), or the name of a place or street that the BAN or the street layer has ("métro
// Gambetta", "place de la Mairie"). A point outside the campaign's addresses is refused with a
// *UsageError that gives both readings of the coordinates, so that a swapped pair never plans walks
// from the other end of the world.
func (c *Campaign) ResolveStart(ctx context.Context, text string) (StartPoint, error) {
	ctx, err := c.allowAny(ctx, policy.BuildPlan)
	if err != nil {
		return StartPoint{}, err
	}
	f, err := c.startFinder(ctx)
	if err != nil {
		return StartPoint{}, err
	}
	return f.resolve(text)
}

func (c *Campaign) startFinder(ctx context.Context) (*startFinder, error) {
	addrs, err := c.store.AllAddresses(ctx)
	if err != nil {
		return nil, err
	}
	shapes, err := c.store.AreaShapes(ctx, "street")
	if err != nil {
		return nil, err
	}
	return newStartFinder(addrs, shapes), nil
}

func newStartFinder(addrs []data.AddressPoint, shapes []data.AreaShape) *startFinder {
	f := &startFinder{addrs: addrs, extent: extentOf(addrs)}
	if len(addrs) == 0 {
		return f
	}
	streets := map[string][]orb.Point{}
	var order []string
	for _, a := range addrs {
		p := orb.Point{a.Lon, a.Lat}
		if _, ok := streets[a.Street]; !ok {
			order = append(order, a.Street)
		}
		streets[a.Street] = append(streets[a.Street], p)
	}
	for _, name := range order {
		f.streets = append(f.streets, namedPlace{name: name, source: "street", at: centroid(streets[name])})
	}
	for _, s := range shapes {
		if s.Name != "" && s.Geom != nil {
			f.streets = append(f.streets, namedPlace{name: s.Name, source: "street layer", at: s.Geom.Bound().Center()})
		}
	}
	f.index = banIndex(addrs)
	return f
}

// extentOf is the box around the addresses, with a margin.
func extentOf(addrs []data.AddressPoint) orb.Bound {
	if len(addrs) == 0 {
		return orb.Bound{}
	}
	b := orb.Bound{Min: orb.Point{addrs[0].Lon, addrs[0].Lat}, Max: orb.Point{addrs[0].Lon, addrs[0].Lat}}
	for _, a := range addrs {
		b = b.Extend(orb.Point{a.Lon, a.Lat})
	}
	return b.Pad(extentMargin)
}

// twoNumbers matches a pair of numbers separated by a comma, a semicolon or spaces; what
// strconv.ParseFloat reads as a number (exponents, NaN, Inf) counts, so that it is refused as
// coordinates rather than looked up as a place.
var twoNumbers = regexp.MustCompile(`(?i)^\s*([-+]?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|nan|inf(?:inity)?))\s*(?:[,;]\s*|\s+)` +
	`([-+]?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|nan|inf(?:inity)?))\s*$`)

func (f *startFinder) resolve(text string) (StartPoint, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return StartPoint{}, Usage("usage.start.none")
	}
	if len(f.addrs) == 0 {
		return StartPoint{}, Usage("usage.start.noaddress")
	}
	if m := twoNumbers.FindStringSubmatch(text); m != nil {
		a, errA := strconv.ParseFloat(m[1], 64)
		b, errB := strconv.ParseFloat(m[2], 64)
		if errA != nil || errB != nil || math.IsNaN(a+b) || math.IsInf(a+b, 0) {
			return StartPoint{}, Usage("usage.start.finite", "Start", text)
		}
		return f.coordinates(text, a, b)
	}
	if sp, ok := f.address(text); ok {
		return sp, nil
	}
	return f.place(text)
}

// coordinates takes the reading of a, b that falls in the campaign's extent: longitude first, or
// latitude first as map applications copy a point.
func (f *startFinder) coordinates(text string, a, b float64) (StartPoint, error) {
	lonLat, latLon := orb.Point{a, b}, orb.Point{b, a}
	switch {
	case f.extent.Contains(lonLat):
		return StartPoint{Point: lonLat, Found: "longitude, latitude"}, nil
	case f.extent.Contains(latLon):
		return StartPoint{Point: latLon, Found: "latitude, longitude"}, nil
	}
	return StartPoint{}, outside(f.extent, text, lonLat)
}

// outside refuses a point outside the campaign's extent, giving both readings and where the
// campaign is.
func outside(extent orb.Bound, text string, p orb.Point) error {
	c := extent.Center()
	return Usage("usage.start.outside", "Start", text, "Away", away(c, p), "Swapped", away(c, orb.Point{p[1], p[0]}),
		"Lat", fmt.Sprintf("%.4f", c[1]), "Lon", fmt.Sprintf("%.4f", c[0]))
}

// away is the distance between two points, in words.
func away(a, b orb.Point) string {
	if b[1] < -90 || b[1] > 90 || b[0] < -180 || b[0] > 180 {
		return "off the globe"
	}
	km := haversineKm(a, b)
	if km < 10 {
		return fmt.Sprintf("%.1f km", km)
	}
	return fmt.Sprintf("%.0f km", km)
}

func haversineKm(a, b orb.Point) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// address matches "12 rue des Pyrénées" (a number, then a street) in the campaign's BAN, in
// whichever of its communes has it.
func (f *startFinder) address(text string) (StartPoint, bool) {
	if !strings.ContainsAny(text[:1], "0123456789") {
		return StartPoint{}, false
	}
	a, ok := f.match(geocode.VoterAddress{Street: text})
	if !ok {
		return StartPoint{}, false
	}
	return StartPoint{Point: orb.Point{a.Lon, a.Lat}, Found: addressOf(a).String() + " (address)"}, true
}

// match finds an address exactly or fuzzily, as a voter's is: in its postcode's communes, or
// without one in whichever commune of the campaign has it.
func (f *startFinder) match(v geocode.VoterAddress) (data.AddressPoint, bool) {
	var scopes []geocode.VoterAddress
	if strings.TrimSpace(v.Postcode) != "" {
		scopes = append(scopes, v)
	} else {
		var communes []string
		for _, a := range f.addrs {
			if !slices.Contains(communes, a.Insee) {
				communes = append(communes, a.Insee)
				w := v
				w.Insee = a.Insee
				scopes = append(scopes, w)
			}
		}
	}
	for _, w := range scopes {
		m := f.index.Match(w)
		if m.Kind != geocode.Exact && m.Kind != geocode.Fuzzy {
			continue
		}
		for _, a := range f.addrs {
			if a.ID == m.AddressID {
				return a, true
			}
		}
	}
	return data.AddressPoint{}, false
}

// Address is a BAN address as an organizer names a door: number, street, postcode, and where it is.
type Address struct {
	Number   string  `json:"number"`
	Street   string  `json:"street"`
	Postcode string  `json:"postcode"`
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
}

// String writes the address as a street list does: "12B Rue des Lilas, 99500".
func (a Address) String() string { return a.Number + " " + a.Street + ", " + a.Postcode }

func addressOf(a data.AddressPoint) Address {
	return Address{Number: numberLabel(a.Number, a.Rep), Street: a.Street, Postcode: a.Postcode, Lon: a.Lon, Lat: a.Lat}
}

// FindAddress finds in the campaign's BAN the door an organizer typed: a number, a street as
// people write it, and a postcode when they know it. A do-not-knock recorded at an address
// nobody's door matches would never strike a door out, so it is looked up first.
func (c *Campaign) FindAddress(ctx context.Context, number, street, postcode string) (Address, error) {
	ctx, err := c.allowAny(ctx, policy.RecordObjection)
	if err != nil {
		return Address{}, err
	}
	f, err := c.startFinder(ctx)
	if err != nil {
		return Address{}, err
	}
	if len(f.addrs) == 0 {
		return Address{}, Usage("usage.address.none")
	}
	a, ok := f.match(geocode.VoterAddress{Number: number, Street: street, Postcode: postcode})
	if !ok || (strings.TrimSpace(number) != "" && !sameNumber(a, number)) {
		return Address{}, Usage("usage.address.unknown", "Number", number, "Street", street, "Postcode", postcode)
	}
	return addressOf(a), nil
}

// sameNumber reports whether the address has the number typed: a match of another door of the
// street is no match for a do-not-knock.
func sameNumber(a data.AddressPoint, typed string) bool {
	n, rep, ok := geocode.ParseNumber(typed)
	return ok && n == a.Number && strings.EqualFold(rep, a.Rep)
}

// NearestAddress is the campaign's BAN address nearest to p (lon/lat), as picked on a map.
func (c *Campaign) NearestAddress(ctx context.Context, p orb.Point) (Address, error) {
	ctx, err := c.allowAny(ctx, policy.RecordObjection)
	if err != nil {
		return Address{}, err
	}
	addrs, err := c.store.AllAddresses(ctx)
	if err != nil {
		return Address{}, err
	}
	if len(addrs) == 0 {
		return Address{}, Usage("usage.address.none")
	}
	best, dist := 0, math.Inf(1)
	for i, a := range addrs {
		if d := haversineKm(p, orb.Point{a.Lon, a.Lat}); d < dist {
			best, dist = i, d
		}
	}
	return addressOf(addrs[best]), nil
}

// transportWords name a stop rather than a place: "métro Gambetta" starts at what is named Gambetta.
var transportWords = []string{"metro", "station", "gare", "arret", "tram", "rer", "bus"}

// place finds a street or place whose name holds the words typed: squares first (a place to meet),
// then the shortest name.
func (f *startFinder) place(text string) (StartPoint, error) {
	words := strings.Fields(textfold.Key(text))
	if len(words) > 1 && slices.Contains(transportWords, words[0]) {
		words = words[1:]
	}
	want := " " + strings.Join(words, " ") + " "
	var found []namedPlace
	for _, s := range f.streets {
		name := " " + textfold.Key(s.name) + " "
		if strings.Contains(name, want) {
			found = append(found, s)
		}
	}
	if len(found) == 0 {
		return StartPoint{}, Usage("usage.start.unknown", "Start", text)
	}
	rank := func(p namedPlace) int {
		if strings.HasPrefix(textfold.Key(p.name), "place ") {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(found, func(a, b namedPlace) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return len(a.name) - len(b.name)
	})
	p := found[0]
	return StartPoint{Point: p.at, Found: p.name + " (" + p.source + ")"}, nil
}

// checkStart refuses a plan's start outside the campaign's addresses: walks from there would
// cross the country (a start typed latitude first and read longitude first).
func (c *Campaign) checkStart(ctx context.Context, p orb.Point) error {
	bound, any, err := c.store.AddressBound(ctx)
	if err != nil || !any {
		return err
	}
	extent := bound.Pad(extentMargin)
	if extent.Contains(p) {
		return nil
	}
	return outside(extent, fmt.Sprintf("%g,%g", p[0], p[1]), p)
}
