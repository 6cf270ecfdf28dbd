package policy_test

import (
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

func TestComparePeople(t *testing.T) {
	lea := data.Identity{BirthName: "PEREZ", GivenNames: "Fatoumata Léa", BirthDate: "1987-02-09"}
	with := func(name, given, born string) data.Identity {
		return data.Identity{BirthName: name, GivenNames: given, BirthDate: born}
	}
	for _, tc := range []struct {
		name string
		b    data.Identity
		want policy.Likeness
	}{
		{"as the list writes it", lea, policy.Same},
		{"case, accents, hyphens, spaces", with(" perez", "FATOUMATA-LEA ", "1987-02-09"), policy.Same},
		{"no birth date (an objection may give none)", with("Perez", "Fatoumata Léa", ""), policy.Same},
		{"a less precise birth date", with("PEREZ", "Fatoumata Léa", "1987-02"), policy.Near},
		{"other given names, same birth name and date", with("PEREZ", "Fatoumata", "1987-02-09"), policy.Near},
		{"given names in another order", with("PEREZ", "Léa Fatoumata", "1987-02-09"), policy.Near},
		{"other given names, no birth date", with("PEREZ", "Fatoumata", ""), policy.Different},
		{"another birth date", with("PEREZ", "Fatoumata Léa", "1987-02-10"), policy.Different},
		{"another year", with("PEREZ", "Fatoumata Léa", "1988"), policy.Different},
		{"another birth name", with("PERES", "Fatoumata Léa", "1987-02-09"), policy.Different},
	} {
		if got := policy.ComparePeople(lea, tc.b); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if got := policy.ComparePeople(tc.b, lea); got != tc.want {
			t.Errorf("%s, the other way round: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// ban is a street of a few doors, and two ways of Paris whose names differ by a letter.
var ban = []geocode.Address{
	{ID: "p120", Number: 120, Street: "Rue Pelleport", Postcode: "75020", Insee: "75120"},
	{ID: "p120b", Number: 120, Rep: "b", Street: "Rue Pelleport", Postcode: "75020", Insee: "75120"},
	{ID: "p122", Number: 122, Street: "Rue Pelleport", Postcode: "75020", Insee: "75120"},
	{ID: "cd5", Number: 5, Street: "Voie Cd/20", Postcode: "75020", Insee: "75120"},
	{ID: "fd5", Number: 5, Street: "Voie Fd/20", Postcode: "75020", Insee: "75120"},
	{ID: "c44v", Number: 44, Rep: "v", Street: "Boulevard de Charonne", Postcode: "75020", Insee: "75120"},
}

func TestComparePlaces(t *testing.T) {
	type addr struct{ number, street, postcode string }
	for _, tc := range []struct {
		name      string
		a, b      addr
		text, BAN policy.Likeness // without, then with the BAN
	}{
		{"the same, written differently (issue 10)", addr{"120 bis", "Rue Pelleport", "75020"}, addr{"120 BIS", "R. PELLEPORT", "75020"}, policy.Same, policy.Same},
		{"the number typed in the street", addr{"", "122 rue pelleport", "75020"}, addr{"122", "R PELLEPORT", ""}, policy.Same, policy.Same},
		// The BAN finds it only fuzzily, but it is written the same way twice.
		{"the same typo on both sides", addr{"44V", "BOULVEARD DE CHARONNE", "75020"}, addr{"44 V", "BOULVEARD DE CHARONNE", "75020"}, policy.Same, policy.Same},
		{"a typo in the street", addr{"122", "Rue Pelleprot", "75020"}, addr{"122", "RUE PELLEPORT", "75020"}, policy.Near, policy.Near},
		{"a suffix missing on one side", addr{"120", "Rue Pelleport", "75020"}, addr{"120 BIS", "RUE PELLEPORT", "75020"}, policy.Near, policy.Near},
		{"no number on one side", addr{"", "Rue Pelleport", "75020"}, addr{"122", "RUE PELLEPORT", "75020"}, policy.Near, policy.Near},
		{"another number", addr{"124", "Rue Pelleport", "75020"}, addr{"122", "Rue Pelleport", "75020"}, policy.Different, policy.Different},
		{"another suffix", addr{"120 TER", "Rue Pelleport", "75020"}, addr{"120 BIS", "Rue Pelleport", "75020"}, policy.Different, policy.Different},
		{"another postcode", addr{"122", "Rue Pelleport", "75011"}, addr{"122", "Rue Pelleport", "75020"}, policy.Different, policy.Different},
		{"no address", addr{"", "", ""}, addr{"122", "Rue Pelleport", "75020"}, policy.Different, policy.Different},
		// Two streets of the BAN are two streets, however close their names.
		{"two ways a letter apart", addr{"5", "VOIE CD/20", "75020"}, addr{"5", "Voie Fd/20", "75020"}, policy.Near, policy.Different},
	} {
		for _, side := range []struct {
			with  policy.Addresses
			want  policy.Likeness
			label string
		}{{policy.Addresses{}, tc.text, "text"}, {policy.NewAddresses(ban), tc.BAN, "BAN"}} {
			a := side.with.Place(tc.a.number, tc.a.street, tc.a.postcode)
			b := side.with.Place(tc.b.number, tc.b.street, tc.b.postcode)
			if got := policy.ComparePlaces(a, b); got != side.want {
				t.Errorf("%s (%s): %v, want %v", tc.name, side.label, got, side.want)
			}
			if got := policy.ComparePlaces(b, a); got != side.want {
				t.Errorf("%s (%s), the other way round: %v, want %v", tc.name, side.label, got, side.want)
			}
		}
	}
}

// ExampleComparePlaces shows the STOP of issue 10, finding 1: the address as the voter said it
// and as the electoral list writes it are one door.
func ExampleComparePlaces() {
	addrs := policy.NewAddresses(nil) // no BAN loaded: normalization alone
	said := addrs.Place("120 bis", "Rue Pelleport", "75020")
	listed := addrs.Place("120 BIS", "R. PELLEPORT", "75020")
	typo := addrs.Place("120 bis", "Rue Pelleprot", "75020")
	fmt.Println(policy.ComparePlaces(said, listed) == policy.Same, policy.ComparePlaces(typo, listed) == policy.Near)
	// Output: true true
}
