package compliance

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

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
	s := m.common.Styles
	var names []string
	for i, n := range tabNames {
		label := fmt.Sprintf("%d %s", i+1, n)
		if tab(i) == m.tab {
			names = append(names, s.Selected.Render("["+label+"]"))
		} else {
			names = append(names, s.Subtle.Render(" "+label+" "))
		}
	}
	head := strings.Join(names, "  ") + "\n\n"
	switch {
	case m.loading && m.status.Campaign == nil && m.loadErr == nil:
		return head + m.spin.View() + " Reading the campaign…"
	case m.loadErr != nil:
		return head + s.Error.Render(common.Wrap("✗ Cannot read the campaign: "+m.loadErr.Error(), m.common.Width, 2))
	}
	var body string
	switch m.tab {
	case tabRegister:
		body = m.regView.View() + "\n" + position(m, m.regView.YOffset(), m.regView.Height(), m.regView.TotalLineCount(), "lines")
	case tabAudit:
		body = m.auditHead() + m.auditView.View() + "\n" + position(m, m.auditView.YOffset(), m.auditView.Height(), m.auditView.TotalLineCount(), "entries")
	default:
		body = m.retentionView()
	}
	return head + body + "\n" + m.noticeView()
}

// position says which part of a long list is shown; nothing when all of it is.
func position(m *Model, offset, height, total int, what string) string {
	if total <= height || height <= 0 {
		return ""
	}
	last := min(total, offset+height)
	return m.common.Styles.Subtle.Render(fmt.Sprintf("%s %d–%d of %d", what, offset+1, last, total))
}

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
		add(2, fmt.Sprintf("• %s — %s, importé le %s, %s lignes", src.File, src.Kind, src.On, common.Count(src.Imported)))
	}
	return strings.Join(lines, "\n")
}

// auditHead is the chain's check in words and a sign, and the list's columns.
func (m *Model) auditHead() string {
	s := m.common.Styles
	chk := m.check
	var head string
	switch {
	case chk.Intact:
		head = s.Good.Render(fmt.Sprintf("✓ Chain intact: %s, each sealed to the one before.", count(chk.Entries, "entry", "entries"))) +
			"\n" + s.Label.Render("Last hash ") + chk.LastHash
	default:
		head = s.Error.Render(fmt.Sprintf("✗ Chain BROKEN at entry %d: %s", chk.BrokenAt, chk.Problem)) +
			"\n" + s.Warn.Render(fmt.Sprintf("The trail was changed outside canvass: entries from %d on prove nothing.", chk.BrokenAt))
	}
	cols := s.Label.Render(fmt.Sprintf("  %4s  %-19s  %-18s %s", "#", "TIME (UTC)", "OPERATION", "PARAMETERS"))
	return head + "\n\n" + cols + "\n"
}

// trailText lists the entries, oldest first, with ✗ in front of the first broken one.
func (m *Model) trailText() string {
	if len(m.trail) == 0 {
		return "  The audit trail is empty."
	}
	lines := make([]string, len(m.trail))
	for i, a := range m.trail {
		sign := " "
		if !m.check.Intact && a.ID == m.check.BrokenAt {
			sign = "✗"
		}
		params, _ := json.Marshal(a.Params) // keys sorted: the same entry reads the same way
		by := ""
		if a.Actor != "" { // a member of the team, over SSH
			by = "by " + a.Actor + " "
		}
		lines[i] = sign + safetext.Clean(fmt.Sprintf(" %4d  %s  %-18s %s%s", a.ID, a.At.UTC().Format(time.DateTime), a.Operation, by, params))
	}
	return strings.Join(lines, "\n")
}

// deleted and kept say what a purge does, as `canvass purge --help` does.
var (
	deleted = []string{"the voters and their address matches", "the contacts and their consents",
		"the plans, with their turfs and street outcomes"}
	kept = []string{"the opposition list: objections are permanent, for later campaigns",
		"the audit trail, where the purge itself is recorded",
		"the campaign's settings and the public data: addresses, areas, results"}
)

