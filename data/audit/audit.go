// Package audit names what the campaign's audit trail records (DOMAIN.md rule 7): one operation
// per kind of act, each with its own typed parameters. Parameters hold identifiers, counts and
// settings, never a voter's personal data. The store writes entries from these types and reads them
// back as the same types, so that the register of processing activities reads fields, not strings.
//
// JSON names of the parameters are stable: the trail is hashed as written, and files written by an
// earlier canvass are read back by these types.
package audit

import (
	"encoding/json"
	"fmt"
)

// Op names an operation of the audit trail.
type Op string

// The operations of the audit trail.
const (
	OpInit             Op = "init"              // the campaign recorded (Init)
	OpCampaignSet      Op = "campaign.set"      // controller, contact, end date or language changed (CampaignSet)
	OpSettings         Op = "settings"          // planning settings changed (Settings)
	OpImportList       Op = "import.list"       // electoral list imported (Import)
	OpImportAddresses  Op = "import.addresses"  // BAN addresses imported (Import)
	OpImportAreas      Op = "import.areas"      // an area layer imported (Import)
	OpImportResults    Op = "import.results"    // election results imported (Import)
	OpImportConsents   Op = "import.consents"   // contacts and consents imported (Import)
	OpImportOpposition Op = "import.opposition" // objections imported (Import)
	OpImportStreets    Op = "import.streets"    // the street network imported (Import)
	OpGeocode          Op = "geocode"           // voters matched to addresses, addresses to areas (Geocode)
	OpPlan             Op = "plan"              // a plan built and stored (Plan)
	OpPlanDelete       Op = "plan.delete"       // a plan deleted (PlanDelete)
	OpPlanAssign       Op = "plan.assign"       // a turf given to a volunteer (PlanAssign)
	OpPlanOutcome      Op = "plan.outcome"      // what was done on a street of a turf (PlanOutcome)
	OpPlanPersonal     Op = "plan.personal"     // a personalized visit list produced (PlanPersonal)
	OpRefusedPlan      Op = "refused.plan"      // a plan the policy refused (RefusedPlan)
	OpRefusedPersonal  Op = "refused.personal"  // a personalized list the policy refused (RefusedPersonal)
	OpExport           Op = "export"            // street lists written (Export)
	OpExportPersonal   Op = "export.personal"   // a personalized list written (ExportPersonal)
	OpOppositionAdd    Op = "opposition.add"    // an objection recorded by hand (OppositionAdd)
	OpOppositionExport Op = "opposition.export" // the opposition list written (OppositionExport)
	OpConsentAdd       Op = "consent.add"       // a consent recorded by hand (ConsentAdd)
	OpConsentWithdraw  Op = "consent.withdraw"  // consents withdrawn (ConsentWithdraw)
	OpPurge            Op = "purge"             // the campaign's personal data deleted (Purge)
	OpImportOutcomes   Op = "import.outcomes"   // a field sheet's results recorded (ImportOutcomes)
	OpTeamAdd          Op = "team.add"          // a member added to the team (TeamAdd)
	OpTeamRemove       Op = "team.remove"       // a member removed from the team (TeamRemove)
	OpTeamRole         Op = "team.role"         // a member's role or areas changed (TeamRole)
	OpLogin            Op = "session.login"     // a member logged in over SSH (Login)
	OpLogout           Op = "session.logout"    // a member's SSH session ended (Logout)
	OpCommand          Op = "session.command"   // a command a member ran over SSH (Command)
	OpRefusedRole      Op = "refused.role"      // something a member's role does not allow (RefusedRole)
	OpScreen           Op = "session.screen"    // a screen a member opened in the interface over SSH (Screen)
)

// Params are the parameters of one operation; Op says which.
type Params interface{ Op() Op }

// Init records the campaign's settings at `canvass init`.
type Init struct {
	Campaign      string   `json:"campaign"`
	Election      string   `json:"election"`
	ElectionDates []string `json:"election_dates"`
	End           string   `json:"end"`
	Controller    string   `json:"controller,omitempty"`
	Contact       string   `json:"contact,omitempty"`
}

// CampaignSet records changes of the campaign's controller, contact, end date or language.
type CampaignSet struct {
	Changes []Change `json:"changes"`
}

