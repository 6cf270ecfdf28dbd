package canvass

import "time"

// SetClock makes the campaign read today's date from now instead of the system clock. Retention
// (days left, what is past its end) depends on the date, so tests and demos pin it here.
// The store's audit entries follow the same clock.
func (c *Campaign) SetClock(now func() time.Time) {
	c.now = now
	c.store.SetClock(now)
}
