package planner

import (
	"errors"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The catalog IDs of the screen's choices and of the words it puts in its messages, listed in
// full (the catalog tests look for each quoted ID): the values stay the campaign's, only what is
// shown is in the printer's language.
var (
	kindIDs      = []string{"tui.planner.kind.areas", "tui.planner.kind.people"}
	selectionIDs = []string{"tui.planner.by.rule", "tui.planner.by.ids"}
	measureIDs   = map[string]string{"doors": "tui.planner.measure.doors", "voters": "tui.planner.measure.voters",
		"minutes": "tui.planner.measure.minutes", countMeasure: "tui.planner.measure.turfs"}
	measureHintIDs = map[string]string{"doors": "tui.planner.hint.doors", "voters": "tui.planner.hint.voters",
		"minutes": "tui.planner.hint.minutes", countMeasure: "tui.planner.hint.turfs"}
	sizeIDs  = map[string]string{"doors": "tui.planner.size.doors", "voters": "tui.planner.size.voters", "minutes": "tui.planner.size.minutes"}
	rangeIDs = map[string]string{"doors": "tui.planner.range.doors", "voters": "tui.planner.range.voters", "minutes": "tui.planner.range.minutes"}
	sideIDs  = map[string]string{string(turf.Both): "tui.planner.side.both", string(turf.Odd): "tui.planner.side.odd", string(turf.Even): "tui.planner.side.even"}
	// sideLongIDs say a side in a sentence: "odd side".
	sideLongIDs = map[string]string{string(turf.Both): "tui.planner.side.both.long", string(turf.Odd): "tui.planner.side.odd.long",
		string(turf.Even): "tui.planner.side.even.long"}
)

// named is the catalog's word for value, by the ids of the values; a value without one is shown
// as it is.
func named(p *i18n.Printer, ids map[string]string, value string) string {
	if id, ok := ids[value]; ok {
		return p.T(id)
	}
	return value
}

// words are the catalog's words for ids, for a choice.
func words(p *i18n.Printer, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p.T(id)
	}
	return out
}

// tuiWords rewords what the campaign says in its command line's words (flags, commands) into
// this screen's: the organizer reads it here, where there are fields, not flags. The campaign's
// English only: its French messages are the core catalogs'.
var tuiWords = strings.NewReplacer(
	"name the areas with --areas", "choose by areas by id",
	"with --areas", "by choosing areas by id",
	"--areas ID[,ID...] or --rule EXPR", "areas by id or a rule",
	"give --areas or --rule, not both", "choose by areas by id or by a rule, not both",
	"--areas", "Areas",
	"--rule", "Rule",
	"--layer", "the Layer field",
	"--level", "Level",
	"--name", "Name",
	"--start", "Start",
	"--date", "Date",
	"--turf-doors N, --turf-voters N, --turf-minutes M or --turfs N", "Turf size",
	"--turf-doors N, --turf-voters N or --turf-minutes M", "Turf size",
	"--sides", "sides (the campaign's settings)",
	"--min-unit-voters", "the campaign's minimum of voters per area (K)",
	"(see `canvass areas`)", "(see the Areas screen)",
	"`canvass plan show`", "the plan's street list",
)

// fieldsForFlags are, in the other languages, the form's fields named for the command line's
// flags in the campaign's messages: the longest flag phrases first.
var fieldsForFlags = []struct{ flag, label string }{
	{"--turf-doors N, --turf-voters N, --turf-minutes M, ou un nombre de secteurs --turfs N", "tui.planner.label.size"},
	{"--turf-doors N, --turf-voters N, --turf-minutes M ou --turfs N", "tui.planner.label.size"},
	{"--areas ID[,ID...]", "tui.planner.label.areas"},
	{"--rule EXPR", "tui.planner.label.rule"},
	{"--areas", "tui.planner.label.areas"},
	{"--rule", "tui.planner.label.rule"},
	{"--layer", "tui.planner.label.layer"},
	{"--level", "tui.planner.label.level"},
	{"--name", "tui.planner.label.name"},
	{"--start", "tui.planner.label.start"},
	{"--date", "tui.planner.label.date"},
}

// reword is text from the campaign in this screen's words: fields, not flags.
func reword(p *i18n.Printer, text string) string {
	if p.Lang() == i18n.English {
		return tuiWords.Replace(text)
	}
	pairs := make([]string, 0, 2*len(fieldsForFlags))
	for _, f := range fieldsForFlags {
		pairs = append(pairs, f.flag, p.T(f.label))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// problemText is an error in one line, for a dialog or a field, in the printer's language: a
// refusal says its reason and the rule that refuses; another failure is said after what, the
// message (an ID) naming what did not happen.
func problemText(p *i18n.Printer, what string, err error) string {
	var refused *canvass.RefusedError
	var usage *canvass.UsageError
	text := reword(p, p.Error(err))
	if what == "" || errors.As(err, &refused) || errors.As(err, &usage) {
		return text
	}
	return p.T(what, "Problem", text)
}

// refusal is a policy refusal's reason and the rule that refuses, in the printer's language.
func refusal(p *i18n.Printer, refused *canvass.RefusedError) (reason, rule string) {
	reason = refused.Reason
	if refused.Why.ID != "" {
		reason = refused.Why.In(p)
	}
	rule = p.T("policy.rule.access")
	if refused.Rule > 0 {
		rule = p.T("policy.rule." + strconv.Itoa(refused.Rule))
	}
	return reword(p, reason), rule
}

// shortDay is a YYYY-MM-DD day in a table's column: jj/mm/aaaa in French, as organizers type it,
// as stored in English.
func shortDay(p *i18n.Printer, day string) string {
	if p.Lang() == i18n.French {
		return frenchDate(day)
	}
	return day
}
