package data

import (
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// AreaOptions says how to read an area layer.
type AreaOptions struct {
	Level     string // constituency, neighborhood or street
	Layer     string // the layer's name; default: the file's base name without extension
	IDField   string // property holding the area's code; default: guessed from common names
	NameField string // property holding the area's name; default: guessed, else the code
}

// ResultOptions says how to read an election-results file.
type ResultOptions struct {
	Election string // label of the election; default: the file's base name without extension
}

// ImportOption changes how an import runs.
type ImportOption int

// AllowReplace lets ImportList and ImportAddresses remove more than half of what a commune had
// (see ReplaceError): the organizer has seen the counts and confirmed.
const AllowReplace ImportOption = 1

// Shrink is what an import would do to one commune: the rows it had, and the rows the file brings.
type Shrink struct {
	Commune string `json:"commune"`
	Had     int    `json:"had"`
	Kept    int    `json:"kept"`
}

// Removed is how many rows of the commune would go.
func (s Shrink) Removed() int { return s.Had - s.Kept }

// ReplaceError is an import refused because it would remove more than half of what a commune
// had: a file that holds a few rows of a commune is more likely a mistake (a test extract, a cut
// file) than a commune that lost half its voters. The store is left as it was; with AllowReplace
// the import goes through.
type ReplaceError struct {
	File     string
	What     string // voters or addresses
	Communes []Shrink
}

func (e *ReplaceError) Error() string { return e.Message().Error() }

// Unwrap is the error as a message, for Printer.Error to say it in the reader's language.
func (e *ReplaceError) Unwrap() error { return e.Message() }

// Message says what the import would remove.
func (e *ReplaceError) Message() i18n.Message {
	what := "cli.import.what.voters"
	if e.What == "addresses" {
		what = "cli.import.what.addresses"
	}
	communes := make(i18n.List, len(e.Communes))
	for i, c := range e.Communes {
		communes[i] = i18n.Msg("cli.import.replace.commune", "Commune", c.Commune, "Had", c.Had, "What", i18n.Msg(what),
			"Kept", c.Kept, "Removed", c.Removed())
	}
	return i18n.Msg("cli.import.replace", "File", e.File, "What", i18n.Msg(what), "Count", len(e.Communes),
		"Communes", communes)
}

// checkShrink refuses, with a *ReplaceError, an import that leaves a commune with less than half
// of the rows it had (had: rows before, by commune; kept: rows the file brings), unless allowed.
func checkShrink(file, what string, had, kept map[string]int, opts []ImportOption) error {
	if slices.Contains(opts, AllowReplace) {
		return nil
	}
	var shrinks []Shrink
	for commune, n := range had {
		if s := (Shrink{Commune: commune, Had: n, Kept: kept[commune]}); s.Removed()*2 > s.Had {
			shrinks = append(shrinks, s)
		}
	}
	if len(shrinks) == 0 {
		return nil
	}
	slices.SortFunc(shrinks, func(a, b Shrink) int { return strings.Compare(a.Commune, b.Commune) })
	return &ReplaceError{File: file, What: what, Communes: shrinks}
}
