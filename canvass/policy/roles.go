package policy

import (
	"fmt"
	"slices"
)

// Role is what a member of the campaign team may do (CNIL: each person of the team sees what their
// task needs; volunteers get street lists, not the voter file).
type Role string

// The roles.
const (
	// Organizer (organisateur) may do everything, as on the laptop that holds the file.
	Organizer Role = "organisateur"
	// TeamLead (chef d'équipe) plans, assigns, records outcomes and exports street lists within
	// the areas given to them; no voter-level data, no consents, no import of the list, no purge.
	TeamLead Role = "chef"
	// Volunteer (bénévole) reads and exports the street lists of the turfs assigned to them and
	// records their outcomes; nothing about other turfs, no voter-level data.
	Volunteer Role = "benevole"
	// DataOfficer (référent données, DPO) reads the register, the audit trail, retention and purge
	// status, and consent and opposition counts; no names.
	DataOfficer Role = "referent"
)

// Roles lists the roles.
var Roles = []Role{Organizer, TeamLead, Volunteer, DataOfficer}

// ParseRole reads a role as people write it, in French or English: "chef d'équipe", "bénévole",
// "DPO"...
func ParseRole(s string) (Role, bool) {
	switch fold(s) {
	case "organisateur", "organisatrice", "organizer":
		return Organizer, true
	case "chef", "chef d equipe", "cheffe", "cheffe d equipe", "team lead":
		return TeamLead, true
	case "benevole", "volunteer":
		return Volunteer, true
	case "referent", "referente", "referent donnees", "referente donnees", "dpo", "data officer":
		return DataOfficer, true
	}
	return "", false
}

// Action is something a member asks to do, as the domain's operations group them.
type Action string

// The actions.
const (
	ReadStatus       Action = "status"            // counts, retention and purge status
	ReadNotice       Action = "notice"            // the information notice (public text)
	ReadAreas        Action = "areas"             // areas and their aggregates
	ReadMap          Action = "map"               // the map of the commune: every area and address
	BuildPlan        Action = "plan.build"        // build, rebuild or delete a plan
	ReadPlan         Action = "plan.read"         // a plan's turfs and streets, the map
	AssignTurf       Action = "plan.assign"       // a turf to a volunteer and a date
	RecordOutcome    Action = "plan.outcome"      // what was done on a street of a turf
	ExportStreets    Action = "export"            // street lists and field sheets
	RecordObjection  Action = "opposition.add"    // a STOP or a do-not-knock heard at the door
	CountPeople      Action = "people.counts"     // consent and opposition counts, no names
	ReadRegister     Action = "register"          // the register of processing activities
	ReadAudit        Action = "audit"             // the audit trail and its check
	ReadVoters       Action = "voters"            // voter-level data: geocoding matches, what to fix
	Consents         Action = "consents"          // check a person, record or withdraw consents
	PersonalLists    Action = "plan.personal"     // named visit lists and their export
	ExportObjections Action = "opposition.export" // the opposition list, with names
	ImportList       Action = "import.list"       // the electoral list
	ImportPeople     Action = "import.people"     // consents and objections
	ImportPublic     Action = "import.public"     // addresses, areas, results
	ChangeSettings   Action = "settings"          // the campaign's settings, K, the time model
	Purge            Action = "purge"             // delete the campaign's personal data
	ManageTeam       Action = "team"              // add, remove members, change roles
)

// may is what each role but the organizer may do; the organizer may do everything.
var may = map[Role][]Action{
	TeamLead:    {ReadStatus, ReadNotice, ReadAreas, BuildPlan, ReadPlan, AssignTurf, RecordOutcome, ExportStreets, RecordObjection},
	Volunteer:   {ReadNotice, ReadPlan, RecordOutcome, ExportStreets, RecordObjection},
	DataOfficer: {ReadStatus, ReadNotice, CountPeople, ReadRegister, ReadAudit, RecordObjection},
}

// areaBound are the actions a team lead may do only within their areas.
var areaBound = []Action{ReadAreas, BuildPlan, ReadPlan, AssignTurf, RecordOutcome, ExportStreets}

