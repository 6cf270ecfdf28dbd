package canvass_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// exempt are the methods of a handle that check no role: the handle itself, the clock, the
// public settings (controller, contact and K are printed on every notice and register), and the
// records of a session, which make every role accountable.
var exempt = map[string]bool{"As": true, "Member": true, "May": true, "Close": true, "Path": true, "Today": true,
	"SetClock": true, "OnWait": true, "Settings": true, "RetentionWarning": true, "LoggedIn": true, "LoggedOut": true,
	"RanCommand": true, "Viewed": true, "Watch": true}

// TestEveryOperationChecksTheRole calls every other exported method of a handle, with zero
// arguments, as a member whose role is none of the roles: each must refuse on entry, before it
// reads or writes anything. A new operation without the check fails here.
func TestEveryOperationChecksTheRole(t *testing.T) {
	camp, _ := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	nobody := camp.As(canvass.Member{Name: "Intrus", Role: "stagiaire"})
	v := reflect.ValueOf(nobody)
	ctx := reflect.ValueOf(context.Background())
	checked := 0
	for i := 0; i < v.NumMethod(); i++ {
		name := v.Type().Method(i).Name
		if exempt[name] {
			continue
		}
		m := v.Method(i)
		args := make([]reflect.Value, m.Type().NumIn())
		for j := range args {
			args[j] = reflect.Zero(m.Type().In(j))
			if m.Type().In(j).String() == "context.Context" {
				args[j] = ctx
			}
		}
		if m.Type().IsVariadic() {
			args = args[:len(args)-1]
		}
		out := m.Call(args)
		err, _ := out[len(out)-1].Interface().(error)
		var refused *canvass.RefusedError
		if !errors.As(err, &refused) {
			t.Errorf("%s: %v, want a refusal by role", name, err)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d operations checked", checked)
	}
	trail, err := camp.AuditTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Operation != audit.OpRefusedRole || last.Actor != "Intrus" {
		t.Errorf("last entry %s by %q: want a refusal by Intrus", last.Operation, last.Actor)
	}
}

// key makes a distinct valid OpenSSH public key line from a seed byte.
func key(t *testing.T, seed byte) string {
	t.Helper()
	raw := make([]byte, 32)
	raw[0] = seed
	pub, err := ssh.NewPublicKey(ed25519.PublicKey(raw))
	if err != nil {
		t.Fatal(err)
	}
	return string(ssh.MarshalAuthorizedKey(pub))
}

func TestTeamRoles(t *testing.T) {
	ctx := context.Background()
	camp, plan := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	if len(plan.Turfs) < 3 {
		t.Fatalf("plan est has %d turfs", len(plan.Turfs))
	}
	for _, m := range []canvass.TeamChange{
		{Name: "Karim", Role: "chef d'équipe", Areas: []string{"1"}, Key: key(t, 1)},
		{Name: "Équipe A", Role: "bénévole", Key: key(t, 2)},
		{Name: "Inès", Role: "DPO", Key: key(t, 3)},
	} {
		if _, err := camp.AddMember(ctx, m); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
	}
	for _, bad := range []canvass.TeamChange{
		{Name: "equipe a", Role: "benevole", Key: key(t, 4)},               // the same name, typed otherwise
		{Name: "Zoé", Role: "benevole", Key: key(t, 2)},                    // another's key
		{Name: "Zoé", Role: "chef", Key: key(t, 5)},                        // a team lead without areas
		{Name: "Zoé", Role: "chef", Areas: []string{"99"}, Key: key(t, 5)}, // an area that does not exist
		{Name: "Zoé", Role: "admin", Key: key(t, 5)},
		{Name: "Zoé", Role: "benevole", Key: "ssh-ed25519 notakey"},
	} {
		var usage *canvass.UsageError
		if _, err := camp.AddMember(ctx, bad); !errors.As(err, &usage) {
			t.Errorf("%+v: %v, want a usage error", bad, err)
		}
	}
	for _, id := range []int{1, 3} {
		if err := camp.AssignTurf(ctx, "est", id, "equipe a", "2026-01-20"); err != nil {
			t.Fatal(err)
		}
	}
	who := func(fp string) *canvass.Campaign {
		t.Helper()
		team, err := camp.Team(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range team {
			if m.Name == fp {
				member, err := camp.MemberByKey(ctx, m.Fingerprint)
				if err != nil {
					t.Fatal(err)
				}
				return camp.As(member)
			}
		}
		t.Fatalf("no member %s", fp)
		return nil
	}
	vol, lead, dpo := who("Équipe A"), who("Karim"), who("Inès")
	if _, err := camp.MemberByKey(ctx, "SHA256:nobody"); !errors.Is(err, canvass.ErrUnknownKey) {
		t.Errorf("unknown key: %v", err)
	}

	// A volunteer sees exactly their turfs, and records outcomes there only.
	p, err := vol.Plan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	if got := turfIDs(p.Turfs); !reflect.DeepEqual(got, []int{1, 3}) {
		t.Errorf("volunteer sees turfs %v, want [1 3]", got)
	}
	street := plan.Turfs[1].Stops[0].StreetID
	refused(t, "outcome on another's turf", vol.RecordOutcome(ctx, "est", 2, canvass.Outcome{StreetID: street, Knocked: 1}))
	if err := vol.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: plan.Turfs[0].Stops[0].StreetID, Knocked: 1}); err != nil {
		t.Errorf("outcome on their turf: %v", err)
	}
	refused(t, "assign", vol.AssignTurf(ctx, "est", 1, "Équipe A", "2026-01-21"))
	_, err = vol.Export(ctx, "est", canvass.ExportOptions{Dir: t.TempDir(), Turfs: []int{2}})
	refused(t, "export another's turf", err)
	paths, err := vol.Export(ctx, "est", canvass.ExportOptions{Dir: t.TempDir(), Formats: []string{"csv"}})
	if err != nil || len(paths) != 2 {
		t.Errorf("export of their turfs: %v, %d files", err, len(paths))
	}
	_, err = vol.Status(ctx)
	refused(t, "volunteer status", err)
	_, err = vol.Areas(ctx, "neighborhood")
	refused(t, "volunteer areas", err)

	// A team lead plans within their areas only.
	areas, err := lead.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.ID != "1" && !slicesContains(a.Parents, "1") {
			t.Errorf("team lead sees area %s (%s)", a.ID, a.Layer)
		}
	}
	_, err = lead.BuildPlan(ctx, canvass.PlanRequest{Name: "nord", Level: "neighborhood", Layer: "quartiers", Areas: []string{"2"}, Target: 100})
	refused(t, "plan outside their areas", err)
	if _, err := lead.BuildPlan(ctx, canvass.PlanRequest{Name: "nord", Level: "neighborhood", Layer: "quartiers", Areas: []string{"1"}, Target: 100}); err != nil {
		t.Errorf("plan in their area: %v", err)
	}
	if err := lead.AssignTurf(ctx, "est", 2, "Équipe B", "2026-01-22"); err != nil {
		t.Errorf("team lead assigns in their area: %v", err)
	}
	_, err = lead.CheckConsent(ctx, canvass.Identity{}, "2026-01-22")
	refused(t, "team lead consents", err)
	st, err := lead.Status(ctx)
	if err != nil || st.Consents != 0 || st.Opposition != 0 || !st.PeopleHidden {
		t.Errorf("team lead status: %v, %d consents, %d objections shown", err, st.Consents, st.Opposition)
	}

	// A data officer reads the register and the trail, no plan.
	if _, err := dpo.Register(ctx); err != nil {
		t.Errorf("register: %v", err)
	}
	_, err = dpo.Plans(ctx)
	refused(t, "data officer plans", err)
	_, err = dpo.Purge(ctx, canvass.PurgeOptions{Force: true})
	refused(t, "data officer purge", err)

	// Every act names who did it; the chain verifies with the names in it.
	trail, err := camp.AuditTrail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	by := map[audit.Op]string{}
	for _, e := range trail {
		by[e.Operation] = e.Actor
	}
	for op, want := range map[audit.Op]string{audit.OpPlanOutcome: "Équipe A", audit.OpPlanAssign: "Karim",
		audit.OpPlan: "Karim", audit.OpTeamAdd: "", audit.OpRefusedRole: "Inès"} {
		if by[op] != want {
			t.Errorf("last %s by %q, want %q", op, by[op], want)
		}
	}
	if chk, err := camp.VerifyAudit(ctx); err != nil || !chk.Intact {
		t.Errorf("audit: %+v, %v", chk, err)
	}

	// Team changes.
	if err := camp.SetRole(ctx, canvass.TeamChange{Name: "équipe a", Role: "referent"}); err != nil {
		t.Fatal(err)
	}
	if err := camp.RemoveMember(ctx, "KARIM"); err != nil {
		t.Fatal(err)
	}
	team, _ := camp.Team(ctx)
	if len(team) != 2 || team[0].Role != string(policy.DataOfficer) {
		t.Errorf("team after changes: %+v", team)
	}
}

