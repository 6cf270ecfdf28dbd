package policy

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Exclusion is why a person is left out of a personalized visit list.
type Exclusion string

// The reasons. Identity is checked first, then consent; an objection excludes whatever else holds.
const (
	NotOnList        Exclusion = "not_on_list"
	Ambiguous        Exclusion = "ambiguous"
	Opposed          Exclusion = "opposition"
	NoConsent        Exclusion = "no_consent"
	OtherChannel     Exclusion = "other_channel"
	Withdrawn        Exclusion = "withdrawn"
	Expired          Exclusion = "expired"
	AlreadyContacted Exclusion = "already_contacted"
)

// exclusionIDs name the reasons in the reader's language.
var exclusionIDs = map[Exclusion]string{NotOnList: "policy.exclusion.not_on_list", Ambiguous: "policy.exclusion.ambiguous",
	Opposed: "policy.exclusion.opposition", NoConsent: "policy.exclusion.no_consent",
	OtherChannel: "policy.exclusion.other_channel", Withdrawn: "policy.exclusion.withdrawn",
	Expired: "policy.exclusion.expired", AlreadyContacted: "policy.exclusion.already_contacted"}

// Exclusions lists every reason, for reports that show all of them.
var Exclusions = []Exclusion{NoConsent, OtherChannel, Withdrawn, Expired, Ambiguous, Opposed, NotOnList, AlreadyContacted}

// Verdict is the policy's answer for one person: eligible for a personalized door-to-door visit,
// or not and why.
type Verdict struct {
	Eligible    bool      `json:"eligible"`
	Reason      Exclusion `json:"reason,omitempty"`
	Explanation string    `json:"explanation"`
	// Hint names an identity near-miss to check (the same birth name and birth date with other
	// given names, a consent at an address written differently): never taken for the person.
	Hint      string `json:"hint,omitempty"`
	VoterLine int    `json:"voter_line,omitempty"` // the voter's line in the imported list
	Objected  bool   `json:"objected,omitempty"`   // an objection applies, whatever the reason given
	// NearMatch says the objection that applies may be this person's or at this address without
	// being sure (a name, birth date or address written differently): it excludes all the same.
	NearMatch bool `json:"near_match,omitempty"`
	consent   *data.Consent
	why, hint i18n.Message // Explanation and Hint in the reader's language
}

// refuse is the verdict of exclusion r: message id with its name/value pairs says why.
func refuse(r Exclusion, id string, kv ...any) Verdict {
	v := Verdict{Reason: r}
	v.explain(i18n.Msg(id, kv...))
	return v
}

// explain sets why the verdict is what it is.
func (v *Verdict) explain(why i18n.Message) { v.why, v.Explanation = why, why.Error() }

// hinted sets the near-miss to check.
func (v *Verdict) hinted(id string) { v.hint = i18n.Msg(id); v.Hint = v.hint.Error() }

// Why is the verdict's Explanation in the reader's language.
func (v Verdict) Why() i18n.Message {
	if v.why.ID == "" {
		return i18n.Msg("policy.verdict.text", "Text", v.Explanation)
	}
	return v.why
}

// HintMessage is the verdict's Hint in the reader's language; the zero Message when there is none.
func (v Verdict) HintMessage() i18n.Message { return v.hint }

// Message names the reason in the reader's language.
func (r Exclusion) Message() i18n.Message { return i18n.Msg(exclusionIDs[r]) }

// Facts are what personal visits are decided from, read from the campaign file.
type Facts struct {
	Controller string // this campaign's controller
	On         string // the day of the visits, YYYY-MM-DD
	// Voters are the voters of the electoral list; those born in the years of the people asked
	// about suffice.
	Voters     []data.VoterMatch
	Consents   []data.Consent
	Objections []data.Opposition
	Addresses  Addresses
}

// Checker decides personal visits from one set of facts. It remembers the addresses it has read,
// so it is not for concurrent use.
type Checker struct {
	f         Facts
	voters    map[string][]int // by folded birth name
	consents  map[string][]int // by folded birth name
	objectors map[string][]int // objections by a person, by folded birth name
	doors     []int            // objections at an address
	places    map[[3]string]Place
}

