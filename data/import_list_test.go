package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/campagne-fr/porteaporte/data/reu/reugen"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// listState sums up the voters table and the audit trail: a count and a checksum of every stored
// value but the row ids, so that two stores with the same voters compare equal.
type listState struct {
	Voters int
	Audit  int
	Sum    string
}

func voterState(t testing.TB, s *Store) listState {
	t.Helper()
	rows, err := s.db.Query("SELECT " + strings.Join(voterColumns, ", ") + " FROM voters ORDER BY ugle, line, list_type")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	var st listState
	vals := make([]any, len(voterColumns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		st.Voters++
		fmt.Fprintf(h, "%q\n", vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT count(*) FROM audit").Scan(&st.Audit); err != nil {
		t.Fatal(err)
	}
	st.Sum = hex.EncodeToString(h.Sum(nil))
	return st
}

// importList imports path and fails the test on a fatal error.
func importList(t testing.TB, s *Store, path string) Report {
	t.Helper()
	rep, err := s.ImportList(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("import %s: %v", filepath.Base(path), err)
	}
	return rep
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "list", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// voterRow reads some stored attributes of the voter with that birth name.
func voterRow(t *testing.T, s *Store, birthName string) map[string]string {
	t.Helper()
	cols := []string{"ugle", "list_type", "line", "birth_date", "street_number", "street", "complement1", "locality",
		"station_code", "nationality", "coalesce(order_number, 'NULL')"}
	vals := make([]string, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := s.db.QueryRow("SELECT "+strings.Join(cols, ", ")+" FROM voters WHERE birth_name = ?", birthName).Scan(ptrs...)
	if err != nil {
		t.Fatalf("voter %s: %v", birthName, err)
	}
	out := map[string]string{}
	for i, c := range cols {
		out[strings.TrimSuffix(strings.TrimPrefix(c, "coalesce("), ", 'NULL')")] = vals[i]
	}
	return out
}

func TestImportListREU(t *testing.T) {
	s := newStore(t)
	rep := importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv"))
	if rep.Kind != "list" || rep.File != "reu-99999.csv" || rep.Read != 7 || rep.Imported != 7 || rep.Rejected != 0 || rep.Replaced != 0 {
		t.Fatalf("report = %+v, want kind list, file reu-99999.csv, 7 read and imported", rep)
	}
	wantWarn := []RowError{
		{Line: 3, Field: "libellé de voie", Reason: "is empty: no street, the address has only a hamlet (lieu-dit)"},
		{Line: 7, Field: "code du bureau de vote", Reason: "is empty: no polling station for this voter"},
		{Line: 9, Field: "libellé de voie", Reason: "is empty: no street and no hamlet, the voter cannot be placed on a map"},
	}
	if fmt.Sprint(rep.Warnings) != fmt.Sprint(wantWarn) {
		t.Errorf("warnings = %v, want %v", rep.Warnings, wantWarn)
	}
	for name, want := range map[string]map[string]string{
		"EXEMPLEAU":  {"line": "2", "birth_date": "1979-03-17", "street": "Rue des Exemples", "station_code": "0002", "order_number": "37", "list_type": "Liste principale"},
		"TESTELAERE": {"line": "3", "birth_date": "1961", "street": "", "locality": "Le Hameau Inventé", "nationality": "Belge"},
		"D'ESSAI":    {"line": "4", "birth_date": "1961", "street_number": "3 BIS", "complement1": "BAT A; ESC 2", "order_number": "1"},
		"MAQUETTE":   {"line": "5", "birth_date": "1990-07", "complement1": "Chez M. \"Fictif\"\nau fond de la cour", "order_number": "NULL"},
		"SANSBUREAU": {"line": "7", "birth_date": "2000-02-29", "station_code": ""},
		"DUPLICAT":   {"line": "8", "order_number": "37"},
	} {
		got := voterRow(t, s, name)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
	entries, err := s.Audit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := entries[len(entries)-1]
	if last.Operation != "import.list" || fmt.Sprint(last.Params) != "map[file:reu-99999.csv imported:7 read:7 rejected:0 replaced:0]" {
		t.Errorf("audit entry = %s %v, want import.list with the file and counts only", last.Operation, last.Params)
	}
}

// TestImportListVariants imports the same list as re-saved and re-encoded in the ways lists reach
// campaign offices: every variant must store exactly the same voters.
func TestImportListVariants(t *testing.T) {
	orig := readTestdata(t, "reu-99999.csv")
	ref := newStore(t)
	importList(t, ref, filepath.Join("testdata", "list", "reu-99999.csv"))
	want := voterState(t, ref)

	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	crlf := bytes.ReplaceAll(orig, []byte("\n"), []byte("\r\n"))
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(orig)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name    string
		body    []byte
		warning string // expected file-level warning, if any
	}{
		{"bom.csv", append([]byte("\xef\xbb\xbf"), orig...), ""},
		{"crlf.csv", crlf, ""},
		{"comma.csv", commaSeparated(t, orig), ""},
		{"cp1252.csv", cp1252, "Windows-1252"},
		{"plain.csv.gz", gz(orig), ""},
		{"bom-crlf.csv.gz", gz(append([]byte("\xef\xbb\xbf"), crlf...)), ""},
	} {
		t.Run(v.name, func(t *testing.T) {
			s := newStore(t)
			rep := importList(t, s, tempFile(t, v.name, v.body))
			if rep.Imported != 7 || rep.Rejected != 0 {
				t.Fatalf("report = %+v, want 7 imported", rep)
			}
			var notice string
			for _, w := range rep.Warnings {
				if w.Line == 0 {
					notice = w.Reason
				}
			}
			if v.warning == "" && notice != "" || !strings.Contains(notice, v.warning) {
				t.Errorf("file-level warning = %q, want one mentioning %q", notice, v.warning)
			}
			if got := voterState(t, s); got != want {
				t.Errorf("stored voters differ from the UTF-8 original: %+v, want %+v", got, want)
			}
		})
	}
}

// commaSeparated rewrites a `;` list with `,`, quoting only where needed as spreadsheets do.
func commaSeparated(t *testing.T, b []byte) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(recs)
	if !bytes.Contains(buf.Bytes(), []byte(`,BAT A; ESC 2,`)) || !bytes.Contains(buf.Bytes(), []byte(`,"Chez M. ""Fictif""`)) {
		t.Fatal("the comma variant is not quoted the way a spreadsheet quotes")
	}
	return buf.Bytes()
}

func TestImportList2013Layout(t *testing.T) {
	s := newStore(t)
	rep := importList(t, s, filepath.Join("testdata", "list", "elistelec-2013-99999.csv"))
	if rep.Imported != 2 || rep.Rejected != 0 {
		t.Fatalf("report = %+v, want 2 imported", rep)
	}
	for name, want := range map[string]map[string]string{
		"ANCIENNEFORME": {"ugle": "99999", "list_type": "LG", "birth_date": "1948-06-05", "street_number": "8", "street": "RUE DES ARCHIVES", "station_code": "0001"},
		"HOLLANDAIS":    {"ugle": "99999", "list_type": "LCE", "birth_date": "1950", "street": "", "locality": "LE HAMEAU", "nationality": "Néerlandaise"},
	} {
		got := voterRow(t, s, name)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
}

func TestImportListRejects(t *testing.T) {
	s := newStore(t)
	rep := importList(t, s, filepath.Join("testdata", "list", "reu-99999-rejects.csv"))
	if rep.Read != 4 || rep.Imported != 1 || rep.Rejected != 3 {
		t.Fatalf("report = %+v, want 4 read, 1 imported, 3 rejected", rep)
	}
	wantRowErrors(t, rep.Errors, []RowError{{Line: 3, Reason: "expected 27"},
		{Line: 4, Field: "date de naissance", Reason: "dd/mm/yyyy"}, {Line: 5, Field: "code du l'ugle", Reason: "INSEE code"}})
	for i, e := range rep.Errors {
		for _, personal := range []string{"31/02/1970", "EXEMPLEAU", "TESTELAERE", "D'ESSAI"} {
			if strings.Contains(e.String(), personal) {
				t.Errorf("error %d quotes a value: %s", i, e)
			}
		}
	}
}

func TestImportListInvalidUTF8Row(t *testing.T) {
	// Past the first 64 KB the file is known to be UTF-8: a bad byte there rejects its row only.
	var buf bytes.Buffer
	if err := reugen.Write(&buf, 400, 1); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 70<<10 {
		t.Fatalf("generated %d bytes: too few to pass the encoding sniffer", buf.Len())
	}
	buf.WriteString(`"99999";"VILLE-FICTIVE";"Liste principale";"MAUVAIS` + "\xff" + `";;"Luc";"M";"01/01/1970";;;;;;;;;;;;;;"0001";;;;;3` + "\n")
	s := newStore(t)
	rep := importList(t, s, tempFile(t, "bad-utf8.csv", buf.Bytes()))
	if rep.Read != 401 || rep.Imported != 400 || rep.Rejected != 1 {
		t.Fatalf("report read %d imported %d rejected %d, want 401, 400, 1", rep.Read, rep.Imported, rep.Rejected)
	}
	if e := rep.Errors[0]; e.Line != 402 || e.Field != "nom de naissance" || !strings.Contains(e.Reason, "UTF-8") {
		t.Errorf("error = %+v, want line 402, field nom de naissance, not UTF-8", e)
	}
}

func TestImportListTwiceAndNewer(t *testing.T) {
	s := newStore(t)
	importList(t, s, filepath.Join("testdata", "list", "reu-99998.csv"))
	importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv"))
	first := voterState(t, s)
	rep := importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv"))
	if rep.Replaced != 7 || rep.Imported != 7 {
		t.Errorf("second import replaced %d, imported %d; want 7 and 7", rep.Replaced, rep.Imported)
	}
	second := voterState(t, s)
	if first.Voters != 9 || first.Sum != second.Sum || first.Voters != second.Voters {
		t.Fatalf("importing twice changed the voters: %+v then %+v", first, second)
	}
	if second.Audit != first.Audit+1 {
		t.Errorf("audit entries %d then %d, want one more", first.Audit, second.Audit)
	}

	// The newer extract has 2 voters of the 7: a shrink that big needs a confirmation.
	_, err := s.ImportList(context.Background(), filepath.Join("testdata", "list", "reu-99999-newer.csv"), nil)
	var re *ReplaceError
	if !errors.As(err, &re) || len(re.Communes) != 1 || re.Communes[0] != (Shrink{Commune: "99999", Had: 7, Kept: 2}) {
		t.Fatalf("newer extract without AllowReplace: %v, want a ReplaceError saying 7 voters of 99999 would become 2", err)
	}
	if after := voterState(t, s); after != second {
		t.Fatalf("a refused replacement changed the store: %+v, was %+v", after, second)
	}
	rep, err = s.ImportList(context.Background(), filepath.Join("testdata", "list", "reu-99999-newer.csv"), nil, AllowReplace)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Replaced != 7 || rep.Imported != 2 {
		t.Errorf("newer extract replaced %d, imported %d; want 7 and 2", rep.Replaced, rep.Imported)
	}
	var n99999, n99998 int
	s.db.QueryRow("SELECT count(*) FROM voters WHERE ugle = '99999'").Scan(&n99999)
	s.db.QueryRow("SELECT count(*) FROM voters WHERE ugle = '99998'").Scan(&n99998)
	if n99999 != 2 || n99998 != 2 {
		t.Errorf("after the newer extract: %d voters in 99999, %d in 99998; want 2 and 2", n99999, n99998)
	}
	if got := voterRow(t, s, "D'ESSAI")["street_number"]; got != "4" {
		t.Errorf("moved voter's number = %q, want the newer extract's", got)
	}
}

// TestImportListFatalLeavesStore feeds files that cannot be imported to a store holding a list of
// the same commune: the store must be left exactly as it was.
func TestImportListFatalLeavesStore(t *testing.T) {
	orig := readTestdata(t, "reu-99999.csv")
	header, _, _ := bytes.Cut(orig, []byte("\n"))
	noBirthName := bytes.Replace(orig, []byte(`"nom de naissance";`), []byte(`"nom";`), 1)
	bareQuote := append(bytes.Clone(orig), []byte(`"99999";"VILLE-FICTIVE";"Liste principale";"DE "GUILLEMET";;"Luc";"M";"01/01/1970";;;;;;;;;;;;;;"0001";;;;;3`+"\n")...)
	for _, c := range []struct {
		name, body   string
		line         int
		field, where string
	}{
		{"no-birth-name.csv", string(noBirthName), 1, "nom de naissance", "required column missing"},
		{"bare-quote-last-line.csv", string(bareQuote), 10, "", "quote"},
		{"header-only-no-commune.csv", strings.Replace(string(header), `"code du l'ugle"`, `"x"`, 1), 1, "code du l'ugle", "required"},
		{"empty.csv", "", 0, "", "empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv"))
			before := voterState(t, s)
			_, err := s.ImportList(context.Background(), tempFile(t, c.name, []byte(c.body)), nil)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want an *InputError", err)
			}
			if ie.File != c.name || ie.Line != c.line || ie.Field != c.field || !strings.Contains(ie.Reason, c.where) {
				t.Errorf("error = %+v, want file %s line %d field %s saying %q", ie, c.name, c.line, c.field, c.where)
			}
			if strings.Contains(err.Error(), "GUILLEMET") {
				t.Errorf("error quotes a value: %v", err)
			}
			if after := voterState(t, s); after != before {
				t.Errorf("store changed: %+v, was %+v", after, before)
			}
		})
	}
}

