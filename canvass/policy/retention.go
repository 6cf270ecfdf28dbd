package policy

import (
	"time"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// EndProblems says what is wrong with end (YYYY-MM-DD) as the end date of a campaign, on today,
// for the elections on dates (DOMAIN.md rule 5): not past (the data would have to be purged at
// once), not before an election, and at most one year after the last round, since the electoral
// list is lent for the campaign only (a year covers an election challenged in court and the
// campaign's accounts).
func EndProblems(end, today string, dates []string) []i18n.Message {
	if _, err := time.Parse(time.DateOnly, end); err != nil {
		return []i18n.Message{i18n.Msg("usage.date", "Flag", "--end", "Value", end)}
	}
	if end < today {
		return []i18n.Message{i18n.Msg("usage.end.past", "End", i18n.Day(end), "Today", i18n.Day(today))}
	}
	var problems []i18n.Message
	for _, d := range dates {
		if d > end {
			problems = append(problems, i18n.Msg("usage.end.election", "End", i18n.Day(end), "Election", i18n.Day(d)))
		}
	}
	if latest := LatestEnd(dates); latest != "" && end > latest {
		problems = append(problems, i18n.Msg("usage.end.late", "End", i18n.Day(end), "Latest", i18n.Day(latest)))
	}
	return problems
}

// LatestEnd is the latest end date for elections on dates: one year after the last round; "" if
// the last is not a date.
func LatestEnd(dates []string) string {
	last := ""
	for _, d := range dates {
		last = max(last, d)
	}
	t, err := time.Parse(time.DateOnly, last)
	if err != nil {
		return ""
	}
	return t.AddDate(1, 0, 0).Format(time.DateOnly)
}

// Ended reports whether a campaign whose data is kept until end (YYYY-MM-DD) has ended on today:
// its personal data must then be purged (DOMAIN.md rule 5). A campaign without an end date has
// not ended.
func Ended(end, today string) bool { return end != "" && today > end }

// MayPurge says whether the campaign's personal data may be purged today: after the end date, or
// before it when forced (early is then true); otherwise a RefusedError. The opposition list is
// never purged (rule 4): the store keeps it.
func MayPurge(end, today string, force bool) (early bool, err error) {
	if Ended(end, today) {
		return false, nil
	}
	if !force {
		return true, Refuse(5, "policy.purge.early", "End", i18n.Day(end), "Today", i18n.Day(today))
	}
	return true, nil
}
