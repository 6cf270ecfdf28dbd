package canvass

import (
	"context"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
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

func (c *MatchCounts) add(kind string, n int) {
	switch kind {
	case geocode.Exact.String():
		c.Exact += n
	case geocode.Fuzzy.String():
		c.Fuzzy += n
	case geocode.Approximate.String():
		c.Approximate += n
	default:
		c.Unmatched += n
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
func (r *GeocodeReport) count(l data.Located, forms formTally) { r.countN(l, forms, 1) }

// countN adds n geocoding results alike to the report's counts and to the tally of forms.
func (r *GeocodeReport) countN(l data.Located, forms formTally, n int) {
	r.add(l.Kind, n)
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
		c.Voters += n
		c.add(l.Kind, n)
		if ambiguous(l) {
			c.Ambiguous += n
		}
	}
}

// ambiguous says whether geocoding left a voter unmatched because several streets fit.
func ambiguous(l data.Located) bool {
	return l.Kind == geocode.Unmatched.String() && strings.HasPrefix(l.Reason, geocode.AmbiguousStreet)
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
// its area in each loaded polygon layer, commune by commune (a voter is matched in their commune
// only, see geocode.Index.Match), each commune saved in its own transaction: memory stays within a
// commune's size. The areas' totals are saved last, and the geography marked fresh with them; if
// an import changes voters, addresses or areas meanwhile, the geography stays stale and the error
// is data.ErrGeographyChanged. One geocoding runs at a time on a campaign.
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
	layers, err := c.polygonLayers(ctx)
	if err != nil {
		return rep, err
	}
	communes, err := c.store.GeographyCommunes(ctx)
	if err != nil {
		return rep, err
	}
	w, err := c.store.BeginGeography(ctx, fingerprint)
	if err != nil {
		return rep, err
	}
	forms := formTally{}
	totals := areaTally{areas: map[int64]*areaCount{}, overlaps: map[[2]int64]*data.AreaOverlap{}, tallies: map[data.GeocodeTally]int{}}
	// A commune is written while the next one is matched: two communes in memory at most.
	saved := make(chan error, 1)
	saving := false
	for _, commune := range communes {
		found, err := c.geocodeCommune(ctx, commune, layers, &rep, forms, totals)
		if saving {
			if serr := <-saved; err == nil {
				err = serr
			}
		}
		if err != nil {
			return rep, err
		}
		saving = true
		go func() { saved <- w.SaveCommune(ctx, found) }()
	}
	if saving {
		if err := <-saved; err != nil {
			return rep, err
		}
	}
	rep.setForms(forms)
	entry := audit.Geocode{Exact: rep.Exact, Fuzzy: rep.Fuzzy, Approximate: rep.Approximate,
		Unmatched: rep.Unmatched, Addresses: rep.Addresses, Outside: rep.Outside}
	return rep, w.Finish(ctx, totals.rows(), entry)
}

// geocodeCommune matches the voters of one commune to its addresses, finds the areas holding
// them, counts its streets and its stations' listed voters, and adds its doors to totals.
func (c *Campaign) geocodeCommune(ctx context.Context, commune string, layers []polygonLayer, rep *GeocodeReport,
	forms formTally, totals areaTally) (data.CommuneGeography, error) {
	out := data.CommuneGeography{Commune: commune}
	addrs, err := c.store.CommuneAddresses(ctx, commune)
	if err != nil {
		return out, err
	}
	rep.Addresses += len(addrs)
	out.Bound = data.CommuneBound{Insee: commune, Addresses: len(addrs)}
	for i, a := range addrs {
		p := orb.Point{a.Lon, a.Lat}
		if i == 0 {
			out.Bound.Bound = p.Bound()
		}
		out.Bound.Bound = out.Bound.Bound.Extend(p)
	}
	ix := banIndex(addrs)
	voters := map[string]int{} // per address
	listed := map[string]int{} // per station code of the list
	err = c.store.EachListedAddress(ctx, commune, func(v data.ListedAddress) error {
		if len(out.Located)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m := ix.Match(geocode.VoterAddress{Number: v.Number, Street: v.Street, Postcode: v.Postcode, Insee: v.Ugle,
			Locality: v.Locality, Complement1: v.Complement1, Complement2: v.Complement2})
		l := data.Located{VoterID: v.VoterID, AddressID: m.AddressID, Kind: m.Kind.String(), Score: m.Score,
			Reason: m.Reason, Form: m.Form.String()}
		out.Located = append(out.Located, l)
		rep.count(l, forms)
		totals.tallies[data.GeocodeTally{Kind: l.Kind, Form: l.Form, Ambiguous: ambiguous(l)}]++
		if l.AddressID != "" {
			voters[l.AddressID]++
		}
		if v.Station != "" {
			listed[v.Station]++
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	// Written in the order of the address index, its pages are filled one after the other.
	slices.SortFunc(out.Located, func(a, b data.Located) int { return strings.Compare(a.AddressID, b.AddressID) })
	for _, code := range slices.Sorted(maps.Keys(listed)) {
		out.Listed = append(out.Listed, data.StationListed{Commune: commune, Code: code, Voters: listed[code]})
	}
	if out.Owners, err = assignAreas(ctx, layers, addrs, rep.Outside); err != nil {
		return out, err
	}
	held := map[string][]int64{} // address -> areas holding it
	for _, o := range out.Owners {
		held[o.AddressID] = append(held[o.AddressID], o.AreaID)
	}
	streets := map[string]*data.StreetTotal{}
	streetAreas := map[data.StreetArea]*data.StreetArea{} // keyed by street and area only
	for _, a := range addrs {
		n := voters[a.ID]
		st := streets[a.StreetID]
		at := orb.Point{a.Lon, a.Lat}
		if st == nil {
			st = &data.StreetTotal{StreetID: a.StreetID, Name: a.Street, Bound: at.Bound()}
			streets[a.StreetID] = st
		}
		st.Bound = st.Bound.Extend(at)
		st.Doors++
		st.Voters += n
		for _, id := range held[a.ID] {
			key := data.StreetArea{StreetID: a.StreetID, AreaID: id}
			sa := streetAreas[key]
			if sa == nil {
				sa = &data.StreetArea{StreetID: a.StreetID, AreaID: id}
				streetAreas[key] = sa
			}
			sa.Doors++
			sa.Voters += n
		}
		totals.add(a.Insee, held[a.ID], n)
	}
	for _, id := range slices.Sorted(maps.Keys(streets)) {
		out.Streets = append(out.Streets, *streets[id])
	}
	for _, sa := range streetAreas {
		out.StreetAreas = append(out.StreetAreas, *sa)
	}
	return out, nil
}

// areaTally adds up, commune by commune, the doors and voters of every area and of every pair of
// areas holding the same addresses, and the communes of each area's doors; and the voters by how
// they were matched (tallies, the Voters left 0 in the keys).
type areaTally struct {
	areas    map[int64]*areaCount
	overlaps map[[2]int64]*data.AreaOverlap
	tallies  map[data.GeocodeTally]int
}

type areaCount struct {
	data.AreaTotal
	communes map[string]int // commune -> doors of the area in it
}

// add counts one address of a commune, held by the areas ids, where voters live.
func (t areaTally) add(commune string, ids []int64, voters int) {
	for _, id := range ids {
		c := t.areas[id]
		if c == nil {
			c = &areaCount{AreaTotal: data.AreaTotal{AreaID: id}, communes: map[string]int{}}
			t.areas[id] = c
		}
		c.Doors++
		c.Voters += voters
		c.communes[commune]++
		for _, other := range ids {
			if other == id {
				continue
			}
			o := t.overlaps[[2]int64{id, other}]
			if o == nil {
				o = &data.AreaOverlap{AreaID: id, OtherID: other}
				t.overlaps[[2]int64{id, other}] = o
			}
			o.Doors++
			o.Voters += voters
		}
	}
}

// rows are the tally's totals, each area's commune that of most of its doors, its overlaps and
// tallies.
func (t areaTally) rows() data.GeographyTotals {
	var out data.GeographyTotals
	for _, id := range slices.Sorted(maps.Keys(t.areas)) {
		c := t.areas[id]
		c.Commune = mostOfKeys(c.communes)
		out.Areas = append(out.Areas, c.AreaTotal)
	}
	for _, o := range t.overlaps {
		out.Overlaps = append(out.Overlaps, *o)
	}
	for k, n := range t.tallies {
		k.Voters = n
		out.Tallies = append(out.Tallies, k)
	}
	return out
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

// polygonLayer is a layer of polygons ready to locate points in.
type polygonLayer struct {
	name   string
	shapes []data.AreaShape
	index  *pip.Index
}

// polygonLayers indexes every layer of polygons, in the order of their level and layer.
func (c *Campaign) polygonLayers(ctx context.Context) ([]polygonLayer, error) {
	areas, err := c.store.AreaShapes(ctx, "")
	if err != nil {
		return nil, err
	}
	var layers []polygonLayer
	at := map[string]int{}
	for _, a := range areas {
		switch a.Geom.(type) {
		case orb.Polygon, orb.MultiPolygon:
		default:
			continue // street lines hold no address
		}
		key := a.Level + "/" + a.Layer
		i, seen := at[key]
		if !seen {
			i = len(layers)
			at[key] = i
			layers = append(layers, polygonLayer{name: a.Layer})
		}
		layers[i].shapes = append(layers[i].shapes, a)
	}
	for i, l := range layers {
		geoms := make([]orb.Geometry, len(l.shapes))
		for j, s := range l.shapes {
			geoms[j] = s.Geom
		}
		if layers[i].index, err = pip.NewIndex(geoms, nil); err != nil {
			return nil, fmt.Errorf("layer %s: %w", l.name, err)
		}
	}
	return layers, nil
}

// assignAreas finds, in every polygon layer, the area holding each address; outside counts the
// addresses no area of a layer holds. An address a metre or two outside a layer's edge belongs to
// the nearest area: BAN points on the street that bounds a layer fall there.
func assignAreas(ctx context.Context, layers []polygonLayer, addrs []data.AddressPoint, outside map[string]int) ([]data.Owner, error) {
	pts := make([]orb.Point, len(addrs))
	for i, a := range addrs {
		pts[i] = orb.Point{a.Lon, a.Lat}
	}
	var owners []data.Owner
	for _, l := range layers {
		for i, owner := range l.index.LocateAllNear(pts, runtime.GOMAXPROCS(0), pip.SnapMetres) {
			if owner == pip.NoOwner {
				outside[l.name]++
				continue
			}
			owners = append(owners, data.Owner{AddressID: addrs[i].ID, AreaID: l.shapes[owner].ID})
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
// addresses in, and the addresses outside each layer, from the counts the last geocoding kept.
func (c *Campaign) GeocodeSummary(ctx context.Context) (GeocodeReport, error) {
	ctx, err := c.allowAny(ctx, policy.ReadStatus)
	if err != nil {
		return GeocodeReport{}, err
	}
	rep := GeocodeReport{Outside: map[string]int{}}
	tallies, err := c.store.GeocodeTallies(ctx)
	if err != nil {
		return rep, err
	}
	forms := formTally{}
	for _, t := range tallies {
		l := data.Located{Kind: t.Kind, Form: t.Form}
		if t.Ambiguous {
			l.Reason = geocode.AmbiguousStreet
		}
		rep.countN(l, forms, t.Voters)
	}
	rep.setForms(forms)
	if rep.Addresses, err = c.store.AddressCount(ctx); err != nil {
		return rep, err
	}
	held, err := c.store.LayerDoors(ctx)
	if err != nil {
		return rep, err
	}
	for layer, n := range held {
		if n < rep.Addresses {
			rep.Outside[layer] = rep.Addresses - n
		}
	}
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
	var out []UnmatchedVoter
	err = c.store.EachVoterLocation(ctx, geocode.Unmatched.String(), func(l data.VoterLocation) error {
		out = append(out, UnmatchedVoter{Line: l.Line, Reason: l.Reason, Form: l.Form})
		return nil
	})
	return out, err
}

// WriteMatches writes the geocoding results as CSV (export.NewTable, like every CSV written), one
// row per voter as they are read: line (in the list file), ban_id (empty if none), kind, score, form (how the list
// wrote the address, see geocode.Form).
func (c *Campaign) WriteMatches(ctx context.Context, w io.Writer) error {
	ctx, err := c.allowAny(ctx, policy.ReadVoters)
	if err != nil {
		return err
	}
	t := export.NewTable(w)
	if err := t.Write([]string{"line", "ban_id", "kind", "score", "form"}); err != nil {
		return err
	}
	err = c.store.EachVoterLocation(ctx, "", func(l data.VoterLocation) error {
		return t.Write([]string{strconv.Itoa(l.Line), l.AddressID, l.Kind, strconv.FormatFloat(l.Score, 'f', 3, 64), l.Form})
	})
	if err != nil {
		return err
	}
	return t.Flush()
}
