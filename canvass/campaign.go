// Package canvass is the domain: the campaign, its imports, and (in later files) the policy,
// targeting, turfs, routes, exports and notices. It never imports the interface.
package canvass

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Campaign is an open campaign file, the handle every command and screen works through.
type Campaign struct {
	store     *data.Store
	now       func() time.Time
	geography *sync.Mutex // held while geography is rebuilt: one rebuild at a time
	// member is who acts through this handle (see As); shared says the handle was made by As and
	// leaves the file open when it is closed.
	member   Member
	shared   bool
	watchers *watchers
}

// Open opens the existing campaign file at path; a path that does not exist is an error that says
// how to create it (data.ErrNoFile), so that a mistyped --db never makes a new, empty campaign.
func Open(path string) (*Campaign, error) { return open(data.Open(path)) }

// Create opens the campaign file at path, creating it if it does not exist: for `canvass init`
// and the demo only.
func Create(path string) (*Campaign, error) { return open(data.Create(path)) }

func open(s *data.Store, err error) (*Campaign, error) {
	if err != nil {
		return nil, err
	}
	return &Campaign{store: s, now: time.Now, geography: &sync.Mutex{}, member: Organizer, watchers: &watchers{}}, nil
}

// OnWait sets what to do (tell the user) when a write has to wait for another program writing to
// the same campaign file.
func (c *Campaign) OnWait(fn func()) { c.store.OnWait(fn) }

// Close closes the campaign file; on a handle made by As, it does nothing: the file stays open
// for the others.
func (c *Campaign) Close() error {
	if c.shared {
		return nil
	}
	c.watchers.stop()
	return c.store.Close()
}

// Path is the campaign file's path.
func (c *Campaign) Path() string { return c.store.Path() }

// Settings are what `canvass init` records.
type Settings = data.Settings

// ElectionTypes are the elections a campaign can be for.
var ElectionTypes = []string{"municipales", "legislatives", "europeennes", "presidentielle",
	"regionales", "departementales", "senatoriales", "referendum"}

// Init records a new campaign's settings. It refuses a file that already has a campaign (its
// controller, contact and end date change through SetCampaign, audited), an end date the policy
// refuses (policy.EndProblems), and election dates that are not dates.
func (c *Campaign) Init(ctx context.Context, s Settings) error {
	ctx, err := c.allowAny(ctx, policy.ChangeSettings)
	if err != nil {
		return err
	}
	var problems []i18n.Message
	require := func(v, id string) {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, i18n.Msg(id))
		}
	}
	require(s.Name, "usage.init.campaign")
	require(s.Controller, "usage.init.controller")
	require(s.Contact, "usage.init.contact")
	if !contains(ElectionTypes, s.ElectionType) {
		problems = append(problems, i18n.Msg("usage.oneof", "Flag", "--election", "Value", s.ElectionType, "Values", strings.Join(ElectionTypes, ", ")))
	}
	if len(s.ElectionDates) == 0 {
		problems = append(problems, i18n.Msg("usage.init.date"))
	}
	for _, d := range s.ElectionDates {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			problems = append(problems, i18n.Msg("usage.date", "Flag", "--election-date", "Value", d))
		}
	}
	problems = append(problems, policy.EndProblems(s.EndDate, c.Today(), s.ElectionDates)...)
	s = planningDefaults(s)
	problems = append(problems, checkPlanning(s)...)
	if len(problems) > 0 {
		return &UsageError{Problems: problems}
	}
	s.CreatedAt = c.now()
	err = c.store.InitCampaign(ctx, s, audit.Init{Campaign: s.Name, Election: s.ElectionType,
		ElectionDates: s.ElectionDates, End: s.EndDate, Controller: s.Controller, Contact: s.Contact})
	if errors.Is(err, data.ErrCampaignExists) {
		prev, _ := c.store.Settings(ctx)
		return Usage("usage.init.exists", "Path", c.Path(), "Name", prev.Name)
	}
	return err
}

// CampaignChange is what SetCampaign changes; empty fields stay as they are.
type CampaignChange struct {
	Controller string
	Contact    string
	EndDate    string // YYYY-MM-DD, bounded as at Init
	Lang       string // fr or en: the language of the interface and the commands
}

