package canvass

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/geo/pip"
)

// MatchCounts counts voters by how geocoding matched them to BAN addresses.
type MatchCounts struct {
	Exact       int `json:"exact"`
	Fuzzy       int `json:"fuzzy"`
	Approximate int `json:"approximate"`
	Unmatched   int `json:"unmatched"`
}

func (c *MatchCounts) add(kind string) {
	switch kind {
	case geocode.Exact.String():
		c.Exact++
	case geocode.Fuzzy.String():
		c.Fuzzy++
	case geocode.Approximate.String():
		c.Approximate++
	default:
		c.Unmatched++
	}
}

// GeocodeReport counts how voters were matched to BAN addresses and how addresses fell in areas.
type GeocodeReport struct {
	MatchCounts
	Forms     []FormCounts   `json:"forms"` // how the list wrote the addresses, each form seen once, in geocode.Forms order
	Addresses int            `json:"addresses"`
	Outside   map[string]int `json:"outside"` // layer -> addresses outside every polygon of that layer
}

// Voters is how many voters the report covers.
func (r GeocodeReport) Voters() int { return r.Exact + r.Fuzzy + r.Approximate + r.Unmatched }

// StandardForm names, in FormCounts, the addresses written as the BAN writes them (give or take
// case, accents and type abbreviations).
const StandardForm = "standard"

// FormCounts counts the voters whose address the list wrote in one form (see geocode.Form), by
// how they were matched: what an organizer fixes in the file is where the unmatched are. A voter
// counts in every form their address shows.
type FormCounts struct {
	Form   string `json:"form"` // a geocode.Form name, or StandardForm
	Voters int    `json:"voters"`
	MatchCounts
	Ambiguous int `json:"ambiguous"` // of the unmatched: several streets fit and the door did not tell
}

// formTally gathers FormCounts while voters are counted.
type formTally map[geocode.Form]*FormCounts

// count adds a geocoding result to the report's counts and to the tally of forms.
func (r *GeocodeReport) count(l data.Located, forms formTally) {
	r.add(l.Kind)
	form := geocode.ParseForm(l.Form)
	for _, f := range append([]geocode.Form{0}, geocode.Forms()...) {
		if f == 0 && form != 0 || !form.Has(f) {
			continue
		}
		c := forms[f]
		if c == nil {
			c = &FormCounts{Form: f.String()}
			if f == 0 {
				c.Form = StandardForm
			}
			forms[f] = c
		}
		c.Voters++
		c.add(l.Kind)
		if l.Kind == geocode.Unmatched.String() && strings.HasPrefix(l.Reason, geocode.AmbiguousStreet) {
			c.Ambiguous++
		}
	}
}

// setForms lists the tallied forms in the report, in geocode.Forms order.
func (r *GeocodeReport) setForms(forms formTally) {
	r.Forms = []FormCounts{}
	for _, f := range append([]geocode.Form{0}, geocode.Forms()...) {
		if c := forms[f]; c != nil {
			r.Forms = append(r.Forms, *c)
		}
	}
}

// Geocode matches every voter's listed address to a BAN address point and assigns every address to
// its area in each loaded polygon layer, replacing the previous results in one transaction. If an
// import changes voters, addresses or areas meanwhile, nothing is saved and the error is
// data.ErrGeographyChanged. One geocoding runs at a time on a campaign.
func (c *Campaign) Geocode(ctx context.Context) (GeocodeReport, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPublic)
	if err != nil {
		return GeocodeReport{}, err
	}
	c.geography.Lock()
	defer c.geography.Unlock()
	return c.geocode(ctx)
}

