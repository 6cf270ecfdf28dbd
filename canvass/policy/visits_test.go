package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// street is where the people of these tests live, as the electoral list writes it.
const street = "R. DES EXEMPLES"

func voter(id int64, name, given, born, number string) data.VoterMatch {
	return data.VoterMatch{ID: id, Line: int(id) + 1, BirthName: name, GivenNames: given, BirthDate: born,
		Number: number, Street: street, Postcode: "99999", AddressID: "door" + number}
}

func doorConsent(id int64, v data.VoterMatch, edit func(*data.Consent)) data.Consent {
	c := data.Consent{ID: id, Contact: data.Identity{BirthName: v.BirthName, GivenNames: v.GivenNames, BirthDate: v.BirthDate,
		Number: v.Number, Street: "Rue des Exemples", Postcode: "99999"}, Kind: policy.Regular, Channel: data.ChannelDoor,
		Purpose: "communication politique", Controller: "Comité Essai", GivenOn: "2026-02-26", Source: "stand"}
	if edit != nil {
		edit(&c)
	}
	return c
}

var (
	aurore   = voter(1, "EXEMPLEAU", "Aurore", "1979-03-17", "12")
	lou8     = voter(2, "MARGEVIN", "Lou", "1990-05-05", "8")
	lou40    = voter(3, "MARGEVIN", "Lou", "1990-05-05", "40")
	anne     = voter(4, "VEILLE", "Anne", "1950-02-02", "5")
	marc     = voter(5, "EXPIRE", "Marc", "1970-04-05", "9")
	ines     = voter(6, "COURRIEL", "Inès", "1970-04-06", "10")
	lise     = voter(7, "AUTRE", "Lise", "1970-04-09", "15")
	ugo      = voter(8, "PASSANT", "Ugo", "1970-04-11", "17")
	ugoUsed  = voter(9, "PASSE", "Hugo", "1970-04-12", "18")
	leon     = voter(10, "OPPOSE", "Léon", "1970-04-07", "11")
	remi     = voter(11, "PORTE", "Rémi", "1970-04-08", "14")
	fatou    = voter(12, "PEREZ", "Fatoumata Léa", "1987-02-09", "120 BIS")
	omar     = voter(13, "DELORME", "Omar", "1987-02-12", "126")
	nina     = voter(14, "CAVALIER", "Nina", "1987-02-11", "124")
	twin     = voter(15, "JUMEAU", "Paul", "1980-01-01", "30")
	twinToo  = voter(16, "JUMEAU", "Pierre", "1980-01-01", "30")
	typo     = voter(17, "TYPO", "Ida", "1981-01-01", "31")
	nearMiss = voter(18, "PROCHE", "Jean Marc", "1982-01-01", "32")
)

