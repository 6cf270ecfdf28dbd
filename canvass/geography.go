package canvass

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/geo/pip"
)

// GeocodeReport counts how voters were matched to BAN addresses and how addresses fell in areas.
type GeocodeReport struct {
	Exact       int            `json:"exact"`
	Fuzzy       int            `json:"fuzzy"`
	Approximate int            `json:"approximate"`
	Unmatched   int            `json:"unmatched"`
	Addresses   int            `json:"addresses"`
	Outside     map[string]int `json:"outside"` // layer -> addresses outside every polygon of that layer
}

// Voters is how many voters the report covers.
func (r GeocodeReport) Voters() int { return r.Exact + r.Fuzzy + r.Approximate + r.Unmatched }

// Geocode matches every voter's listed address to a BAN address point and assigns every address to
// its area in each loaded polygon layer, replacing the previous results in one transaction. If an
// import changes voters, addresses or areas meanwhile, nothing is saved and the error is
// data.ErrGeographyChanged. One geocoding runs at a time on a campaign.
func (c *Campaign) Geocode(ctx context.Context) (GeocodeReport, error) {
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
	err = c.store.EachListedAddress(ctx, func(v data.ListedAddress) error {
		if len(located)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m := ix.Match(geocode.VoterAddress{Number: v.Number, Street: v.Street, Postcode: v.Postcode, Insee: v.Ugle,
			Locality: v.Locality, Complement1: v.Complement1, Complement2: v.Complement2})
		located = append(located, data.Located{VoterID: v.VoterID, AddressID: m.AddressID, Kind: m.Kind.String(),
			Score: m.Score, Reason: m.Reason})
		switch m.Kind {
		case geocode.Exact:
			rep.Exact++
		case geocode.Fuzzy:
			rep.Fuzzy++
		case geocode.Approximate:
			rep.Approximate++
		default:
			rep.Unmatched++
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	owners, err := c.assignAreas(ctx, addrs, rep.Outside)
	if err != nil {
		return rep, err
	}
	entry := audit.Geocode{Exact: rep.Exact, Fuzzy: rep.Fuzzy, Approximate: rep.Approximate,
		Unmatched: rep.Unmatched, Addresses: rep.Addresses, Outside: rep.Outside}
	return rep, c.store.SaveGeography(ctx, fingerprint, located, owners, entry)
}

// banIndex prepares the BAN addresses for matching.
func banIndex(addrs []data.AddressPoint) *geocode.Index {
	points := make([]geocode.Address, len(addrs))
	for i, a := range addrs {
		points[i] = geocode.Address{ID: a.ID, Number: a.Number, Rep: a.Rep, Street: a.Street, Postcode: a.Postcode,
			Insee: a.Insee, Lon: a.Lon, Lat: a.Lat}
	}
	return geocode.NewIndex(points)
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
	c.geography.Lock()
	defer c.geography.Unlock()
	stale, err := c.store.GeographyStale(ctx)
	if err != nil || !stale {
		return false, err
	}
	_, err = c.geocode(ctx)
	return err == nil, err
}

// GeocodeSummary counts the saved geocoding results by kind.
func (c *Campaign) GeocodeSummary(ctx context.Context) (GeocodeReport, error) {
	rep := GeocodeReport{Outside: map[string]int{}}
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return rep, err
	}
	for _, l := range locs {
		switch l.Kind {
		case "exact":
			rep.Exact++
		case "fuzzy":
			rep.Fuzzy++
		case "approximate":
			rep.Approximate++
		default:
			rep.Unmatched++
		}
	}
	return rep, nil
}

// UnmatchedVoter is a voter geocoding could not place, by line in the list file: what an organizer
// needs to fix the address, without copying the voter's data.
type UnmatchedVoter struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// Unmatched lists the voters geocoding could not place.
func (c *Campaign) Unmatched(ctx context.Context) ([]UnmatchedVoter, error) {
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return nil, err
	}
	var out []UnmatchedVoter
	for _, l := range locs {
		if l.Kind == "unmatched" {
			out = append(out, UnmatchedVoter{Line: l.Line, Reason: l.Reason})
		}
	}
	return out, nil
}

// WriteMatches writes the geocoding results as CSV (export.WriteTable, like every CSV written),
// one row per voter: line (in the list file), ban_id (empty if none), kind, score.
func (c *Campaign) WriteMatches(ctx context.Context, w io.Writer) error {
	locs, err := c.store.VoterLocations(ctx)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(locs)+1)
	rows = append(rows, []string{"line", "ban_id", "kind", "score"})
	for _, l := range locs {
		rows = append(rows, []string{strconv.Itoa(l.Line), l.AddressID, l.Kind, strconv.FormatFloat(l.Score, 'f', 3, 64)})
	}
	return export.WriteTable(w, rows)
}
