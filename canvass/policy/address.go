package policy

import (
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
)

// Addresses compare written addresses the way geocoding reads them: through the BAN when it holds
// them, and by the same normalization when it does not.
type Addresses struct {
	ban    *geocode.Index
	points map[string]geocode.Address // by BAN id
}

// NewAddresses reads addresses through the BAN's address points (none: by normalization only).
func NewAddresses(ban []geocode.Address) Addresses {
	a := Addresses{ban: geocode.NewIndex(ban), points: make(map[string]geocode.Address, len(ban))}
	for _, p := range ban {
		a.points[p.ID] = p
	}
	return a
}

// Place is an address as written, read once.
type Place struct {
	written  bool
	number   int
	rep      string // suffix in the BAN's form ("b" for BIS)
	numbered bool
	street   string // as written: CompareStreets reads it
	postcode string
	// door is the BAN address the BAN index finds for it, "" when none; exact when found on the
	// exact street at the exact number and suffix.
	door  string
	exact bool
	// banStreet is the BAN street the address names, when its label is that street's exactly (as
	// the BAN writes it, with its commune); "" when the BAN does not say.
	banStreet string
}

// Place reads an address (a house number as the list writes it, "12 BIS", a street, a postcode).
// A number typed at the head of the street ("12 rue X") is read as the number.
func (a Addresses) Place(number, street, postcode string) Place {
	p := Place{street: strings.TrimSpace(street), postcode: strings.TrimSpace(postcode)}
	p.written = p.street != ""
	if !p.written {
		return p
	}
	if strings.TrimSpace(number) == "" {
		if first, rest, ok := strings.Cut(p.street, " "); ok {
			if _, _, isNumber := geocode.ParseNumber(first); isNumber {
				number, p.street = first, strings.TrimSpace(rest)
			}
		}
	}
	p.number, p.rep, p.numbered = geocode.ParseNumber(number)
	if a.ban == nil {
		return p
	}
	m := a.ban.Match(geocode.VoterAddress{Number: number, Street: p.street, Postcode: p.postcode})
	found, ok := a.points[m.AddressID]
	if !ok {
		return p
	}
	switch {
	case m.Kind == geocode.Exact:
		p.door, p.exact = m.AddressID, true
	case m.Kind == geocode.Fuzzy:
		p.door = m.AddressID
	case m.Kind == geocode.Approximate && p.numbered && found.Number == p.number:
		p.door = m.AddressID // the same number with another suffix: may be the door
	}
	if geocode.CompareStreets(p.street, found.Street) == geocode.Exact {
		p.banStreet = found.Insee + " " + found.Street
	}
	return p
}

// Door is the BAN address of the place, "" when the BAN does not place it at its number.
func (p Place) Door() string { return p.door }

// ComparePlaces compares two addresses:
//   - Same: the same number and suffix on streets whose labels read the same (as Match reads
//     them: "120 bis" "Rue Pelleport" and "120 BIS" "R. PELLEPORT"), or one door of the BAN found
//     exactly for both;
//   - Near: they may be the same door: a fuzzy street ("Rue Pelleprot"), one suffix missing ("120"
//     and "120 BIS"), a number on one side only, or labels the BAN reads as one door only fuzzily;
//   - Different: no address on either side, other postcodes, other numbers, other streets (two
//     streets of the BAN are other streets, however close their names: "Voie Cd/20", "Voie Fd/20").
func ComparePlaces(x, y Place) Likeness {
	if !x.written || !y.written || (x.postcode != "" && y.postcode != "" && x.postcode != y.postcode) {
		return Different
	}
	if x.door != "" && x.door == y.door && x.exact && y.exact {
		return Same
	}
	numbers := Same
	switch {
	case !x.numbered && !y.numbered: // "Rue X" both: as written, the same
	case !x.numbered || !y.numbered:
		numbers = Near
	case x.number != y.number:
		return Different
	case x.rep == y.rep:
	case x.rep == "" || y.rep == "":
		numbers = Near
	default:
		return Different
	}
	streets := Different
	switch {
	case x.banStreet != "" && y.banStreet != "":
		if x.banStreet == y.banStreet {
			streets = Same
		}
	default:
		switch geocode.CompareStreets(x.street, y.street) {
		case geocode.Exact:
			streets = Same
		case geocode.Fuzzy:
			streets = Near
		}
	}
	if streets == Different && x.door != "" && x.door == y.door {
		streets = Near // the BAN reads both as one door, though not exactly
	}
	return min(numbers, streets)
}
