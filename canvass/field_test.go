package canvass_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// fieldCampaign builds the demo campaign with its clock pinned at clock, and the plan "est" on
// quartier 1 in turfs of 100 doors.
func fieldCampaign(t *testing.T, clock time.Time) (*canvass.Campaign, canvass.Plan) {
	t.Helper()
	ctx := context.Background()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return clock })
	if err := demo.Build(ctx, camp, t.TempDir(), 1, nil); err != nil {
		t.Fatal(err)
	}
	plan, err := camp.BuildPlan(ctx, estRequest(100))
	if err != nil {
		t.Fatal(err)
	}
	return camp, plan
}

func estRequest(doors float64) canvass.PlanRequest {
	return canvass.PlanRequest{Name: "est", Level: "neighborhood", Layer: "quartiers", Areas: []string{"1"}, Measure: turf.Doors, Target: doors}
}

// exportSheet exports the field sheet of a turf and returns the results header its script would
// write (campaign, fingerprint, turf, plan), read from the page.
func exportSheet(t *testing.T, camp *canvass.Campaign, plan string, turf int) fieldresult.Results {
	t.Helper()
	paths, err := camp.Export(context.Background(), plan, canvass.ExportOptions{Dir: t.TempDir(), Formats: []string{export.Field}, Turfs: []int{turf}})
	if err != nil {
		t.Fatal(err)
	}
	return campaigntest.SheetResults(t, paths[0])
}

// door is the rank in the walk of turf's n-th knockable door, with its street id and number.
func door(t *testing.T, tf canvass.Turf, n int) (rank int, street, number string) {
	t.Helper()
	k := 0
	for _, s := range tf.Stops {
		for _, d := range s.Numbers {
			k++
			if d.DoNotKnock {
				continue
			}
			if n--; n < 0 {
				return k, s.StreetID, d.Number
			}
		}
	}
	t.Fatal("no such door")
	return
}

func importText(t *testing.T, camp *canvass.Campaign, text string) (canvass.OutcomeReport, error) {
	t.Helper()
	return camp.ImportOutcomes(context.Background(), strings.NewReader(text), "resultats.txt")
}

// streetWork reads the street's doors, doors knocked, answered and to revisit.
func streetWork(t *testing.T, camp *canvass.Campaign, id string) (doors, knocked, answered, revisit int) {
	t.Helper()
	streets, err := camp.Areas(context.Background(), "street")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range streets {
		if s.ID == id {
			if s.Answered == nil || s.Revisit == nil {
				return s.Doors, s.Knocked, -1, -1 // hidden: fewer than K voters
			}
			return s.Doors, s.Knocked, *s.Answered, *s.Revisit
		}
	}
	t.Fatalf("no street %s", id)
	return
}

// snapshot is what the store holds that an import could change: the audit trail, the opposition
// list, and every street's figures.
func snapshot(t *testing.T, camp *canvass.Campaign) string {
	t.Helper()
	ctx := context.Background()
	trail, err := camp.AuditTrail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := camp.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	streets, err := camp.Areas(ctx, "street")
	if err != nil {
		t.Fatal(err)
	}
	var work strings.Builder
	for _, s := range streets { // what field results change (election indicators are summed in map order)
		b, _ := json.Marshal([]any{s.ID, s.Doors, s.Knocked, s.Answered, s.Revisit, s.Coverage})
		work.Write(b)
	}
	return fmt.Sprintf("%d %s %d %s", len(trail), trail[len(trail)-1].Hash, st.Opposition, work.String())
}

