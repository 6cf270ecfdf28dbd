// Package canvass is the domain: the campaign, its imports, and (in later files) the policy,
// targeting, turfs, routes, exports and notices. It never imports the interface.
package canvass

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
)

// Campaign is an open campaign file, the handle every command and screen works through.
type Campaign struct {
	store *data.Store
	now   func() time.Time
}

// Open opens (or creates) the campaign file at path.
func Open(path string) (*Campaign, error) {
	s, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	return &Campaign{store: s, now: time.Now}, nil
}

// Close closes the campaign file.
func (c *Campaign) Close() error { return c.store.Close() }

// Path is the campaign file's path.
func (c *Campaign) Path() string { return c.store.Path() }

// Settings are what `canvass init` records.
type Settings = data.Campaign

// ElectionTypes are the elections a campaign can be for.
var ElectionTypes = []string{"municipales", "legislatives", "europeennes", "presidentielle",
	"regionales", "departementales", "senatoriales", "referendum"}

// Init records the campaign's settings. It refuses an end date already past, since the data would
// have to be purged at once, and election dates that are not dates.
func (c *Campaign) Init(ctx context.Context, s Settings) error {
	today := c.now().Format(time.DateOnly)
	var problems []string
	require := func(v, name string) {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, name+" is required")
		}
	}
	require(s.Name, "--campaign")
	require(s.Controller, "--controller (who is responsible for the data: party, candidate)")
	require(s.Contact, "--contact (an address where voters can exercise their rights)")
	if !contains(ElectionTypes, s.ElectionType) {
		problems = append(problems, fmt.Sprintf("--election %q: expected one of %s", s.ElectionType, strings.Join(ElectionTypes, ", ")))
	}
	if len(s.ElectionDates) == 0 {
		problems = append(problems, "--election-date is required")
	}
	for _, d := range s.ElectionDates {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			problems = append(problems, fmt.Sprintf("--election-date %q: expected YYYY-MM-DD", d))
		}
	}
	if _, err := time.Parse(time.DateOnly, s.EndDate); err != nil {
		problems = append(problems, fmt.Sprintf("--end %q: expected YYYY-MM-DD", s.EndDate))
	} else if s.EndDate < today {
		problems = append(problems, fmt.Sprintf("--end %s is in the past (today is %s): the campaign's data would have to be purged at once", s.EndDate, today))
	} else {
		for _, d := range s.ElectionDates {
			if d > s.EndDate {
				problems = append(problems, fmt.Sprintf("--end %s is before the election on %s: the campaign must last until its election", s.EndDate, d))
			}
		}
	}
	s = planningDefaults(s)
	problems = append(problems, checkPlanning(s)...)
	if len(problems) > 0 {
		return &UsageError{Problems: problems}
	}
	if prev, err := c.store.Campaign(ctx); err == nil {
		s.CreatedAt = prev.CreatedAt
	} else if !errors.Is(err, data.ErrNoCampaign) {
		return err
	} else {
		s.CreatedAt = c.now()
	}
	if err := c.store.SaveCampaign(ctx, s); err != nil {
		return err
	}
	return c.store.AppendAudit(ctx, "init", map[string]any{
		"campaign": s.Name, "election": s.ElectionType, "election_dates": s.ElectionDates, "end": s.EndDate,
	})
}

// Sides say how streets are walked: wide streets apart and narrow ones together, by their type
// (auto), every street both sides together, or every street one side then the other.
var Sides = []string{"auto", "together", "apart"}

// planningDefaults fills the planning settings left at zero.
func planningDefaults(s Settings) Settings {
	d := turf.DefaultOptions()
	for _, f := range []struct {
		dst *float64
		def float64
	}{{&s.WalkSpeed, d.WalkSpeed}, {&s.PerDoor, d.PerDoor}, {&s.PerVoter, d.PerVoter}} {
		if *f.dst == 0 {
			*f.dst = f.def
		}
	}
	if s.MinUnitVoters == 0 {
		s.MinUnitVoters = policy.DefaultMinUnitVoters
	}
	if s.Sides == "" {
		s.Sides = "auto"
	}
	return s
}

// checkPlanning says what is wrong with the planning settings.
func checkPlanning(s Settings) []string {
	var problems []string
	if _, err := policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason); err != nil {
		problems = append(problems, err.(*UsageError).Problems...)
	}
	if s.WalkSpeed <= 0 || s.WalkSpeed > 300 {
		problems = append(problems, "--walk-speed is in metres per minute: expected more than 0 and at most 300 (75 is 4.5 km/h)")
	}
	if s.PerDoor < 0 || s.PerVoter < 0 {
		problems = append(problems, "--per-door and --per-voter are minutes: they cannot be negative")
	}
	if !contains(Sides, s.Sides) {
		problems = append(problems, fmt.Sprintf("--sides %q: expected one of %s", s.Sides, strings.Join(Sides, ", ")))
	}
	return problems
}

// Configure changes the planning settings of the campaign (K, the time model, how sides are
// walked) and records the change in the audit trail.
func (c *Campaign) Configure(ctx context.Context, change func(*Settings)) (Settings, error) {
	s, err := c.Settings(ctx)
	if err != nil {
		return s, err
	}
	change(&s)
	s = planningDefaults(s)
	if problems := checkPlanning(s); len(problems) > 0 {
		return s, &UsageError{Problems: problems}
	}
	if err := c.store.SaveCampaign(ctx, s); err != nil {
		return s, err
	}
	return s, c.store.AppendAudit(ctx, "settings", map[string]any{"min_unit_voters": s.MinUnitVoters,
		"walk_speed": s.WalkSpeed, "per_door": s.PerDoor, "per_voter": s.PerVoter, "sides": s.Sides,
		"min_unit_voters_reason": s.MinUnitReason})
}

// Settings reads the campaign's settings, or data.ErrNoCampaign, with the K it applies: a K the
// policy refuses (under 5, or under 10 without a reason, from an older file) reads as the default.
func (c *Campaign) Settings(ctx context.Context) (Settings, error) {
	s, err := c.store.Campaign(ctx)
	s.MinUnitVoters, _ = policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason)
	return s, err
}

// UsageError and RefusedError are the policy's errors: what is wrong with what the user asked for
// (the CLI exits with code 2), and a request the policy refuses (code 3).
type (
	UsageError   = policy.UsageError
	RefusedError = policy.RefusedError
)

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// checkDay validates a YYYY-MM-DD date given by flag.
func checkDay(s, flag string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return &UsageError{Problems: []string{fmt.Sprintf("%s %q: expected YYYY-MM-DD", flag, s)}}
	}
	return nil
}

// Today is the campaign clock's date, YYYY-MM-DD.
func (c *Campaign) Today() string { return c.now().Format(time.DateOnly) }

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