func facts() policy.Facts {
	voters := []data.VoterMatch{aurore, lou8, lou40, anne, marc, ines, lise, ugo, ugoUsed, leon, remi, fatou, omar, nina,
		twin, twinToo, typo, nearMiss}
	consents := []data.Consent{
		doorConsent(1, aurore, nil),
		doorConsent(2, lou8, func(c *data.Consent) { c.Contact.Number, c.Contact.Street = "", "" }),
		doorConsent(3, anne, func(c *data.Consent) { c.WithdrawnOn = "2027-04-30" }),
		doorConsent(4, marc, func(c *data.Consent) { c.ExpiresOn = "2027-04-30" }),
		doorConsent(5, ines, func(c *data.Consent) { c.Channel = data.ChannelEmail }),
		doorConsent(6, lise, func(c *data.Consent) { c.Controller = "Parti Voisin" }),
		doorConsent(7, ugo, func(c *data.Consent) { c.Kind = policy.Occasional }),
		doorConsent(8, ugoUsed, func(c *data.Consent) { c.Kind, c.UsedOn = policy.Occasional, "2027-04-01" }),
		doorConsent(9, leon, nil),
		doorConsent(10, remi, nil),
		doorConsent(11, fatou, func(c *data.Consent) { c.Contact.Number, c.Contact.Street = "120 bis", "Rue des Exemples" }),
		doorConsent(12, omar, nil),
		doorConsent(13, nina, nil),
		doorConsent(14, twin, nil),
		doorConsent(15, twinToo, nil),
		doorConsent(16, typo, func(c *data.Consent) { c.Contact.Street = "Rue des Exempels" }),
		doorConsent(17, nearMiss, func(c *data.Consent) { c.Contact.GivenNames = "Jean" }),
	}
	stop := func(who data.Identity) data.Opposition {
		return data.Opposition{Scope: data.ScopePerson, Who: who, RecordedOn: "2027-03-01"}
	}
	doNotKnock := func(number, street string) data.Opposition {
		return data.Opposition{Scope: data.ScopeAddress, Who: data.Identity{Number: number, Street: street, Postcode: "99999"},
			RecordedOn: "2027-03-02"}
	}
	return policy.Facts{Controller: "COMITE ESSAI", On: "2027-05-01", Voters: voters, Consents: consents,
		Objections: []data.Opposition{
			stop(data.Identity{BirthName: "Oppose", GivenNames: "leon", BirthDate: "1970-04-07", Number: "11", Street: "RUE DES EXEMPLES"}),
			doNotKnock("14", "Rue des Exemples"),
			stop(data.Identity{BirthName: "PEREZ", GivenNames: "Fatoumata", BirthDate: "1987-02-09"}),           // near: other given names
			stop(data.Identity{BirthName: "DELORME", GivenNames: "Omar", Number: "3", Street: "Rue des Lilas"}), // near: elsewhere
			doNotKnock("124", "Rue des Exenples"),                                                               // near: a typo
			stop(data.Identity{BirthName: "JUMEAU", GivenNames: "Paul", BirthDate: "1980-01-01"}),
		}}
}

func ask(v data.VoterMatch) data.Identity {
	return data.Identity{BirthName: v.BirthName, GivenNames: v.GivenNames, BirthDate: v.BirthDate}
}

func TestDecide(t *testing.T) {
	k := policy.NewChecker(facts())
	at := func(v data.VoterMatch, number, street string) data.Identity {
		id := ask(v)
		id.Number, id.Street, id.Postcode = number, street, "99999"
		return id
	}
	for _, tc := range []struct {
		name      string
		who       data.Identity
		want      policy.Exclusion // "" = eligible
		objected  bool
		near      bool
		hint      bool
		voterLine int
	}{
		{"a door-to-door consent", ask(aurore), "", false, false, false, 2},
		{"typed in another case, without accents", data.Identity{BirthName: "exempleau", GivenNames: "AURORE", BirthDate: "1979-03-17"}, "", false, false, false, 2},
		{"homonyms, no address", ask(lou8), policy.Ambiguous, false, false, false, 0},
		{"homonym told apart by the address, written otherwise", at(lou8, "8", "Rue des Exemples"), policy.NoConsent, false, false, false, 3},
		{"homonym at another address: the address matters", at(lou8, "99", "Rue des Exemples"), policy.NotOnList, false, false, false, 0},
		{"withdrawn the day before", ask(anne), policy.Withdrawn, false, false, false, 5},
		{"expired the day before", ask(marc), policy.Expired, false, false, false, 6},
		{"e-mail only", ask(ines), policy.OtherChannel, false, false, false, 7},
		{"another controller", ask(lise), policy.NoConsent, false, false, false, 8},
		{"occasional contact, not used", ask(ugo), "", false, false, false, 9},
		{"occasional contact, used", ask(ugoUsed), policy.AlreadyContacted, false, false, false, 10},
		{"STOP typed another way", ask(leon), policy.Opposed, true, false, false, 11},
		{"do not knock, street written out", ask(remi), policy.Opposed, true, false, false, 12},
		{"a consent at 120 bis Rue des Exemples is hers; a STOP under other given names may be", ask(fatou), policy.Opposed, true, true, false, 13},
		{"a STOP by him given elsewhere", ask(omar), policy.Opposed, true, true, false, 14},
		{"do not knock with a typo in the street", ask(nina), policy.Opposed, true, true, false, 15},
		{"the twin who said STOP", ask(twin), policy.Opposed, true, false, false, 16},
		{"the twin who did not: other given names, same birth name and date", ask(twinToo), policy.Opposed, true, true, false, 17},
		{"a consent at an address with a typo: not his, hinted", ask(typo), policy.NoConsent, false, false, true, 18},
		{"a consent under fewer given names: not his, hinted", ask(nearMiss), policy.NoConsent, false, false, true, 19},
		{"a name not on the list, near one that is: hinted", data.Identity{BirthName: "PROCHE", GivenNames: "Jean", BirthDate: "1982-01-01"}, policy.NotOnList, false, false, true, 0},
		{"not on the list", data.Identity{BirthName: "INCONNU", GivenNames: "Max", BirthDate: "1970-01-01"}, policy.NotOnList, false, false, false, 0},
	} {
		v := k.Decide(tc.who)
		if v.Eligible != (tc.want == "") || v.Reason != tc.want || v.Objected != tc.objected || v.NearMatch != tc.near ||
			(v.Hint != "") != tc.hint || v.VoterLine != tc.voterLine || v.Explanation == "" {
			t.Errorf("%s: %+v; want reason %q, objected %v, near %v, hint %v, voter line %d", tc.name, v, tc.want,
				tc.objected, tc.near, tc.hint, tc.voterLine)
		}
	}
}

