package compliance

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

const (
	// registerChrome counts the register tab's lines around its text: tabs, a blank, the
	// position and the notice.
	registerChrome = 4
	// auditChrome counts the audit tab's lines around the entries: tabs, a blank, the check's
	// two lines, a blank, the columns, the position and the notice.
	auditChrome = 8
)

// View renders the tabs and the current one.
func (m *Model) View() string {
	s, p := m.common.Styles, m.common.P
	var names []string
	for i, id := range tabNames {
		label := fmt.Sprintf("%d %s", i+1, p.T(id))
		if tab(i) == m.tab {
			names = append(names, s.Selected.Render("["+label+"]"))
		} else {
			names = append(names, s.Subtle.Render(" "+label+" "))
		}
	}
	head := strings.Join(names, "  ") + "\n\n"
	switch {
	case m.loading && m.status.Campaign == nil && m.loadErr == nil:
		return head + m.spin.View() + " " + p.T("tui.compliance.reading")
	case m.loadErr != nil:
		return head + s.Error.Render(common.Wrap(common.Problem(p, p.T("tui.compliance.problem.read"), m.loadErr), m.common.Width, 2))
	}
	var body string
	switch m.tab {
	case tabRegister:
		body = m.regView.View() + "\n" + position(m, m.regView.YOffset(), m.regView.Height(), m.regView.TotalLineCount(), "tui.compliance.position.lines")
	case tabAudit:
		body = m.auditHead() + m.auditView.View() + "\n" + position(m, m.auditView.YOffset(), m.auditView.Height(), m.auditView.TotalLineCount(), "tui.compliance.position.entries")
	default:
		body = m.retentionView()
	}
	return head + body + "\n" + m.noticeView()
}

// position says which part of a long list is shown, by the catalog's message id; nothing when
// all of it is.
func position(m *Model, offset, height, total int, id string) string {
	if total <= height || height <= 0 {
		return ""
	}
	last := min(total, offset+height)
	return m.common.Styles.Subtle.Render(m.common.P.T(id, "From", offset+1, "To", last, "Total", total))
}

// french writes the register's numbers: its text is French whatever the screen's language.
var french = i18n.New(i18n.French)

// registerText is the register as the CNIL reads it, in its French words, wrapped to the screen.
func (m *Model) registerText() string {
	r := m.register
	w := m.common.Width
	var lines []string
	add := func(indent int, s string) {
		lines = append(lines, strings.Repeat(" ", indent)+common.Wrap(safetext.Clean(s), max(1, w-indent), indent+2))
	}
	c := r.Campaign
	add(0, "REGISTRE DES ACTIVITÉS DE TRAITEMENT")
	add(0, "Campagne : "+c.Name+" ("+c.ElectionType+", "+strings.Join(c.ElectionDates, ", ")+")")
	add(0, "Responsable de traitement : "+c.Controller)
	add(0, "Exercice des droits : "+c.Contact+" ; réclamation auprès de la CNIL (www.cnil.fr)")
	add(0, "Fin de la campagne : "+c.EndDate)
	add(0, "Établi le : "+r.AsOf+", d'après le contenu du fichier de campagne")
	if len(r.Activities) == 0 {
		lines = append(lines, "")
		add(0, "Aucune activité de traitement : le fichier ne contient encore aucune donnée personnelle.")
	}
	for i, a := range r.Activities {
		lines = append(lines, "")
		add(0, fmt.Sprintf("%d. %s", i+1, strings.ToUpper(a.Name)))
		for _, f := range a.Fields() {
			add(2, f.Label)
			for _, item := range f.Items {
				add(4, "• "+item)
			}
		}
	}
	lines = append(lines, "")
	add(0, "FICHIERS IMPORTÉS")
	if len(r.Sources) == 0 {
		add(2, "Aucun fichier importé.")
	}
	for _, src := range r.Sources {
		add(2, fmt.Sprintf("• %s — %s, importé le %s, %s lignes", src.File, src.Kind, src.On, french.Int(int64(src.Imported))))
	}
	return strings.Join(lines, "\n")
}