// NewChecker indexes the facts.
func NewChecker(f Facts) *Checker {
	k := &Checker{f: f, voters: map[string][]int{}, consents: map[string][]int{}, objectors: map[string][]int{},
		places: map[[3]string]Place{}}
	for i, v := range f.Voters {
		key := fold(v.BirthName)
		k.voters[key] = append(k.voters[key], i)
	}
	for i, c := range f.Consents {
		key := fold(c.Contact.BirthName)
		k.consents[key] = append(k.consents[key], i)
	}
	for i, o := range f.Objections {
		if o.Scope == data.ScopeAddress {
			k.doors = append(k.doors, i)
			continue
		}
		key := fold(o.Who.BirthName)
		k.objectors[key] = append(k.objectors[key], i)
	}
	return k
}

// place reads an identity's address once.
func (k *Checker) place(id data.Identity) Place {
	key := [3]string{id.Number, id.Street, id.Postcode}
	p, ok := k.places[key]
	if !ok {
		p = k.f.Addresses.Place(id.Number, id.Street, id.Postcode)
		k.places[key] = p
	}
	return p
}

func voterIdentity(v data.VoterMatch) data.Identity {
	return data.Identity{BirthName: v.BirthName, GivenNames: v.GivenNames, BirthDate: v.BirthDate,
		Number: v.Number, Street: v.Street, Postcode: v.Postcode}
}

// Decide applies DOMAIN.md rules 2 to 4 to one person asked about. The person is the one voter of
// the list with the same identity (ComparePeople: Same), narrowed by the address when one is given
// (ComparePlaces: Same, else Near); a near-miss is hinted, never taken for them. They may be
// visited by name if a consent of theirs covers it (see covers: channel door-to-door, and a
// consent without address cannot be told apart between homonyms), and no objection applies:
// one by the same person, or by a person who may be them, or at an address that may be theirs
// (written as on the list or as asked), excludes them whatever else holds.
func (k *Checker) Decide(who data.Identity) Verdict {
	id := k.identify(who)
	if id.voter < 0 {
		return id.refusal
	}
	voter := k.f.Voters[id.voter]
	verdict := k.coveredBy(voterIdentity(voter), id.homonyms)
	if o, l := k.objection(who, voterIdentity(voter)); l != Different {
		objection := i18n.Msg("policy.verdict.objected", "On", i18n.Day(o.RecordedOn), "Scope", describeScope(o.Scope))
		if l == Near {
			id := "policy.verdict.objected.person"
			if o.Scope == data.ScopeAddress {
				id = "policy.verdict.objected.address"
			}
			objection = i18n.Msg(id, "On", i18n.Day(o.RecordedOn), "Scope", describeScope(o.Scope))
		}
		if verdict.Eligible {
			verdict = Verdict{Reason: Opposed}
			verdict.explain(objection)
		} else {
			verdict.explain(i18n.Msg("policy.verdict.also", "Why", verdict.Why(), "Objection", objection))
		}
		verdict.Objected, verdict.NearMatch = true, l == Near
	}
	verdict.VoterLine = voter.Line
	return verdict
}

// identified is the one voter an identity names, or why none.
type identified struct {
	voter    int  // index in the facts' voters; -1 when none
	homonyms bool // other voters share the identity (at other addresses)
	refusal  Verdict
	field    string // the field to fix when none: nom_naissance or voie
}

// identify finds the one voter an identity names.
func (k *Checker) identify(who data.Identity) identified {
	var same []int
	nearMiss := false
	for _, i := range k.voters[fold(who.BirthName)] {
		switch ComparePeople(who, voterIdentity(k.f.Voters[i])) {
		case Same:
			same = append(same, i)
		case Near:
			nearMiss = true
		}
	}
	if len(same) == 0 {
		v := refuse(NotOnList, "policy.verdict.notonlist")
		if nearMiss {
			v.hinted("policy.verdict.hint.voter")
		}
		return identified{voter: -1, refusal: v, field: "nom_naissance"}
	}
	here := same
	if who.HasAddress() {
		asked := k.place(who)
		for _, want := range []Likeness{Same, Near} {
			here = slices.DeleteFunc(slices.Clone(same), func(i int) bool {
				return ComparePlaces(k.place(voterIdentity(k.f.Voters[i])), asked) != want
			})
			if len(here) > 0 {
				break
			}
		}
	}
	switch {
	case len(here) == 0:
		return identified{voter: -1, field: "voie",
			refusal: refuse(NotOnList, "policy.verdict.elsewhere")}
	case len(here) > 1:
		return identified{voter: -1, field: "voie", refusal: refuse(Ambiguous, "policy.verdict.ambiguous", "Count", len(here))}
	}
	return identified{voter: here[0], homonyms: len(same) > 1}
}

