package policy

import (
	"strings"

	"github.com/campagne-fr/porteaporte/data"
)

// ValidateObjection is the one check of an objection, typed by hand or read from a file: it
// returns the objection as stored (dates as YYYY-MM-DD; recorded today, YYYY-MM-DD, when it has
// no date) or every problem that keeps it from being applied, by the opposition file's column
// names. Dates are dd/mm/yyyy or YYYY-MM-DD.
func ValidateObjection(raw data.Opposition, today string) (data.Opposition, Problems) {
	o := raw
	var problems Problems
	add := func(field, reason string) { problems = append(problems, Problem{Field: field, Reason: reason}) }
	who := &o.Who
	switch {
	case o.Scope == data.ScopePerson && (strings.TrimSpace(who.BirthName) == "" || strings.TrimSpace(who.GivenNames) == ""):
		add("nom_naissance/prenoms", "an objection by a person needs the birth name and given names")
	case o.Scope == data.ScopeAddress && (strings.TrimSpace(who.Number) == "" || strings.TrimSpace(who.Street) == ""):
		add("numero/voie", "an objection at an address needs the number and street")
	case o.Scope != data.ScopePerson && o.Scope != data.ScopeAddress:
		add("portee", "an objection is by a person (personne) or at an address (adresse)")
	}
	var ok bool
	if who.BirthDate != "" {
		if who.BirthDate, ok = birthDate(who.BirthDate); !ok {
			add("date_naissance", "expected a date as dd/mm/yyyy or YYYY-MM-DD")
		}
	}
	if o.RecordedOn, ok = Day(o.RecordedOn); !ok {
		add("date", "expected a date as dd/mm/yyyy or YYYY-MM-DD")
	} else if o.RecordedOn == "" {
		o.RecordedOn = today
	}
	return o, problems
}

// DoNotKnock are the BAN doors street lists mark "do not knock" (they name no one): where each
// objection at an address is or may be (Place.Door), the door a person's objection gives, and the
// door geocoding gave each voter who objected or may have (ComparePeople: Same or Near; voters'
// AddressID). Voters born in the years of the objections suffice, all of them when an objection
// has no birth date.
func DoNotKnock(objections []data.Opposition, voters []data.VoterMatch, addrs Addresses) map[string]bool {
	byName := map[string][]int{}
	for i, v := range voters {
		key := fold(v.BirthName)
		byName[key] = append(byName[key], i)
	}
	out := map[string]bool{}
	for _, o := range objections {
		if door := addrs.Place(o.Who.Number, o.Who.Street, o.Who.Postcode).Door(); door != "" {
			out[door] = true
		}
		if o.Scope != data.ScopePerson {
			continue
		}
		for _, i := range byName[fold(o.Who.BirthName)] {
			v := voters[i]
			if v.AddressID != "" && ComparePeople(o.Who, voterIdentity(v)) != Different {
				out[v.AddressID] = true
			}
		}
	}
	return out
}
