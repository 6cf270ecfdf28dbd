package fieldresult

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/data"
)

func sample() Results {
	return Results{Campaign: "3f9a2b1c0d4e", Fingerprint: "9b1e4c2a77d0", Turf: 3, Plan: "Est démo",
		Doors: []DoorRecord{
			{Door: 2, Outcome: "O", At: "2027-02-20T09:33"},
			{Door: 1, Outcome: "A", At: "2027-02-20T09:31"},
			{Door: 7, Outcome: "N", At: "2027-02-21T10:02"},
		},
		Notes: []NoteRecord{{Stop: 2, Note: "D", At: "2027-02-20T09:33"}},
	}
}

func ExampleEncode() {
	fmt.Println(Encode(sample()))
	// Output:
	// PAP1 c=3f9a2b1c0d4e f=9b1e4c2a77d0 t=3 p=Est démo
	// @2027-02-20
	// 1 A 09:31
	// 2 O 09:33
	// r2 D 09:33
	// @2027-02-21
	// 7 N 10:02
	// #fcf3aab7
}

func TestChecksumIsCRC32OfNFC(t *testing.T) {
	// CRC-32/IEEE check value of "123456789" is cbf43926 (the example's was checked with Python's
	// zlib.crc32); "é" composed and decomposed agree.
	for in, want := range map[string]string{"123456789": "cbf43926", "": "00000000"} {
		if got := Checksum(in); got != want {
			t.Errorf("Checksum(%q) = %s, want %s", in, got, want)
		}
	}
	if Checksum("p=Est d\u00e9mo") != Checksum("p=Est de\u0301mo") {
		t.Error("composed and decomposed é give different checksums: the text is not normalized")
	}
}

func TestReadRoundTrip(t *testing.T) {
	text := Encode(sample())
	// What messaging apps do: CRLF, spaces, a greeting before and a signature after.
	mangled := "Bonjour, voici le secteur 3 :\r\n\r\n" + strings.ReplaceAll(text, "\n", "  \r\n") + "\r\nEnvoyé de mon téléphone\r\n"
	for name, in := range map[string]string{"plain": text, "mangled": mangled} {
		got, err := Read(strings.NewReader(in), "resultats.txt")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if again := Encode(got); again != text {
			t.Errorf("%s: read and written again:\n%s\nwant\n%s", name, again, text)
		}
		if got.Plan != "Est démo" || got.Turf != 3 || len(got.Doors) != 3 || len(got.Notes) != 1 {
			t.Errorf("%s: read %+v", name, got)
		}
	}
	got, _ := Read(strings.NewReader(mangled), "x")
	if got.Line != 3 || got.Doors[0].Line != 5 {
		t.Errorf("lines: header %d, first door %d; want 3 and 5 as the file numbers them", got.Line, got.Doors[0].Line)
	}
}

func TestReadRefuses(t *testing.T) {
	text := Encode(sample())
	lines := strings.Split(text, "\n")
	resum := func(body ...string) string {
		b := strings.Join(body, "\n")
		return b + "\n#" + Checksum(b)
	}
	head := lines[0]
	cases := []struct {
		name, in, field string
		line            int
		reason          string
	}{
		{"cut", strings.Join(lines[:4], "\n"), "checksum", 0, "was cut"},
		{"cut line", strings.Join(lines[:len(lines)-2], "\n") + "\n" + lines[len(lines)-1], "checksum", 7, "cut or edited"},
		{"edited outcome", strings.Replace(text, "1 A 09:31", "1 O 09:31", 1), "checksum", 8, "cut or edited"},
		{"edited plan", strings.Replace(text, "p=Est démo", "p=Ouest", 1), "checksum", 8, "cut or edited"},
		{"no header", "bonjour\nmerci", "", 0, "no line starts with PAP1"},
		{"newer", strings.Replace(text, "PAP1", "PAP2", 1), "version", 1, "update canvass"},
		{"huge", strings.Repeat("x", MaxSize+1), "", 0, "larger than 64 KiB"},
		{"latin-1", "PAP1 c=1 f=2 t=3 p=\xe9t\xe9\n#0", "", 0, "not UTF-8"},
		{"unknown outcome", resum(head, "@2027-02-20", "1 Z 09:31"), "outcome", 3, `"Z" is not a door outcome`},
		{"unknown note", resum(head, "@2027-02-20", "r1 Q 09:31"), "note", 3, `"Q" is not a place note`},
		{"door twice", resum(head, "@2027-02-20", "1 A 09:31", "1 O 09:32"), "door", 4, "given twice"},
		{"door zero", resum(head, "@2027-02-20", "0 A 09:31"), "door", 3, "door's number"},
		{"bad time", resum(head, "@2027-02-20", "1 A 9h31"), "time", 3, "HH:MM"},
		{"no day", resum(head, "1 A 09:31"), "day", 2, "before any day line"},
		{"bad turf", resum("PAP1 c=3f9a f=9b1e t=x p=Est", "@2027-02-20"), "t", 1, "turf's number"},
		{"no plan", resum("PAP1 c=3f9a f=9b1e t=3"), "p", 1, "plan's name"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.in), "resultats.txt")
		var e *data.InputError
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want an *InputError", c.name, err)
			continue
		}
		if e.Field != c.field || e.Line != c.line || !strings.Contains(e.Reason, c.reason) || e.File != "resultats.txt" {
			t.Errorf("%s: got %+v, want line %d field %q with %q", c.name, *e, c.line, c.field, c.reason)
		}
	}
}

func TestCodesAreOneLetterAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range Outcomes {
		if len(o.Code) != 1 || seen[o.Code] {
			t.Errorf("outcome code %q: want one letter, distinct", o.Code)
		}
		seen[o.Code] = true
	}
	for _, n := range Notes {
		if len(n.Code) != 1 || seen[n.Code] || n.Code == "r" {
			t.Errorf("note code %q: want one letter, distinct from outcomes", n.Code)
		}
		seen[n.Code] = true
	}
	if o, ok := OutcomeOf("N"); !ok || !o.Objection || !reflect.DeepEqual(o, Outcomes[4]) {
		t.Errorf("OutcomeOf(N) = %+v", o)
	}
}
