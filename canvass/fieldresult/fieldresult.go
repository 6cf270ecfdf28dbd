// Package fieldresult is the text a field sheet hands back: what a volunteer recorded at each door
// of a turf, and the place notes of its streets, short enough to paste into a text message and
// checked so that a cut or edited paste is refused.
//
// The format, version 1, is lines of UTF-8 text:
//
//	PAP1 c=3f9a2b1c0d4e f=9b1e4c2a77d0 t=3 p=Est démo     header: campaign, plan fingerprint, turf, plan
//	@2027-02-20                                            the day of the records that follow
//	12 A 09:31                                             door 12 (walk order): absent, at 09:31
//	r2 D 09:40                                             stop 2 of the walk: a digicode
//	#1c3e5a7f                                              CRC-32 of the lines above
//
// Records are sorted by time, then doors before notes, then number, then code; a day line comes
// before the first record and whenever the day changes. The checksum is the CRC-32 (IEEE) of the
// header, day and record lines joined by "\n", in Unicode NFC, as UTF-8, in 8 lower-case hex digits.
// The field sheet's script (canvass/export) writes exactly what Encode writes: a test holds them to it.
//
// Reading is lenient with what messaging apps do to text (CRLF, blank lines, spaces around lines,
// words before the header and after the checksum line) and strict with everything else.
package fieldresult

