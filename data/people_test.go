package data

import (
	"context"
	"testing"
)

func TestVotersBornIn(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.ImportList(ctx, "testdata/list/reu-99999.csv", nil); err != nil {
		t.Fatal(err)
	}
	all, err := s.VotersBornIn(ctx, nil)
	if err != nil || len(all) == 0 {
		t.Fatalf("every voter: %d, %v", len(all), err)
	}
	none, err := s.VotersBornIn(ctx, []string{})
	if err != nil || len(none) != 0 {
		t.Errorf("no year: %d voters, %v", len(none), err)
	}
	some, err := s.VotersBornIn(ctx, []string{"1979", "1961"})
	if err != nil || len(some) == 0 || len(some) >= len(all) {
		t.Fatalf("born in 1979 or 1961: %d of %d, %v", len(some), len(all), err)
	}
	for _, v := range some {
		if y := v.BirthDate[:4]; y != "1979" && y != "1961" {
			t.Errorf("voter of line %d born %s", v.Line, v.BirthDate)
		}
	}
}

func TestWithdrawConsentsByID(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, given := range []string{"Aurore", "Bérénice"} {
		if err := s.AddConsent(ctx, Consent{Contact: Identity{BirthName: "EXEMPLEAU", GivenNames: given, BirthDate: "1979-03-17"},
			Kind: "regular", Channel: ChannelDoor, Purpose: "communication politique", Controller: "C", GivenOn: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Consents(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("consents: %v, %v", all, err)
	}
	for _, want := range []int{1, 0} { // the second time it is withdrawn already
		if n, err := s.WithdrawConsents(ctx, []int64{all[0].ID}, "2027-01-02"); err != nil || n != want {
			t.Errorf("withdraw: %d, %v; want %d", n, err, want)
		}
	}
	after, _ := s.Consents(ctx)
	if after[0].WithdrawnOn != "2027-01-02" || after[1].WithdrawnOn != "" {
		t.Errorf("withdrawals: %q, %q", after[0].WithdrawnOn, after[1].WithdrawnOn)
	}
}
