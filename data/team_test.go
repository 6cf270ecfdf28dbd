package data

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/audit"
)

// TestAuditActor: the member who did an act is hashed with it, so that their name cannot be
// changed or removed unseen; entries without one keep the hash they always had.
func TestAuditActor(t *testing.T) {
	s, path := auditStore(t, 2)
	ctx := WithActor(context.Background(), "Karim")
	if err := s.AppendAudit(ctx, audit.PlanDelete{Name: "by Karim"}); err != nil {
		t.Fatal(err)
	}
	trail, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if trail[1].Actor != "" || trail[2].Actor != "Karim" {
		t.Fatalf("actors %q, %q", trail[1].Actor, trail[2].Actor)
	}
	if chk, _ := s.VerifyAudit(context.Background()); !chk.Intact {
		t.Fatalf("trail with an actor: %+v", chk)
	}
	for _, q := range []string{"UPDATE audit SET actor = 'Nadia' WHERE id = 3", "UPDATE audit SET actor = 'Nadia' WHERE id = 1"} {
		tamper(t, path, q)
		if chk, _ := s.VerifyAudit(context.Background()); chk.Intact {
			t.Errorf("%s: the trail still verifies", q)
		}
		tamper(t, path, "UPDATE audit SET actor = CASE id WHEN 3 THEN 'Karim' ELSE '' END")
	}
}

func TestTeamStore(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	m := Member{Name: "Karim", Role: "chef", Areas: []string{"1"}, Key: "ssh-ed25519 AAAA", Fingerprint: "SHA256:k"}
	if err := s.AddMember(ctx, m, "karim", audit.TeamAdd{Name: "Karim"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMember(ctx, Member{Name: "KARIM", Fingerprint: "SHA256:x"}, "karim", audit.TeamAdd{}); !errors.Is(err, ErrMemberExists) {
		t.Errorf("the same name again: %v", err)
	}
	if err := s.AddMember(ctx, Member{Name: "Lou", Fingerprint: "SHA256:k"}, "lou", audit.TeamAdd{}); !errors.Is(err, ErrKeyTaken) {
		t.Errorf("another's key: %v", err)
	}
	got, err := s.MemberByKey(ctx, "SHA256:k")
	if err != nil || got.Name != "Karim" || len(got.Areas) != 1 {
		t.Errorf("by key: %+v, %v", got, err)
	}
	if err := s.SetMemberRole(ctx, "karim", "benevole", nil, func(was Member) audit.TeamRole {
		return audit.TeamRole{Name: was.Name, Old: was.Role, New: "benevole"}
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveMember(ctx, "karim", audit.TeamRemove{Name: "Karim"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MemberByKey(ctx, "SHA256:k"); !errors.Is(err, ErrNoMember) {
		t.Errorf("a removed member's key: %v", err)
	}
	trail, _ := s.Audit(ctx)
	var ops []audit.Op
	for _, e := range trail {
		ops = append(ops, e.Operation)
	}
	if len(ops) != 3 || ops[0] != audit.OpTeamAdd || ops[1] != audit.OpTeamRole || ops[2] != audit.OpTeamRemove {
		t.Errorf("team changes audited as %v", ops)
	}
}

// TestWatch: a change committed through another connection is reported, once.
func TestWatch(t *testing.T) {
	s := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes, err := s.Watch(ctx, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.AppendAudit(context.Background(), audit.PlanDelete{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("the change was not reported")
	}
	select {
	case <-changes:
		t.Error("one change reported twice")
	case <-time.After(200 * time.Millisecond):
	}
	cancel()
	for range changes { // closed once ctx is done
	}
}
