package planner

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// PeopleMsg opens the form on a personal visit list of the people in a request file: the Import
// screen sends it for a file that names people to visit, since such a file is a request, not
// data to keep.
type PeopleMsg struct{ Path string }

// ScreenID sends the message to the Plan builder.
func (PeopleMsg) ScreenID() common.ScreenID { return ID }

// personal is a personal visit list on screen: the policy's answer and the files written.
type personal struct {
	list      canvass.PersonalList
	requested int
	files     []string
}

// personalMsg ends the making of a personal list; on a refusal list still has the counts.
type personalMsg struct {
	list      canvass.PersonalList
	requested int
	files     []string
	err       error
}

func (personalMsg) ScreenID() common.ScreenID { return ID }

// people opens the form on a personal list of the people in path.
func (m *Model) people(msg PeopleMsg) tea.Cmd {
	if m.step == stepWorking {
		return nil
	}
	f := &m.form
	f.kind, f.pending = 1, nil
	f.people.SetValue(msg.Path)
	if strings.TrimSpace(f.name.Value()) == "" {
		f.name.SetValue(baseName(msg.Path))
	}
	cmd := m.toForm()
	f.focus = indexOf(f.fields(), fieldDay)
	return tea.Batch(cmd, f.syncFocus())
}

// baseName is a file's name without its extension, a list's default name.
func baseName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// buildPersonal checks the personal list's form and makes the list, or says what is missing.
func (m *Model) buildPersonal() tea.Cmd {
	f := &m.form
	name, path, out := strings.TrimSpace(f.name.Value()), strings.TrimSpace(f.people.Value()), strings.TrimSpace(f.out.Value())
	day := strings.TrimSpace(f.day.Value())
	if day == "" {
		day = f.day.Placeholder
	}
	on, ok := canvass.ParseDate(day)
	bad, problem := field(0), ""
	switch {
	case name == "":
		bad, problem = fieldName, "tui.planner.problem.name"
	case path == "":
		bad, problem = fieldPeople, "tui.planner.problem.people"
	case !ok || len(on) != len("2006-01-02"):
		bad, problem = fieldDay, "tui.planner.problem.day"
	case out == "":
		bad, problem = fieldOut, "tui.planner.problem.out"
	}
	if problem != "" {
		m.notice, m.err = m.common.P.T(problem), nil
		f.focus = indexOf(f.fields(), bad)
		return f.syncFocus()
	}
	f.blur()
	camp, ctx := m.camp, m.common.Ctx
	return m.work(m.common.P.T("tui.planner.personal.checking", "Name", name), func() tea.Msg {
		people, err := canvass.ReadPeople(path)
		if err != nil {
			return personalMsg{err: err}
		}
		list, err := camp.PersonalList(ctx, name, people, on, canvass.PersonalListOptions{})
		msg := personalMsg{list: list, requested: len(people), err: err}
		if err == nil {
			msg.files, msg.err = camp.ExportPersonal(ctx, list, out, nil)
		}
		return msg
	})
}

// personalDone shows the list made, or the refusal with its counts.
func (m *Model) personalDone(msg personalMsg) {
	if m.step != stepWorking {
		return
	}
	var refused *canvass.RefusedError
	if msg.err != nil && !errors.As(msg.err, &refused) {
		m.step, m.err = m.from, msg.err
		return
	}
	m.err = msg.err
	m.step, m.visits = stepPersonal, personal{list: msg.list, requested: msg.requested, files: msg.files}
}

// personalView is the policy's answer for a personal list: how many may be visited, how many were
// left out for each reason, who is on the list, and the files written.
func (m *Model) personalView() string {
	s, p, w, pr := m.common.Styles, &m.visits, m.common.Width, m.common.P
	var b strings.Builder
	b.WriteString(common.Wrap(pr.T("tui.planner.personal.done", "Name", p.list.Name(), "Date", i18n.Day(p.list.Date()),
		"Eligible", p.list.Eligible(), "Requested", p.requested), w, 2) + "\n")
	excluded := p.list.Excluded()
	var reasons, counts []string
	for _, r := range policy.Exclusions {
		if n := excluded[r]; n > 0 {
			// The policy's catalog names each reason: policy.exclusion.<reason>.
			reasons, counts = append(reasons, pr.T("policy.exclusion."+string(r))), append(counts, pr.Int(int64(n)))
		}
	}
	if len(reasons) > 0 {
		b.WriteString(s.Heading.Render(pr.T("tui.planner.personal.leftout")) + "\n")
		width := 18
		for _, r := range reasons {
			width = max(width, ansi.StringWidth(r))
		}
		for i, r := range reasons {
			fmt.Fprintf(&b, "  %s%s %s\n", r, strings.Repeat(" ", width-ansi.StringWidth(r)), counts[i])
		}
	}
	if n := p.list.NearMatches(); n > 0 {
		b.WriteString(common.Wrap(s.Warn.Render(pr.T("tui.planner.personal.near", "Count", n)), w, 2) + "\n")
	}
	if len(p.files) > 0 {
		b.WriteString(s.Heading.Render(pr.T("tui.planner.personal.written")) + "\n")
		for _, f := range p.files {
			b.WriteString("  " + safetext.Clean(common.ShortPath(f)) + "\n")
		}
	}
	visits := p.list.Visits()
	if len(visits) > 0 {
		b.WriteString(s.Heading.Render(pr.T("tui.planner.personal.visits")) + "\n")
	}
	for _, v := range visits {
		who := v.Person
		address := strings.Join(strings.Fields(who.Number+" "+who.Street+" "+who.Postcode), " ")
		b.WriteString(safetext.Clean(fmt.Sprintf("  %s %s, %s", who.BirthName, who.GivenNames, address)) + "\n")
	}
	b.WriteString("\n" + m.errView() + m.noticeView())
	return b.String()
}