// auditHead is the chain's check in words and a sign, and the list's columns.
func (m *Model) auditHead() string {
	s, p := m.common.Styles, m.common.P
	chk := m.check
	var head string
	switch {
	case chk.Intact:
		head = s.Good.Render(p.T("tui.compliance.intact", "Count", chk.Entries)) +
			"\n" + s.Label.Render(p.T("tui.compliance.lasthash")+" ") + chk.LastHash
	default:
		head = s.Error.Render(p.T("tui.compliance.broken", "Entry", chk.BrokenAt, "Problem", chk.Reason())) +
			"\n" + s.Warn.Render(p.T("tui.compliance.broken.warning", "Entry", chk.BrokenAt))
	}
	cols := s.Label.Render(fmt.Sprintf("  %4s  %-19s  %-*s %s", "#", p.T("tui.compliance.col.time"), m.operationWidth(),
		p.T("tui.compliance.col.operation"), p.T("tui.compliance.col.parameters")))
	return head + "\n\n" + cols + "\n"
}

// trailText lists the entries, oldest first, with ✗ in front of the first broken one.
func (m *Model) trailText() string {
	p := m.common.P
	if len(m.trail) == 0 {
		return "  " + p.T("tui.compliance.empty")
	}
	width := m.operationWidth()
	lines := make([]string, len(m.trail))
	for i, a := range m.trail {
		sign := " "
		if !m.check.Intact && a.ID == m.check.BrokenAt {
			sign = "✗"
		}
		params, _ := json.Marshal(a.Params) // keys sorted: the same entry reads the same way
		by := ""
		if a.Actor != "" { // a member of the team, over SSH
			by = p.T("tui.compliance.by", "Actor", a.Actor) + " "
		}
		lines[i] = sign + safetext.Clean(fmt.Sprintf(" %4d  %s  %-*s %s%s", a.ID, at(p, a.At), width, m.operation(string(a.Operation)), by, params))
	}
	return strings.Join(lines, "\n")
}

// operation is an entry's operation in the screen's language, as `canvass audit` says it (the
// command's catalog, cli.audit.op.*); the stored code when the catalog has no words for it.
func (m *Model) operation(op string) string {
	id := "cli.audit.op." + op
	if said := m.common.P.T(id); said != id {
		return said
	}
	return op
}

// operationWidth is the operations' column: as wide as its heading and the longest operation.
func (m *Model) operationWidth() int {
	w := max(18, len([]rune(m.common.P.T("tui.compliance.col.operation"))))
	for _, a := range m.trail {
		w = max(w, len([]rune(m.operation(string(a.Operation)))))
	}
	return w
}

// at writes an entry's time in UTC to the second, the day first in French.
func at(p *i18n.Printer, t time.Time) string {
	if p.Lang() == i18n.French {
		return t.UTC().Format("02/01/2006 15:04:05")
	}
	return t.UTC().Format(time.DateTime)
}

// deleted and kept say what a purge does, as `canvass purge --help` does: the catalog's IDs.
var (
	deleted = []string{"tui.compliance.deletes.voters", "tui.compliance.deletes.contacts", "tui.compliance.deletes.plans"}
	kept    = []string{"tui.compliance.keeps.opposition", "tui.compliance.keeps.audit", "tui.compliance.keeps.settings"}
)

