package turf

import (
	"fmt"
	"strings"
)

// JoinSubAddresses gives the doors of sub-addresses back to their street. The BAN lists some
// entrances of a building (12 p1, 12 z2...) under a street of their own named after them, "12P1
// Rue des Haies", with an id of its own: their doors would make stops of their own in the middle
// of their street's. Such a door takes the name of the street after its number and, when another
// door is on that street, its id.
func JoinSubAddresses(doors []Door) {
	ids := map[string]string{}
	for _, d := range doors {
		if _, ok := ids[d.Street]; !ok {
			ids[d.Street] = d.StreetID
		}
	}
	for i, d := range doors {
		prefix := fmt.Sprintf("%d%s ", d.Number, strings.ToUpper(d.Rep))
		if d.Rep == "" || !strings.HasPrefix(strings.ToUpper(d.Street), prefix) {
			continue
		}
		street := d.Street[len(prefix):]
		doors[i].Street = street
		if id, ok := ids[street]; ok {
			doors[i].StreetID = id
		}
	}
}