func (m *Model) retentionView() string {
	s := m.common.Styles
	w := m.common.Width
	var b strings.Builder
	st := m.status
	if st.Campaign == nil {
		return "No campaign in this file yet: canvass init sets its end date."
	}
	label := func(l string) string { return s.Label.Render(fmt.Sprintf("%-10s", l)) }
	fmt.Fprintf(&b, "%s %s\n", label("Campaign"), st.Campaign.Name)
	end := st.Campaign.EndDate
	if st.DaysLeft != nil {
		switch d := *st.DaysLeft; {
		case d < 0:
			end += " · " + s.Warn.Render(fmt.Sprintf("! ended %s ago: its data must be purged now", common.Plural(-d, "day")))
		case d == 0:
			end += " · " + s.Warn.Render("! ends today: its data is purged from tomorrow")
		default:
			end += " · " + common.Plural(d, "day") + " left"
		}
	}
	fmt.Fprintf(&b, "%s %s\n", label("Ends on"), end)
	fmt.Fprintf(&b, "%s %s · %s · %s · %s\n\n", label("Holds"), common.Plural(st.Voters, "voter"),
		common.Plural(st.Consents, "consent"), common.Plural(st.Plans, "plan"), common.Plural(st.Opposition, "objection"))

	list := func(title string, items []string) {
		b.WriteString(title + "\n")
		for _, it := range items {
			b.WriteString(common.Wrap("  • "+it, w, 4) + "\n")
		}
	}
	switch m.purge {
	case purgeIdle:
		list("A purge deletes, for good:", deleted)
		list("It keeps:", kept)
		b.WriteString(common.Wrap("The file is then compacted, so that the deleted rows leave it.", w, 0) + "\n\n")
		b.WriteString(s.Key.Render("p") + " purges.")
	case purgeAsking:
		b.WriteString(m.spin.View() + " Asking the campaign whether it may be purged…")
	case purgeRefused:
		b.WriteString(s.Error.Render(common.Wrap("✗ Refused: "+m.reason, w, 2)) + "\n\n")
		b.WriteString(common.Wrap(s.Key.Render("f")+" purges anyway, before the end date (the purge is then recorded as early); esc goes back.", w, 0))
	case purgeConfirm:
		b.WriteString(s.Warn.Render(common.Wrap("! The purge deletes every voter, contact, consent and plan of this campaign for good.", w, 2)) + "\n")
		if m.force {
			b.WriteString(s.Warn.Render("! Before the campaign's end date.") + "\n")
		}
		fmt.Fprintf(&b, "\nType the campaign's name (%s) to confirm:\n> %s\n\n", m.name, m.typed.View())
		b.WriteString(s.Subtle.Render("enter purges · esc cancels: nothing is deleted"))
	case purgeRunning:
		b.WriteString(m.spin.View() + " Purging and compacting the file…")
	case purgeDone:
		r := m.report
		head := "✓ Purged"
		if r.Early {
			head += " before the campaign's end date (forced)"
		}
		b.WriteString(s.Good.Render(head+".") + "\n")
		b.WriteString(common.Wrap(fmt.Sprintf("Deleted: %s (with %s), %s with %s, %s (%s, %s).",
			common.Plural(r.Voters, "voter"), count(r.VoterAddresses, "address match", "address matches"),
			common.Plural(r.Contacts, "contact"), common.Plural(r.Consents, "consent"), common.Plural(r.Plans, "plan"),
			common.Plural(r.Turfs, "turf"), common.Plural(r.Outcomes, "street outcome")), w, 2) + "\n")
		b.WriteString(common.Wrap(fmt.Sprintf("Kept: the opposition list (%s, for later campaigns), the audit trail (%s, "+
			"this purge included), the campaign's settings and the public data.", common.Plural(r.OppositionKept, "objection"),
			count(r.AuditEntries, "entry", "entries")), w, 2) + "\n")
		b.WriteString("The file was compacted: the deleted rows are gone from it.")
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

// count writes n with the word in the singular or the plural, for words not made plural by an s.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return common.Count(n) + " " + many
}
