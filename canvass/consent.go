package canvass

import (
	"context"
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// Identity, Person, Consent and Opposition are the records of the consent and opposition lists.
type (
	Identity   = data.Identity
	Person     = data.Person
	Consent    = data.Consent
	Opposition = data.Opposition
)

// Verdict, Exclusion, Visit and PersonalList are the policy's answers about personal visits.
type (
	Verdict      = policy.Verdict
	Exclusion    = policy.Exclusion
	Visit        = policy.Visit
	PersonalList = policy.PersonalList
)

// checker reads what the policy decides personal visits from: the voters born in the years of
// the people asked about, every consent and objection, and the BAN.
func (c *Campaign) checker(ctx context.Context, on string, people []Identity) (*policy.Checker, error) {
	s, err := c.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	f := policy.Facts{Controller: s.Controller, On: on}
	years := []string{}
	for _, p := range people {
		if y := birthYear(p.BirthDate); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	if f.Voters, err = c.store.VotersBornIn(ctx, years); err != nil {
		return nil, err
	}
	if f.Consents, err = c.store.Consents(ctx); err != nil {
		return nil, err
	}
	if f.Objections, err = c.store.Oppositions(ctx); err != nil {
		return nil, err
	}
	if f.Addresses, err = c.addresses(ctx); err != nil {
		return nil, err
	}
	return policy.NewChecker(f), nil
}

// birthYear is the year of a birth date as stored (YYYY-MM-DD, YYYY-MM or YYYY).
func birthYear(date string) string { return date[:min(4, len(date))] }

// addresses reads the BAN for the policy to compare addresses through it.
func (c *Campaign) addresses(ctx context.Context) (policy.Addresses, error) {
	all, err := c.store.AllAddresses(ctx)
	if err != nil {
		return policy.Addresses{}, err
	}
	return policy.NewAddresses(banPoints(all)), nil
}

// CheckConsent explains one person's status for a personalized visit on a date (YYYY-MM-DD).
func (c *Campaign) CheckConsent(ctx context.Context, who Identity, on string) (Verdict, error) {
	ctx, err := c.allowAny(ctx, policy.Consents)
	if err != nil {
		return Verdict{}, err
	}
	if err := checkDay(on, "--date"); err != nil {
		return Verdict{}, err
	}
	k, err := c.checker(ctx, on, []Identity{who})
	if err != nil {
		return Verdict{}, err
	}
	return k.Decide(who), nil
}

// PersonalListOptions tune a request.
type PersonalListOptions struct {
	DryRun bool // decide and count, but use up no occasional contact; the request is still audited
}

// PersonalList decides, person by person, who of the requested people may be visited by name on a
// date (see policy.Checker). If nobody qualifies the request is refused (never widened); the
// refusal and every list produced are recorded in the audit trail with counts only.
func (c *Campaign) PersonalList(ctx context.Context, name string, people []Person, on string, opt PersonalListOptions) (PersonalList, error) {
	ctx, err := c.allowAny(ctx, policy.PersonalLists)
	if err != nil {
		return PersonalList{}, err
	}
	var none PersonalList
	if strings.TrimSpace(name) == "" {
		return none, Usage("usage.list.name")
	}
	if err := checkDay(on, "--date"); err != nil {
		return none, err
	}
	ids := make([]Identity, len(people))
	for i, p := range people {
		ids[i] = p.Identity
	}
	k, err := c.checker(ctx, on, ids)
	if err != nil {
		return none, err
	}
	list := k.List(name, people)
	req := audit.PersonalRequest{Name: name, Date: on, Requested: len(people), Eligible: list.Eligible(),
		Excluded: map[string]int{}, NearMatches: list.NearMatches(), DryRun: opt.DryRun}
	for r, n := range list.Excluded() {
		req.Excluded[string(r)] = n
	}
	if refusal := list.Refusal(); refusal != nil {
		if err := c.store.AppendAudit(ctx, audit.RefusedPersonal{PersonalRequest: req}); err != nil {
			return list, err
		}
		return list, refusal
	}
	// A dry run names people too: it is recorded like any list, only no contact is used up.
	var used []int64
	if !opt.DryRun {
		used = list.Occasional()
	}
	return list, c.store.RecordPersonalList(ctx, audit.PlanPersonal{PersonalRequest: req}, used, on)
}

// ParseDate reads a date as dd/mm/yyyy (the list's way) or YYYY-MM-DD.
func ParseDate(s string) (string, bool) { return data.ParseListDate(s) }

// RecordConsent records one consent entered by hand, checked as an imported one is (see
// policy.ValidateConsent); a consent from a forbidden source is refused (policy.ForbiddenSource).
func (c *Campaign) RecordConsent(ctx context.Context, raw Consent) error {
	ctx, err := c.allowAny(ctx, policy.Consents)
	if err != nil {
		return err
	}
	cs, problems := policy.ValidateConsent(raw)
	if err := problems.Err(); err != nil {
		return err
	}
	if why := policy.ForbiddenSource(cs.Source); why.ID != "" {
		return policy.Refuse(5, "domain.consent.forbidden", "Why", why)
	}
	return c.store.AddConsent(ctx, cs)
}

// WithdrawConsent records that a person withdrew every consent, on a date: every consent recorded
// under their identity however it is written (policy.ComparePeople: Same). It returns how many
// records changed.
func (c *Campaign) WithdrawConsent(ctx context.Context, who Identity, on string) (int, error) {
	ctx, err := c.allowAny(ctx, policy.Consents)
	if err != nil {
		return 0, err
	}
	if err := checkDay(on, "--date"); err != nil {
		return 0, err
	}
	all, err := c.store.Consents(ctx)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for _, cs := range all {
		if policy.ComparePeople(cs.Contact, who) == policy.Same {
			ids = append(ids, cs.ID)
		}
	}
	return c.store.WithdrawConsents(ctx, ids, on)
}

// RecordOpposition records an objection by a person ("STOP") or at an address ("do not knock"),
// checked as an imported one is (policy.ValidateObjection). It is permanent.
func (c *Campaign) RecordOpposition(ctx context.Context, raw Opposition) error {
	ctx, err := c.allowAny(ctx, policy.RecordObjection)
	if err != nil {
		return err
	}
	o, problems := policy.ValidateObjection(raw, c.Today())
	if err := problems.Err(); err != nil {
		return err
	}
	return c.store.AddOpposition(ctx, o)
}

// Opposition scopes: by a person, or at an address.
const (
	ScopePerson  = data.ScopePerson
	ScopeAddress = data.ScopeAddress
)