func TestImportListCancelled(t *testing.T) {
	var buf bytes.Buffer
	if err := reugen.Write(&buf, 25000, 2); err != nil {
		t.Fatal(err)
	}
	path := tempFile(t, "big.csv", buf.Bytes())
	s := newStore(t)
	importList(t, s, filepath.Join("testdata", "list", "reu-99999.csv")) // same commune: would be replaced
	before := voterState(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls int
	_, err := s.ImportList(ctx, path, func(p Progress) {
		calls++
		if p.Rows < 10000 || p.Bytes <= 0 || p.Bytes > p.Total {
			t.Errorf("progress %+v: want rows ≥ 10000 and 0 < bytes ≤ total", p)
		}
		cancel() // half-way: 10,000 of 25,000 rows
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("progress called %d times after cancelling, want once", calls)
	}
	if after := voterState(t, s); after != before {
		t.Errorf("store changed: %+v, was %+v", after, before)
	}
	// The store still works after the rollback.
	if rep := importList(t, s, path); rep.Imported != 25000 || rep.Replaced != 7 {
		t.Errorf("import after the cancelled one: %+v, want 25000 imported, 7 replaced", rep)
	}
}

func TestImportListParis20Synthetic(t *testing.T) {
	path := shared.Path(t, "data", "paris-20e", "liste-electorale-synthetique-75120.csv.gz")
	s := newStore(t)
	rep := importList(t, s, path)
	if rep.Read != 119728 || rep.Imported != 119728 || rep.Rejected != 0 {
		t.Fatalf("report read %d imported %d rejected %d (%v), want 119728, 119728, 0", rep.Read, rep.Imported, rep.Rejected, rep.Errors)
	}
	first := voterState(t, s)
	rep = importList(t, s, path)
	if rep.Replaced != 119728 {
		t.Errorf("second import replaced %d, want 119728", rep.Replaced)
	}
	if second := voterState(t, s); second.Voters != first.Voters || second.Sum != first.Sum {
		t.Errorf("second import changed the voters: %+v then %+v", first, second)
	}
}
