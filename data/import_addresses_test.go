package data

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/campagne-fr/porteaporte/data/shared"
)

// impDump renders the tables the importers write, row by row and ordered, so that "the store is
// unchanged" is checked on content and not only on counts.
func impDump(t testing.TB, s *Store) string {
	t.Helper()
	return dumpTables(t, s,
		"SELECT * FROM addresses ORDER BY id",
		"SELECT * FROM results ORDER BY election, station",
		"SELECT id, operation, params, hash FROM audit ORDER BY id")
}

// impCount runs a count query.
func impCount(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantCounts compares the counts of a report.
func wantCounts(t *testing.T, rep Report, read, imported, rejected, replaced int) {
	t.Helper()
	if rep.Read != read || rep.Imported != imported || rep.Rejected != rejected || rep.Replaced != replaced {
		t.Errorf("read/imported/rejected/replaced = %d/%d/%d/%d, want %d/%d/%d/%d (errors %v)",
			rep.Read, rep.Imported, rep.Rejected, rep.Replaced, read, imported, rejected, replaced, rep.Errors)
	}
}

func TestImportAddressesStoresEveryField(t *testing.T) {
	s := newStore(t)
	rep, err := s.ImportAddresses(context.Background(), "testdata/ban-good.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 6, 6, 0, 0)
	if rep.File != "ban-good.csv" || rep.Kind != "addresses" {
		t.Errorf("file/kind = %q/%q", rep.File, rep.Kind)
	}
	var fantoir, rep2, street, postcode, insee, commune, afnor string
	var number int
	var lon, lat float64
	err = s.db.QueryRow(`SELECT fantoir, number, rep, street, postcode, insee, commune, street_afnor, lon, lat
		FROM addresses WHERE id = '99901_0010_00001_bis'`).
		Scan(&fantoir, &number, &rep2, &street, &postcode, &insee, &commune, &afnor, &lon, &lat)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(fantoir, "|", number, "|", rep2, "|", street, "|", postcode, "|", insee, "|", commune, "|", afnor, "|", lon, "|", lat)
	want := "99901_0010|1|bis|Rue des Essais|99100|99901|Villetest|RUE DES ESSAIS|3.00011|46.00011"
	if got != want {
		t.Errorf("stored %s, want %s", got, want)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE id = '99901_k2x9zq_00002' AND fantoir = ''"); n != 1 {
		t.Errorf("address without FANTOIR code: %d rows, want 1", n)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE lon < 0 AND lat < 0"); n != 1 {
		t.Errorf("negative coordinates: %d rows, want 1", n)
	}
	audit, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := audit[len(audit)-1]
	if last.Operation != "import.addresses" || last.Params["file"] != "ban-good.csv" ||
		last.Params["imported"] != float64(6) || last.Params["rejected"] != float64(0) {
		t.Errorf("audit entry %s %v", last.Operation, last.Params)
	}
}

func TestImportAddressesTwiceChangesNothing(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportAddresses(ctx, "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	before := impCount(t, s, "SELECT count(*) FROM addresses")
	first := dumpAddresses(t, s)
	rep, err := s.ImportAddresses(ctx, "testdata/ban-good.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 6, 6, 0, 6)
	if after := impCount(t, s, "SELECT count(*) FROM addresses"); after != before {
		t.Errorf("addresses: %d after the second import, %d before", after, before)
	}
	if second := dumpAddresses(t, s); second != first {
		t.Errorf("second import changed the addresses:\n%s\nthen\n%s", first, second)
	}
}

// dumpAddresses is the addresses table alone (the audit trail grows with every import).
func dumpAddresses(t testing.TB, s *Store) string {
	d := impDump(t, s)
	return d[:strings.Index(d, "--\n")]
}

func TestImportAddressesNewerExtractReplacesItsCommuneOnly(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.ImportAddresses(ctx, "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	rep, err := s.ImportAddresses(ctx, "testdata/ban-newer-99901.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 2, 2, 0, 4) // the 4 addresses of 99901 replaced by the 2 of the newer extract
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE insee = '99901'"); n != 2 {
		t.Errorf("99901: %d addresses, want 2", n)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE insee = '99902'"); n != 2 {
		t.Errorf("99902 (not in the newer file): %d addresses, want 2 untouched", n)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE id = '99901_0010_00001' AND lon = 3.00015"); n != 1 {
		t.Error("the moved address keeps its old coordinates")
	}
}

func TestImportAddressesRejectsBadRows(t *testing.T) {
	s := newStore(t)
	rep, err := s.ImportAddresses(context.Background(), "testdata/ban-bad-rows.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 9, 2, 7, 0)
	want := []RowError{
		{Line: 3, Field: "lon", Reason: "longitude"},
		{Line: 4, Field: "lat", Reason: "latitude"},
		{Line: 5, Field: "lon", Reason: "between -180 and 180"},
		{Line: 6, Field: "id", Reason: "empty"},
		{Line: 7, Field: "nom_voie", Reason: "street"},
		{Line: 8, Field: "id", Reason: "duplicate"},
		{Line: 10, Field: "lat", Reason: "between -90 and 90"},
	}
	wantRowErrors(t, rep.Errors, want)
	for _, g := range rep.Errors {
		for _, value := range []string{"abc", "NaN", "200", "Rue des Essais"} {
			if strings.Contains(g.Reason, value) {
				t.Errorf("error %v quotes a value of the file", g)
			}
		}
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 9 || rep.Warnings[0].Field != "numero" {
		t.Errorf("warnings %v, want one on line 9, numero", rep.Warnings)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE id = '99901_0010_00012' AND number IS NULL"); n != 1 {
		t.Error("the address with a non-numeric number is not stored without a number")
	}
}

// impFatal checks that importing path fails with an *InputError naming the file, line and field,
// and leaves the store exactly as it was.
func impFatal(t *testing.T, s *Store, do func() (Report, error), file string, line int, field string) {
	t.Helper()
	before := impDump(t, s)
	rep, err := do()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T), want an *InputError", err, err)
	}
	if ie.File != file || ie.Line != line || ie.Field != field {
		t.Errorf("error %q names file %q line %d field %q, want %q %d %q", err, ie.File, ie.Line, ie.Field, file, line, field)
	}
	if rep.Imported != 0 {
		t.Errorf("report says %d imported after a fatal error", rep.Imported)
	}
	if after := impDump(t, s); after != before {
		t.Errorf("store changed by a failed import:\n%s\nthen\n%s", before, after)
	}
}

func TestImportAddressesMissingColumnIsFatal(t *testing.T) {
	s := newStore(t)
	if _, err := s.ImportAddresses(context.Background(), "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	impFatal(t, s, func() (Report, error) {
		return s.ImportAddresses(context.Background(), "testdata/ban-missing-lat.csv", nil)
	}, "ban-missing-lat.csv", 1, "lat")
}

func TestImportAddressesSyntaxErrorOnLastLineLeavesStoreUnchanged(t *testing.T) {
	s := newStore(t)
	if _, err := s.ImportAddresses(context.Background(), "testdata/ban-newer-99901.csv", nil); err != nil {
		t.Fatal(err)
	}
	// The file's first rows replace commune 99901 before the error on line 8 is met.
	impFatal(t, s, func() (Report, error) {
		return s.ImportAddresses(context.Background(), "testdata/ban-bad-last-line.csv", nil)
	}, "ban-bad-last-line.csv", 8, "")
}

// writeBAN writes a BAN file of n invented addresses in commune 99903, gzip-compressed when the
// name ends in .gz.
func writeBAN(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var w io.Writer = f
	var gz *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		gz = gzip.NewWriter(f)
		w = gz
	}
	good, _ := os.ReadFile("testdata/ban-good.csv")
	header := string(good[:strings.IndexByte(string(good), '\n')+1])
	io.WriteString(w, header)
	for i := range n {
		fmt.Fprintf(w, "99903_%04d_%05d;99903_%04d;%d;;Rue numéro %d;99300;99903;Gentest;;;700000.00;6600000.00;%.6f;%.6f;parcelle;;;GENTEST;RUE NUMERO %d;commune;commune;1;\n",
			i/100, i%100, i/100, i%100, i/100, 2+float64(i%1000)/1e4, 45+float64(i/1000)/1e3, i/100)
	}
	if gz != nil {
		gz.Close()
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestImportAddressesCancelledHalfWayLeavesStoreUnchanged(t *testing.T) {
	s := newStore(t)
	if _, err := s.ImportAddresses(context.Background(), "testdata/ban-good.csv", nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "adresses-99903.csv.gz")
	writeBAN(t, path, 3*progressEvery)
	before := impDump(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := s.ImportAddresses(ctx, path, func(p Progress) {
		calls++
		if p.Rows < progressEvery || p.Bytes <= 0 || p.Total <= 0 {
			t.Errorf("progress %+v", p)
		}
		cancel() // thousands of rows are already inserted in the transaction
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("progress called %d times before the cancellation took effect, want 1", calls)
	}
	if after := impDump(t, s); after != before {
		t.Error("a cancelled import changed the store")
	}
	// The same file, not cancelled, goes through: the cancellation was the only problem.
	rep, err := s.ImportAddresses(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 3*progressEvery, 3*progressEvery, 0, 0)
}

func TestImportAddressesParis20e(t *testing.T) {
	path := shared.Path(t, "data", "paris-20e", "adresses-75120.csv")
	s := newStore(t)
	ctx := context.Background()
	for i, replaced := range []int{0, 12698} {
		rep, err := s.ImportAddresses(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantCounts(t, rep, 12698, 12698, 0, replaced)
		if n := impCount(t, s, "SELECT count(*) FROM addresses"); n != 12698 {
			t.Errorf("import %d: %d addresses stored, want 12,698", i+1, n)
		}
		if n := impCount(t, s, "SELECT count(DISTINCT street) FROM addresses"); n != 558 {
			t.Errorf("import %d: %d distinct streets, want 558", i+1, n)
		}
		if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE rep = ''"); n != 11295 {
			t.Errorf("import %d: %d addresses without suffix, want 11,295", i+1, n)
		}
		if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE fantoir = ''"); n != 151 {
			t.Errorf("import %d: %d addresses without FANTOIR code, want 151", i+1, n)
		}
	}
}

// BenchmarkImportAddressesParis20e measures the import of the 12,698 BAN addresses of the 20e
// into a new store ("new"), and again into a store that already holds them ("replace": every
// address is deleted and inserted again).
func BenchmarkImportAddressesParis20e(b *testing.B) {
	path := shared.Path(b, "data", "paris-20e", "adresses-75120.csv")
	ctx := context.Background()
	b.Run("new", func(b *testing.B) {
		rows := 0
		for b.Loop() {
			b.StopTimer()
			s, err := Create(filepath.Join(b.TempDir(), "campaign.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			rep, err := s.ImportAddresses(ctx, path, nil)
			if err != nil {
				b.Fatal(err)
			}
			rows += rep.Imported
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("replace", func(b *testing.B) {
		s := newStore(b)
		if _, err := s.ImportAddresses(ctx, path, nil); err != nil {
			b.Fatal(err)
		}
		rows := 0
		for b.Loop() {
			rep, err := s.ImportAddresses(ctx, path, nil)
			if err != nil {
				b.Fatal(err)
			}
			rows += rep.Imported
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	})
}

// FuzzParseAddress feeds arbitrary `;`-separated records to the BAN row parser: it must never
// panic, and what it accepts must be storable.
func FuzzParseAddress(f *testing.F) {
	good, _ := os.ReadFile("testdata/ban-good.csv")
	bad, _ := os.ReadFile("testdata/ban-bad-rows.csv")
	lines := strings.Split(string(good)+string(bad), "\n")
	header := strings.Split(lines[0], ";")
	for _, l := range lines[1:] {
		f.Add(l)
	}
	f.Add(";;;")
	f.Add("x;;1;;r;;1;;;;;;Inf;-Inf")
	f.Add("x;;1;;r;;1;;;;;;1e308;0x1p-2")
	idx := make([]int, len(addressWanted))
	for i, c := range addressWanted {
		idx[i] = -1
		for j, h := range header {
			if h == c.names[0] {
				idx[i] = j
			}
		}
	}
	cols := newAddressColumns(idx, header)
	f.Fuzz(func(t *testing.T, line string) {
		a, bad := parseAddress(7, strings.Split(line, ";"), cols)
		if bad != nil {
			if bad.Line != 7 || bad.Reason == "" {
				t.Fatalf("rejection %v lacks its line or reason", bad)
			}
			return
		}
		if a.ID == "" || a.Street == "" || a.Insee == "" {
			t.Fatalf("accepted %+v without id, street or commune", a)
		}
		if !(a.Lon >= -180 && a.Lon <= 180 && a.Lat >= -90 && a.Lat <= 90) {
			t.Fatalf("accepted coordinates %v, %v", a.Lon, a.Lat)
		}
	})
}

func TestImportAddressesWindows1252AndGzip(t *testing.T) {
	good, err := os.ReadFile("testdata/ban-good.csv")
	if err != nil {
		t.Fatal(err)
	}
	latin, err := charmap.Windows1252.NewEncoder().Bytes(good)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "adresses-99.csv.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	gz.Write(latin)
	gz.Close()
	f.Close()

	s := newStore(t)
	rep, err := s.ImportAddresses(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, 6, 6, 0, 0)
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 0 || !strings.Contains(rep.Warnings[0].Reason, "Windows-1252") {
		t.Errorf("warnings %v, want one file-level notice of the encoding", rep.Warnings)
	}
	if n := impCount(t, s, "SELECT count(*) FROM addresses WHERE street IN ('Impasse Éphémère', 'Chemin du Contrôle')"); n != 3 {
		t.Errorf("%d addresses with their accented street names decoded, want 3", n)
	}
}
