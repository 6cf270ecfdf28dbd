package canvass

import (
	"context"
	"errors"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// Status is what the campaign holds and how long it may keep it.
type Status struct {
	Campaign *Settings `json:"campaign,omitempty"` // nil before `canvass init`
	DaysLeft *int      `json:"days_left,omitempty"`
	data.Counts
	// Geocoded and Unmatched count the voters the last geocoding placed or not; GeographyStale
	// says an import came after it (geocoding runs again before areas and plans are computed).
	Geocoded       int  `json:"geocoded"`
	Unmatched      int  `json:"unmatched"`
	GeographyStale bool `json:"geography_stale"`
	// PeopleHidden says that the member's role does not count people (consents, objections):
	// those counts are zero and are not to be shown.
	PeopleHidden bool `json:"people_hidden,omitempty"`
	// Overdue are the turfs whose date has passed with no results back (see OverdueTurfs).
	Overdue []OverdueTurf `json:"overdue,omitempty"`
}

// Status reads the campaign's status.
func (c *Campaign) Status(ctx context.Context) (Status, error) {
	ctx, err := c.allowAny(ctx, policy.ReadStatus)
	if err != nil {
		return Status{}, err
	}
	var st Status
	counts, err := c.store.Counts(ctx)
	if err != nil {
		return st, err
	}
	st.Counts = counts
	if policy.May(c.member, policy.CountPeople) != nil {
		st.Consents, st.Opposition = 0, 0 // a team lead plans by areas: counts of people are not theirs
		st.PeopleHidden = true
	}
	kinds, err := c.store.GeocodeCounts(ctx)
	if err != nil {
		return st, err
	}
	st.Unmatched = kinds["unmatched"]
	st.Geocoded = kinds["exact"] + kinds["fuzzy"] + kinds["approximate"]
	if st.Voters > 0 {
		if st.GeographyStale, err = c.store.GeographyStale(ctx); err != nil {
			return st, err
		}
	}
	s, err := c.store.Settings(ctx)
	switch {
	case errors.Is(err, data.ErrNoCampaign):
		return st, nil
	case err != nil:
		return st, err
	}
	st.Campaign = &s
	if st.Plans > 0 && policy.May(c.member, policy.ReadPlan) == nil { // turfs are not the data officer's
		if st.Overdue, err = c.OverdueTurfs(ctx); err != nil {
			return st, err
		}
	}
	if end, err := time.Parse(time.DateOnly, s.EndDate); err == nil {
		today, _ := time.Parse(time.DateOnly, c.now().Format(time.DateOnly))
		days := int(end.Sub(today).Hours() / 24)
		st.DaysLeft = &days
	}
	return st, nil
}

// AuditEntry is one line of the audit trail.
type AuditEntry = data.AuditEntry

// AuditTrail lists the audit trail, oldest first.
func (c *Campaign) AuditTrail(ctx context.Context) ([]AuditEntry, error) {
	ctx, err := c.allowAny(ctx, policy.ReadAudit)
	if err != nil {
		return nil, err
	}
	return c.store.Audit(ctx)
}