func TestImportOutcomesRecordsDoorsAndObjections(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	res := exportSheet(t, camp, "est", 1)
	tf := plan.Turfs[0]
	codes := []string{"O", "A", "R", "N"}
	var street, nStreet, nNumber string
	want := map[string]int{} // on the first door's street: knocked, answered, revisit
	for i, code := range codes {
		rank, st, number := door(t, tf, i)
		if i == 0 {
			street = st
		}
		if code == "N" {
			nStreet, nNumber = st, number
		}
		res.Doors = append(res.Doors, fieldresult.DoorRecord{Door: rank, Outcome: code, At: fmt.Sprintf("2026-01-12T10:0%d", i)})
		if st == street {
			o, _ := fieldresult.OutcomeOf(code)
			for k, v := range map[string]bool{"knocked": o.Knocked, "answered": o.Answered, "revisit": o.Revisit} {
				if v {
					want[k]++
				}
			}
		}
	}
	doors0, knocked0, _, _ := streetWork(t, camp, street)
	res.Notes = []fieldresult.NoteRecord{{Stop: 1, Note: "D", At: "2026-01-12T10:00"}}
	text := fieldresult.Encode(res)
	before, err := camp.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importText(t, camp, text)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rebuilt || rep.Saved.Doors != 4 || rep.Saved.Notes != 1 || rep.Saved.Objections != 1 || len(rep.Unmatched) != 0 {
		t.Fatalf("report %+v: want 4 outcomes, 1 note, 1 objection, nothing unmatched", rep)
	}
	doors, knocked, answered, revisit := streetWork(t, camp, street)
	if knocked0 != 0 || knocked != want["knocked"] || doors != doors0 {
		t.Errorf("street %s: %d doors, knocked %d then %d; want 0 then %d", street, doors, knocked0, knocked, want["knocked"])
	}
	if answered >= 0 && (answered != want["answered"] || revisit != want["revisit"]) {
		t.Errorf("street %s: answered %d, revisit %d; want %d and %d", street, answered, revisit, want["answered"], want["revisit"])
	}
	after, err := camp.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Opposition != before.Opposition+1 {
		t.Errorf("opposition list %d then %d: the ne plus frapper door is not on it", before.Opposition, after.Opposition)
	}
	trail, _ := camp.AuditTrail(ctx)
	ops := map[audit.Op]int{}
	for _, e := range trail {
		ops[e.Operation]++
	}
	if ops[audit.OpImportOutcomes] != 1 || ops[audit.OpOppositionAdd] != 1 {
		t.Errorf("audit: %d import.outcomes, %d opposition.add; want 1 and 1", ops[audit.OpImportOutcomes], ops[audit.OpOppositionAdd])
	}

	// The same results again change nothing, the audit trail included.
	snap := snapshot(t, camp)
	rep, err = importText(t, camp, "Voici :\n"+strings.ReplaceAll(text, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Saved.Changed() || snapshot(t, camp) != snap {
		t.Errorf("the same results imported twice changed the store: %+v", rep.Saved)
	}

	// The objection reaches every later plan and sheet: the door is do-not-knock.
	again, err := camp.RerunPlan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	marked := false
	for _, tf := range again.Turfs {
		for _, s := range tf.Stops {
			for _, d := range s.Numbers {
				if s.StreetID == nStreet && d.Number == nNumber {
					marked = d.DoNotKnock
				}
			}
		}
	}
	if !marked {
		t.Errorf("door %s %s said ne plus frapper but is not do-not-knock in the plan built again", nNumber, nStreet)
	}
	dir := t.TempDir()
	paths, err := camp.Export(ctx, "est", canvass.ExportOptions{Dir: dir, Formats: []string{"field"}})
	if err != nil {
		t.Fatal(err)
	}
	struck := 0
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		struck += strings.Count(string(b), `<li class="nk"><s>`+nNumber+`</s>`)
	}
	if struck == 0 {
		t.Errorf("no sheet strikes out door %s", nNumber)
	}
}

func TestImportOutcomesRefusesBadResults(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	good := exportSheet(t, camp, "est", 1)
	d1, _, _ := door(t, plan.Turfs[0], 0)
	good.Doors = []fieldresult.DoorRecord{{Door: d1, Outcome: "N", At: "2026-01-12T10:01"}}
	text := fieldresult.Encode(good)
	if _, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "ouest", Level: "neighborhood", Layer: "quartiers",
		Areas: []string{"2"}, Measure: turf.Doors, Target: 100}); err != nil {
		t.Fatal(err)
	}
	other := exportSheet(t, camp, "ouest", 1)
	with := func(change func(*fieldresult.Results)) string {
		r := good
		r.Doors = append([]fieldresult.DoorRecord(nil), good.Doors...)
		change(&r)
		return fieldresult.Encode(r)
	}
	turfDoors := 0
	for _, s := range plan.Turfs[0].Stops {
		turfDoors += len(s.Numbers)
	}
	// A campaign created at another moment is another campaign file.
	elsewhere, _ := fieldCampaign(t, time.Date(2026, 1, 11, 9, 0, 0, 0, time.UTC))
	foreign := exportSheet(t, elsewhere, "est", 1)
	cases := []struct{ name, text, want string }{
		{"cut", text[:len(text)-12], "checksum"},
		{"edited", strings.Replace(text, " N ", " O ", 1), "cut or edited"},
		{"wrong plan", with(func(r *fieldresult.Results) { r.Fingerprint = other.Fingerprint }), "matches no field sheet of plan \"est\""},
		{"unknown turf", with(func(r *fieldresult.Results) { r.Turf = 99 }), "has no turf 99"},
		{"door outside the turf", with(func(r *fieldresult.Results) { r.Doors[0].Door = turfDoors + 1 }),
			fmt.Sprintf("door %d is not on the sheet", turfDoors+1)},
		{"stop outside the turf", with(func(r *fieldresult.Results) {
			r.Notes = []fieldresult.NoteRecord{{Stop: 99, Note: "F", At: "2026-01-12T10:00"}}
		}), "stop 99 is not on the sheet"},
		{"outcome not in the list", with(func(r *fieldresult.Results) { r.Doors[0].Outcome = "X" }), `"X" is not a door outcome`},
		{"another campaign", with(func(r *fieldresult.Results) { r.Campaign = foreign.Campaign }), "another campaign file"},
		{"huge", text + strings.Repeat("\n", fieldresult.MaxSize), "larger than"},
	}
	for _, c := range cases {
		before := snapshot(t, camp)
		_, err := importText(t, camp, c.text)
		var fe *data.InputError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "resultats.txt: ") {
			t.Errorf("%s: got %v, want a results error naming the file, with %q", c.name, err, c.want)
		}
		if snapshot(t, camp) != before {
			t.Errorf("%s: refused results changed the store", c.name)
		}
	}
	// A deleted plan's results.
	if err := camp.DeletePlan(ctx, "est"); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, camp)
	if _, err := importText(t, camp, text); err == nil || !strings.Contains(err.Error(), `no plan "est"`) {
		t.Errorf("results of a deleted plan: got %v", err)
	}
	if snapshot(t, camp) != before {
		t.Error("results of a deleted plan changed the store")
	}
}