// Change is one setting changed, with its value before and after.
type Change struct {
	Field string `json:"field"` // controller, contact, end or lang
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Settings records the planning settings after a change.
type Settings struct {
	MinUnitVoters int     `json:"min_unit_voters"`
	MinUnitReason string  `json:"min_unit_voters_reason,omitempty"` // why K is under 10
	WalkSpeed     float64 `json:"walk_speed"`
	PerDoor       float64 `json:"per_door"`
	PerVoter      float64 `json:"per_voter"`
	Sides         string  `json:"sides"`
}

// Import records a file import: Kind is its operation (one of the OpImport... constants).
type Import struct {
	Kind     Op     `json:"-"`
	File     string `json:"file"` // the file's base name
	Read     int    `json:"read"`
	Imported int    `json:"imported"`
	Rejected int    `json:"rejected"`
	Replaced int    `json:"replaced"`
	Level    string `json:"level,omitempty"`    // areas
	Layer    string `json:"layer,omitempty"`    // areas
	Election string `json:"election,omitempty"` // results
	Segments int    `json:"segments,omitempty"` // street network
	Nodes    int    `json:"nodes,omitempty"`    // street network
}

// Geocode records the counts of a geocoding.
type Geocode struct {
	Exact       int            `json:"exact"`
	Fuzzy       int            `json:"fuzzy"`
	Approximate int            `json:"approximate"`
	Unmatched   int            `json:"unmatched"`
	Addresses   int            `json:"addresses"`
	Outside     map[string]int `json:"outside"` // layer -> addresses outside every area of it
}

// Plan records a plan built and stored.
type Plan struct {
	Name  string `json:"name"`
	Level string `json:"level"`
	Rule  string `json:"rule"`
	Areas int    `json:"areas"`
	Turfs int    `json:"turfs"`
	Doors int    `json:"doors"`
}

// PlanDelete records a plan deleted.
type PlanDelete struct {
	Name string `json:"name"`
}

// PlanAssign records who walks a turf and when.
type PlanAssign struct {
	Plan      string `json:"plan"`
	Turf      int    `json:"turf"`
	Volunteer string `json:"volunteer"`
	Date      string `json:"date"`
}

// PlanOutcome records the outcome of a street of a turf.
type PlanOutcome struct {
	Plan     string `json:"plan"`
	Turf     int    `json:"turf"`
	Street   string `json:"street"` // BAN street id
	Knocked  int    `json:"knocked"`
	Answered int    `json:"answered"`
	Leaflets int    `json:"leaflets"`
}

// PersonalRequest is a request for a personalized visit list, in counts.
type PersonalRequest struct {
	Name      string         `json:"name"`
	Date      string         `json:"date"`
	Requested int            `json:"requested"`
	Eligible  int            `json:"eligible"`
	Excluded  map[string]int `json:"excluded"` // reason -> people left out
	// NearMatches counts those an objection excludes as a near match (policy.Checker.List).
	NearMatches int  `json:"near_matches,omitempty"`
	DryRun      bool `json:"dry_run"`
}

// PlanPersonal records a personalized visit list produced.
type PlanPersonal struct{ PersonalRequest }

// RefusedPersonal records a personalized visit list refused: nobody qualified.
type RefusedPersonal struct{ PersonalRequest }

// RefusedPlan records a plan the policy refused, with why.
type RefusedPlan struct {
	Name   string `json:"name"`
	Level  string `json:"level"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// Export records street lists written for volunteers.
type Export struct {
	Plan    string   `json:"plan"`
	Formats []string `json:"formats"`
	Turfs   []int    `json:"turfs"`
	Files   int      `json:"files"`
}

// ExportPersonal records a personalized visit list written.
type ExportPersonal struct {
	Name    string   `json:"name"`
	Date    string   `json:"date"`
	Formats []string `json:"formats"`
	People  int      `json:"people"`
	Files   int      `json:"files"`
}

// OppositionAdd records an objection entered by hand or brought back by a field sheet, by its
// scope only.
type OppositionAdd struct {
	Scope  string `json:"scope"`
	Source string `json:"source,omitempty"` // "field sheet" when a volunteer recorded it at the door
}

// ImportOutcomes records a field sheet's results: which sheet, and what changed.
type ImportOutcomes struct {
	File       string `json:"file"` // base name, or "pasted text"
	Plan       string `json:"plan"`
	Turf       int    `json:"turf"`
	Sheet      string `json:"sheet"`   // the plan's fingerprint printed on the sheet
	Rebuilt    bool   `json:"rebuilt"` // the plan was built again since the sheet was made
	Unmatched  int    `json:"unmatched"`
	Doors      int    `json:"doors"`
	Notes      int    `json:"notes"`
	Objections int    `json:"objections"`
}

// OppositionExport records the opposition list written to a file.
type OppositionExport struct {
	File    string `json:"file"` // base name
	Records int    `json:"records"`
}

// ConsentAdd records a consent entered by hand, by its channel and kind only.
type ConsentAdd struct {
	Channel string `json:"channel"`
	Kind    string `json:"kind"`
}

// ConsentWithdraw records a withdrawal and how many consent records it changed.
type ConsentWithdraw struct {
	Records int `json:"records"`
}

// Purge records a purge: when, the end date it followed, and the rows deleted by table.
type Purge struct {
	On    string `json:"on"`
	End   string `json:"end"`
	Early bool   `json:"early"` // before the end date, forced
	PurgeCounts
}

// PurgeCounts are the rows a purge deleted, by table.
type PurgeCounts struct {
	Voters         int `json:"voters"`
	VoterAddresses int `json:"voter_addresses"`
	Contacts       int `json:"contacts"`
	Consents       int `json:"consents"`
	Plans          int `json:"plans"`
	Turfs          int `json:"turfs"`
	Outcomes       int `json:"outcomes"`
	DoorOutcomes   int `json:"door_outcomes"`
	PlaceNotes     int `json:"place_notes"`
	FieldSheets    int `json:"field_sheets"`
}

// TeamAdd records a member added to the team: their name, role, a team lead's areas and the
// fingerprint of their key.
type TeamAdd struct {
	Name        string   `json:"name"`
	Role        string   `json:"role"`
	Areas       []string `json:"areas,omitempty"`
	Fingerprint string   `json:"fingerprint"`
}

// TeamRemove records a member removed from the team.
type TeamRemove struct {
	Name string `json:"name"`
}

// TeamRole records a member's role (and a team lead's areas) changed.
type TeamRole struct {
	Name  string   `json:"name"`
	Old   string   `json:"old"`
	New   string   `json:"new"`
	Areas []string `json:"areas,omitempty"`
}

// Login records a member logging in over SSH (the entry's actor): to the interface or to run a
// command.
type Login struct {
	Role string `json:"role"`
	Via  string `json:"via"` // "interface" or "command"
}

// Logout records the end of a member's SSH session and how long it lasted.
type Logout struct {
	Via     string `json:"via"`
	Seconds int    `json:"seconds"`
}

// Command records a command a member ran over SSH: its words without their arguments (which may
// name people), and its exit code.
type Command struct {
	Command string `json:"command"`
	Exit    int    `json:"exit"`
}

// Screen records a screen of the interface a member opened over SSH.
type Screen struct {
	Screen string `json:"screen"`
}

// RefusedRole records an act a member's role does not allow, with the policy's reason.
type RefusedRole struct {
	Action string `json:"action"`
	Reason string `json:"reason"`
}

// Unknown holds the parameters of an operation this version does not know, as written.
type Unknown struct {
	Kind Op
	Raw  json.RawMessage
}

// Op implementations: each type names its operation.
func (Init) Op() Op             { return OpInit }
func (CampaignSet) Op() Op      { return OpCampaignSet }
func (Settings) Op() Op         { return OpSettings }
func (i Import) Op() Op         { return i.Kind }
func (Geocode) Op() Op          { return OpGeocode }
func (Plan) Op() Op             { return OpPlan }
func (PlanDelete) Op() Op       { return OpPlanDelete }
func (PlanAssign) Op() Op       { return OpPlanAssign }
func (PlanOutcome) Op() Op      { return OpPlanOutcome }
func (PlanPersonal) Op() Op     { return OpPlanPersonal }
func (RefusedPersonal) Op() Op  { return OpRefusedPersonal }
func (RefusedPlan) Op() Op      { return OpRefusedPlan }
func (Export) Op() Op           { return OpExport }
func (ExportPersonal) Op() Op   { return OpExportPersonal }
func (OppositionAdd) Op() Op    { return OpOppositionAdd }
func (OppositionExport) Op() Op { return OpOppositionExport }
func (ConsentAdd) Op() Op       { return OpConsentAdd }
func (ConsentWithdraw) Op() Op  { return OpConsentWithdraw }
func (Purge) Op() Op            { return OpPurge }
func (ImportOutcomes) Op() Op   { return OpImportOutcomes }
func (TeamAdd) Op() Op          { return OpTeamAdd }
func (TeamRemove) Op() Op       { return OpTeamRemove }
func (TeamRole) Op() Op         { return OpTeamRole }
func (Login) Op() Op            { return OpLogin }
func (Logout) Op() Op           { return OpLogout }
func (Command) Op() Op          { return OpCommand }
func (RefusedRole) Op() Op      { return OpRefusedRole }
func (Screen) Op() Op           { return OpScreen }
func (u Unknown) Op() Op        { return u.Kind }

// MarshalJSON writes the parameters as they were read.
func (u Unknown) MarshalJSON() ([]byte, error) {
	if len(u.Raw) == 0 {
		return []byte("{}"), nil
	}
	return u.Raw, nil
}

// IsImport reports whether op imports a file (its parameters are an Import).
func IsImport(op Op) bool {
	switch op {
	case OpImportList, OpImportAddresses, OpImportAreas, OpImportResults, OpImportConsents, OpImportOpposition,
		OpImportStreets:
		return true
	}
	return false
}

// Encode writes p as the JSON stored with its entry.
func Encode(p Params) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("audit: no parameters")
	}
	return json.Marshal(p)
}

// Decode reads the parameters stored with an entry of operation op. An operation this version
// does not know gives an Unknown; parameters that do not fit their type give an error.
func Decode(op Op, raw []byte) (Params, error) {
	p, err := decode(op, raw)
	if err != nil {
		return Unknown{Kind: op, Raw: raw}, fmt.Errorf("audit entry %s: parameters unreadable: %w", op, err)
	}
	return p, nil
}

func decode(op Op, raw []byte) (Params, error) {
	if IsImport(op) {
		p := Import{Kind: op}
		return p, unmarshal(raw, &p)
	}
	switch op {
	case OpInit:
		return into[Init](raw)
	case OpCampaignSet:
		return into[CampaignSet](raw)
	case OpSettings:
		return into[Settings](raw)
	case OpGeocode:
		return into[Geocode](raw)
	case OpPlan:
		return into[Plan](raw)
	case OpPlanDelete:
		return into[PlanDelete](raw)
	case OpPlanAssign:
		return into[PlanAssign](raw)
	case OpPlanOutcome:
		return into[PlanOutcome](raw)
	case OpPlanPersonal:
		return into[PlanPersonal](raw)
	case OpRefusedPersonal:
		return into[RefusedPersonal](raw)
	case OpRefusedPlan:
		return into[RefusedPlan](raw)
	case OpExport:
		return into[Export](raw)
	case OpExportPersonal:
		return into[ExportPersonal](raw)
	case OpOppositionAdd:
		return into[OppositionAdd](raw)
	case OpOppositionExport:
		return into[OppositionExport](raw)
	case OpConsentAdd:
		return into[ConsentAdd](raw)
	case OpConsentWithdraw:
		return into[ConsentWithdraw](raw)
	case OpPurge:
		return into[Purge](raw)
	case OpImportOutcomes:
		return into[ImportOutcomes](raw)
	case OpTeamAdd:
		return into[TeamAdd](raw)
	case OpTeamRemove:
		return into[TeamRemove](raw)
	case OpTeamRole:
		return into[TeamRole](raw)
	case OpLogin:
		return into[Login](raw)
	case OpLogout:
		return into[Logout](raw)
	case OpCommand:
		return into[Command](raw)
	case OpRefusedRole:
		return into[RefusedRole](raw)
	case OpScreen:
		return into[Screen](raw)
	}
	return Unknown{Kind: op, Raw: raw}, nil
}

// into decodes raw as a T.
func into[T Params](raw []byte) (Params, error) {
	var p T
	err := unmarshal(raw, &p)
	return p, err
}

func unmarshal(raw []byte, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}
