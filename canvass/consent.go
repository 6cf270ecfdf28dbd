package canvass

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/tabular"
)

// Identity, Person, Consent and Opposition are the records of the consent and opposition lists.
type (
	Identity   = data.Identity
	Person     = data.Person
	Consent    = data.Consent
	Opposition = data.Opposition
)

// Exclusion is why a person is left out of a personalized visit list.
type Exclusion string

// The reasons, in the order they are checked: identity first, then opposition, then consent.
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

// Exclusions lists every reason, for reports that show all of them.
var Exclusions = []Exclusion{NoConsent, OtherChannel, Withdrawn, Expired, Ambiguous, Opposed, NotOnList, AlreadyContacted}

// Verdict is the policy's answer for one person: eligible for a personalized door-to-door visit, or
// not and why.
type Verdict struct {
	Eligible    bool      `json:"eligible"`
	Reason      Exclusion `json:"reason,omitempty"`
	Explanation string    `json:"explanation"`
	VoterLine   int       `json:"voter_line,omitempty"` // the voter's line in the imported list
	Objected    bool      `json:"objected,omitempty"`   // an objection applies, whatever the reason given
	consent     *Consent
	voterID     int64
}

// politicalPurposes are the ways files write "political communication".
var politicalPurposes = []string{"communication politique", "political communication", "prospection politique",
	"communication electorale", "propagande electorale"}

// consentChecker decides for many people against one snapshot of consents and objections.
type consentChecker struct {
	store      *data.Store
	controller string
	on         string // the check date, YYYY-MM-DD
	consents   map[string][]Consent
	opposition []Opposition
}

func identityKey(who Identity) string {
	return tabular.Fold(who.BirthName) + "|" + tabular.Fold(who.GivenNames) + "|" + who.BirthDate
}

func (c *Campaign) newConsentChecker(ctx context.Context, on string) (*consentChecker, error) {
	s, err := c.store.Campaign(ctx)
	if err != nil {
		return nil, err
	}
	consents, err := c.store.Consents(ctx)
	if err != nil {
		return nil, err
	}
	opp, err := c.store.Oppositions(ctx)
	if err != nil {
		return nil, err
	}
	k := &consentChecker{store: c.store, controller: s.Controller, on: on, consents: map[string][]Consent{}, opposition: opp}
	for _, cs := range consents {
		key := identityKey(cs.Contact)
		k.consents[key] = append(k.consents[key], cs)
	}
	return k, nil
}

// check applies the rules of DOMAIN.md (2–4) to one person. The first condition that fails is the
// reason given, checked in this order: identity, consent, opposition. A consent covers a personalized visit
// only if its channel is door-to-door, its purpose political communication by this campaign's
// controller, it was given on or before the check date, it is not withdrawn (a withdrawal dated the
// check date counts), not expired (a consent expiring on the check date still covers that day),
// the person is on the list with an unambiguous identity, and has not objected.
func (k *consentChecker) check(ctx context.Context, who Identity) (Verdict, error) {
	voters, err := k.store.VotersByIdentity(ctx, who)
	if err != nil {
		return Verdict{}, err
	}
	here := voters
	if who.HasAddress() {
		here = slices.DeleteFunc(slices.Clone(voters), func(v data.VoterMatch) bool {
			return !data.SameAddress(v.Number, v.Street, v.Postcode, who.Number, who.Street, who.Postcode)
		})
	}
	switch {
	case len(voters) == 0:
		return refuse(NotOnList, "nobody on the electoral list has this birth name, given names and birth date"), nil
	case len(here) == 0:
		return refuse(NotOnList, "on the electoral list under this name and birth date, but not at the address given"), nil
	case len(here) > 1:
		return refuse(Ambiguous, fmt.Sprintf("%d voters share this name and birth date: give the address to tell them apart", len(here))), nil
	}
	v := here[0]
	verdict := k.coveredBy(v, len(voters) > 1)
	if o, ok := k.opposed(who, v); ok {
		objection := fmt.Sprintf("objected on %s (%s): never to be contacted again", o.RecordedOn, describeScope(o.Scope))
		if verdict.Eligible {
			verdict = refuse(Opposed, objection)
		} else {
			verdict.Explanation += "; also " + objection
		}
		verdict.Objected = true
	}
	verdict.VoterLine, verdict.voterID = v.Line, v.ID
	return verdict, nil
}

