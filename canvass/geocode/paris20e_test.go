package geocode

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/shared"
)

// The 20e files: BAN addresses, the synthetic list and its truth (see LISTE-SYNTHETIQUE.md there).
const (
	banFile   = "adresses-75120.csv"
	listFile  = "liste-electorale-synthetique-75120.csv.gz"
	truthFile = "liste-electorale-synthetique-75120.truth.csv.gz"
)

// Targets of issue 3 against the truth file.
const (
	minPrecision = 0.995
	minRecall    = 0.98
)

// paris20e locates ../shared/data/paris-20e beside the repository root, or skips the test when
// it lacks one of the files used here.
func paris20e(tb testing.TB) string {
	tb.Helper()
	for _, f := range []string{banFile, listFile, truthFile} {
		shared.Path(tb, "data", "paris-20e", f)
	}
	return shared.Path(tb, "data", "paris-20e")
}

// csvFile opens a `;` file, gunzipping it when its name ends in .gz, and maps its header.
type csvFile struct {
	f   *os.File
	gz  *gzip.Reader
	r   *csv.Reader
	col map[string]int
}

func openCSV(tb testing.TB, path string) *csvFile {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	c := &csvFile{f: f}
	var src io.Reader = f
	if filepath.Ext(path) == ".gz" {
		if c.gz, err = gzip.NewReader(f); err != nil {
			tb.Fatalf("%s: %v", filepath.Base(path), err)
		}
		src = c.gz
	}
	c.r = csv.NewReader(src)
	c.r.Comma = ';'
	c.r.ReuseRecord = true
	header, err := c.r.Read()
	if err != nil {
		tb.Fatalf("%s: header: %v", filepath.Base(path), err)
	}
	c.col = map[string]int{}
	for i, h := range header {
		c.col[h] = i
	}
	tb.Cleanup(func() {
		if c.gz != nil {
			c.gz.Close()
		}
		f.Close()
	})
	return c
}

// each calls fn for every record with the line it starts on (the header is line 1).
func (c *csvFile) each(tb testing.TB, name string, fn func(line int, field func(col string) string)) {
	tb.Helper()
	for {
		rec, err := c.r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		line, _ := c.r.FieldPos(0)
		fn(line, func(col string) string {
			i, ok := c.col[col]
			if !ok {
				tb.Fatalf("%s: no column %q", name, col)
			}
			return rec[i]
		})
	}
}

func loadBAN(tb testing.TB, dir string) []Address {
	var addrs []Address
	openCSV(tb, filepath.Join(dir, banFile)).each(tb, banFile, func(line int, f func(string) string) {
		n, err := strconv.Atoi(f("numero"))
		if err != nil {
			tb.Fatalf("%s: line %d: numero: expected an integer", banFile, line)
		}
		lon, err1 := strconv.ParseFloat(f("lon"), 64)
		lat, err2 := strconv.ParseFloat(f("lat"), 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("%s: line %d: lon/lat: expected decimal degrees", banFile, line)
		}
		addrs = append(addrs, Address{ID: f("id"), Number: n, Rep: f("rep"), Street: f("nom_voie"),
			Postcode: f("code_postal"), Insee: f("code_insee"), Lon: lon, Lat: lat})
	})
	return addrs
}

// voter is a list line with its address.
type voter struct {
	line int
	addr VoterAddress
}

func loadList(tb testing.TB, dir string) []voter {
	var vs []voter
	openCSV(tb, filepath.Join(dir, listFile)).each(tb, listFile, func(line int, f func(string) string) {
		vs = append(vs, voter{line: line, addr: VoterAddress{
			Number: f("numéro de voie"), Street: f("libellé de voie"), Postcode: f("code postal"),
			Insee: f("code du l'ugle"), Locality: f("lieu-dit"),
			Complement1: f("complément 1"), Complement2: f("complément 2"),
		}})
	})
	return vs
}

func loadTruth(tb testing.TB, dir string) map[int]string {
	truth := map[int]string{}
	openCSV(tb, filepath.Join(dir, truthFile)).each(tb, truthFile, func(line int, f func(string) string) {
		l, err := strconv.Atoi(f("line"))
		if err != nil {
			tb.Fatalf("%s: line %d: line: expected an integer", truthFile, line)
		}
		truth[l] = f("ban_id")
	})
	return truth
}

