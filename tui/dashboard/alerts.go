package dashboard

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// Level says how pressing an alert is.
type Level int

// Alert levels, from the least pressing.
const (
	NextStep Level = iota // something to load or do next
	Warning               // a deadline approaches
	Urgent                // a rule is being broken now
)

// Alert is one thing the organizer should know or do, in words.
type Alert struct {
	Level Level
	Text  string
}

// retentionWarning is how many days before the campaign's end the dashboard starts warning.
const retentionWarning = 30

// AuditResult is what verifying the audit trail gave: a check, an error, or neither when the
// trail was not verified.
type AuditResult struct {
	Check *canvass.AuditCheck
	Err   error
}

// Alerts lists what needs the organizer's attention in st and audit, most pressing first: an
// audit trail that no longer proves who exported what (DOMAIN.md rule 7), retention (the data may
// only be kept for the campaign, rule 5), then what to load next and voters geocoding could not
// place.
func Alerts(st canvass.Status, audit AuditResult) []Alert {
	var out []Alert
	switch a := audit.Check; {
	case audit.Err != nil:
		out = append(out, Alert{Warning, "Audit trail not verified (" + audit.Err.Error() + "): see Compliance (r)."})
	case a != nil && !a.Intact:
		out = append(out, Alert{Urgent, fmt.Sprintf("Audit trail broken at entry %d (%s): see Compliance (r).", a.BrokenAt, a.Problem)})
	}
	if st.Campaign != nil && st.DaysLeft != nil {
		n, end := *st.DaysLeft, st.Campaign.EndDate
		switch {
		case n < 0:
			out = append(out, Alert{Urgent, fmt.Sprintf("The campaign ended on %s (%s): its data must be purged now.", end, DaysLeft(n))})
		case n == 0:
			out = append(out, Alert{Warning, fmt.Sprintf("The campaign ends today (%s): its data must be purged tomorrow.", end)})
		case n <= retentionWarning:
			out = append(out, Alert{Warning, fmt.Sprintf("The campaign ends on %s (%s): plan the purge of its data.", end, DaysLeft(n))})
		}
	}
	out = append(out, overdue(st.Overdue)...)
	c := st.Counts
	if c.Voters == 0 {
		out = append(out, Alert{NextStep, "No electoral list yet: import the REU extract of your commune."})
	}
	if c.Addresses == 0 {
		out = append(out, Alert{NextStep, "No addresses yet: import the BAN file (adresses-NNNNN.csv)."})
	}
	areas := 0
	for _, n := range c.Areas {
		areas += n
	}
	if areas == 0 {
		out = append(out, Alert{NextStep, "No areas yet: import constituencies, neighborhoods or streets (GeoJSON)."})
	}
	if c.Results == 0 && c.Voters > 0 {
		out = append(out, Alert{NextStep, "No election results yet (optional): they give abstention per polling station."})
	}
	if st.Unmatched > 0 {
		out = append(out, Alert{NextStep, common.Plural(st.Unmatched, "voter") + " could not be placed: canvass geocode --missing"})
	}
	if st.GeographyStale && c.Addresses > 0 {
		out = append(out, Alert{NextStep, "Files changed since voters were placed: the Areas screen and plans place them again first."})
	}
	return out
}

// maxOverdue is how many overdue turfs the alert names; the others are counted.
const maxOverdue = 3

// overdue says which turfs' date has passed with no results back, and what to do, in one alert.
func overdue(turfs []canvass.OverdueTurf) []Alert {
	if len(turfs) == 0 {
		return nil
	}
	var named []string
	for _, t := range turfs[:min(len(turfs), maxOverdue)] {
		who := t.Date
		if t.Volunteer != "" {
			who = safetext.Clean(t.Volunteer) + ", " + who
		}
		named = append(named, fmt.Sprintf("turf %d of %q (%s)", t.Turf, safetext.Clean(t.Plan), who))
	}
	if n := len(turfs) - maxOverdue; n > 0 {
		named = append(named, fmt.Sprintf("%d more", n))
	}
	return []Alert{{Warning, fmt.Sprintf("%s past their date with no results back: %s. Import their results on the plan (p, then i).",
		common.Plural(len(turfs), "turf"), strings.Join(named, ", "))}}
}
