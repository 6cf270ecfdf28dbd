package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/dashboard"
	"github.com/campagne-fr/porteaporte/tui/importer"
)

// TestPanicInBackgroundWorkIsShownAndTheInterfaceGoesOn: an import that panics (as a worker of
// the planner did on a NaN start) neither ends the program nor leaves the Import screen busy: the
// error is shown, and the keys work again.
func TestPanicInBackgroundWorkIsShownAndTheInterfaceGoesOn(t *testing.T) {
	r := newRoot(t, setup{run: func(context.Context, importer.Request, canvass.ProgressFunc) (canvass.Report, error) {
		panic("index out of range [-1]")
	}})
	r.toImport(t)
	r.h.Press("enter") // liste.csv
	r.waitFor(t, "electoral list (REU extract)")
	r.h.Press("enter")
	r.waitFor(t, "Internal error in Import, recovered: index out of range [-1]")
	if r.h.Quits() {
		t.Fatal("the interface quit")
	}
	if r.screen().Mode() == common.ModeBusy {
		t.Fatal("the Import screen still waits for the import that panicked")
	}
	r.waitFor(t, "liste.csv") // a fresh picker
	r.h.Press("esc")
	if r.active != dashboard.ID {
		t.Errorf("esc after the recovered panic did not go back to the dashboard:\n%s", r.view())
	}
	if strings.Contains(r.view(), "Internal error") {
		t.Error("the error stays after the next key")
	}
}

func TestGuardRecoversBatches(t *testing.T) {
	boom := func() tea.Msg { panic("boom") }
	msg := guard("x", tea.Batch(func() tea.Msg { return nil }, boom))()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		t.Fatalf("guard of a batch gave %T", msg)
	}
	got := batch[len(batch)-1]()
	if p, ok := got.(panicMsg); !ok || p.screen != "x" || p.value != "boom" {
		t.Errorf("a panicking command of a batch gave %#v, want a panicMsg of screen x", got)
	}
}