// TestPrecisionRecall20e measures the matcher against the true address of every synthetic voter
// of Paris 20e. A voter counts as matched when the kind is not Unmatched, Approximate included:
// an approximate door is a claim about where the voter lives, so it is correct only when it is
// the true BAN id. Precision = correct / matched; recall = correct / matchable (true id not empty).
func TestPrecisionRecall20e(t *testing.T) {
	dir := paris20e(t)
	ix := NewIndex(loadBAN(t, dir))
	voters := loadList(t, dir)
	truth := loadTruth(t, dir)
	if len(voters) != len(truth) {
		t.Fatalf("%d voters but %d truth rows", len(voters), len(truth))
	}
	type tally struct{ n, correct, wrong, unmatchable int }
	byKind := map[Kind]*tally{Exact: {}, Fuzzy: {}, Approximate: {}, Unmatched: {}}
	reasons := map[string]int{}
	var matched, correct, matchable, falseMatches int
	for _, v := range voters {
		want, ok := truth[v.line]
		if !ok {
			t.Fatalf("%s: line %d has no truth row", listFile, v.line)
		}
		m := ix.Match(v.addr)
		if m.Score < 0 || m.Score > 1 {
			t.Fatalf("%s: line %d: score %v outside [0,1]", listFile, v.line, m.Score)
		}
		k := byKind[m.Kind]
		k.n++
		if want != "" {
			matchable++
		} else {
			k.unmatchable++
		}
		if m.Kind == Unmatched {
			reasons[m.Reason]++
			continue
		}
		matched++
		switch {
		case m.AddressID == want:
			correct++
			k.correct++
		case want == "":
			falseMatches++
			k.wrong++
		default:
			k.wrong++
		}
	}
	precision := float64(correct) / float64(matched)
	recall := float64(correct) / float64(matchable)
	t.Logf("voters %d, matchable %d, matched %d, correct %d", len(voters), matchable, matched, correct)
	t.Logf("precision %.4f%% (target %.1f%%), recall %.4f%% (target %.1f%%)", 100*precision, 100*minPrecision, 100*recall, 100*minRecall)
	for _, kind := range []Kind{Exact, Fuzzy, Approximate, Unmatched} {
		k := byKind[kind]
		t.Logf("%-11s %6d  correct %6d  wrong %4d  unmatchable by design %4d", kind, k.n, k.correct, k.wrong, k.unmatchable)
	}
	t.Logf("matches of voters unmatchable by design: %d", falseMatches)
	for _, r := range slices.Sorted(maps.Keys(reasons)) {
		t.Logf("unmatched: %-45s %d", r, reasons[r])
	}
	if precision < minPrecision {
		t.Errorf("precision %.4f below %.3f", precision, minPrecision)
	}
	if recall < minRecall {
		t.Errorf("recall %.4f below %.2f", recall, minRecall)
	}
}

// BenchmarkMatch20e matches the whole 20e list per iteration and reports voters/s.
func BenchmarkMatch20e(b *testing.B) {
	dir := paris20e(b)
	ix := NewIndex(loadBAN(b, dir))
	var voters []VoterAddress
	for _, v := range loadList(b, dir) {
		voters = append(voters, v.addr)
	}
	benchmarkMatch(b, ix, voters)
}

// benchmarkMatch matches the voters per iteration and reports voters/s.
func benchmarkMatch(b *testing.B, ix *Index, voters []VoterAddress) {
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		for _, v := range voters {
			ix.Match(v)
		}
	}
	b.ReportMetric(float64(b.N*len(voters))/time.Since(start).Seconds(), "voters/s")
}

// BenchmarkNewIndex20e builds the index of the 12,698 addresses of the 20e.
func BenchmarkNewIndex20e(b *testing.B) {
	addrs := loadBAN(b, paris20e(b))
	b.ResetTimer()
	for b.Loop() {
		NewIndex(addrs)
	}
}

// TestApproximate20e removes the true address of one voter in 400 from the BAN and checks that
// those voters now come back Approximate, on their own street, on their side of it when that side
// still has a door: the nearest-number fallback stays on the right street and side.
func TestApproximate20e(t *testing.T) {
	dir := paris20e(t)
	addrs := loadBAN(t, dir)
	voters := loadList(t, dir)
	truth := loadTruth(t, dir)
	removed := map[string]bool{}
	for i, v := range voters {
		if id := truth[v.line]; i%400 == 0 && id != "" {
			removed[id] = true
		}
	}
	byID := map[string]Address{}
	var kept []Address
	sides := map[string]bool{} // street key + parity -> a door remains
	for _, a := range addrs {
		byID[a.ID] = a
		if !removed[a.ID] {
			kept = append(kept, a)
			sides[NormalizeStreet(a.Street)+" "+strconv.Itoa(a.Number%2)] = true
		}
	}
	ix := NewIndex(kept)
	checked := 0
	for _, v := range voters {
		id := truth[v.line]
		if !removed[id] {
			continue
		}
		want := byID[id]
		m := ix.Match(v.addr)
		if m.Kind != Approximate {
			if m.Kind == Unmatched && !sides[NormalizeStreet(want.Street)+" 0"] && !sides[NormalizeStreet(want.Street)+" 1"] {
				continue // the street lost its only door
			}
			t.Errorf("%s: line %d: kind %s (%s), want approximate", listFile, v.line, m.Kind, m.Reason)
			continue
		}
		checked++
		got := byID[m.AddressID]
		if NormalizeStreet(got.Street) != NormalizeStreet(want.Street) {
			t.Errorf("%s: line %d: approximate door on another street", listFile, v.line)
		}
		if sides[NormalizeStreet(want.Street)+" "+strconv.Itoa(want.Number%2)] && got.Number%2 != want.Number%2 {
			t.Errorf("%s: line %d: approximate door on the other side although this side has doors", listFile, v.line)
		}
	}
	t.Logf("%d addresses removed, %d voters placed approximately", len(removed), checked)
	if checked < 100 {
		t.Errorf("only %d voters checked: the sample is too small to mean anything", checked)
	}
}
