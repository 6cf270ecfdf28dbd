package tabular

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes body to a file named name in a temporary directory.
func writeFile(t testing.TB, name string, body []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// readAll reads every record, copying them (the reader reuses its slice), with their lines.
func readAll(t *testing.T, r *Reader) (recs [][]string, lines []int) {
	t.Helper()
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return recs, lines
		}
		if err != nil {
			t.Fatalf("line %d: %v", r.Line(), err)
		}
		recs = append(recs, append([]string(nil), rec...))
		lines = append(lines, r.Line())
	}
}

const sample = "\"nom\";\"libellé de voie\";\"numéro\"\n\"DUPONT\";\"Rue de l'Essai; bis\";12\n\"MARTIN\";\"Place \"\"Fictive\"\"\nsur deux lignes\";\n\"ÉLODIE\";;7\n"

func TestReaderVariants(t *testing.T) {
	want := [][]string{{"DUPONT", "Rue de l'Essai; bis", "12"}, {"MARTIN", "Place \"Fictive\"\nsur deux lignes", ""}, {"ÉLODIE", "", "7"}}
	wantLines := []int{2, 3, 5}
	cp1252 := bytes.NewBufferString("")
	for _, r := range sample { // the sample's accents all exist in Windows-1252 at the same code as Latin-1
		cp1252.WriteByte(byte(r))
	}
	for _, c := range []struct {
		name     string
		body     []byte
		encoding string
		sep      rune
	}{
		{"plain.csv", []byte(sample), "UTF-8", ';'},
		{"bom.csv", append([]byte("\xef\xbb\xbf"), sample...), "UTF-8 with BOM", ';'},
		{"crlf.csv", []byte(strings.ReplaceAll(sample, "\n", "\r\n")), "UTF-8", ';'},
		{"comma.csv", []byte("nom,libellé de voie,numéro\nDUPONT,\"Rue de l'Essai; bis\",12\nMARTIN,\"Place \"\"Fictive\"\"\nsur deux lignes\",\nÉLODIE,,7\n"), "UTF-8", ','},
		{"tab.csv", []byte("nom\tlibellé de voie\tnuméro\nDUPONT\tRue de l'Essai; bis\t12\nMARTIN\t\"Place \"\"Fictive\"\"\nsur deux lignes\"\t\nÉLODIE\t\t7\n"), "UTF-8", '\t'},
		{"cp1252.csv", cp1252.Bytes(), "Windows-1252", ';'},
		{"plain.csv.gz", gzipped([]byte(sample)), "UTF-8", ';'},
		{"bom-crlf.csv.gz", gzipped([]byte("\xef\xbb\xbf" + strings.ReplaceAll(sample, "\n", "\r\n"))), "UTF-8 with BOM", ';'},
		{"no-final-newline.csv", []byte(strings.TrimSuffix(sample, "\n")), "UTF-8", ';'},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(context.Background(), writeFile(t, c.name, c.body))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.Encoding() != c.encoding || r.Separator() != c.sep {
				t.Errorf("encoding %q separator %q, want %q %q", r.Encoding(), r.Separator(), c.encoding, c.sep)
			}
			if h := r.Header(); len(h) != 3 || h[0] != "nom" || h[1] != "libellé de voie" {
				t.Errorf("header = %q", h)
			}
			if r.Column("Libelle_de VOIE") != 1 || r.Column("absent", "NUMERO") != 2 || r.Column("absent") != -1 {
				t.Errorf("Column lookups wrong: %d %d %d", r.Column("Libelle_de VOIE"), r.Column("absent", "NUMERO"), r.Column("absent"))
			}
			recs, lines := readAll(t, r)
			if len(recs) != len(want) {
				t.Fatalf("records = %q, want %q", recs, want)
			}
			for i := range want {
				if strings.Join(recs[i], "|") != strings.Join(want[i], "|") || lines[i] != wantLines[i] {
					t.Errorf("record %d = %q on line %d, want %q on line %d", i, recs[i], lines[i], want[i], wantLines[i])
				}
			}
			read, total := r.Progress()
			if read != total || total != int64(len(c.body)) {
				t.Errorf("progress at the end = %d of %d, want the whole %d bytes", read, total, len(c.body))
			}
		})
	}
}