func describeScope(scope string) string {
	if scope == data.ScopeAddress {
		return "do not knock at this address"
	}
	return "STOP from this person"
}

func refuse(r Exclusion, why string) Verdict { return Verdict{Reason: r, Explanation: why} }

// opposed finds an objection that applies: by the person (address, when the objection has one, must
// agree), or at the voter's address.
func (k *consentChecker) opposed(who Identity, v data.VoterMatch) (Opposition, bool) {
	key := identityKey(who)
	for _, o := range k.opposition {
		switch o.Scope {
		case data.ScopePerson:
			if tabular.Fold(o.Who.BirthName) != tabular.Fold(who.BirthName) ||
				tabular.Fold(o.Who.GivenNames) != tabular.Fold(who.GivenNames) {
				continue
			}
			if o.Who.BirthDate != "" && identityKey(o.Who) != key {
				continue
			}
			if !o.Who.HasAddress() || data.SameAddress(o.Who.Number, o.Who.Street, o.Who.Postcode, v.Number, v.Street, v.Postcode) {
				return o, true
			}
		case data.ScopeAddress:
			if data.SameAddress(o.Who.Number, o.Who.Street, o.Who.Postcode, v.Number, v.Street, v.Postcode) {
				return o, true
			}
		}
	}
	return Opposition{}, false
}

// coveredBy looks for a consent of voter v that covers a door-to-door visit. Consents without an
// address cannot be attributed when homonyms exist.
func (k *consentChecker) coveredBy(v data.VoterMatch, homonyms bool) Verdict {
	var door, all []Consent
	for _, cs := range k.consents[identityKey(Identity{BirthName: v.BirthName, GivenNames: v.GivenNames, BirthDate: v.BirthDate})] {
		if cs.Contact.HasAddress() {
			if !data.SameAddress(cs.Contact.Number, cs.Contact.Street, cs.Contact.Postcode, v.Number, v.Street, v.Postcode) {
				continue
			}
		} else if homonyms {
			continue
		}
		all = append(all, cs)
		if cs.Channel == data.ChannelDoor {
			door = append(door, cs)
		}
	}
	if len(all) == 0 {
		return refuse(NoConsent, "no consent recorded for this person")
	}
	if len(door) == 0 {
		return refuse(OtherChannel, fmt.Sprintf("consent for %s only: it does not cover a visit", channels(all)))
	}
	var withdrawn, expired, used, other []string
	for i := range door {
		cs := &door[i]
		switch {
		case !slices.Contains(politicalPurposes, tabular.Fold(cs.Purpose)):
			other = append(other, fmt.Sprintf("purpose %q is not political communication", cs.Purpose))
		case tabular.Fold(cs.Controller) != tabular.Fold(k.controller):
			other = append(other, fmt.Sprintf("given to %q, not to this campaign's controller", cs.Controller))
		case cs.GivenOn > k.on:
			other = append(other, fmt.Sprintf("given on %s, after %s", cs.GivenOn, k.on))
		case cs.WithdrawnOn != "" && cs.WithdrawnOn <= k.on:
			withdrawn = append(withdrawn, cs.WithdrawnOn)
		case cs.ExpiresOn != "" && cs.ExpiresOn < k.on:
			expired = append(expired, cs.ExpiresOn)
		case cs.Kind == "occasional" && cs.UsedOn != "":
			used = append(used, cs.UsedOn)
		default:
			why := fmt.Sprintf("door-to-door consent given on %s (source: %s, proof: %s)", cs.GivenOn, cs.Source, cs.Proof)
			if cs.Kind == "occasional" {
				why += "; occasional contact: this one visit only, to propose regular contact"
			}
			return Verdict{Eligible: true, Explanation: why, consent: cs}
		}
	}
	switch {
	case len(withdrawn) > 0:
		return refuse(Withdrawn, "consent withdrawn on "+strings.Join(withdrawn, ", "))
	case len(expired) > 0:
		return refuse(Expired, "consent expired on "+strings.Join(expired, ", "))
	case len(used) > 0:
		return refuse(AlreadyContacted, "occasional contact, already contacted once on "+strings.Join(used, ", ")+
			": without a positive answer their data must be erased")
	}
	return refuse(NoConsent, "no consent that covers a visit: "+strings.Join(other, "; "))
}

