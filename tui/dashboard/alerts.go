package dashboard

import (
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
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

// Alerts lists, in p's language, what needs the organizer's attention in st and audit, most
// pressing first: an
// audit trail that no longer proves who exported what (DOMAIN.md rule 7), retention (the data may
// only be kept for the campaign, rule 5), then what to load next and voters geocoding could not
// place.
func Alerts(p *i18n.Printer, st canvass.Status, audit AuditResult) []Alert {
	var out []Alert
	switch a := audit.Check; {
	case audit.Err != nil:
		out = append(out, Alert{Warning, p.T("tui.dashboard.alert.audit.unverified", "Err", audit.Err)})
	case a != nil && !a.Intact:
		out = append(out, Alert{Urgent, p.T("tui.dashboard.alert.audit.broken", "Entry", a.BrokenAt, "Problem", a.Problem)})
	}
	if st.Campaign != nil && st.DaysLeft != nil {
		n, end := *st.DaysLeft, i18n.Day(st.Campaign.EndDate)
		switch {
		case n < 0:
			out = append(out, Alert{Urgent, p.T("tui.dashboard.alert.ended", "End", end, "Left", DaysLeft(p, n))})
		case n == 0:
			out = append(out, Alert{Warning, p.T("tui.dashboard.alert.today", "End", end)})
		case n <= retentionWarning:
			out = append(out, Alert{Warning, p.T("tui.dashboard.alert.ending", "End", end, "Left", DaysLeft(p, n))})
		}
	}
	out = append(out, overdue(p, st.Overdue)...)
	c := st.Counts
	if c.Voters == 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.list")})
	}
	if c.Addresses == 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.addresses")})
	}
	areas := 0
	for _, n := range c.Areas {
		areas += n
	}
	if areas == 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.areas")})
	}
	if c.Results == 0 && c.Voters > 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.results")})
	}
	if st.Unmatched > 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.unmatched", "Count", st.Unmatched)})
	}
	if st.GeographyStale && c.Addresses > 0 {
		out = append(out, Alert{NextStep, p.T("tui.dashboard.alert.stale")})
	}
	return out
}

// maxOverdue is how many overdue turfs the alert names; the others are counted.
const maxOverdue = 3

// overdue says which turfs' date has passed with no results back, and what to do, in one alert.
func overdue(p *i18n.Printer, turfs []canvass.OverdueTurf) []Alert {
	if len(turfs) == 0 {
		return nil
	}
	var named []string
	for _, t := range turfs[:min(len(turfs), maxOverdue)] {
		if t.Volunteer != "" {
			named = append(named, p.T("tui.dashboard.overdue.turf.volunteer", "Turf", t.Turf, "Plan", safetext.Clean(t.Plan),
				"Volunteer", safetext.Clean(t.Volunteer), "Date", i18n.Day(t.Date)))
		} else {
			named = append(named, p.T("tui.dashboard.overdue.turf", "Turf", t.Turf, "Plan", safetext.Clean(t.Plan), "Date", i18n.Day(t.Date)))
		}
	}
	if n := len(turfs) - maxOverdue; n > 0 {
		named = append(named, p.T("tui.dashboard.overdue.more", "Count", n))
	}
	return []Alert{{Warning, p.T("tui.dashboard.alert.overdue", "Count", len(turfs), "Turfs", strings.Join(named, ", "))}}
}
