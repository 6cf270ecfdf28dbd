package areas

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

func pct(x float64) *float64 { return &x }

// town is an invented campaign: two constituencies; three quartiers and a polling station in
// them; four streets, one too small to show its abstention (K = 10).
var town = map[string][]canvass.AreaStats{
	"constituency": {
		{ID: "9901", Name: "Valbrune Nord", Level: "constituency", Layer: "circonscriptions", Voters: 2410, Doors: 1012, Stations: 4, Abstention: pct(0.421), Coverage: 0.12},
		{ID: "9902", Name: "Valbrune Sud", Level: "constituency", Layer: "circonscriptions", Voters: 1389, Doors: 620, Stations: 3, Abstention: pct(0.488)},
	},
	"neighborhood": {
		{ID: "0001", Name: "MAIRIE - SALLE DU CONSEIL", Level: "neighborhood", Layer: "bureaux", Voters: 704, Doors: 302, Stations: 1, Abstention: pct(0.447), Parents: map[string]string{"circonscriptions": "9901"}},
		{ID: "1", Name: "Centre-Bourg", Level: "neighborhood", Layer: "quartiers", Voters: 1269, Doors: 523, Stations: 2, Abstention: pct(0.512), Coverage: 0.3, Parents: map[string]string{"circonscriptions": "9901"}},
		{ID: "2", Name: "La Gare", Level: "neighborhood", Layer: "quartiers", Voters: 859, Doors: 387, Stations: 2, Abstention: pct(0.477), Parents: map[string]string{"circonscriptions": "9901"}},
		{ID: "3", Name: "Les Tilleuls", Level: "neighborhood", Layer: "quartiers", Voters: 1642, Doors: 722, Stations: 3, Abstention: pct(0.372), Parents: map[string]string{"circonscriptions": "9902"}},
	},
	"street": {
		{ID: "99501_0020", Name: "Allée des Charmes", Level: "street", Layer: "ban", Voters: 6, Doors: 4, Stations: 1, Hidden: true, Parents: map[string]string{"quartiers": "1", "circonscriptions": "9901"}},
		{ID: "99501_0100", Name: "Rue des Pères", Level: "street", Layer: "ban", Voters: 172, Doors: 51, Stations: 1, Abstention: pct(0.345), Parents: map[string]string{"quartiers": "1", "circonscriptions": "9901"}},
		{ID: "99501_0040", Name: "Avenue de la Gare", Level: "street", Layer: "ban", Voters: 80, Doors: 46, Stations: 2, Abstention: pct(0.433), Parents: map[string]string{"quartiers": "2", "circonscriptions": "9901"}},
		{ID: "99501_0300", Name: "Chemin de Bellevue", Level: "street", Layer: "ban", Voters: 38, Doors: 26, Stations: 2, Abstention: pct(0.431), Parents: map[string]string{"quartiers": "3", "circonscriptions": "9902"}},
	},
}

// fake serves town, or err; while gate is not nil every read waits on it.
type fake struct {
	areas map[string][]canvass.AreaStats
	err   error
	gate  chan struct{}
	reads chan string
}

func (f *fake) Areas(ctx context.Context, level string) ([]canvass.AreaStats, error) {
	if f.gate != nil {
		<-f.gate
	}
	if f.reads != nil {
		f.reads <- level
	}
	return slices.Clone(f.areas[level]), f.err
}

func (f *fake) Settings(context.Context) (canvass.Settings, error) {
	return canvass.Settings{MinUnitVoters: 10}, nil
}

// screen is an Areas screen on a fake, driven like bubbletea drives it.
type screen struct {
	*Model
	h *tuitest.Harness
	// sent are the messages the screen's commands produced that were not its own.
	sent []tea.Msg
}

// newScreen is the screen in English on src.
func newScreen(t *testing.T, src Source, profile colorprofile.Profile) *screen {
	t.Helper()
	return newScreenLang(t, src, profile, i18n.New(i18n.English))
}

// newScreenLang is the screen on src in p's language.
func newScreenLang(t *testing.T, src Source, profile colorprofile.Profile, p *i18n.Printer) *screen {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := &screen{Model: New(common.New(ctx, common.NewStyles(profile), p), src, "map", "plan")}
	s.SetSize(80, 20)
	var sc common.Screen = s.Model
	s.h = tuitest.New(t, func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case MarkedMsg, common.GoMsg:
			s.sent = append(s.sent, msg)
			return nil
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() { // tea.Sequence: run in order, as bubbletea does
				if c := v.Index(i).Interface().(tea.Cmd); c != nil {
					s.h.Send(c())
				}
			}
			return nil
		}
		var cmd tea.Cmd
		sc, cmd = sc.Update(msg)
		return cmd
	})
	return s
}