import (
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Version is the format's version, the digit after "PAP" in the header.
const Version = 1

// magic starts the header of this version.
const magic = "PAP1"

// MaxSize is the most bytes Read accepts: a turf of several thousand doors. Anything larger is not
// a field sheet's results.
const MaxSize = 64 << 10

// Outcome is what happened at a door, one of a fixed list: no free text, where opinions or
// health would creep in.
type Outcome struct {
	Code  string // one letter, as the results write it
	Label string // as the volunteer reads it, in French
	// Knocked: the door was reached (for coverage). Answered: someone spoke at the door.
	// Revisit: the door is worth another visit. Objection: the household asked not to be
	// disturbed again (DOMAIN.md rule 4).
	Knocked, Answered, Revisit, Objection bool
}

// Outcomes are the door outcomes, in the order the sheet shows them.
var Outcomes = []Outcome{
	{Code: "A", Label: "Absent", Knocked: true, Revisit: true},
	{Code: "O", Label: "Ouvert — échange", Knocked: true, Answered: true},
	{Code: "T", Label: "Tract déposé", Knocked: true},
	{Code: "R", Label: "À revoir", Knocked: true, Revisit: true},
	{Code: "N", Label: "Ne plus frapper", Knocked: true, Answered: true, Objection: true},
	{Code: "I", Label: "Adresse introuvable"},
}

// Note is a fixed note about a stretch of street: why doors could not be reached.
type Note struct {
	Code  string
	Label string
}

// Notes are the place notes, in the order the sheet shows them.
var Notes = []Note{
	{Code: "F", Label: "Immeuble fermé"},
	{Code: "D", Label: "Digicode"},
	{Code: "B", Label: "Boîtes aux lettres inaccessibles"},
}

// OutcomeOf finds an outcome by its code.
func OutcomeOf(code string) (Outcome, bool) {
	i := slices.IndexFunc(Outcomes, func(o Outcome) bool { return o.Code == code })
	if i < 0 {
		return Outcome{}, false
	}
	return Outcomes[i], true
}

// NoteOf finds a place note by its code.
func NoteOf(code string) (Note, bool) {
	i := slices.IndexFunc(Notes, func(n Note) bool { return n.Code == code })
	if i < 0 {
		return Note{}, false
	}
	return Notes[i], true
}

// Results are one turf's results as a sheet hands them back.
type Results struct {
	Campaign    string // the campaign file's identifier
	Fingerprint string // the plan's fingerprint when the sheet was made
	Turf        int
	Plan        string
	Doors       []DoorRecord
	Notes       []NoteRecord
	// Line is where the header was read (0 for results not read from text): the line errors
	// about the header name.
	Line int
}

// DoorRecord is a door's outcome: the door by its rank in the walk (1 is the first door of the
// first stop, do-not-knock doors included), and when it was recorded, local time to the minute.
type DoorRecord struct {
	Door    int
	Outcome string // a code of Outcomes
	At      string // YYYY-MM-DDTHH:MM
	Line    int    // where it was read
}

// NoteRecord is a place note on a stop of the walk (1 is the first stop).
type NoteRecord struct {
	Stop int
	Note string // a code of Notes
	At   string // YYYY-MM-DDTHH:MM
	Line int
}

// record is a door or a note as the text orders them.
type record struct {
	at    string
	note  bool
	index int
	code  string
}

func (r record) less(s record) int {
	switch {
	case r.at != s.at:
		return strings.Compare(r.at, s.at)
	case r.note != s.note:
		if r.note {
			return 1
		}
		return -1
	case r.index != s.index:
		return r.index - s.index
	}
	return strings.Compare(r.code, s.code)
}

// Encode writes results as text, the checksum line last, with no final newline.
func Encode(r Results) string {
	var recs []record
	for _, d := range r.Doors {
		recs = append(recs, record{at: d.At, index: d.Door, code: d.Outcome})
	}
	for _, n := range r.Notes {
		recs = append(recs, record{at: n.At, note: true, index: n.Stop, code: n.Note})
	}
	slices.SortFunc(recs, record.less)
	lines := []string{fmt.Sprintf("%s c=%s f=%s t=%d p=%s", magic, r.Campaign, r.Fingerprint, r.Turf, r.Plan)}
	day := ""
	for _, x := range recs {
		if d := x.at[:min(10, len(x.at))]; d != day {
			lines = append(lines, "@"+d)
			day = d
		}
		prefix := ""
		if x.note {
			prefix = "r"
		}
		lines = append(lines, fmt.Sprintf("%s%d %s %s", prefix, x.index, x.code, x.at[min(11, len(x.at)):]))
	}
	body := strings.Join(lines, "\n")
	return body + "\n#" + Checksum(body)
}

// Checksum is the CRC-32 (IEEE) of text in Unicode NFC, as 8 lower-case hex digits.
func Checksum(text string) string {
	return fmt.Sprintf("%08x", crc32.ChecksumIEEE(norm.NFC.Bytes([]byte(text))))
}

// Read reads results from r (a file or a pasted text; name says which in errors). It refuses,
// with a *data.InputError naming the line and field, anything over MaxSize, text that is not
// UTF-8, a missing header or checksum line, a checksum that does not match (the text was cut or
// edited), a newer version, and any line that is not a well-formed record. It does not know the plan: whether the turf and doors
// exist is the caller's to check.
func Read(r io.Reader, name string) (Results, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return Results{}, &data.InputError{File: name, Reason: err.Error()}
	}
	fail := func(line int, field, id string, kv ...any) (Results, error) {
		return Results{}, data.NewInputError(name, line, field, i18n.Msg(id, kv...))
	}
	if len(raw) > MaxSize {
		return fail(0, "", "fieldresult.size", "KiB", MaxSize>>10)
	}
	if !utf8.Valid(raw) {
		return fail(0, "", "fieldresult.utf8")
	}
	type line struct {
		n    int
		text string
	}
	var lines []line
	text := strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\r", "\n")
	for i, l := range strings.Split(text, "\n") {
		lines = append(lines, line{i + 1, strings.TrimSpace(l)})
	}
	start := slices.IndexFunc(lines, func(l line) bool { return strings.HasPrefix(l.text, "PAP") })
	if start < 0 {
		return fail(0, "", "fieldresult.magic", "Magic", magic)
	}
	head := lines[start]
	if v, _, _ := strings.Cut(head.text, " "); v != magic {
		if n, err := strconv.Atoi(strings.TrimPrefix(v, "PAP")); err == nil && n > Version {
			return fail(head.n, "version", "fieldresult.version", "Got", n, "Want", Version)
		}
		return fail(head.n, "version", "fieldresult.expected", "What", magic)
	}
	var body []line
	sum := -1
	for i, l := range lines[start:] {
		if strings.HasPrefix(l.text, "#") {
			sum = start + i
			break
		}
		if l.text != "" {
			body = append(body, l)
		}
	}
	if sum < 0 {
		return fail(0, "checksum", "fieldresult.checksum.missing")
	}
	texts := make([]string, len(body))
	for i, l := range body {
		texts[i] = l.text
	}
	if got := strings.TrimPrefix(lines[sum].text, "#"); !strings.EqualFold(got, Checksum(strings.Join(texts, "\n"))) {
		return fail(lines[sum].n, "checksum", "fieldresult.checksum.bad")
	}
	res, herr := parseHeader(head.text)
	if herr != nil {
		return fail(head.n, herr.field, herr.id, herr.kv...)
	}
	res.Line = head.n
	day := ""
	doors, notes := map[int]bool{}, map[string]bool{}
	for _, l := range body[1:] {
		if d, ok := strings.CutPrefix(l.text, "@"); ok {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return fail(l.n, "day", "fieldresult.expected", "What", "@YYYY-MM-DD")
			}
			day = d
			continue
		}
		if day == "" {
			return fail(l.n, "day", "fieldresult.noday")
		}
		f := strings.Fields(l.text)
		if len(f) != 3 {
			return fail(l.n, "", "fieldresult.record")
		}
		if _, err := time.Parse("15:04", f[2]); err != nil || len(f[2]) != 5 {
			return fail(l.n, "time", "fieldresult.expected", "What", "HH:MM")
		}
		at := day + "T" + f[2]
		if stop, ok := strings.CutPrefix(f[0], "r"); ok {
			n, err := strconv.Atoi(stop)
			if err != nil || n < 1 {
				return fail(l.n, "stop", "fieldresult.stop")
			}
			if _, ok := NoteOf(f[1]); !ok {
				return fail(l.n, "note", "fieldresult.note", "Code", f[1], "Codes", noteCodes())
			}
			if key := strconv.Itoa(n) + f[1]; notes[key] {
				return fail(l.n, "note", "fieldresult.note.twice", "Code", f[1], "Stop", n)
			} else {
				notes[key] = true
			}
			res.Notes = append(res.Notes, NoteRecord{Stop: n, Note: f[1], At: at, Line: l.n})
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 {
			return fail(l.n, "door", "fieldresult.door")
		}
		if _, ok := OutcomeOf(f[1]); !ok {
			return fail(l.n, "outcome", "fieldresult.outcome", "Code", f[1], "Codes", outcomeCodes())
		}
		if doors[n] {
			return fail(l.n, "door", "fieldresult.door.twice", "Door", n)
		}
		doors[n] = true
		res.Doors = append(res.Doors, DoorRecord{Door: n, Outcome: f[1], At: at, Line: l.n})
	}
	return res, nil
}

