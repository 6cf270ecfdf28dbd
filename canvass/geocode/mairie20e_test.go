package geocode

import (
	"fmt"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/geocode/internal/mairie"
)

// Targets of issue 18 on the 20e list rewritten in the forms mairies type.
const (
	minMairiePrecision = 0.995
	minMairieRecall    = 0.97
	mairieSeed         = 18
)

// mairieRow is a voter of the 20e list rewritten by the mairie generator, with the form used and
// the true BAN id ("" when unmatchable by design).
type mairieRow struct {
	line int
	addr VoterAddress
	form mairie.Form
	want string
}

// mairieList rewrites the street and number columns of the 20e list with the mairie generator.
func mairieList(tb testing.TB, dir string, addrs []Address) []mairieRow {
	tb.Helper()
	byID := make(map[string]Address, len(addrs))
	for _, a := range addrs {
		byID[a.ID] = a
	}
	truth := loadTruth(tb, dir)
	gen := mairie.New(mairieSeed)
	var rows []mairieRow
	for _, v := range loadList(tb, dir) {
		want := truth[v.line]
		var door *mairie.Door
		if a, ok := byID[want]; ok {
			door = &mairie.Door{Street: a.Street, Number: a.Number, Rep: a.Rep}
		} else if want != "" {
			tb.Fatalf("%s: line %d: true address %s not in %s", truthFile, v.line, want, banFile)
		}
		out, form := gen.Rewrite(mairie.Address{Number: v.addr.Number, Street: v.addr.Street}, door)
		v.addr.Number, v.addr.Street = out.Number, out.Street
		rows = append(rows, mairieRow{line: v.line, addr: v.addr, form: form, want: want})
	}
	return rows
}

// quality counts, for a set of voters, how many the matcher placed, how, and how many of those at
// the true address.
type quality struct {
	rows, matchable, matched, correct int
	kinds                             [Approximate + 1]int
}

func (q *quality) add(m Match, want string) {
	q.rows++
	q.kinds[m.Kind]++
	if want != "" {
		q.matchable++
	}
	if m.Kind == Unmatched {
		return
	}
	q.matched++
	if m.AddressID == want {
		q.correct++
	}
}

func (q quality) precision() float64 { return ratio(q.correct, q.matched) }
func (q quality) recall() float64    { return ratio(q.correct, q.matchable) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (q quality) String() string {
	return fmt.Sprintf("%6d %6d %6d %6d %5d  %7.3f%% %7.3f%%  %6d %6d %6d %6d", q.rows, q.matchable, q.matched,
		q.correct, q.matched-q.correct, 100*q.precision(), 100*q.recall(),
		q.kinds[Exact], q.kinds[Fuzzy], q.kinds[Approximate], q.kinds[Unmatched])
}

const qualityHeader = "  rows  match- matched correct wrong  precision  recall    exact  fuzzy approx unmatched\n" +
	"                    able"

// detectedAs is the form the matcher must report for a voter the generator wrote in a form.
var detectedAs = map[mairie.Form]Form{
	mairie.InvertedBrackets: Inverted, mairie.Inverted: Inverted, mairie.NoType: NoType,
	mairie.NumberInStreet: NumberInStreet, mairie.Typos: Misspelt, mairie.Range: NumberRange,
	mairie.Padded: NumberPadded, mairie.Titles: Abbreviated, mairie.Punctuation: Punctuation,
}

// minDetected is the share of the matched voters written in a form that the matcher must report
// with that form.
const minDetected = 0.95

// TestPrecisionRecallMairie20e measures the matcher on the 20e list with about 40% of its rows
// rewritten in the forms of issue 18, against the true address of every voter, form by form. It
// also checks that the matcher, reading the input alone, reports the form the generator used,
// and lists the voters by the forms the matcher reported, as `canvass geocode --report` does.
func TestPrecisionRecallMairie20e(t *testing.T) {
	dir := paris20e(t)
	addrs := loadBAN(t, dir)
	ix := NewIndex(addrs)
	rows := mairieList(t, dir, addrs)
	byForm := map[mairie.Form]*quality{}
	reported := map[Form]*quality{}
	detected := map[mairie.Form]int{}
	var all quality
	for _, r := range rows {
		m := ix.Match(r.addr)
		q := byForm[r.form]
		if q == nil {
			q = &quality{}
			byForm[r.form] = q
		}
		q.add(m, r.want)
		all.add(m, r.want)
		for _, f := range append(Forms(), 0) {
			if m.Form.Has(f) && (f != 0 || m.Form == 0) {
				if reported[f] == nil {
					reported[f] = &quality{}
				}
				reported[f].add(m, r.want)
			}
		}
		if m.Kind != Unmatched && r.want != "" && m.Form.Has(detectedAs[r.form]) {
			detected[r.form]++
		}
	}
	t.Logf("by the form written (the generator's):\n%-18s %s", "", qualityHeader)
	for _, f := range mairie.Forms {
		if q := byForm[f]; q != nil {
			t.Logf("%-18s %s", f, q)
		}
	}
	t.Logf("%-18s %s", "all", all)
	t.Logf("by the form read (the matcher's; a voter may count in several):")
	for _, f := range append([]Form{0}, Forms()...) {
		if q := reported[f]; q != nil {
			name := f.String()
			if f == 0 {
				name = "standard"
			}
			t.Logf("%-18s %s", name, q)
		}
	}
	if p := all.precision(); p < minMairiePrecision {
		t.Errorf("precision %.4f below %.3f", p, minMairiePrecision)
	}
	if r := all.recall(); r < minMairieRecall {
		t.Errorf("recall %.4f below %.2f", r, minMairieRecall)
	}
	for gen, want := range detectedAs {
		q := byForm[gen]
		if q == nil {
			t.Errorf("the generator wrote no row as %s", gen)
			continue
		}
		if share := ratio(detected[gen], q.correct); share < minDetected {
			t.Errorf("%s: %.1f%% of the matched voters reported as %s, want at least %.0f%%", gen, 100*share, want, 100*minDetected)
		}
	}
}

// BenchmarkMatchMairie20e matches the whole rewritten 20e list per iteration and reports voters/s:
// the forms of issue 18 take the slower paths (inverted readings, name cores, edit distance).
func BenchmarkMatchMairie20e(b *testing.B) {
	dir := paris20e(b)
	addrs := loadBAN(b, dir)
	ix := NewIndex(addrs)
	var voters []VoterAddress
	for _, r := range mairieList(b, dir, addrs) {
		voters = append(voters, r.addr)
	}
	benchmarkMatch(b, ix, voters)
}