func TestImportOutcomesAfterARerunMatchByAddress(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	res := exportSheet(t, camp, "est", 2)
	tf := plan.Turfs[1]
	d1, street, number := door(t, tf, 0)
	d2, _, _ := door(t, tf, 5)
	res.Doors = []fieldresult.DoorRecord{{Door: d1, Outcome: "T", At: "2026-01-12T10:01"}, {Door: d2, Outcome: "N", At: "2026-01-12T10:05"}}
	text := fieldresult.Encode(res)

	// Built again in smaller turfs: the doors move to other turfs, and are found by address.
	rebuilt, err := camp.BuildPlan(ctx, estRequest(40))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importText(t, camp, text)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || rep.Saved.Doors != 2 || rep.Saved.Objections != 1 || len(rep.Unmatched) != 0 {
		t.Fatalf("report %+v: want the plan seen as rebuilt, both doors recorded, one objection", rep)
	}
	if _, knocked, _, _ := streetWork(t, camp, street); knocked < 1 {
		t.Errorf("street %s: no door knocked after importing into the rebuilt plan", street)
	}
	late, err := camp.OverdueTurfs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 0 {
		t.Errorf("overdue without any date: %+v", late)
	}
	// The turf that now holds the door has results; another turf dated yesterday has not.
	holder := 0
	for _, t2 := range rebuilt.Turfs {
		for _, s := range t2.Stops {
			for _, d := range s.Numbers {
				if s.StreetID == street && d.Number == number {
					holder = t2.ID
				}
			}
		}
	}
	idle := 1
	if holder == 1 {
		idle = 2
	}
	for _, id := range []int{holder, idle} {
		if err := camp.AssignTurf(ctx, "est", id, "Équipe A", "2026-01-09"); err != nil {
			t.Fatal(err)
		}
	}
	late, err = camp.OverdueTurfs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 1 || late[0].Turf != idle || late[0].Plan != "est" || late[0].Date != "2026-01-09" {
		t.Errorf("overdue turfs %+v, want only turf %d (turf %d has results)", late, idle, holder)
	}

	// Built on another area: the doors are no longer in the plan. They are reported, not dropped
	// silently, and the objection is kept all the same.
	res.Doors = []fieldresult.DoorRecord{{Door: d1, Outcome: "O", At: "2026-01-13T11:00"}, {Door: d2, Outcome: "N", At: "2026-01-12T10:05"}}
	text = fieldresult.Encode(res)
	req := estRequest(100)
	req.Areas = []string{"3"}
	if _, err := camp.BuildPlan(ctx, req); err != nil {
		t.Fatal(err)
	}
	rep, err = importText(t, camp, text)
	if err != nil {
		t.Fatal(err)
	}
	why := map[int]string{}
	for _, u := range rep.Unmatched {
		why[u.Door] = u.Reason
	}
	if len(why) != 2 || why[d1] != "no longer in plan est" || rep.Saved.Doors != 0 ||
		why[d2] != "no longer in plan est; the objection is on the opposition list all the same" {
		t.Errorf("report %+v: want both doors reported as no longer in the plan, none recorded", rep)
	}
}

