package turf_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
)

// TestWorkerPanicReachesTheCaller: a walk that panics in one of Cut's workers (here a start at
// NaN, which the command line and the interface now refuse) panics in the caller's goroutine,
// where the interface recovers it, instead of ending the program from the worker's.
func TestWorkerPanicReachesTheCaller(t *testing.T) {
	var doors []turf.Door
	for i := range 40 {
		doors = append(doors, turf.Door{ID: "d", StreetID: "s", Street: "Rue", Number: i + 1, At: orb.Point{float64(i * 10), 5}, Voters: 1})
	}
	nan := orb.Point{math.NaN(), math.NaN()}
	opt := turf.DefaultOptions()
	opt.Start = &nan
	defer func() {
		if recover() == nil {
			t.Error("no panic reached the caller; if NaN is now handled, find another way to make a walk fail")
		}
	}()
	turf.Cut(doors, opt)
}
