package policy

import "fmt"

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
		return true, &RefusedError{Reason: fmt.Sprintf("the campaign runs until %s (today is %s): its data is purged after "+
			"that date. To delete it now anyway, run the purge again with --force", end, today)}
	}
	return true, nil
}