func TestDoorResultsAndStreetEntriesAreNotCountedTwice(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	res := exportSheet(t, camp, "est", 1)
	tf := plan.Turfs[0]
	d1, street, _ := door(t, tf, 0)
	d2, street2, _ := door(t, tf, 1)
	if street2 != street {
		t.Fatal("the first two doors of turf 1 are on different streets: the demo changed, choose two doors of one street")
	}
	// The organizer typed 2 doors for the street, then the sheet came back with the same 2.
	if err := camp.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: street, Knocked: 2, Answered: 1}); err != nil {
		t.Fatal(err)
	}
	if _, knocked, _, _ := streetWork(t, camp, street); knocked != 2 {
		t.Fatalf("street %s knocked %d after a per-street entry of 2", street, knocked)
	}
	res.Doors = []fieldresult.DoorRecord{{Door: d1, Outcome: "O", At: "2026-01-12T10:01"}, {Door: d2, Outcome: "A", At: "2026-01-12T10:02"}}
	if _, err := importText(t, camp, fieldresult.Encode(res)); err != nil {
		t.Fatal(err)
	}
	if _, knocked, _, _ := streetWork(t, camp, street); knocked != 2 {
		t.Errorf("street %s knocked %d with the same 2 doors typed and reported: counted twice", street, knocked)
	}
	// A per-street entry of another plan's turf still counts, spread over the doors not reported.
	if _, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "rue", Level: "street", Areas: []string{street}, Measure: turf.Doors, Target: 1000}); err != nil {
		t.Fatal(err)
	}
	if err := camp.RecordOutcome(ctx, "rue", 1, canvass.Outcome{StreetID: street, Knocked: 3}); err != nil {
		t.Fatal(err)
	}
	doors, knocked, _, _ := streetWork(t, camp, street)
	if want := min(doors, 2+3); knocked != want {
		t.Errorf("street %s (%d doors) knocked %d, want 2 reported + 3 typed in another plan = %d", street, doors, knocked, want)
	}
}

func TestRevisitRuleChoosesAreas(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	res := exportSheet(t, camp, "est", 1)
	d1, _, _ := door(t, plan.Turfs[0], 0)
	revisit := func() (canvass.Plan, error) {
		return camp.BuildPlan(ctx, canvass.PlanRequest{Name: "revoir", Level: "neighborhood", Layer: "quartiers", Rule: "revisit > 0",
			Measure: turf.Doors, Target: 100})
	}
	if _, err := revisit(); err == nil {
		t.Error("revisit > 0 chose areas before any door was reported")
	}
	res.Doors = []fieldresult.DoorRecord{{Door: d1, Outcome: "A", At: "2026-01-12T10:01"}}
	if _, err := importText(t, camp, fieldresult.Encode(res)); err != nil {
		t.Fatal(err)
	}
	p, err := revisit()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Areas, ",") != "1" {
		t.Errorf("revisit > 0 chose %v, want quartier 1 where a door was absent", p.Areas)
	}
	// Once the door answers, it no longer needs a visit.
	res.Doors[0] = fieldresult.DoorRecord{Door: d1, Outcome: "O", At: "2026-01-14T18:00"}
	if _, err := importText(t, camp, fieldresult.Encode(res)); err != nil {
		t.Fatal(err)
	}
	if _, err := revisit(); err == nil {
		t.Error("revisit > 0 still chose areas after the absent door answered")
	}
}