func TestConflicts(t *testing.T) {
	ctx := context.Background()
	camp, _ := fieldCampaign(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	for i, name := range []string{"Karim", "Lou"} {
		if _, err := camp.AddMember(ctx, canvass.TeamChange{Name: name, Role: "chef", Areas: []string{"1"}, Key: key(t, byte(10+i))}); err != nil {
			t.Fatal(err)
		}
	}
	karim := camp.As(canvass.Member{Name: "Karim", Role: policy.TeamLead, Areas: []string{"1"}})
	lou := camp.As(canvass.Member{Name: "Lou", Role: policy.TeamLead, Areas: []string{"1"}})
	seen, err := karim.Plan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	t1 := seen.Turfs[0]
	street := t1.Stops[0].StreetID
	// Both read turf 1; Lou saves first; Karim's save over what he read is refused, and Lou's stays.
	if err := lou.AssignTurf(ctx, "est", 1, "Équipe B", "2026-01-20", t1); err != nil {
		t.Fatal(err)
	}
	var conflict *canvass.ConflictError
	err = karim.AssignTurf(ctx, "est", 1, "Équipe C", "2026-01-21", t1)
	if !errors.As(err, &conflict) || conflict.By != "Lou" || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("second assignment: %v", err)
	}
	if err := lou.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: street, Knocked: 2}, t1); err != nil {
		t.Fatal(err)
	}
	if err := karim.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: street, Knocked: 1}, t1); !errors.As(err, &conflict) {
		t.Errorf("second outcome: %v", err)
	}
	now, _ := camp.Plan(ctx, "est")
	if got := now.Turfs[0]; got.Volunteer != "Équipe B" || len(got.Outcomes) != 1 || got.Outcomes[0].Knocked != 2 {
		t.Errorf("turf 1 now %s with %+v: Lou's changes must stay", got.Volunteer, got.Outcomes)
	}
	// Read again, Karim's change goes through.
	if err := karim.RecordOutcome(ctx, "est", 1, canvass.Outcome{StreetID: street, Knocked: 1}, now.Turfs[0]); err != nil {
		t.Errorf("outcome over what is there now: %v", err)
	}
}

func refused(t *testing.T, what string, err error) {
	t.Helper()
	var r *canvass.RefusedError
	if !errors.As(err, &r) {
		t.Errorf("%s: %v, want a refusal by role", what, err)
	}
}

func turfIDs(ts []canvass.Turf) []int {
	var ids []int
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}

func slicesContains(m map[string]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}
