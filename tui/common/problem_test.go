package common

import (
	"errors"
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

func TestProblem(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&canvass.RefusedError{Reason: "a rule on age"}, "✗ Refused: a rule on age"},
		{fmt.Errorf("plan: %w", &canvass.RefusedError{Reason: "nobody qualifies"}), "✗ Refused: nobody qualifies"},
		{&canvass.UsageError{Problems: []i18n.Message{i18n.Msg("usage.text", "Text", "--date: expected YYYY-MM-DD"),
			i18n.Msg("usage.text", "Text", "--turfs 9: no such turf")}},
			"✗ --date: expected YYYY-MM-DD; --turfs 9: no such turf"},
		{errors.New("disk full"), "✗ Nothing written: disk full"},
	} {
		if got := Problem("Nothing written", tc.err); got != tc.want {
			t.Errorf("Problem(%v) = %q, want %q", tc.err, got, tc.want)
		}
		if got, want := ProblemText("Nothing written", tc.err), tc.want[len("✗ "):]; got != want {
			t.Errorf("ProblemText(%v) = %q, want %q", tc.err, got, want)
		}
	}
}
