package walk_test

import (
	"encoding/json"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/walk"
)

func TestSize(t *testing.T) {
	tf := walk.Turf{Doors: 12, Voters: 30, Minutes: 45.5}
	for measure, want := range map[string]float64{"doors": 12, "voters": 30, "minutes": 45.5, "": 12} {
		if got := tf.Size(measure); got != want {
			t.Errorf("Size(%q) = %v, want %v", measure, got, want)
		}
	}
}

func TestStretch(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"Rue A", "Rue B", "from Rue A to Rue B"},
		{"Rue A", "Rue A", "at Rue A"},
		{"Rue A", "", "from Rue A"},
		{"", "Rue B", "to Rue B"},
		{"", "", ""},
	} {
		if got := (walk.Stop{FromStreet: c.from, ToStreet: c.to}).Stretch(); got != c.want {
			t.Errorf("Stretch from %q to %q = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// TestJSON pins the names `canvass plan --json` prints a turf with: a contract.
func TestJSON(t *testing.T) {
	tf := walk.Turf{ID: 1, Area: "20-2", Doors: 1, Voters: 2, Metres: 3, Minutes: 4, Stops: []walk.Stop{{StreetID: "s",
		Street: "Rue A", Side: "odd", From: "1", To: "1", Doors: 1, Voters: 2,
		Numbers: []walk.Door{{Number: "1", Lon: 2.5, Lat: 48.5, Voters: 2}}}}}
	got, err := json.Marshal(tf)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":1,"area":"20-2","doors":1,"voters":2,"metres":3,"minutes":4,"stops":[{"street_id":"s","street":"Rue A",` +
		`"side":"odd","from":"1","to":"1","doors":1,"voters":2,"numbers":[{"number":"1","lon":2.5,"lat":48.5,"voters":2}]}]}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
}