func (m *Model) retentionView() string {
	s, p := m.common.Styles, m.common.P
	w := m.common.Width
	var b strings.Builder
	st := m.status
	if st.Campaign == nil {
		return p.T("tui.compliance.nocampaign")
	}
	label := func(id string) string { return s.Label.Render(fmt.Sprintf("%-10s", p.T(id))) }
	fmt.Fprintf(&b, "%s %s\n", label("tui.compliance.label.campaign"), st.Campaign.Name)
	end := st.Campaign.EndDate // a day as the campaign writes it, written out in French
	if p.Lang() == i18n.French {
		end = p.DateISO(end)
	}
	if st.DaysLeft != nil {
		switch d := *st.DaysLeft; {
		case d < 0:
			end += " · " + s.Warn.Render("! "+p.T("tui.compliance.ended", "Count", -d))
		case d == 0:
			end += " · " + s.Warn.Render("! "+p.T("tui.compliance.endstoday"))
		default:
			end += " · " + p.T("tui.compliance.left", "Count", d)
		}
	}
	fmt.Fprintf(&b, "%s %s\n", label("tui.compliance.label.ends"), end)
	fmt.Fprintf(&b, "%s %s · %s · %s · %s\n\n", label("tui.compliance.label.holds"), p.T("tui.compliance.voters", "Count", st.Voters),
		p.T("tui.compliance.consents", "Count", st.Consents), p.T("tui.compliance.plans", "Count", st.Plans),
		p.T("tui.compliance.objections", "Count", st.Opposition))

	list := func(title string, items []string) {
		b.WriteString(p.T(title) + "\n")
		for _, id := range items {
			b.WriteString(common.Wrap("  • "+p.T(id), w, 4) + "\n")
		}
	}
	switch m.purge {
	case purgeIdle:
		list("tui.compliance.deletes", deleted)
		list("tui.compliance.keeps", kept)
		b.WriteString(common.Wrap(p.T("tui.compliance.compacts"), w, 0) + "\n\n")
		b.WriteString(s.Key.Render("p") + " " + p.T("tui.compliance.purges"))
	case purgeAsking:
		b.WriteString(m.spin.View() + " " + p.T("tui.compliance.asking"))
	case purgeRefused:
		b.WriteString(s.Error.Render(common.Wrap(m.reason, w, 2)) + "\n\n")
		b.WriteString(common.Wrap(s.Key.Render("f")+" "+p.T("tui.compliance.force"), w, 0))
	case purgeConfirm:
		b.WriteString(s.Warn.Render(common.Wrap("! "+p.T("tui.compliance.confirm.warning"), w, 2)) + "\n")
		if m.force {
			b.WriteString(s.Warn.Render("! "+p.T("tui.compliance.confirm.early")) + "\n")
		}
		fmt.Fprintf(&b, "\n%s\n> %s\n\n", p.T("tui.compliance.confirm.type", "Name", m.name), m.typed.View())
		b.WriteString(s.Subtle.Render(p.T("tui.compliance.confirm.keys")))
	case purgeRunning:
		b.WriteString(m.spin.View() + " " + p.T("tui.compliance.purging"))
	case purgeDone:
		r := m.report
		head := p.T("tui.compliance.purged")
		if r.Early {
			head = p.T("tui.compliance.purged.early")
		}
		b.WriteString(s.Good.Render(head) + "\n")
		b.WriteString(common.Wrap(p.T("tui.compliance.deleted", "Voters", p.T("tui.compliance.voters", "Count", r.Voters),
			"Addresses", p.T("tui.compliance.addresses", "Count", r.VoterAddresses), "Contacts", p.T("tui.compliance.contacts", "Count", r.Contacts),
			"Consents", p.T("tui.compliance.consents", "Count", r.Consents), "Plans", p.T("tui.compliance.plans", "Count", r.Plans),
			"Turfs", p.T("tui.compliance.turfs", "Count", r.Turfs), "Outcomes", p.T("tui.compliance.outcomes", "Count", r.Outcomes)), w, 2) + "\n")
		b.WriteString(common.Wrap(p.T("tui.compliance.kept", "Objections", p.T("tui.compliance.objections", "Count", r.OppositionKept),
			"Entries", p.T("tui.compliance.entries", "Count", r.AuditEntries)), w, 2) + "\n")
		b.WriteString(p.T("tui.compliance.compacted"))
	}
	return b.String()
}

// noticeView is the notice line: a problem in the error style.
func (m *Model) noticeView() string {
	s := m.common.Styles
	if m.bad {
		return s.Error.Render(common.Wrap(m.notice, m.common.Width, 2))
	}
	return s.Good.Render(m.notice)
}