// geocode is Geocode, its caller holding c.geography.
func (c *Campaign) geocode(ctx context.Context) (GeocodeReport, error) {
	rep := GeocodeReport{Outside: map[string]int{}}
	// The fingerprint is taken before anything is read, and checked when the result is saved.
	fingerprint, err := c.store.GeographyFingerprint(ctx)
	if err != nil {
		return rep, err
	}
	addrs, err := c.store.AllAddresses(ctx)
	if err != nil {
		return rep, err
	}
	rep.Addresses = len(addrs)
	ix := banIndex(addrs)
	var located []data.Located
	forms := formTally{}
	err = c.store.EachListedAddress(ctx, func(v data.ListedAddress) error {
		if len(located)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m := ix.Match(geocode.VoterAddress{Number: v.Number, Street: v.Street, Postcode: v.Postcode, Insee: v.Ugle,
			Locality: v.Locality, Complement1: v.Complement1, Complement2: v.Complement2})
		l := data.Located{VoterID: v.VoterID, AddressID: m.AddressID, Kind: m.Kind.String(), Score: m.Score,
			Reason: m.Reason, Form: m.Form.String()}
		located = append(located, l)
		rep.count(l, forms)
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.setForms(forms)
	owners, err := c.assignAreas(ctx, addrs, rep.Outside)
	if err != nil {
		return rep, err
	}
	entry := audit.Geocode{Exact: rep.Exact, Fuzzy: rep.Fuzzy, Approximate: rep.Approximate,
		Unmatched: rep.Unmatched, Addresses: rep.Addresses, Outside: rep.Outside}
	return rep, c.store.SaveGeography(ctx, fingerprint, located, owners, entry)
}

// banIndex prepares the BAN addresses for matching.
func banIndex(addrs []data.AddressPoint) *geocode.Index { return geocode.NewIndex(banPoints(addrs)) }

// banPoints are the BAN's address points as geocode reads them.
func banPoints(addrs []data.AddressPoint) []geocode.Address {
	points := make([]geocode.Address, len(addrs))
	for i, a := range addrs {
		points[i] = geocode.Address{ID: a.ID, Number: a.Number, Rep: a.Rep, Street: a.Street, Postcode: a.Postcode,
			Insee: a.Insee, Lon: a.Lon, Lat: a.Lat}
	}
	return points
}

// assignAreas finds, for every polygon layer, the area holding each address; outside counts the
// addresses no area of a layer holds. An address a metre or two outside a layer's edge belongs to
// the nearest area: BAN points on the street that bounds a layer fall there.
func (c *Campaign) assignAreas(ctx context.Context, addrs []data.AddressPoint, outside map[string]int) ([]data.Owner, error) {
	areas, err := c.store.AreaShapes(ctx, "")
	if err != nil {
		return nil, err
	}
	layers := map[string][]data.AreaShape{}
	var order []string
	for _, a := range areas {
		switch a.Geom.(type) {
		case orb.Polygon, orb.MultiPolygon:
		default:
			continue // street lines hold no address
		}
		key := a.Level + "/" + a.Layer
		if _, seen := layers[key]; !seen {
			order = append(order, key)
		}
		layers[key] = append(layers[key], a)
	}
	pts := make([]orb.Point, len(addrs))
	for i, a := range addrs {
		pts[i] = orb.Point{a.Lon, a.Lat}
	}
	var owners []data.Owner
	for _, key := range order {
		shapes := layers[key]
		geoms := make([]orb.Geometry, len(shapes))
		for i, s := range shapes {
			geoms[i] = s.Geom
		}
		pix, err := pip.NewIndex(geoms, nil)
		if err != nil {
			return nil, fmt.Errorf("layer %s: %w", key, err)
		}
		for i, owner := range pix.LocateAllNear(pts, runtime.GOMAXPROCS(0), pip.SnapMetres) {
			if owner == pip.NoOwner {
				outside[shapes[0].Layer]++
				continue
			}
			owners = append(owners, data.Owner{AddressID: addrs[i].ID, AreaID: shapes[owner].ID})
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return owners, nil
}

// EnsureGeography geocodes again when an import changed voters, addresses or areas since the last
// time; it reports whether it did. Screens that call it at once wait for one rebuild, not two.
func (c *Campaign) EnsureGeography(ctx context.Context) (bool, error) {
	ctx, err := c.allowAny(ctx, policy.ReadAreas)
	if err != nil {
		return false, err
	}
	return c.ensureGeography(ctx)
}

// ensureGeography is EnsureGeography for the operations that checked the member's role already.
func (c *Campaign) ensureGeography(ctx context.Context) (bool, error) {
	c.geography.Lock()
	defer c.geography.Unlock()
	stale, err := c.store.GeographyStale(ctx)
	if err != nil || !stale {
		return false, err
	}
	_, err = c.geocode(ctx)
	return err == nil, err
}

// GeocodeSummary counts the saved geocoding results by kind and by the form the list wrote the
// addresses in.
func (c *Campaign) GeocodeSummary(ctx context.Context) (GeocodeReport, error) {
	ctx, err := c.allowAny(ctx, policy.ReadStatus)
	if err != nil {
		return GeocodeReport{}, err
	}
	rep := GeocodeReport{Outside: map[string]int{}}
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return rep, err
	}
	forms := formTally{}
	for _, l := range locs {
		rep.count(l.Located, forms)
	}
	rep.setForms(forms)
	return rep, nil
}

// UnmatchedVoter is a voter geocoding could not place, by line in the list file: what an organizer
// needs to fix the address, without copying the voter's data.
type UnmatchedVoter struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	Form   string `json:"form,omitempty"` // how the list wrote the address (geocode.Form), when not as the BAN does
}

// Unmatched lists the voters geocoding could not place.
func (c *Campaign) Unmatched(ctx context.Context) ([]UnmatchedVoter, error) {
	ctx, err := c.allowAny(ctx, policy.ReadVoters)
	if err != nil {
		return nil, err
	}
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return nil, err
	}
	var out []UnmatchedVoter
	for _, l := range locs {
		if l.Kind == "unmatched" {
			out = append(out, UnmatchedVoter{Line: l.Line, Reason: l.Reason, Form: l.Form})
		}
	}
	return out, nil
}

// WriteMatches writes the geocoding results as CSV (export.WriteTable, like every CSV written), one
// row per voter: line (in the list file), ban_id (empty if none), kind, score, form (how the list
// wrote the address, see geocode.Form).
func (c *Campaign) WriteMatches(ctx context.Context, w io.Writer) error {
	ctx, err := c.allowAny(ctx, policy.ReadVoters)
	if err != nil {
		return err
	}
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(locs)+1)
	rows = append(rows, []string{"line", "ban_id", "kind", "score", "form"})
	for _, l := range locs {
		rows = append(rows, []string{strconv.Itoa(l.Line), l.AddressID, l.Kind, strconv.FormatFloat(l.Score, 'f', 3, 64), l.Form})
	}
	return export.WriteTable(w, rows)
}