// turfBound are the actions a volunteer may do only on their own turfs.
var turfBound = []Action{ReadPlan, RecordOutcome, ExportStreets}

// Member is a person of the campaign team.
type Member struct {
	Name  string
	Role  Role
	Areas []string // a team lead's areas, by id
}

// Area is an area an action touches: its id and the ids of the areas above it.
type Area struct {
	ID      string
	Parents []string
}

// Scope is what an action touches.
type Scope struct {
	Areas []Area   // the areas of the plan, turfs or aggregates touched
	Turfs []string // the volunteer each turf touched is assigned to ("" when none)
}

// Permit says whether a member may do an action on a scope: nil, or a RefusedError saying why. A
// team lead's action must name its areas, each one of theirs or inside one of theirs; a
// volunteer's must name its turfs, each assigned to them (names compared as people type them).
// Recording an objection is open to every role: it only ever restricts.
func Permit(m Member, a Action, s Scope) error {
	if err := May(m, a); err != nil || m.Role == Organizer {
		return err
	}
	refuse := func(why string) error { return refusal(m, a, why) }
	switch {
	case m.Role == TeamLead && slices.Contains(areaBound, a):
		if len(s.Areas) == 0 {
			return refuse("a team lead's actions must name their areas")
		}
		for _, area := range s.Areas {
			if !slices.ContainsFunc(append([]string{area.ID}, area.Parents...), func(id string) bool { return slices.Contains(m.Areas, id) }) {
				return refuse(fmt.Sprintf("area %s is not one of theirs", area.ID))
			}
		}
	case m.Role == Volunteer && slices.Contains(turfBound, a):
		if len(s.Turfs) == 0 {
			return refuse("a volunteer's actions must name their turfs")
		}
		for _, who := range s.Turfs {
			if !sameWords(who, m.Name) || fold(who) == "" {
				return refuse("only the turfs assigned to them")
			}
		}
	}
	return nil
}

// May says whether a member's role allows an action on some scope at all: nil, or a RefusedError
// saying what the role is limited to. Permit decides on the scope; May serves listings, which show
// a member only what Permit allows them item by item.
func May(m Member, a Action) error {
	if m.Role == Organizer || slices.Contains(may[m.Role], a) {
		return nil
	}
	if _, ok := roleWords[m.Role]; !ok {
		return refusal(m, a, fmt.Sprintf("%q is not a role (expected one of organisateur, chef, benevole, referent)", m.Role))
	}
	return refusal(m, a, roleScope[m.Role])
}

func refusal(m Member, a Action, why string) error {
	return &RefusedError{Reason: fmt.Sprintf("%s (%s) may not %s: %s", m.Name, roleWords[m.Role], actionWords[a], why)}
}

var roleWords = map[Role]string{TeamLead: "chef d'équipe", Volunteer: "bénévole",
	DataOfficer: "référent données"}

// roleScope says in a few words what each role is limited to.
var roleScope = map[Role]string{
	TeamLead:    "a team lead plans, assigns, records outcomes and exports street lists within their areas, without voter-level data",
	Volunteer:   "a volunteer reaches only the street lists of their turfs and records their outcomes",
	DataOfficer: "a data officer reads the register, the audit trail, retention and counts, never names",
}

var actionWords = map[Action]string{
	ReadStatus: "read the campaign's status", ReadNotice: "read the information notice", ReadAreas: "read the areas", ReadMap: "see the map of the whole commune",
	BuildPlan: "build or delete plans", ReadPlan: "read this plan", AssignTurf: "assign turfs",
	RecordOutcome: "record outcomes", ExportStreets: "export street lists", RecordObjection: "record objections",
	CountPeople: "count consents and objections", ReadRegister: "read the register", ReadAudit: "read the audit trail",
	ReadVoters: "read voter-level data", Consents: "check or record consents", PersonalLists: "make named visit lists",
	ExportObjections: "export the opposition list", ImportList: "import the electoral list",
	ImportPeople: "import consents or objections", ImportPublic: "import addresses, areas or results",
	ChangeSettings: "change the settings", Purge: "purge the campaign's data", ManageTeam: "manage the team",
}