type headerError struct {
	field string
	id    string // the message saying what is wrong
	kv    []any
}

// parseHeader reads "PAP1 c=... f=... t=N p=NAME"; the plan's name is the rest of the line.
func parseHeader(text string) (Results, *headerError) {
	var r Results
	rest := strings.TrimPrefix(text, magic+" ")
	for _, key := range []string{"c", "f", "t"} {
		var tok string
		tok, rest, _ = strings.Cut(rest, " ")
		v, ok := strings.CutPrefix(tok, key+"=")
		if !ok || v == "" {
			return r, &headerError{key, "fieldresult.expected", []any{"What", key + "=..."}}
		}
		switch key {
		case "c":
			r.Campaign = v
		case "f":
			r.Fingerprint = v
		case "t":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return r, &headerError{"t", "fieldresult.turf", nil}
			}
			r.Turf = n
		}
	}
	name, ok := strings.CutPrefix(rest, "p=")
	if !ok || strings.TrimSpace(name) == "" {
		return r, &headerError{"p", "fieldresult.plan", nil}
	}
	r.Plan = name
	return r, nil
}

func outcomeCodes() string {
	var out []string
	for _, o := range Outcomes {
		out = append(out, o.Code)
	}
	return strings.Join(out, ", ")
}

func noteCodes() string {
	var out []string
	for _, n := range Notes {
		out = append(out, n.Code)
	}
	return strings.Join(out, ", ")
}
