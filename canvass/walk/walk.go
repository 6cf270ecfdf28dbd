// Package walk holds a planned turf as the domain hands it over: the walk one volunteer makes,
// street by street, door by door. Plans are made of these values (package canvass, whose
// `plan --json` prints them: their JSON is a contract) and the writers print them (package
// export, which adds a sheet's header). The cutting and ordering itself is package turf's.
package walk

import (
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
)

// Turf is one volunteer's walk: counts, distance, time, and the stops in walking order.
type Turf struct {
	ID        int     `json:"id"`
	Area      string  `json:"area"`
	Doors     int     `json:"doors"`
	Voters    int     `json:"voters"`
	Metres    float64 `json:"metres"`
	Minutes   float64 `json:"minutes"`
	Stops     []Stop  `json:"stops"`
	Volunteer string  `json:"volunteer,omitempty"`
	Date      string  `json:"date,omitempty"`
	// Outcomes are what volunteers reported on the turf's streets.
	Outcomes []data.Outcome `json:"outcomes,omitempty"`
	// Path is the walk along the street network, lon/lat, from the start (or the first door) to
	// the last door; none when distances are straight lines.
	Path orb.LineString `json:"path,omitempty"`
}

// Stop is a stretch of a street: a side, a number range, its doors in walking order.
type Stop struct {
	StreetID string    `json:"street_id"`
	Street   string    `json:"street"`
	Side     turf.Side `json:"side"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Doors    int       `json:"doors"`
	Voters   int       `json:"voters"`
	Numbers  []Door    `json:"numbers"`
	// FromStreet and ToStreet name, on a street network, the streets met where the stretch begins
	// and ends.
	FromStreet string `json:"from_street,omitempty"`
	ToStreet   string `json:"to_street,omitempty"`
}

// Door is one door of a stop: its number, place, and whether someone there objected.
type Door struct {
	Number     string  `json:"number"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Voters     int     `json:"voters"`
	DoNotKnock bool    `json:"do_not_knock,omitempty"`
}

// Size is the turf's size in a measure: doors, voters or minutes.
func (t Turf) Size(measure string) float64 {
	switch measure {
	case "voters":
		return float64(t.Voters)
	case "minutes":
		return t.Minutes
	}
	return float64(t.Doors)
}

// Stretch says where a stop runs on its street, as the command line and the interface print it:
// "from Rue A to Rue B", "" when the plan has no street network.
func (s Stop) Stretch() string {
	switch {
	case s.FromStreet != "" && s.ToStreet != "" && s.FromStreet != s.ToStreet:
		return "from " + s.FromStreet + " to " + s.ToStreet
	case s.FromStreet != "" && s.ToStreet != "":
		return "at " + s.FromStreet
	case s.FromStreet != "":
		return "from " + s.FromStreet
	case s.ToStreet != "":
		return "to " + s.ToStreet
	}
	return ""
}