func channels(cs []Consent) string {
	var names []string
	for _, c := range cs {
		if !slices.Contains(names, c.Channel) {
			names = append(names, c.Channel)
		}
	}
	return strings.Join(names, ", ")
}

// CheckConsent explains one person's status for a personalized visit on a date (YYYY-MM-DD).
func (c *Campaign) CheckConsent(ctx context.Context, who Identity, on string) (Verdict, error) {
	if err := checkDay(on, "--date"); err != nil {
		return Verdict{}, err
	}
	k, err := c.newConsentChecker(ctx, on)
	if err != nil {
		return Verdict{}, err
	}
	return k.check(ctx, who)
}

// Visit is one eligible person of a personalized list.
type Visit struct {
	RequestLine int    `json:"request_line"` // line in the request file
	VoterLine   int    `json:"voter_line"`   // line in the imported electoral list
	Person      Person `json:"person"`
	Source      string `json:"consent_source"` // where the consent came from, for the notice
	Occasional  bool   `json:"occasional,omitempty"`
}

// PersonalList is the answer to a request for a personalized visit list: only the eligible people,
// and how many were left out for each reason.
type PersonalList struct {
	Name     string            `json:"name"`
	Date     string            `json:"date"`
	Eligible int               `json:"eligible"`
	Excluded map[Exclusion]int `json:"excluded"`
	Visits   []Visit           `json:"visits"`
}

// PersonalListOptions tune a request.
type PersonalListOptions struct {
	DryRun bool // decide and count, but use up no occasional contact; the request is still audited
}

// PersonalList decides, person by person, who of the requested people may be visited by name on a
// date. Nobody else is ever added. If nobody qualifies the request is refused (never widened); the
// refusal and every list produced are recorded in the audit trail with counts only.
func (c *Campaign) PersonalList(ctx context.Context, name string, people []Person, on string, opt PersonalListOptions) (PersonalList, error) {
	out := PersonalList{Name: name, Date: on, Excluded: map[Exclusion]int{}}
	if strings.TrimSpace(name) == "" {
		return out, &UsageError{Problems: []string{"--name is required: name the list, it is recorded in the audit trail"}}
	}
	if err := checkDay(on, "--date"); err != nil {
		return out, err
	}
	for _, r := range Exclusions {
		out.Excluded[r] = 0
	}
	k, err := c.newConsentChecker(ctx, on)
	if err != nil {
		return out, err
	}
	var occasional []int64
	for _, p := range people {
		v, err := k.check(ctx, p.Identity)
		if err != nil {
			return out, err
		}
		if !v.Eligible {
			out.Excluded[v.Reason]++
			continue
		}
		out.Visits = append(out.Visits, Visit{RequestLine: p.Line, VoterLine: v.VoterLine, Person: p,
			Source: v.consent.Source, Occasional: v.consent.Kind == "occasional"})
		if v.consent.Kind == "occasional" {
			occasional = append(occasional, v.consent.ID)
		}
	}
	out.Eligible = len(out.Visits)
	req := audit.PersonalRequest{Name: name, Date: on, Requested: len(people), Eligible: out.Eligible,
		Excluded: map[string]int{}, DryRun: opt.DryRun}
	for r, n := range out.Excluded {
		req.Excluded[string(r)] = n
	}
	if out.Eligible == 0 {
		if err := c.store.AppendAudit(ctx, audit.RefusedPersonal{PersonalRequest: req}); err != nil {
			return out, err
		}
		return out, &RefusedError{Reason: fmt.Sprintf("none of the %d people requested may be visited by name: %s. "+
			"A personalized visit needs a door-to-door consent to this campaign; the list is not widened to anyone else",
			len(people), summarize(out.Excluded))}
	}
	// A dry run names people too: it is recorded like any list, only no contact is used up.
	if opt.DryRun {
		occasional = nil
	}
	return out, c.store.RecordPersonalList(ctx, audit.PlanPersonal{PersonalRequest: req}, occasional, on)
}