// Unidentified says why an identity names no single voter of the list, for the organizer to fix
// the record before it is needed, or nil when it names one.
func (k *Checker) Unidentified(who data.Identity) *Problem {
	if id := k.identify(who); id.voter < 0 {
		return &Problem{Field: id.field, Reason: id.refusal.Why()}
	}
	return nil
}

func describeScope(scope string) i18n.Message {
	if scope == data.ScopeAddress {
		return i18n.Msg("policy.verdict.scope.address")
	}
	return i18n.Msg("policy.verdict.scope.person")
}

// coveredBy looks for a consent of the voter that covers a door-to-door visit. A consent's
// identity must be the voter's (Same), and so must its address when it has one; a consent without
// address cannot be attributed when homonyms exist.
func (k *Checker) coveredBy(voter data.Identity, homonyms bool) Verdict {
	var door, all []*data.Consent
	nearMiss := false
	home := k.place(voter)
	for _, i := range k.consents[fold(voter.BirthName)] {
		c := &k.f.Consents[i]
		switch ComparePeople(c.Contact, voter) {
		case Different:
			continue
		case Near:
			nearMiss = true
			continue
		}
		if c.Contact.HasAddress() {
			if l := ComparePlaces(k.place(c.Contact), home); l != Same {
				nearMiss = nearMiss || l == Near
				continue
			}
		} else if homonyms {
			continue
		}
		all = append(all, c)
		if c.Channel == data.ChannelDoor {
			door = append(door, c)
		}
	}
	verdict := k.coverage(door, all)
	if !verdict.Eligible && nearMiss {
		verdict.hinted("policy.verdict.hint.consent")
	}
	return verdict
}

// coverage is the verdict on a voter's consents: the first door-to-door one that covers the
// visit, or the most telling reason none does.
func (k *Checker) coverage(door, all []*data.Consent) Verdict {
	if len(all) == 0 {
		return refuse(NoConsent, "policy.verdict.noconsent")
	}
	if len(door) == 0 {
		var names []string
		for _, c := range all {
			if !slices.Contains(names, c.Channel) {
				names = append(names, c.Channel)
			}
		}
		return refuse(OtherChannel, "policy.verdict.channel", "Channels", strings.Join(names, ", "))
	}
	found := map[Exclusion]i18n.List{}
	for _, c := range door {
		reason, detail := covers(*c, k.f.Controller, k.f.On)
		if reason == "" {
			why := i18n.Msg("policy.verdict.door", "Given", i18n.Day(c.GivenOn), "Source", c.Source, "Proof", c.Proof,
				"Occasional", c.Kind == Occasional)
			v := Verdict{Eligible: true, consent: c}
			v.explain(why)
			return v
		}
		found[reason] = append(found[reason], detail)
	}
	switch {
	case len(found[Withdrawn]) > 0:
		return refuse(Withdrawn, "policy.verdict.withdrawn", "Dates", found[Withdrawn])
	case len(found[Expired]) > 0:
		return refuse(Expired, "policy.verdict.expired", "Dates", found[Expired])
	case len(found[AlreadyContacted]) > 0:
		return refuse(AlreadyContacted, "policy.verdict.contacted", "Dates", found[AlreadyContacted])
	}
	return refuse(NoConsent, "policy.verdict.uncovered", "Details", found[NoConsent])
}

