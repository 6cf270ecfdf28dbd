package canvass

import (
	"context"
	"slices"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Report is what an import did; Progress and ProgressFunc follow a running import.
type (
	Report        = data.Report
	RowError      = data.RowError
	Progress      = data.Progress
	ProgressFunc  = data.ProgressFunc
	AreaOptions   = data.AreaOptions
	ResultOptions = data.ResultOptions
	ImportOption  = data.ImportOption
	ReplaceError  = data.ReplaceError
	Shrink        = data.Shrink
)

// AllowReplace lets an import of a list or addresses remove more than half of what a commune had:
// without it such an import is refused with a *ReplaceError that says what it would remove.
const AllowReplace = data.AllowReplace

// Levels are the area levels, from largest to smallest.
var Levels = data.Levels

// LevelName is a level as a person reads it (data.LevelName).
func LevelName(level string) i18n.Message { return data.LevelName(level) }

// checkLevel refuses a level that is not one of Levels, naming it as the caller's input calls it
// (flag, "--level", or field, "level").
func checkLevel(name, level string) error {
	if !slices.Contains(Levels, level) {
		return Usage("usage.level", "Flag", name, "Level", level)
	}
	return nil
}

// ImportList imports an electoral-list extract. One transaction: on error the store is unchanged.
func (c *Campaign) ImportList(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportList)
	if err != nil {
		return Report{}, err
	}
	return c.store.ImportList(ctx, path, progress, opts...)
}

// ImportAddresses imports a BAN address file.
func (c *Campaign) ImportAddresses(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPublic)
	if err != nil {
		return Report{}, err
	}
	return c.store.ImportAddresses(ctx, path, progress, opts...)
}

// ImportAreas imports an area layer (GeoJSON or GeoPackage) at a level.
func (c *Campaign) ImportAreas(ctx context.Context, path string, opt AreaOptions, progress ProgressFunc) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPublic)
	if err != nil {
		return Report{}, err
	}
	return c.store.ImportAreas(ctx, path, opt, progress)
}

// ImportResults imports election results per polling station.
func (c *Campaign) ImportResults(ctx context.Context, path string, opt ResultOptions, progress ProgressFunc) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPublic)
	if err != nil {
		return Report{}, err
	}
	return c.store.ImportResults(ctx, path, opt, progress)
}

// ImportConsents imports a consent file (contacts and their consents), each row checked as a
// consent typed by hand is (policy.ValidateConsent). A consent whose source is a file the law keeps
// out of political communication is rejected (DOMAIN.md rule 5, policy.ForbiddenSource). A consent
// that names no voter, several, or a voter at another address is imported with a warning.
func (c *Campaign) ImportConsents(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPeople)
	if err != nil {
		return Report{}, err
	}
	addrs, err := c.addresses(ctx)
	if err != nil {
		return Report{}, err
	}
	voters, err := c.store.VotersBornIn(ctx, nil)
	if err != nil {
		return Report{}, err
	}
	list := policy.NewChecker(policy.Facts{Voters: voters, Addresses: addrs})
	rules := data.ConsentRules{
		Check: func(raw Consent) (Consent, *RowError) {
			cs, problems := policy.ValidateConsent(raw)
			if len(problems) > 0 {
				return cs, problemRow(problems[0])
			}
			if why := policy.ForbiddenSource(cs.Source); why.ID != "" {
				e := data.NewRowError(0, "source", why)
				return cs, &e
			}
			return cs, nil
		},
		Identify: func(who Identity) *RowError {
			if p := list.Unidentified(who); p != nil {
				return problemRow(*p)
			}
			return nil
		},
	}
	return c.store.ImportConsents(ctx, path, rules, progress)
}

// ImportOpposition imports objections, by person or by address, each row checked as an objection
// typed by hand is (policy.ValidateObjection). They are permanent.
func (c *Campaign) ImportOpposition(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	ctx, err := c.allowAny(ctx, policy.ImportPeople)
	if err != nil {
		return Report{}, err
	}
	return c.store.ImportOpposition(ctx, path, func(raw Opposition) (Opposition, *RowError) {
		o, problems := policy.ValidateObjection(raw, c.Today())
		if len(problems) > 0 {
			return o, problemRow(problems[0])
		}
		return o, nil
	}, progress)
}

// ReadPeople reads a request file: the people an organizer asks to visit by name.
func ReadPeople(path string) ([]Person, error) { return data.ReadPeople(path) }

// problemRow is a policy problem as the row error of an import.
func problemRow(p policy.Problem) *RowError {
	e := data.NewRowError(0, p.Field, p.Reason)
	return &e
}
