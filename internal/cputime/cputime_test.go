package cputime

import "testing"

func TestUsedGrows(t *testing.T) {
	before := Used()
	if before == 0 {
		t.Skip("the system does not tell the processor time")
	}
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	if after := Used(); after <= before {
		t.Errorf("Used went from %v to %v after a busy loop (%d)", before, after, x)
	}
}
