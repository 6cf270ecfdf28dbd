package policy_test

import (
	"errors"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
)

func TestParseRole(t *testing.T) {
	for in, want := range map[string]policy.Role{"organisateur": policy.Organizer, "Chef d'équipe": policy.TeamLead,
		"chef": policy.TeamLead, "Bénévole": policy.Volunteer, "benevole": policy.Volunteer, "référent données": policy.DataOfficer,
		"DPO": policy.DataOfficer, "referent": policy.DataOfficer} {
		if got, ok := policy.ParseRole(in); !ok || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := policy.ParseRole("admin"); ok {
		t.Error("admin is no role")
	}
}

func TestPermit(t *testing.T) {
	org := policy.Member{Name: "Nadia", Role: policy.Organizer}
	lead := policy.Member{Name: "Karim", Role: policy.TeamLead, Areas: []string{"20-3", "77"}}
	vol := policy.Member{Name: "Équipe A", Role: policy.Volunteer}
	dpo := policy.Member{Name: "Inès", Role: policy.DataOfficer}
	inArea := policy.Scope{Areas: []policy.Area{{ID: "75120_0420", Parents: []string{"20-3", "7515"}}, {ID: "20-3"}}}
	outside := policy.Scope{Areas: []policy.Area{{ID: "75120_0420", Parents: []string{"20-3"}}, {ID: "20-4", Parents: []string{"7515"}}}}
	mine := policy.Scope{Turfs: []string{"equipe a", "Équipe-A"}}
	theirs := policy.Scope{Turfs: []string{"Équipe A", "Équipe B"}}
	unassigned := policy.Scope{Turfs: []string{""}}
	for _, tc := range []struct {
		who   policy.Member
		what  policy.Action
		scope policy.Scope
		ok    bool
	}{
		{org, policy.Purge, policy.Scope{}, true},
		{org, policy.Consents, policy.Scope{}, true},
		{org, policy.ExportStreets, outside, true},

		{lead, policy.BuildPlan, inArea, true},
		{lead, policy.BuildPlan, outside, false},
		{lead, policy.BuildPlan, policy.Scope{}, false}, // must say which areas
		{lead, policy.AssignTurf, inArea, true},
		{lead, policy.RecordOutcome, inArea, true},
		{lead, policy.ExportStreets, outside, false},
		{lead, policy.ReadStatus, policy.Scope{}, true},
		{lead, policy.RecordObjection, policy.Scope{}, true},
		{lead, policy.ReadVoters, inArea, false},
		{lead, policy.Consents, inArea, false},
		{lead, policy.ImportList, policy.Scope{}, false},
		{lead, policy.Purge, policy.Scope{}, false},
		{lead, policy.ManageTeam, policy.Scope{}, false},
		{lead, policy.ReadMap, inArea, false}, // the whole commune's addresses
		{org, policy.ReadMap, policy.Scope{}, true},
		{policy.Member{Name: "X", Role: "stagiaire"}, policy.ReadNotice, policy.Scope{}, false}, // no role, nothing

		{vol, policy.ReadPlan, mine, true},
		{vol, policy.ExportStreets, mine, true},
		{vol, policy.RecordOutcome, mine, true},
		{vol, policy.ReadPlan, theirs, false},
		{vol, policy.ReadPlan, unassigned, false},
		{vol, policy.ReadPlan, policy.Scope{}, false},
		{vol, policy.RecordObjection, policy.Scope{}, true},
		{vol, policy.ReadAreas, policy.Scope{}, false},
		{vol, policy.BuildPlan, inArea, false},
		{vol, policy.ReadVoters, mine, false},
		{vol, policy.ReadStatus, policy.Scope{}, false},

		{dpo, policy.ReadRegister, policy.Scope{}, true},
		{dpo, policy.ReadAudit, policy.Scope{}, true},
		{dpo, policy.ReadStatus, policy.Scope{}, true},
		{dpo, policy.CountPeople, policy.Scope{}, true},
		{dpo, policy.Consents, policy.Scope{}, false},
		{dpo, policy.ExportObjections, policy.Scope{}, false},
		{dpo, policy.PersonalLists, policy.Scope{}, false},
		{dpo, policy.ReadPlan, mine, false},
		{dpo, policy.Purge, policy.Scope{}, false},
	} {
		err := policy.Permit(tc.who, tc.what, tc.scope)
		var refused *policy.RefusedError
		if (err == nil) != tc.ok || (err != nil && !errors.As(err, &refused)) {
			t.Errorf("%s (%s) %s %+v: %v, want allowed %v", tc.who.Name, tc.who.Role, tc.what, tc.scope, err, tc.ok)
		}
	}
}