func TestReaderInvalidUTF8Row(t *testing.T) {
	// The first 64 KB decide the encoding: a bad byte after them is an error of its row only.
	var b strings.Builder
	b.WriteString("a;b\n")
	for b.Len() < sniffSize+100 {
		b.WriteString("\"texte\";\"é\"\n")
	}
	b.WriteString("\"ok\";\"mauvais\xff\"\n\"après\";\"x\"\n")
	r, err := Open(context.Background(), writeFile(t, "late-bad-byte.csv", []byte(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Encoding() != "UTF-8" {
		t.Fatalf("encoding = %s, want UTF-8", r.Encoding())
	}
	var rowErrs []*RowError
	var last []string
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			rowErrs = append(rowErrs, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		last = append(last[:0], rec...)
	}
	if len(rowErrs) != 1 || rowErrs[0].Column != 1 || rowErrs[0].Line != r.Line()-1 {
		t.Errorf("row errors = %v (last line %d), want one on column 1 of the line before the last", rowErrs, r.Line())
	}
	if strings.Contains(rowErrs[0].Error(), "mauvais") {
		t.Errorf("error quotes the value: %v", rowErrs[0])
	}
	if len(last) != 2 || last[0] != "après" {
		t.Errorf("reading did not go on after the bad row: last = %q", last)
	}
}

func TestReaderFatal(t *testing.T) {
	for _, c := range []struct {
		name, body string
		line       int
		reason     string
	}{
		{"empty.csv", "", 0, "empty"},
		{"nul.csv", "a;b\n\x00\x01;2\n", 0, "NUL"},
		{"bare-quote-last-line.csv", "a;b\n1;2\n3;x\"y\n", 3, "quote"},
		{"unterminated-quote.csv", "a;b\n1;\"2\n", 2, "quote"},
		{"bad-gzip.csv.gz", "\x1f\x8b\x08\x00garbage", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(context.Background(), writeFile(t, c.name, []byte(c.body)))
			if err == nil {
				for err == nil {
					_, err = r.Next()
				}
				r.Close()
				if errors.Is(err, io.EOF) {
					t.Fatal("read to the end, want a fatal error")
				}
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v (%T), want *Error", err, err)
			}
			if fe.File != c.name || fe.Line != c.line || !strings.Contains(fe.Reason.Error(), c.reason) {
				t.Errorf("error = %+v, want file %s line %d saying %q", fe, c.name, c.line, c.reason)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  Libellé_de  VOIE ":                   "libelle de voie",
		"numéro d’ordre dans le bureau de vote": "numero d'ordre dans le bureau de vote",
		"Lieu-dit":        "lieu dit",
		"NomdeNaissance":  "nomdenaissance",
		"PRÉNOMS":         "prenoms",
		"code\tdu l'UGLE": "code du l'ugle",
		"libellé circonscription métropolitaine": "libelle circonscription metropolitaine",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReaderLongRecords: a record longer than MaxRecord, on one line or over many, is rejected on
// the line it starts, its column named, and reading goes on with the right line numbers.
func TestReaderLongRecords(t *testing.T) {
	long := strings.Repeat("z", 3*MaxRecord)
	body := "a;b;c\n" +
		"1;2;3\n" +
		"4;" + long + ";6\n" + // line 3: one long line, its column b
		"7;8;9\n" +
		"\"" + strings.Repeat("ligne\n", MaxRecord/5) + "\";x;y\n" + // lines 5 to 5+MaxRecord/5: one long quoted field
		"10;11;\"" + strings.Repeat("\"\"", MaxRecord) + "\"\n" + // a long field of doubled quotes
		"12;13;14"
	r, err := Open(context.Background(), writeFile(t, "long.csv.gz", gzipped([]byte(body))))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	multiEnd := 5 + MaxRecord/5
	type got struct {
		line, col int
		first     string
	}
	var out []got
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		switch {
		case errors.As(err, &re):
			if rec != nil || !strings.Contains(re.Reason.Error(), "64 KB") {
				t.Errorf("row error %v with %d fields, want an empty record, longer than 64 KB", re, len(rec))
			}
			out = append(out, got{re.Line, re.Column, ""})
		case err != nil:
			t.Fatal(err)
		default:
			out = append(out, got{r.Line(), -1, rec[0]})
		}
	}
	want := []got{{2, -1, "1"}, {3, 1, ""}, {4, -1, "7"}, {5, 0, ""}, {multiEnd + 1, 2, ""}, {multiEnd + 2, -1, "12"}}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("records %v, want %v", out, want)
	}
}

// TestReaderUnterminatedLongQuote: a quoted field that never closes is a fatal error on its
// first line, even when it is too long to keep.
func TestReaderUnterminatedLongQuote(t *testing.T) {
	r, err := Open(context.Background(), writeFile(t, "open.csv", []byte("a;b\n1;2\n3;\""+strings.Repeat("x", 2*MaxRecord)+"\n")))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.Next()
	_, err = r.Next()
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 3 || !strings.Contains(fe.Reason.Error(), "never closed") {
		t.Errorf("error %v, want a fatal error on line 3: the quote is never closed", err)
	}
}

// TestReaderEncodingEvidence: the encoding is the one most of the non-ASCII bytes say.
func TestReaderEncodingEvidence(t *testing.T) {
	ascii := strings.Repeat("texte;simple\n", sniffSize/13+10) // longer than the sniffed head
	for _, c := range []struct {
		name, body, encoding string
		bad                  []int // lines rejected
		want                 string
	}{
		{"utf8-stray.csv", "nom;prénom\nLÉA;Zoé\nCAF\xe9;Noé\nÉLODIE;Inès\n", "UTF-8", []int{3}, "ÉLODIE"},
		{"cp1252.csv", "nom;pr\xe9nom\nL\xc9A;Zo\xe9\nCAF\xc9;No\xe9\n", "Windows-1252", nil, "CAFÉ"},
		{"late-cp1252.csv", "nom;prenom\n" + ascii + "CAF\xc9;No\xe9\n", "Windows-1252", nil, "CAFÉ"},
		{"late-utf8.csv", "nom;prenom\n" + ascii + "CAFÉ;Noé\nCAF\xc9;x\n", "UTF-8", []int{sniffSize/13 + 10 + 3}, "CAFÉ"},
		{"undefined-cp1252.csv", "nom;pr\xe9nom\nL\xc9A;Zo\x81\n", "Windows-1252", []int{2}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(context.Background(), writeFile(t, c.name, []byte(c.body)))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var bad []int
			found := c.want == ""
			for {
				rec, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				var re *RowError
				if errors.As(err, &re) {
					bad = append(bad, re.Line)
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				found = found || rec[0] == c.want
			}
			if r.Encoding() != c.encoding || fmt.Sprint(bad) != fmt.Sprint(c.bad) || !found {
				t.Errorf("encoding %s, rejected lines %v, %q found %v; want %s, %v, found", r.Encoding(), bad, c.want, found, c.encoding, c.bad)
			}
		})
	}
}

// TestReaderSaysWhatTheFileIs: UTF-16 and binary files are named as such, with what to do.
func TestReaderSaysWhatTheFileIs(t *testing.T) {
	le := []byte{0xff, 0xfe}
	be := []byte{}
	for _, c := range "nom;prenom\nA;B\n" {
		le = append(le, byte(c), 0)
		be = append(be, 0, byte(c))
	}
	random := make([]byte, 2000)
	for i := range random {
		random[i] = byte(i*31 + i*i*7)
	}
	for _, c := range []struct {
		name string
		body []byte
		says string
	}{
		{"le.csv", le, "UTF-16 text"},
		{"be-no-bom.csv", be, "UTF-16 text"},
		{"random.csv", random, "not a text file"},
	} {
		_, err := Open(context.Background(), writeFile(t, c.name, c.body))
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason.Error(), c.says) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.says)
		}
	}
}

// TestReaderDuplicateColumns: two columns of the same name, or two names of one column, are an
// error naming both.
func TestReaderDuplicateColumns(t *testing.T) {
	_, err := Open(context.Background(), writeFile(t, "same.csv", []byte("lon;lat;LON\n1;2;3\n")))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 1 || !strings.Contains(fe.Reason.Error(), `1 "lon" and 3 "LON"`) {
		t.Errorf("same name twice: %v, want an error naming columns 1 and 3", err)
	}
	r, err := Open(context.Background(), writeFile(t, "alias.csv", []byte("longitude;lat;lon\n1;2;3\n")))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Column("lat") != 1 {
		t.Fatal("an unambiguous column was not found")
	}
	if _, err := r.Next(); err != nil {
		t.Fatalf("no ambiguity yet: %v", err)
	}
	r.Column("lon", "longitude")
	if _, err := r.Next(); !errors.As(err, &fe) || !strings.Contains(fe.Reason.Error(), `1 "longitude" and 3 "lon"`) {
		t.Errorf("two names of one column: %v, want an error naming both", err)
	}
}

// TestReaderControls: control characters are stripped, or with RejectControls reject their row;
// tabs and line feeds inside a field are text.
func TestReaderControls(t *testing.T) {
	body := "a;b\n\"x\ty\nz\";ok\nnul\x00;bell\x07\x1b[31m\n" + strings.Repeat("texte;ordinaire\n", 30)
	for _, reject := range []bool{false, true} {
		r, err := Open(context.Background(), writeFile(t, "ctl.csv", []byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		if reject {
			r.RejectControls()
		}
		rec, err := r.Next()
		if err != nil || rec[0] != "x\ty\nz" {
			t.Errorf("tab and line feed: %q, %v", rec, err)
		}
		rec, err = r.Next()
		var re *RowError
		switch {
		case reject && (!errors.As(err, &re) || re.Column != 0 || re.Line != 4):
			t.Errorf("RejectControls: %v, want a row error on line 4, column 1", err)
		case !reject && (err != nil || rec[0] != "nul" || rec[1] != "bell[31m"):
			t.Errorf("stripped: %q, %v", rec, err)
		}
		r.Close()
	}
}

// TestReaderStopsWithTheContext: reading stops with the context's error once it is done.
func TestReaderStopsWithTheContext(t *testing.T) {
	body := "a;b\n" + strings.Repeat("1;2\n", 200_000)
	ctx, cancel := context.WithCancel(context.Background())
	r, err := Open(ctx, writeFile(t, "big.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cancel()
	for err == nil {
		_, err = r.Next()
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
