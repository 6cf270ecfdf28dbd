package tuitest

import (
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// GoldenScreenLangs compares a screen, made and driven in each language by build, with
// testdata/<test name>/<name>-<cols>x<rows>-<lang>.golden: at 80×24 in French and in English, and
// at 160×48 in French, whose labels are the longer. Each view gets the room the root leaves it
// and is cut as the root cuts it; go test -update rewrites the files.
func GoldenScreenLangs(t *testing.T, name string, build func(t *testing.T, p *i18n.Printer) Sized) {
	t.Helper()
	for _, l := range i18n.Langs {
		s := build(t, i18n.New(l))
		sizes := [][2]int{{80, 24}}
		if l == i18n.French {
			sizes = append(sizes, [2]int{160, 48})
		}
		for _, size := range sizes {
			w, h := size[0], size[1]-chrome
			s.SetSize(w, h)
			Golden(t, fmt.Sprintf("%s-%dx%d-%s", name, size[0], size[1], l), common.Fit(Plain(s.View()), w, h))
		}
	}
}
