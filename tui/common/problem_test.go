package common

import (
	"errors"
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

func TestProblem(t *testing.T) {
	refusal := policy.Refuse(5, "policy.purge.early", "End", "2027-04-30", "Today", "2026-11-26")
	for _, tc := range []struct {
		lang i18n.Lang
		what string
		err  error
		want string
	}{
		{i18n.English, "Nothing written", &canvass.RefusedError{Reason: "a rule on age", Rule: 1},
			"✗ Refused: a rule on age (rule 1: targeting stays at area level)"},
		{i18n.English, "Nothing written", fmt.Errorf("plan: %w", &canvass.RefusedError{Reason: "nobody qualifies", Rule: 1}),
			"✗ Refused: nobody qualifies (rule 1: targeting stays at area level)"},
		{i18n.French, "Rien d'écrit", fmt.Errorf("plan: %w", &canvass.RefusedError{Reason: "nobody qualifies", Rule: 1}),
			"✗ Refusé\u00a0: nobody qualifies (règle 1\u00a0: le ciblage reste à l'échelle des zones)"},
		{i18n.French, "Rien d'écrit", refusal, "✗ " + upperFirst(i18n.New(i18n.French).Error(refusal))},
		{i18n.English, "Nothing written", &canvass.UsageError{Problems: []i18n.Message{i18n.Msg("usage.text", "Text", "--date: expected YYYY-MM-DD"),
			i18n.Msg("usage.text", "Text", "--turfs 9: no such turf")}},
			"✗ --date: expected YYYY-MM-DD; --turfs 9: no such turf"},
		{i18n.English, "Nothing written", errors.New("disk full"), "✗ Nothing written: disk full"},
		{i18n.French, "Rien d'écrit", errors.New("disk full"), "✗ Rien d'écrit\u00a0: disk full"},
	} {
		if got := Problem(i18n.New(tc.lang), tc.what, tc.err); got != tc.want {
			t.Errorf("Problem(%s, %v) = %q, want %q", tc.lang, tc.err, got, tc.want)
		}
	}
}
