package policy

import (
	"slices"

	"github.com/campagne-fr/porteaporte/internal/i18n"
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
	refuse := func(id string, kv ...any) error { return refusal(m, a, i18n.Msg(id, kv...)) }
	switch {
	case m.Role == TeamLead && slices.Contains(areaBound, a):
		if len(s.Areas) == 0 {
			return refuse("policy.access.areas")
		}
		for _, area := range s.Areas {
			if !slices.ContainsFunc(append([]string{area.ID}, area.Parents...), func(id string) bool { return slices.Contains(m.Areas, id) }) {
				return refuse("policy.access.area", "Area", area.ID)
			}
		}
	case m.Role == Volunteer && slices.Contains(turfBound, a):
		if len(s.Turfs) == 0 {
			return refuse("policy.access.turfs")
		}
		for _, who := range s.Turfs {
			if !sameWords(who, m.Name) || fold(who) == "" {
				return refuse("policy.access.turf")
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
		return refusal(m, a, i18n.Msg("policy.role.unknown", "Role", string(m.Role)))
	}
	return refusal(m, a, i18n.Msg(roleScope[m.Role]))
}

func refusal(m Member, a Action, why i18n.Message) error {
	return Refuse(0, "policy.access", "Name", m.Name, "Role", i18n.Msg(roleWords[m.Role]), "Action", i18n.Msg(actionWords[a]),
		"Why", why)
}

var roleWords = map[Role]string{TeamLead: "policy.role.lead", Volunteer: "policy.role.volunteer",
	DataOfficer: "policy.role.officer"}

// roleScope says in a few words what each role is limited to.
var roleScope = map[Role]string{
	TeamLead:    "policy.scope.lead",
	Volunteer:   "policy.scope.volunteer",
	DataOfficer: "policy.scope.officer",
}

var actionWords = map[Action]string{
	ReadStatus: "policy.action.status", ReadNotice: "policy.action.notice", ReadAreas: "policy.action.areas",
	ReadMap: "policy.action.map", BuildPlan: "policy.action.plan", ReadPlan: "policy.action.readplan",
	AssignTurf: "policy.action.assign", RecordOutcome: "policy.action.outcome", ExportStreets: "policy.action.export",
	RecordObjection: "policy.action.objection", CountPeople: "policy.action.count", ReadRegister: "policy.action.register",
	ReadAudit: "policy.action.audit", ReadVoters: "policy.action.voters", Consents: "policy.action.consents",
	PersonalLists: "policy.action.personal", ExportObjections: "policy.action.opposition",
	ImportList: "policy.action.importlist", ImportPeople: "policy.action.importpeople",
	ImportPublic: "policy.action.importpublic", ChangeSettings: "policy.action.settings", Purge: "policy.action.purge",
	ManageTeam: "policy.action.team",
}