// SetCampaign changes the campaign's controller, contact, end date or language, and records each
// change with its old and new values in the audit trail, in the same transaction.
func (c *Campaign) SetCampaign(ctx context.Context, ch CampaignChange) (Settings, error) {
	ctx, err := c.allowAny(ctx, policy.ChangeSettings)
	if err != nil {
		return Settings{}, err
	}
	return c.store.UpdateSettings(ctx, func(s Settings) (Settings, audit.Params, error) {
		var set audit.CampaignSet
		var problems []i18n.Message
		for _, f := range []struct {
			field, value string
			dst          *string
		}{{"controller", ch.Controller, &s.Controller}, {"contact", ch.Contact, &s.Contact}, {"end", ch.EndDate, &s.EndDate},
			{"lang", ch.Lang, &s.Lang}} {
			v := strings.TrimSpace(f.value)
			if f.field == "lang" && v != "" {
				lang, err := i18n.ParseLang(v)
				if err != nil {
					problems = append(problems, i18n.Msg("usage.flag", "Flag", "--lang", "Err", err))
					continue
				}
				v = string(lang)
			}
			if v == "" || v == *f.dst {
				continue
			}
			if f.field == "end" {
				problems = append(problems, policy.EndProblems(v, c.Today(), s.ElectionDates)...)
			}
			set.Changes = append(set.Changes, audit.Change{Field: f.field, Old: *f.dst, New: v})
			*f.dst = v
		}
		if len(problems) == 0 && len(set.Changes) == 0 {
			problems = append(problems, i18n.Msg("usage.campaign.nothing"))
		}
		if len(problems) > 0 {
			return s, nil, &UsageError{Problems: problems}
		}
		return s, set, nil
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
func checkPlanning(s Settings) []i18n.Message {
	var problems []i18n.Message
	if _, err := policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason); err != nil {
		problems = append(problems, err.(*UsageError).Problems...)
	}
	if s.WalkSpeed <= 0 || s.WalkSpeed > 300 {
		problems = append(problems, i18n.Msg("usage.walkspeed"))
	}
	if s.PerDoor < 0 || s.PerVoter < 0 {
		problems = append(problems, i18n.Msg("usage.perdoor"))
	}
	if !contains(Sides, s.Sides) {
		problems = append(problems, i18n.Msg("usage.oneof", "Flag", "--sides", "Value", s.Sides, "Values", strings.Join(Sides, ", ")))
	}
	return problems
}

// Configure changes the planning settings of the campaign (K, the time model, how sides are
// walked) and records the change in the audit trail.
func (c *Campaign) Configure(ctx context.Context, change func(*Settings)) (Settings, error) {
	ctx, err := c.allowAny(ctx, policy.ChangeSettings)
	if err != nil {
		return Settings{}, err
	}
	return c.store.UpdateSettings(ctx, func(s Settings) (Settings, audit.Params, error) {
		s.MinUnitVoters, _ = policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason) // a K refused reads as the default
		change(&s)
		s = planningDefaults(s)
		if problems := checkPlanning(s); len(problems) > 0 {
			return s, nil, &UsageError{Problems: problems}
		}
		return s, audit.Settings{MinUnitVoters: s.MinUnitVoters, MinUnitReason: s.MinUnitReason, WalkSpeed: s.WalkSpeed,
			PerDoor: s.PerDoor, PerVoter: s.PerVoter, Sides: s.Sides}, nil
	})
}

// Settings reads the campaign's settings, or data.ErrNoCampaign, with the K it applies: a K the
// policy refuses (under 5, or under 10 without a reason, from an older file) reads as the default.
func (c *Campaign) Settings(ctx context.Context) (Settings, error) {
	s, err := c.store.Settings(ctx)
	s.MinUnitVoters, _ = policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason)
	return s, err
}

// UsageError and RefusedError are the policy's errors: what is wrong with what the user asked for
// (the CLI exits with code 2), and a request the policy refuses (code 3).
type (
	UsageError   = policy.UsageError
	RefusedError = policy.RefusedError
)

// Usage is the usage error of one problem: message id with its name/value pairs.
func Usage(id string, kv ...any) *UsageError { return policy.Usage(id, kv...) }

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
		return Usage("usage.date", "Flag", flag, "Value", s)
	}
	return nil
}

// Today is the campaign clock's date in Paris, YYYY-MM-DD: campaign dates are French calendar
// days, whatever the machine's time zone.
func (c *Campaign) Today() string { return data.Today(c.now()) }

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