// open enters the screen on town and waits for the constituencies.
func open(t *testing.T) *screen {
	t.Helper()
	s := newScreen(t, &fake{areas: town}, colorprofile.ASCII)
	s.h.Run(s.Enter())
	s.h.Until("the constituencies", func() bool { return strings.Contains(s.view(), "Valbrune Nord") })
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// ids are the ids of the rows shown, in order.
func (s *screen) ids() []string {
	var out []string
	for _, a := range s.rows {
		out = append(out, a.ID)
	}
	return out
}

func (s *screen) waitRows(t *testing.T, want ...string) {
	t.Helper()
	s.h.Until(strings.Join(want, ","), func() bool { return slices.Equal(s.ids(), want) })
}

func TestDownAndUp(t *testing.T) {
	s := open(t)
	if got := s.ids(); !slices.Equal(got, []string{"9901", "9902"}) {
		t.Fatalf("constituencies %v", got)
	}
	s.h.Press("enter") // into 9901
	s.waitRows(t, "0001", "1", "2")
	if v := s.view(); !strings.Contains(v, "› circonscriptions 9901 Valbrune Nord") || strings.Contains(v, "Les Tilleuls") {
		t.Errorf("inside 9901 the view should name it and hold only its neighborhoods:\n%s", v)
	}
	s.h.Press("down", "enter") // into quartier 1
	s.waitRows(t, "99501_0020", "99501_0100")
	s.h.Press("enter")
	if !strings.Contains(s.view(), "Streets are the last level") {
		t.Errorf("enter on a street should say there is nothing below:\n%s", s.view())
	}
	s.h.Press("backspace")
	s.waitRows(t, "0001", "1", "2")
	if a, _ := s.current(); a.ID != "1" {
		t.Errorf("back up, the cursor is on %q, want the quartier gone down from", a.ID)
	}
	if handled, _ := s.Back(); !handled {
		t.Fatal("esc inside an area should go up, not leave the screen")
	}
	s.waitRows(t, "9901", "9902")
	if handled, _ := s.Back(); handled {
		t.Error("esc at the top should leave the screen")
	}
	s.h.Press("tab", "tab") // streets, all of them
	s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
	s.h.Press("h") // back to neighborhoods
	s.waitRows(t, "0001", "1", "2", "3")
	s.h.Press("l", "l") // wraps to constituencies
	s.waitRows(t, "9901", "9902")
}

func TestSort(t *testing.T) {
	s := open(t)
	s.h.Press("tab")
	s.waitRows(t, "0001", "1", "2", "3")
	s.h.Press("s") // id, ascending: numbers by their value, shorter first
	s.waitRows(t, "1", "2", "3", "0001")
	s.h.Press("s") // name
	s.waitRows(t, "1", "2", "3", "0001")
	s.h.Press("S")
	s.waitRows(t, "0001", "3", "2", "1")
	s.h.Press("s", "s") // layer, then voters, largest first
	s.waitRows(t, "3", "1", "2", "0001")
	if !strings.Contains(s.view(), "voters ▼") || !strings.Contains(s.view(), "sorted by voters, descending") {
		t.Errorf("the sort column should be marked:\n%s", s.view())
	}
	s.h.Press("down", "down", "S")
	s.waitRows(t, "0001", "2", "1", "3")
	if a, _ := s.current(); a.ID != "0001" {
		t.Errorf("after a sort the cursor should be on the first row, not on %q", a.ID)
	}

	// Hidden abstention sorts last in both directions.
	s.h.Press("tab")
	s.h.Until("streets", func() bool { return len(s.rows) == 4 && s.rows[0].Level == "street" })
	s.h.Press("s", "s", "s") // doors, stations, abstention
	s.waitRows(t, "99501_0040", "99501_0300", "99501_0100", "99501_0020")
	s.h.Press("S")
	s.waitRows(t, "99501_0100", "99501_0300", "99501_0040", "99501_0020")
}

func TestFilter(t *testing.T) {
	s := open(t)
	s.h.Press("tab", "tab")
	s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
	s.h.Press("/")
	if s.Mode() != common.ModeTyping {
		t.Fatal("/ should give the keys to the filter")
	}
	s.h.Press("p", "e", "r", "e", "s") // finds "Pères" without its accent
	s.waitRows(t, "99501_0100")
	s.h.Press("enter")
	if s.Mode() != common.ModeNormal || !strings.Contains(s.view(), "filter: peres") {
		t.Errorf("enter should keep the filter and give the keys back:\n%s", s.view())
	}
	s.h.Press("/", "backspace", "backspace", "backspace", "backspace", "backspace", "q") // q is text here
	s.waitRows(t)
	if !strings.Contains(s.view(), "No area matches the filter") {
		t.Errorf("an empty result should say why:\n%s", s.view())
	}
	s.h.Press("esc")
	s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
	if s.Mode() != common.ModeNormal || s.filter.Value() != "" {
		t.Error("esc in the filter should clear it")
	}
}

func TestMarks(t *testing.T) {
	s := open(t)
	s.h.Press("tab")
	s.waitRows(t, "0001", "1", "2", "3")
	s.h.Press("down", "space", "space") // quartiers 1 and 2; the cursor moves down after each
	want := MarkedMsg{Level: "neighborhood", Layer: "quartiers", IDs: []string{"1", "2"}}
	if got := s.Marked(); !reflect.DeepEqual(got, want) {
		t.Errorf("marked %+v, want %+v", got, want)
	}
	v := s.view()
	if !strings.Contains(v, "2 areas of quartiers marked for a plan: 910 doors, 2128 voters") ||
		strings.Count(v, "●") != 3 {
		t.Errorf("the marks should show on their rows and be summed:\n%s", v)
	}
	s.h.Press("up", "up", "up", "space") // the polling station: another layer
	if !strings.Contains(s.view(), "A plan takes areas of one layer") || len(s.Marked().IDs) != 2 {
		t.Errorf("marking another layer should be refused:\n%s", s.view())
	}
	for _, k := range []string{"m", "p"} {
		s.sent = nil
		s.h.Press(k)
		s.h.Settle()
		to := map[string]common.ScreenID{"m": "map", "p": "plan"}[k]
		want.To = to
		if len(s.sent) != 2 || !reflect.DeepEqual(s.sent[0], want) || s.sent[1] != (common.GoMsg{To: to}) {
			t.Errorf("%s sent %+v, want the marks to %s, then %s opened", k, s.sent, to, to)
		}
	}
	s.h.Press("down", "space") // unmark quartier 1
	if got := s.Marked().IDs; !slices.Equal(got, []string{"2"}) {
		t.Errorf("space on a marked area should unmark it: %v", got)
	}
	s.h.Press("x")
	if len(s.Marked().IDs) != 0 || strings.Contains(s.view(), "marked for a plan") {
		t.Errorf("x should clear the marks:\n%s", s.view())
	}
	s.sent = nil
	s.h.Press("m") // nothing marked: the map still learns the level
	s.h.Settle()
	if len(s.sent) == 0 || s.sent[0].(MarkedMsg).Level != "neighborhood" {
		t.Errorf("m with nothing marked sent %+v", s.sent)
	}
	noPlan := New(common.New(context.Background(), common.NewStyles(colorprofile.ASCII), nil), &fake{}, "map", "")
	if _, cmd := noPlan.Update(tuitest.Key("p")); cmd != nil || slices.ContainsFunc(noPlan.ShortHelp(), func(b key.Binding) bool {
		return b.Enabled() && b.Help().Key == "p"
	}) {
		t.Error("without a plan screen, p should do nothing and stay out of the help")
	}
}

func TestHiddenIndicators(t *testing.T) {
	s := open(t)
	if strings.Contains(s.view(), "hidden") {
		t.Errorf("no row is hidden here, yet the note shows:\n%s", s.view())
	}
	s.h.Press("tab", "tab")
	s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
	var charmes string
	for _, l := range strings.Split(s.view(), "\n") {
		if strings.Contains(l, "Allée des Ch") {
			charmes = l
		}
	}
	if !regexp.MustCompile(`\s6\s+4\s+1\s+—\s+0\.0%`).MatchString(charmes) {
		t.Errorf("a street under K should show — for its abstention: %q", charmes)
	}
	if !strings.Contains(s.view(), "— hidden: fewer voters than the campaign's minimum (K = 10)") {
		t.Errorf("the note on — should show with K:\n%s", s.view())
	}
}

func TestLoading(t *testing.T) {
	f := &fake{areas: town, gate: make(chan struct{})}
	s := newScreen(t, f, colorprofile.ASCII)
	s.h.Run(s.Enter())
	if !strings.Contains(s.view(), "Reading the constituencies…") {
		t.Errorf("a read in progress should show:\n%s", s.view())
	}
	close(f.gate)
	s.h.Until("the rows", func() bool { return len(s.rows) == 2 })

	bad := newScreen(t, &fake{err: errors.New("no campaign in this file: run canvass init")}, colorprofile.ASCII)
	bad.h.Run(bad.Enter())
	bad.h.Until("the error", func() bool {
		return strings.Contains(bad.view(), "✗ Could not read the areas: no campaign in this file")
	})

	empty := newScreen(t, &fake{areas: map[string][]canvass.AreaStats{}}, colorprofile.ASCII)
	empty.h.Run(empty.Enter())
	empty.h.Until("the guidance", func() bool {
		return strings.Contains(empty.view(), "No constituencies yet: import a layer of them")
	})
}

func TestReadsOncePerEnter(t *testing.T) {
	f := &fake{areas: town, reads: make(chan string, 16)}
	s := newScreen(t, f, colorprofile.ASCII)
	s.h.Run(s.Enter())
	s.h.Until("the rows", func() bool { return len(s.rows) == 2 })
	s.h.Press("tab", "shift+tab", "tab")
	s.waitRows(t, "0001", "1", "2", "3")
	s.h.Run(s.Enter()) // back from another screen: read again
	s.h.Settle()
	var reads []string
	for len(f.reads) > 0 {
		reads = append(reads, <-f.reads)
	}
	// The level shown first, then the others in the background; the same after the new Enter.
	count := map[string]int{}
	for _, level := range reads {
		count[level]++
	}
	if len(reads) == 0 || reads[0] != "constituency" || len(count) != 3 || count["constituency"] != 2 ||
		count["neighborhood"] != 2 || count["street"] != 2 {
		t.Errorf("reads %v, want the constituencies first, then each level once per Enter (two)", reads)
	}
}

// TestTabFindsLevelsReadInTheBackground: once the level shown is in, the others are read one
// after the other without a key; Tab then shows them without a read.
func TestTabFindsLevelsReadInTheBackground(t *testing.T) {
	f := &fake{areas: town, reads: make(chan string, 16)}
	s := newScreen(t, f, colorprofile.ASCII)
	s.h.Run(s.Enter())
	s.h.Until("every level", func() bool { return len(s.cache) == len(canvass.Levels) })
	s.h.Settle()
	for len(f.reads) > 0 {
		<-f.reads
	}
	s.h.Press("tab")
	if s.busy || len(s.rows) == 0 {
		t.Errorf("tab after the background reads: busy %v, %d rows; want the level at once", s.busy, len(s.rows))
	}
	s.h.Settle()
	if len(f.reads) != 0 {
		t.Errorf("%d reads after tab, want none", len(f.reads))
	}
}

func TestSizes(t *testing.T) {
	s := open(t)
	s.h.Press("tab", "tab")
	s.waitRows(t, "99501_0020", "99501_0100", "99501_0040", "99501_0300")
	s.h.Press("down", "space")
	for _, size := range [][2]int{{200, 60}, {80, 24}, {40, 12}, {20, 10}, {1, 1}, {0, 0}} {
		s.SetSize(size[0], size[1])
		tuitest.WantFits(t, "the streets", s.View(), size[0], size[1])
	}
	s.SetSize(40, 12)
	if v := s.view(); !strings.Contains(v, "Rue des Pè") || strings.Contains(v, "stations") {
		t.Errorf("at 40 columns the name stays and the least needed columns go:\n%s", v)
	}
}

func TestNoColor(t *testing.T) {
	drive := func(p colorprofile.Profile) string {
		s := newScreen(t, &fake{areas: town}, p)
		s.h.Run(s.Enter())
		s.h.Until("the rows", func() bool { return len(s.rows) == 2 })
		s.h.Press("tab", "tab")
		s.h.Until("the streets", func() bool { return len(s.rows) == 4 })
		s.h.Press("space", "/", "x")
		return s.View()
	}
	if !tuitest.HasColour(drive(colorprofile.TrueColor)) {
		t.Fatal("in colour the screen shows no colour: the test cannot tell")
	}
	if got := drive(colorprofile.ASCII); tuitest.HasColour(got) {
		t.Errorf("NO_COLOR, yet colours are written: %q", got)
	}
}

// TestStationLayers: the status names the polling stations among the rows, by their layer.
func TestStationLayers(t *testing.T) {
	n := 704
	rows := []canvass.AreaStats{{ID: "1", Layer: "quartiers"}, {ID: "0001", Layer: "bureaux", Listed: &n}, {ID: "0002", Layer: "bureaux", Listed: &n}}
	if got := stationLayers(i18n.New(i18n.English), rows); got != "2 polling stations (bureaux)" {
		t.Errorf("stationLayers = %q", got)
	}
	if got := stationLayers(i18n.New(i18n.French), rows); got != "2 bureaux de vote (bureaux)" {
		t.Errorf("stationLayers in French = %q", got)
	}
	if got := stationLayers(i18n.New(i18n.English), rows[:1]); got != "" {
		t.Errorf("no station: %q", got)
	}
}
