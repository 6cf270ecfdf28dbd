package dashboard

import (
	"fmt"

	"canvass/canvass"
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

// Alerts lists what needs the organizer's attention in st, most pressing first: retention (the
// data may only be kept for the campaign, DOMAIN.md rule 5), then what to load next.
func Alerts(st canvass.Status) []Alert {
	var out []Alert
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
	return out
}
