package canvass

import (
	"context"
	"fmt"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// StreetOptions says how to read a street layer: which table of a GeoPackage, which properties
// hold the lines' ids and the streets' names (guessed when empty).
type StreetOptions = data.StreetOptions

// The distances a plan measures walks with: along a street network, or in straight lines between
// doors when the campaign has no street network.
const (
	NetworkDistances  = "network"
	StraightDistances = "straight"
)

// ImportStreets imports the street network walks follow (GeoJSON or GeoPackage lines), replacing
// the one imported before; plans built afterwards cut turfs of whole street segments and measure
// walks along them. The report says what the network is made of, the pieces apart from the rest,
// and, when addresses are loaded, how many found a segment of their own street by name.
func (c *Campaign) ImportStreets(ctx context.Context, path string, opt StreetOptions, progress ProgressFunc) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPublic)
	if err != nil {
		return Report{}, err
	}
	rep, err := c.store.ImportStreets(ctx, path, opt, progress)
	if err != nil {
		return rep, err
	}
	addrs, err := c.store.AllAddresses(ctx)
	if err != nil || len(addrs) == 0 {
		return rep, err
	}
	net, err := c.streetNetwork(ctx)
	if err != nil {
		return rep, err
	}
	doors := make([]turf.Door, len(addrs))
	lonlat := make([]orb.Point, len(addrs))
	for i, a := range addrs {
		doors[i] = turf.Door{ID: a.ID, StreetID: a.StreetID, Street: a.Street, Number: a.Number, Rep: a.Rep}
		lonlat[i] = orb.Point{a.Lon, a.Lat}
	}
	how := placeDoors(net, doors, lonlat)
	rep.Warn(data.NewRowError(0, "", i18n.Msg("domain.streets.placed", "ByName", how.ByName, "Addresses", len(addrs),
		"Nearest", how.Nearest, "Far", how.Far)))
	return rep, nil
}

// streetNetwork reads the campaign's street network; nil when none was imported.
func (c *Campaign) streetNetwork(ctx context.Context) (*network.Network, error) {
	segs, err := c.store.StreetSegments(ctx)
	if err != nil || len(segs) == 0 {
		return nil, err
	}
	net, err := network.New(segs)
	if err != nil {
		return nil, fmt.Errorf("stored street network: %w", err)
	}
	return net, nil
}

// placeDoors places doors (with their lon/lat) on the network, sub-addresses first given back to
// their street (turf.JoinSubAddresses), and says how.
func placeDoors(net *network.Network, doors []turf.Door, lonlat []orb.Point) turf.Placing {
	turf.JoinSubAddresses(doors)
	streets := make([]string, len(doors))
	for i, d := range doors {
		streets[i] = d.Street
	}
	places, how, _ := turf.Locate(net, lonlat, streets)
	for i := range doors {
		doors[i].Place = places[i]
	}
	return how
}

// onNetwork prepares a cut to walk on net, when there is one: the doors placed on it, and the
// start too. It returns which distances the plan measures.
func onNetwork(net *network.Network, doors []turf.Door, lonlat []orb.Point, start *orb.Point, opt *turf.Options) string {
	if net == nil || len(doors) == 0 {
		return StraightDistances
	}
	placeDoors(net, doors, lonlat)
	opt.Network = net
	if start != nil {
		if pl, ok := net.Locate(*start); ok {
			opt.StartPlace = &pl
		}
	}
	return NetworkDistances
}
