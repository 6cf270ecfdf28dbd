package tuitest

import (
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// GoldenLang compares what render draws in language lang in an 80×24 terminal with
// testdata/<test name>/<name>-80x24-<lang>.golden; in English, also in a 160×48 terminal with
// <name>-160x48-en.golden. The goldens are kept in both languages at 80×24, the smallest size
// the interface is made for, where the longer French labels must still fit.
func GoldenLang(t testing.TB, name string, lang i18n.Lang, render func(cols, rows int) string) {
	t.Helper()
	sizes := [][2]int{{80, 24}}
	if lang == i18n.English {
		sizes = append(sizes, [2]int{160, 48})
	}
	for _, size := range sizes {
		Golden(t, fmt.Sprintf("%s-%dx%d-%s", name, size[0], size[1], lang), render(size[0], size[1]))
	}
}

// GoldenScreenLang is GoldenLang for one screen, as GoldenScreen sizes and cuts it.
func GoldenScreenLang(t testing.TB, name string, lang i18n.Lang, s Sized) {
	t.Helper()
	GoldenLang(t, name, lang, func(cols, rows int) string {
		w, h := cols, rows-chrome
		s.SetSize(w, h)
		return common.Fit(Plain(s.View()), w, h)
	})
}

// GoldenScreenLangs is GoldenScreenLang in each language, the screen made and driven in that
// language by build.
func GoldenScreenLangs(t *testing.T, name string, build func(t *testing.T, p *i18n.Printer) Sized) {
	t.Helper()
	for _, l := range i18n.Langs {
		GoldenScreenLang(t, name, l, build(t, i18n.New(l)))
	}
}
