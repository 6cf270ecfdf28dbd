package canvass

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// campaignID identifies the campaign file in field-sheet results, so that results of another
// campaign are refused: a hash of the moment the campaign was created, which re-running init
// keeps.
func campaignID(s Settings) string {
	sum := sha256.Sum256([]byte("canvass campaign\n" + s.CreatedAt.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(sum[:6])
}

// fingerprint names a plan as built: its campaign, name, turfs and each turf's doors in walking
// order. A plan built again to the same turfs keeps it; any change to a turf's doors changes it.
// Do-not-knock marks are left out: they change without the walk changing.
func fingerprint(campaign string, p Plan) string {
	h := sha256.New()
	fmt.Fprintf(h, "canvass plan\n%s\n%q\n", campaign, p.Name)
	for _, t := range p.Turfs {
		fmt.Fprintf(h, "turf %d\n", t.ID)
		for _, s := range t.Stops {
			fmt.Fprintf(h, "%s %s", s.StreetID, s.Side)
			for _, d := range s.Numbers {
				fmt.Fprintf(h, " %q", d.Number)
			}
			fmt.Fprintln(h)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// sheetIdentity is what a field sheet's results carry back: the campaign and the plan as built.
func (c *Campaign) sheetIdentity(ctx context.Context, p Plan) (campaign, fp string, err error) {
	s, err := c.store.Settings(ctx)
	if err != nil {
		return "", "", err
	}
	campaign = campaignID(s)
	return campaign, fingerprint(campaign, p), nil
}

// recordSheets remembers the field sheets of turfs just exported, so that their results find
// their doors even after the plan is built again.
func (c *Campaign) recordSheets(ctx context.Context, p Plan, fp string, turfs []Turf) error {
	sheets := make([]data.FieldSheet, 0, len(turfs))
	for _, t := range turfs {
		stops, err := json.Marshal(t.Stops)
		if err != nil {
			return err
		}
		sheets = append(sheets, data.FieldSheet{Plan: p.Name, Fingerprint: fp, Turf: t.ID, Stops: stops,
			ExportedAt: c.now().UTC().Format(time.RFC3339)})
	}
	return c.store.RecordSheets(ctx, sheets)
}

// OutcomeReport is what importing a field sheet's results did.
type OutcomeReport struct {
	File        string `json:"file"`
	Plan        string `json:"plan"`
	Turf        int    `json:"turf"`
	Fingerprint string `json:"fingerprint"`
	// Rebuilt: the plan was built again, to other turfs, since the sheet was made; its doors were
	// found in the plan as it stands by their address.
	Rebuilt bool `json:"rebuilt"`
	Doors   int  `json:"doors"` // door outcomes in the results
	Notes   int  `json:"notes"` // place notes in the results
	// Saved counts what changed: outcomes new or newer, notes new, objections added to the
	// opposition list. Nothing, when the same results were imported before.
	Saved data.FieldSaved `json:"saved"`
	// Unmatched are the doors whose outcome could not be recorded: not in the plan as it stands,
	// or no longer in the address base. Their objections are recorded all the same.
	Unmatched []UnmatchedDoor `json:"unmatched,omitempty"`
}

// UnmatchedDoor is a door of the results that no longer matches the plan or the addresses.
type UnmatchedDoor struct {
	Door    int    `json:"door"`
	Number  string `json:"number"`
	Street  string `json:"street"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
}

// objectionReason is what the opposition list says of an objection said at a door.
const objectionReason = "ne plus frapper (dit au bénévole, fiche terrain)"

// sheetDoor is a door of a sheet, by its rank in the walk.
type sheetDoor struct {
	stop       int
	streetID   string
	street     string
	number     string
	doNotKnock bool
}

// ImportOutcomes records the results a field sheet handed back (a file or pasted text; name says
// which in messages). It refuses, changing nothing, results cut or edited (checksum), of another
// campaign file, of a plan that no longer exists, with a fingerprint no sheet of the plan had, of
// a turf the plan has not, naming a door or stop the sheet has not, or with an outcome not in the
// list (see fieldresult.Read). Then it records each door's outcome by its address, in one
// transaction: results of a plan built again since the sheet was made find their doors in the
// plan as it stands by address, and the doors that no longer match are reported. A "ne plus
// frapper" door goes on the opposition list at once, by address, and is audited; later plans and
// sheets mark it do-not-knock. The same results imported twice change nothing.
func (c *Campaign) ImportOutcomes(ctx context.Context, r io.Reader, name string) (OutcomeReport, error) {
	ctx, err := c.allowAny(ctx, policy.RecordOutcome)
	if err != nil {
		return OutcomeReport{}, err
	}
	res, err := fieldresult.Read(r, name)
	if err != nil {
		return OutcomeReport{}, err
	}
	rep := OutcomeReport{File: name, Plan: res.Plan, Turf: res.Turf, Fingerprint: res.Fingerprint, Doors: len(res.Doors), Notes: len(res.Notes)}
	refuse := func(line int, field string, why i18n.Message) (OutcomeReport, error) {
		return rep, data.NewInputError(name, line, field, why)
	}
	settings, err := c.store.Settings(ctx)
	if err != nil {
		return rep, err
	}
	if id := campaignID(settings); res.Campaign != id {
		return refuse(res.Line, "c", i18n.Msg("domain.field.campaign", "Theirs", res.Campaign, "Ours", id))
	}
	plan, err := c.plan(ctx, res.Plan)
	if errors.Is(err, data.ErrNoPlan) {
		return refuse(res.Line, "p", i18n.Msg("domain.field.plan", "Plan", res.Plan))
	}
	if err != nil {
		return rep, err
	}
	if i := slices.IndexFunc(plan.Turfs, func(t Turf) bool { return t.ID == res.Turf }); i >= 0 {
		if ctx, err = c.allow(ctx, policy.RecordOutcome, plan.scope(plan.Turfs[i])); err != nil {
			return rep, err
		}
	} else if ctx, err = c.allow(ctx, policy.RecordOutcome, plan.scope(plan.Turfs...)); err != nil {
		return rep, err // a turf no longer in the plan: the whole plan must be theirs
	}
	current := fingerprint(res.Campaign, plan)
	stops, err := c.sheetStops(ctx, res, plan, current)
	if err != nil {
		var fe *data.InputError
		if errors.As(err, &fe) {
			fe.File = name
		}
		return rep, err
	}
	rep.Rebuilt = res.Fingerprint != current
	var doors []sheetDoor
	for i, s := range stops {
		for _, d := range s.Numbers {
			doors = append(doors, sheetDoor{stop: i + 1, streetID: s.StreetID, street: s.Street, number: d.Number, doNotKnock: d.DoNotKnock})
		}
	}
	for _, d := range res.Doors {
		if d.Door > len(doors) {
			return refuse(d.Line, "door", i18n.Msg("domain.field.door", "Door", d.Door, "Turf", res.Turf, "Count", len(doors)))
		}
	}
	for _, n := range res.Notes {
		if n.Stop > len(stops) {
			return refuse(n.Line, "stop", i18n.Msg("domain.field.stop", "Stop", n.Stop, "Turf", res.Turf, "Count", len(stops)))
		}
	}
	found, err := c.findAddresses(ctx, doors)
	if err != nil {
		return rep, err
	}
	where := turfOfAddress(plan)
	var rows data.FieldResults
	for _, d := range res.Doors {
		door := doors[d.Door-1]
		addr, known := found[d.Door-1]
		o, _ := fieldresult.OutcomeOf(d.Outcome)
		if o.Objection {
			objection, problems := policy.ValidateObjection(data.Opposition{Scope: data.ScopeAddress, Reason: objectionReason,
				RecordedOn: d.At[:10], Who: data.Identity{Number: door.number, Street: door.street, Postcode: addr.Postcode}}, c.Today())
			if len(problems) > 0 {
				return refuse(d.Line, problems[0].Field, problems[0].Reason)
			}
			rows.Objections = append(rows.Objections, objection)
		}
		turf, inPlan := res.Turf, true
		if rep.Rebuilt {
			turf, inPlan = where[door.streetID+" "+door.number]
		}
		if why := unmatched(known, inPlan, plan.Name, o); why != "" {
			rep.Unmatched = append(rep.Unmatched, UnmatchedDoor{d.Door, door.number, door.street, o.Label, why})
			continue
		}
		rows.Doors = append(rows.Doors, data.DoorOutcome{Sheet: res.Fingerprint, SheetTurf: res.Turf, Door: d.Door, Plan: plan.Name,
			Turf: turf, AddressID: addr.ID, StreetID: door.streetID, Number: door.number, Outcome: d.Outcome, At: d.At,
			RecordedOn: c.Today()})
	}
	for _, n := range res.Notes {
		rows.Notes = append(rows.Notes, data.PlaceNote{Sheet: res.Fingerprint, SheetTurf: res.Turf, Stop: n.Stop, Note: n.Note,
			StreetID: stops[n.Stop-1].StreetID, At: n.At})
	}
	rep.Saved, err = c.store.SaveFieldResults(ctx, rows, audit.ImportOutcomes{File: name, Plan: plan.Name, Turf: res.Turf,
		Sheet: res.Fingerprint, Rebuilt: rep.Rebuilt, Unmatched: len(rep.Unmatched)})
	return rep, err
}

// unmatched says why a door's outcome cannot be recorded, or "": its address is gone from the
// address base, or from the plan as it stands.
func unmatched(known, inPlan bool, plan string, o fieldresult.Outcome) string {
	why := ""
	switch {
	case !known:
		why = "no longer in the address base"
	case !inPlan:
		why = "no longer in plan " + plan
	default:
		return ""
	}
	if o.Objection {
		why += "; the objection is on the opposition list all the same"
	}
	return why
}

// sheetStops finds the stops of the sheet the results come from: the sheet as exported from this
// file, or, for a sheet not recorded, the plan's turf when the plan is still as the sheet knew it.
func (c *Campaign) sheetStops(ctx context.Context, res fieldresult.Results, plan Plan, current string) ([]Stop, error) {
	sheet, err := c.store.Sheet(ctx, res.Plan, res.Fingerprint, res.Turf)
	if err == nil {
		var stops []Stop
		if err := json.Unmarshal(sheet.Stops, &stops); err != nil {
			return nil, fmt.Errorf("field sheet of plan %q turf %d: stored stops unreadable: %w", res.Plan, res.Turf, err)
		}
		return stops, nil
	}
	if !errors.Is(err, data.ErrNoSheet) {
		return nil, err
	}
	switch {
	case res.Fingerprint != current:
		return nil, &data.InputError{Line: res.Line, Field: "f", Reason: fmt.Sprintf("fingerprint %s matches no field sheet of plan %q: "+
			"the results are of another plan, or of a sheet made from another copy of the campaign file", res.Fingerprint, res.Plan)}
	case res.Turf > len(plan.Turfs):
		return nil, &data.InputError{Line: res.Line, Field: "t", Reason: fmt.Sprintf("plan %q has no turf %d (it has 1 to %d)", res.Plan, res.Turf, len(plan.Turfs))}
	}
	return plan.Turfs[res.Turf-1].Stops, nil
}

// findAddresses finds each door's BAN address by street and number, by the door's index; a door
// whose address is gone, or ambiguous, is missing.
func (c *Campaign) findAddresses(ctx context.Context, doors []sheetDoor) (map[int]data.AddressPoint, error) {
	var streets []string
	for _, d := range doors {
		streets = append(streets, d.streetID)
	}
	byStreet, err := c.store.StreetAddresses(ctx, streets)
	if err != nil {
		return nil, err
	}
	out := map[int]data.AddressPoint{}
	for i, d := range doors {
		var match []data.AddressPoint
		for _, a := range byStreet[d.streetID] {
			if numberLabel(a.Number, a.Rep) == d.number {
				match = append(match, a)
			}
		}
		if len(match) == 1 {
			out[i] = match[0]
		}
	}
	return out, nil
}

// turfOfAddress maps "STREET NUMBER" to the turf of the plan that walks it.
func turfOfAddress(p Plan) map[string]int {
	out := map[string]int{}
	for _, t := range p.Turfs {
		for _, s := range t.Stops {
			for _, d := range s.Numbers {
				out[s.StreetID+" "+d.Number] = t.ID
			}
		}
	}
	return out
}

// OverdueTurf is a turf whose date has passed with no results back.
type OverdueTurf struct {
	Plan      string `json:"plan"`
	Turf      int    `json:"turf"`
	Volunteer string `json:"volunteer"`
	Date      string `json:"date"`
}

// OverdueTurfs lists the turfs (of the member's, for a team lead or a volunteer) assigned a date before today for which no results came back: no
// field-sheet results and no per-street outcome. Plans newest first, turfs in order.
func (c *Campaign) OverdueTurfs(ctx context.Context) ([]OverdueTurf, error) {
	ctx, err := c.allowAny(ctx, policy.ReadPlan)
	if err != nil {
		return nil, err
	}
	reported, err := c.store.ReportedTurfs(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := c.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	today := c.Today()
	out := []OverdueTurf{}
	for _, sp := range plans {
		p, err := c.readPlan(ctx, sp.Name, func(Plan, Turf) bool { return false }) // dates only
		if err != nil {
			return nil, err
		}
		if p, err = c.mine(p, policy.ReadPlan); err != nil {
			continue // none of it is theirs
		}
		for _, t := range p.Turfs {
			if t.Date != "" && t.Date < today && !reported[p.Name][t.ID] {
				out = append(out, OverdueTurf{Plan: p.Name, Turf: t.ID, Volunteer: t.Volunteer, Date: t.Date})
			}
		}
	}
	return out, nil
}

// StreetNote is a place note volunteers recorded on a street: its label and when.
type StreetNote struct {
	Note string `json:"note"`
	At   string `json:"at"`
}

// StreetNotes lists, by BAN street id, the place notes field sheets brought back (immeuble
// fermé, digicode, boîtes aux lettres inaccessibles), oldest first, each note once per street
// with its latest time.
func (c *Campaign) StreetNotes(ctx context.Context) (map[string][]StreetNote, error) {
	ctx, err := c.allowAny(ctx, policy.ReadPlan)
	if err != nil {
		return nil, err
	}
	notes, err := c.store.PlaceNotes(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]StreetNote{}
	for _, p := range notes {
		n, _ := fieldresult.NoteOf(p.Note)
		list := out[p.StreetID]
		if i := slices.IndexFunc(list, func(s StreetNote) bool { return s.Note == n.Label }); i >= 0 {
			list = slices.Delete(list, i, i+1)
		}
		out[p.StreetID] = append(list, StreetNote{Note: n.Label, At: p.At})
	}
	return out, nil
}
