// Package turf cuts the doors of the selected areas into turfs a volunteer can walk, and orders
// each turf into a walking route, street by street.
package turf

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo/network"
)

// Door is one address to visit, on a local projection in metres (geo.Projection).
type Door struct {
	ID       string    // BAN id
	StreetID string    // BAN street id: doors of a street are kept together where possible
	Street   string    // street name, for stops
	Number   int       // house number; its parity gives the side
	Rep      string    // suffix (b, t, p1...)
	At       orb.Point // metres
	Voters   int       // geocoded voters at the door
	Area     int       // index of the selected area it is in: turfs never span two areas
	// Place is where the door lies on Options.Network (see Locate); unused without a network.
	Place network.Place
	own   bool    // on a network: on a segment of its own street
	walk  float64 // on a network: metres of street per door on its side of its segment
}

// Measure is what a turf's size counts.
type Measure int

// The measures of a turf's size.
const (
	Doors Measure = iota
	Voters
	Minutes
)

// Options say how big turfs are, how time is estimated and where walks start.
type Options struct {
	Measure Measure
	Target  float64 // doors, voters or minutes per turf
	// Count, when above 0, asks for that many turfs (one per volunteer) balanced in Measure:
	// Target is then derived from the doors' total.
	Count int
	// The time model: walking at WalkSpeed metres per minute, plus PerDoor minutes at each door
	// and PerVoter minutes per voter behind it.
	WalkSpeed float64
	PerDoor   float64
	PerVoter  float64
	// Start, when set, is where every walk begins (the local office, a metro station), in metres;
	// otherwise each walk starts at its best end.
	Start *orb.Point
	// BothSides lists the streets walked both sides together (narrow streets); the others are
	// walked one side then the other. Nil means: decide by the street's type (see WideStreet).
	BothSides func(street string) bool
	// Network, when set, is the street network walks follow: turfs are then sets of whole street
	// segments (each side of a wide street, or both sides of a narrow one), walked along the
	// streets in one pass, and every distance is measured on it. Doors must have their Place on
	// it. Without it, distances are straight lines between doors.
	Network *network.Network
	// StartPlace is Start on the Network.
	StartPlace *network.Place

	keys []string // on a network: the street key of each segment's name
	// walkScale turns a door's walkShare into the metres walked to serve it: the estimate that
	// sizes turfs in minutes before they are walked.
	walkScale float64
}

// DefaultOptions are the defaults a campaign starts with: 4.5 km/h, a minute per door, half a
// minute per voter.
func DefaultOptions() Options {
	return Options{Measure: Doors, Target: 150, WalkSpeed: 75, PerDoor: 1, PerVoter: 0.5}
}

// Side is which side of a street a stop covers.
type Side string

// The sides of a street.
const (
	Both Side = "both"
	Odd  Side = "odd"
	Even Side = "even"
)

// Stop is a stretch of one street walked in one go: a side (or both) and a number range.
type Stop struct {
	StreetID string `json:"street_id"`
	Street   string `json:"street"`
	Side     Side   `json:"side"`
	From     int    `json:"from"` // first house number, in walking order
	To       int    `json:"to"`   // last house number, in walking order
	Doors    []int  `json:"-"`    // indices into the doors given to Cut, in walking order
	Voters   int    `json:"voters"`
	// FromStreet and ToStreet name, on a network, the streets met where the stretch begins and
	// ends ("" at a dead end, or when the stop's street is not the one of the segment it is on).
	FromStreet string `json:"from_street,omitempty"`
	ToStreet   string `json:"to_street,omitempty"`
}

// Turf is one volunteer's walk.
type Turf struct {
	Area    int     // the area it is in
	Doors   []int   // indices into the doors given to Cut, in walking order
	Stops   []Stop  // the walk, street by street
	Voters  int     // voters behind its doors
	Metres  float64 // walking distance, start to last door
	Minutes float64 // Metres at WalkSpeed plus the time at doors
	// Path is, on a network, the walk along the streets from the start (or the first door) to the
	// last door, lon/lat; nil without a network.
	Path orb.LineString
}

// Metrics measure a cut: balance, compactness, and how many streets it splits.
type Metrics struct {
	CV            float64 `json:"cv"`            // coefficient of variation of turf sizes
	MaxDeviation  float64 `json:"max_deviation"` // largest |size - target| / target, one remainder turf per area exempt
	MetresPerDoor float64 `json:"metres_per_door"`
	StreetsSplit  int     `json:"streets_split"` // streets whose doors lie in more than one turf
	Streets       int     `json:"streets"`
	// Pairs counts the streets of each turf (street–turf pairs), Reentered those a walk enters
	// more than twice: a street is entered at each stop of it that does not follow one of it.
	Pairs     int `json:"street_turf_pairs"`
	Reentered int `json:"streets_reentered"`
}

// WholeMinutes rounds a duration to the minute, half a minute up: the one rounding every screen,
// command and document shows a turf's time with, so that they agree to the minute.
func WholeMinutes(minutes float64) int { return int(math.Floor(minutes + 0.5)) }
