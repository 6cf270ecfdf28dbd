package planner

import "strings"

// The screen's words for the form's checks, the confirmation of a build, personal lists and
// field-sheet results, kept together so that they move to a message catalog as one.
const (
	msgNoName            = "Name the plan: it is stored under that name."
	msgNoAreas           = "Give the ids of the areas, separated by commas."
	msgNoRule            = "Give a rule on the areas' aggregates, e.g. all, or top 10 by abstention."
	msgBadSize           = "Turf size: expected a number of %s above 0."
	msgBadCount          = "Turf size: expected a whole number of turfs, 1 or more: one per volunteer."
	msgStartPlaceholder  = "optional: 12 rue …, a place, or coordinates"
	msgStartHint         = "an address, a place (métro Gambetta) or coordinates in either order, as a map copies them; or pick it on the map (m, then x)"
	msgPeoplePlaceholder = "the request file: names, birth dates, addresses"
	msgPreparing         = "Reading the start and working out the turfs…"
	msgBuilding          = "Building plan %q…"
	msgBuilt             = "Built and stored plan %q: %s."
	msgStartRead         = "Start: %s, read as %s: latitude %.5f, longitude %.5f."
	msgBuildQuestion     = "Build plan %q?"
	msgWouldMake         = "Plan %q would make %s of %s each (%s doors in all)."
	msgWouldReplace      = "It replaces the stored plan %q: its turfs and their assignments. The outcomes already recorded stay in the coverage."
	msgConfirm           = "y builds it; any other key goes back to the form, nothing built."
	msgNotBuilt          = "Nothing built: the form is as it was. ctrl+s asks again."

	// Hints under the measure, by measure.
	msgMeasureDoors   = "doors per turf"
	msgMeasureVoters  = "voters per turf"
	msgMeasureMinutes = "minutes per turf, walking and at doors: the number of turfs is shown before building"
	msgMeasureTurfs   = "turfs in all, one per volunteer, balanced in doors across the areas chosen"

	// Personal visit lists.
	msgPersonalIntro   = "A visit list of named people: only those whose consent covers a door-to-door visit by this campaign; nobody else is ever added."
	msgNoPeople        = "People: give the request file (birth name, given names, birth date, address)."
	msgBadDay          = "Visit on: expected a date, jj/mm/aaaa or YYYY-MM-DD."
	msgNoOut           = "Write to: give the folder the list is written to."
	msgChecking        = "Checking each person's consent for list %q…"
	msgPersonalDone    = "List %q for %s: %d of %d requested may be visited by name."
	msgPersonalLeftOut = "Left out, and why:"
	msgPersonalWritten = "Written, with the information notice:"
	msgPersonalVisits  = "May be visited by name:"
	msgPersonalNear    = "Of whom %d by an objection that may be theirs (a name or address written differently): check them."

	// Field-sheet results on a plan.
	msgResultsTitle   = "Results of a field sheet"
	msgResultsHelp    = "Paste the text the volunteer sent (it starts with PAP1), or type the path of the file they sent; ctrl+s imports it."
	msgResultsEmpty   = "Nothing to import: paste the text or give the file."
	msgResultsDone    = "Imported results of turf %d of plan %q: %d door outcomes, %d notes; %d new, %d objections added to the opposition list."
	msgResultsRebuilt = "The plan was built again since the sheet was made: its doors were found by address."
	msgResultsMissing = "%d doors could not be recorded (no longer in the plan or the address base): %s."

	// A street already recorded.
	msgRecordedBefore = "Recorded before on %s: these values replace it."
)

// tuiWords rewords what the campaign says in its command line's words (flags, commands) into
// this screen's: the organizer reads it here, where there are fields, not flags.
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

// measureHint says what the size counts in a measure.
func measureHint(measure string) string {
	switch measure {
	case "voters":
		return msgMeasureVoters
	case "minutes":
		return msgMeasureMinutes
	case countMeasure:
		return msgMeasureTurfs
	}
	return msgMeasureDoors
}
