package canvass

import (
	"context"

	"github.com/campagne-fr/porteaporte/data"
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

// ImportList imports an electoral-list extract. One transaction: on error the store is unchanged.
func (c *Campaign) ImportList(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	return c.store.ImportList(ctx, path, progress, opts...)
}

// ImportAddresses imports a BAN address file.
func (c *Campaign) ImportAddresses(ctx context.Context, path string, progress ProgressFunc, opts ...ImportOption) (Report, error) {
	return c.store.ImportAddresses(ctx, path, progress, opts...)
}

// ImportAreas imports an area layer (GeoJSON or GeoPackage) at a level.
func (c *Campaign) ImportAreas(ctx context.Context, path string, opt AreaOptions, progress ProgressFunc) (Report, error) {
	return c.store.ImportAreas(ctx, path, opt, progress)
}

// ImportResults imports election results per polling station.
func (c *Campaign) ImportResults(ctx context.Context, path string, opt ResultOptions, progress ProgressFunc) (Report, error) {
	return c.store.ImportResults(ctx, path, opt, progress)
}

// ImportConsents imports a consent file (contacts and their consents). A consent whose source is a
// file the law keeps out of political communication is rejected (DOMAIN.md rule 5).
func (c *Campaign) ImportConsents(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	return c.store.ImportConsents(ctx, path, refusedSource, progress)
}

// ImportOpposition imports objections, by person or by address. They are permanent.
func (c *Campaign) ImportOpposition(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	return c.store.ImportOpposition(ctx, path, progress)
}

// ReadPeople reads a request file: the people an organizer asks to visit by name.
func ReadPeople(path string) ([]Person, error) { return data.ReadPeople(path) }
