package policy

import (
	"strings"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// ValidateObjection is the one check of an objection, typed by hand or read from a file: it
// returns the objection as stored (dates as YYYY-MM-DD; recorded today, YYYY-MM-DD, when it has
// no date) or every problem that keeps it from being applied, by the opposition file's column
// names. Dates are dd/mm/yyyy or YYYY-MM-DD.
func ValidateObjection(raw data.Opposition, today string) (data.Opposition, Problems) {
	o := raw
	var problems Problems
	add := func(field, id string) { problems = append(problems, Problem{Field: field, Reason: i18n.Msg(id)}) }
	who := &o.Who
	switch {
	case o.Scope == data.ScopePerson && (strings.TrimSpace(who.BirthName) == "" || strings.TrimSpace(who.GivenNames) == ""):
		add("nom_naissance/prenoms", "policy.problem.objection.person")
	case o.Scope == data.ScopeAddress && (strings.TrimSpace(who.Number) == "" || strings.TrimSpace(who.Street) == ""):
		add("numero/voie", "policy.problem.objection.address")
	case o.Scope != data.ScopePerson && o.Scope != data.ScopeAddress:
		add("portee", "policy.problem.objection.scope")
	}
	var ok bool
	if who.BirthDate != "" {
		if who.BirthDate, ok = birthDate(who.BirthDate); !ok {
			add("date_naissance", "policy.problem.date")
		}
	}
	if o.RecordedOn, ok = Day(o.RecordedOn); !ok {
		add("date", "policy.problem.date")
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