// objection finds the surest objection that applies to the voter, asked about as who: by a
// person who is them (Same) or may be (Near: ComparePeople says so, or the same person at an
// address written differently or another), or at an address that is or may be theirs, as the
// list writes it or as asked.
func (k *Checker) objection(who, voter data.Identity) (data.Opposition, Likeness) {
	home, asked := k.place(voter), k.place(who)
	at := func(o data.Identity) Likeness {
		p := k.place(o)
		return max(ComparePlaces(p, home), ComparePlaces(p, asked))
	}
	var found data.Opposition
	best := Different
	consider := func(o data.Opposition, l Likeness) {
		if l > best {
			found, best = o, l
		}
	}
	for _, i := range k.objectors[fold(voter.BirthName)] {
		o := k.f.Objections[i]
		l := ComparePeople(o.Who, voter)
		if l == Same && o.Who.HasAddress() && at(o.Who) != Same {
			l = Near
		}
		consider(o, l)
	}
	for _, i := range k.doors {
		consider(k.f.Objections[i], at(k.f.Objections[i].Who))
	}
	return found, best
}

// Visit is one eligible person of a personalized list.
type Visit struct {
	RequestLine int         `json:"request_line"` // line in the request file
	VoterLine   int         `json:"voter_line"`   // line in the imported electoral list
	Person      data.Person `json:"person"`
	Source      string      `json:"consent_source"` // where the consent came from, for the notice
	Occasional  bool        `json:"occasional,omitempty"`
}

// PersonalList is a personalized visit list: only the eligible people, and how many were left out
// for each reason. Only Checker.List makes one, so that no named list skips the policy.
type PersonalList struct {
	name, date string
	excluded   map[Exclusion]int
	near       int
	visits     []Visit
	occasional []int64
}

// List decides, person by person, who of the people asked about may be visited by name on the
// facts' day. Nobody else is ever added.
func (k *Checker) List(name string, people []data.Person) PersonalList {
	l := PersonalList{name: name, date: k.f.On, excluded: map[Exclusion]int{}}
	for _, r := range Exclusions {
		l.excluded[r] = 0
	}
	for _, p := range people {
		v := k.Decide(p.Identity)
		if v.Reason == Opposed && v.NearMatch {
			l.near++
		}
		if !v.Eligible {
			l.excluded[v.Reason]++
			continue
		}
		l.visits = append(l.visits, Visit{RequestLine: p.Line, VoterLine: v.VoterLine, Person: p,
			Source: v.consent.Source, Occasional: v.consent.Kind == Occasional})
		if v.consent.Kind == Occasional {
			l.occasional = append(l.occasional, v.consent.ID)
		}
	}
	return l
}

// Name is the list's name.
func (l PersonalList) Name() string { return l.name }

// Date is the day of the visits, YYYY-MM-DD.
func (l PersonalList) Date() string { return l.date }

// Eligible is how many people may be visited.
func (l PersonalList) Eligible() int { return len(l.visits) }

// Excluded counts the people left out, by reason.
func (l PersonalList) Excluded() map[Exclusion]int { return maps.Clone(l.excluded) }

// NearMatches counts the people an objection excludes as a near match: reported for a check.
func (l PersonalList) NearMatches() int { return l.near }

// Visits are the eligible people.
func (l PersonalList) Visits() []Visit { return slices.Clone(l.visits) }

// Occasional are the consents of occasional contacts the list uses up (their one contact).
func (l PersonalList) Occasional() []int64 { return slices.Clone(l.occasional) }

// Refusal is the policy's refusal when nobody may be visited (the list is never widened to anyone
// else), nil otherwise.
func (l PersonalList) Refusal() error {
	if len(l.visits) > 0 {
		return nil
	}
	requested := 0
	var parts []any
	for _, r := range Exclusions {
		if n := l.excluded[r]; n > 0 {
			requested += n
			parts = append(parts, i18n.Msg("policy.excluded", "Count", n, "Reason", i18n.Msg(exclusionIDs[r])))
		}
	}
	return Refuse(2, "policy.list.nobody", "Requested", requested, "Excluded", i18n.List(parts))
}

// MarshalJSON writes the list as the CLI prints it.
func (l PersonalList) MarshalJSON() ([]byte, error) {
	visits := l.visits
	if visits == nil {
		visits = []Visit{}
	}
	return json.Marshal(struct {
		Name        string            `json:"name"`
		Date        string            `json:"date"`
		Eligible    int               `json:"eligible"`
		Excluded    map[Exclusion]int `json:"excluded"`
		NearMatches int               `json:"near_matches"`
		Visits      []Visit           `json:"visits"`
	}{l.name, l.date, len(l.visits), l.excluded, l.near, visits})
}