// summarize says the non-zero exclusion counts in words.
func summarize(ex map[Exclusion]int) string {
	var parts []string
	for _, r := range Exclusions {
		if n := ex[r]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(r), "_", " ")))
		}
	}
	return strings.Join(parts, ", ")
}

// ParseDate reads a date as dd/mm/yyyy (the list's way) or YYYY-MM-DD.
func ParseDate(s string) (string, bool) { return data.ParseListDate(s) }

// RecordConsent records one consent entered by hand; its channel is normalized ("porte-a-porte",
// "email", "reseau social: NAME"...).
func (c *Campaign) RecordConsent(ctx context.Context, cs Consent) error {
	channel, ok := data.NormalizeChannel(cs.Channel)
	if !ok {
		return &UsageError{Problems: []string{fmt.Sprintf("channel %q: expected porte-a-porte, email, sms, telephone, courrier or \"reseau social: NAME\"", cs.Channel)}}
	}
	cs.Channel = channel
	if cs.Kind == "" {
		cs.Kind = "regular"
	}
	var problems []string
	if cs.Contact.BirthName == "" || cs.Contact.GivenNames == "" || cs.Contact.BirthDate == "" {
		problems = append(problems, "a consent needs the birth name, given names and birth date")
	}
	if cs.Kind != "regular" && cs.Kind != "occasional" {
		problems = append(problems, "the contact is regular or occasional")
	}
	if err := checkDay(cs.GivenOn, "given on"); err != nil {
		problems = append(problems, err.Error())
	}
	for _, d := range []string{cs.WithdrawnOn, cs.ExpiresOn} {
		if d != "" {
			if err := checkDay(d, "date"); err != nil {
				problems = append(problems, err.Error())
			}
		}
	}
	if cs.Purpose == "" || cs.Controller == "" {
		problems = append(problems, "a consent says its purpose and controller")
	}
	if len(problems) > 0 {
		return &UsageError{Problems: problems}
	}
	if why := refusedSource(cs); why != "" {
		return &RefusedError{Reason: "this consent cannot be recorded: " + why}
	}
	return c.store.AddConsent(ctx, cs)
}

// WithdrawConsent records that a person withdrew every consent, on a date; it returns how many
// records changed.
func (c *Campaign) WithdrawConsent(ctx context.Context, who Identity, on string) (int, error) {
	if err := checkDay(on, "--date"); err != nil {
		return 0, err
	}
	return c.store.WithdrawConsents(ctx, who, on)
}

// RecordOpposition records an objection by a person ("STOP") or at an address ("do not knock").
// It is permanent.
func (c *Campaign) RecordOpposition(ctx context.Context, o Opposition) error {
	if o.Scope != data.ScopePerson && o.Scope != data.ScopeAddress {
		return &UsageError{Problems: []string{"an objection is by a person or at an address"}}
	}
	if o.RecordedOn == "" {
		o.RecordedOn = c.Today()
	} else if err := checkDay(o.RecordedOn, "--date"); err != nil {
		return err
	}
	return c.store.AddOpposition(ctx, o)
}

// Opposition scopes: by a person, or at an address.
const (
	ScopePerson  = data.ScopePerson
	ScopeAddress = data.ScopeAddress
)