func TestPersonalList(t *testing.T) {
	k := policy.NewChecker(facts())
	var people []data.Person
	for i, v := range []data.VoterMatch{aurore, ugo, ines, fatou, nina, leon} {
		people = append(people, data.Person{Line: i + 2, Identity: ask(v)})
	}
	list := k.List("mai", people)
	if list.Name() != "mai" || list.Date() != "2027-05-01" || list.Eligible() != 2 || list.NearMatches() != 2 ||
		list.Excluded()[policy.Opposed] != 3 || list.Excluded()[policy.OtherChannel] != 1 || list.Refusal() != nil {
		t.Fatalf("list: %s %s, %d eligible, %v excluded, %d near, %v", list.Name(), list.Date(), list.Eligible(),
			list.Excluded(), list.NearMatches(), list.Refusal())
	}
	visits := list.Visits()
	if visits[0].Person.BirthName != "EXEMPLEAU" || visits[1].Person.BirthName != "PASSANT" || !visits[1].Occasional ||
		visits[0].RequestLine != 2 || visits[0].VoterLine != 2 || visits[0].Source != "stand" {
		t.Errorf("visits: %+v", visits)
	}
	if used := list.Occasional(); len(used) != 1 || used[0] != 7 {
		t.Errorf("occasional consents used: %v, want [7]", used)
	}
	visits[0].Person.BirthName = "SOMEONE ELSE"
	if list.Visits()[0].Person.BirthName != "EXEMPLEAU" {
		t.Error("a list's visits can be changed from outside")
	}
	body, err := json.Marshal(list)
	if err != nil || !strings.Contains(string(body), `"eligible":2`) || !strings.Contains(string(body), `"near_matches":2`) ||
		!strings.Contains(string(body), `"opposition":3`) {
		t.Errorf("JSON: %s, %v", body, err)
	}

	nobody := k.List("personne", people[2:3])
	var refused *policy.RefusedError
	if err := nobody.Refusal(); !errors.As(err, &refused) || !strings.Contains(err.Error(), "none of the 1 people") {
		t.Errorf("a list where nobody qualifies: %v, want a refusal", err)
	}
	var zero policy.PersonalList
	if zero.Eligible() != 0 || len(zero.Visits()) != 0 || zero.Refusal() == nil {
		t.Error("a list not made by the policy must hold nobody")
	}
}

func TestDoNotKnock(t *testing.T) {
	f := facts()
	doors := policy.DoNotKnock(f.Objections, f.Voters, policy.NewAddresses(nil))
	// Without a BAN, only the doors geocoding gave the objectors' voters: Léon, Paul the twin and
	// his brother (who may be him), Fatoumata (who may be the Fatoumata of the STOP), Omar.
	for _, door := range []string{"door11", "door30", "door120 BIS", "door126"} {
		if !doors[door] {
			t.Errorf("door %s is not marked: %v", door, doors)
		}
	}
	if len(doors) != 4 {
		t.Errorf("doors marked: %v", doors)
	}
}
