package reu

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Voter is one row of the list, normalised. Its strings point into the record it was parsed from,
// except a rewritten birth date or a joined street: parse the next row into another Voter, or copy
// what must outlive the record.
type Voter struct {
	// Text holds the text attributes, indexed by Field; Text[OrderNumber] is unused.
	Text [NumFields]string
	// Order is the order number in the polling station; HasOrder is false when it is empty.
	Order    int64
	HasOrder bool
}

// FieldError says why a row cannot be imported. Field is the column's header as written in the
// file, or empty when the problem is with the whole row. It never holds the value.
type FieldError struct {
	Field  string
	Reason i18n.Message
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Reason.Error()
	}
	return "field " + strconv.Quote(e.Field) + ": " + e.Reason.Error()
}

// Gap is something missing from a row that is imported all the same.
type Gap struct {
	Field  string // header of the column, as written in the file
	Reason i18n.Message
}

// MaxText bounds a text attribute, in characters: names and addresses are far shorter (the longest
// address complements run to a few hundred), and a longer value is a damaged file, not a voter.
const MaxText = 1000

// maxOrder bounds an order number: a polling station has a few thousand voters.
const maxOrder = 9_999_999

// Parse reads a record into v. It returns a *FieldError, naming the first field at fault, when the
// row must be left out. Each attribute is checked as the REU format (REU-FORMAT.md) defines it:
//   - the commune code (UGLE) and a birthplace code are INSEE codes: 5 digits, or 2A/2B and 3
//     digits; the commune code is required;
//   - the list type, when given, is one of the three REU lists (or their codes LP, LCM, LCE, and
//     the 2013 layout's LG);
//   - the birth name is required;
//   - the sex is M or F;
//   - the birth date is dd/mm/yyyy (00 for an unknown day or month), yyyy-mm-dd or a year, or empty;
//   - the birth department is 2 or 3 characters: digits, or 2A/2B;
//   - the postcode is 5 digits, or empty, unless the address is abroad (a country other than France);
//   - the polling-station code is at most 12 letters, digits, spaces, hyphens or underscores;
//   - the order number is a whole number, or empty;
//   - every text is at most MaxText characters.
//
// Given names may be empty (some people have none), and so may the address and the polling
// station: the row is imported, and Gaps says what it lacks.
func (l *Layout) Parse(rec []string, v *Voter) error {
	if len(rec) != len(l.header) {
		return &FieldError{Reason: i18n.Msg("import.reu.fields", "Got", len(rec), "Want", len(l.header))}
	}
	for f := Field(0); f < NumFields; f++ {
		if c := l.col[f]; c >= 0 {
			v.Text[f] = strings.TrimSpace(rec[c])
		} else {
			v.Text[f] = ""
		}
	}
	if c := l.col[ugleDepartment]; c >= 0 {
		v.Text[UGLE] = CommuneCode(strings.TrimSpace(rec[c]), v.Text[UGLE])
	}
	if c := l.col[streetType]; c >= 0 {
		if t := strings.TrimSpace(rec[c]); t != "" {
			if v.Text[Street] == "" {
				v.Text[Street] = t
			} else {
				v.Text[Street] = t + " " + v.Text[Street]
			}
		}
	}
	for f := Field(0); f < NumFields; f++ {
		if l.col[f] < 0 {
			continue // no such column: the attribute is empty for every voter
		}
		if reason := l.check(f, v); reason.ID != "" {
			return &FieldError{Field: l.fieldName(f), Reason: reason}
		}
	}
	v.Order, v.HasOrder = 0, false
	if o := v.Text[OrderNumber]; o != "" {
		v.Order, v.HasOrder = int64(digits(o)), true
	}
	return nil
}

// check says why attribute f of v is not valid, or nothing (no ID). It may normalise the value (a
// birth date, the case of the sex).
func (l *Layout) check(f Field, v *Voter) i18n.Message {
	s := v.Text[f]
	switch f {
	case UGLE:
		if s == "" {
			return i18n.Msg("import.reu.ugle.empty")
		}
		if !inseeCode(s) {
			return i18n.Msg("import.reu.ugle.bad")
		}
	case BirthPlaceCode:
		if s != "" && !inseeCode(s) {
			return i18n.Msg("import.reu.birthplace.bad")
		}
	case ListType:
		if s != "" && !listTypes[s] && !listTypes[tabular.Fold(s)] {
			return i18n.Msg("import.reu.listtype.bad")
		}
	case BirthName:
		if s == "" {
			return i18n.Msg("import.reu.birthname.empty")
		}
	case Sex:
		switch s {
		case "M", "F":
		case "m", "f":
			v.Text[f] = strings.ToUpper(s)
		default:
			return i18n.Msg("import.reu.sex.bad")
		}
	case BirthDate:
		d, ok := NormalizeDate(s)
		if !ok {
			return i18n.Msg("import.reu.birthdate.bad")
		}
		v.Text[f] = d
		return i18n.Message{}
	case BirthDepartment:
		if s != "" && !departmentCode(s) {
			return i18n.Msg("import.reu.department.bad")
		}
	case Postcode:
		if s != "" && (len(s) != 5 || digits(s) < 0) && !abroad(v.Text[Country]) {
			return i18n.Msg("import.reu.postcode.bad")
		}
	case StationCode:
		if !stationCode(s) {
			return i18n.Msg("import.reu.station.bad")
		}
	case OrderNumber:
		if n := digits(s); s != "" && (n < 0 || n > maxOrder) {
			return i18n.Msg("import.reu.order.bad")
		}
	}
	if len(s) > MaxText && utf8.RuneCountInString(s) > MaxText {
		return i18n.Msg("import.reu.long", "Max", MaxText)
	}
	return i18n.Message{}
}

// listTypes are the list types as the REU and the 2013 layout write them, exactly and folded.
var listTypes = map[string]bool{
	"Liste principale": true, "Liste complémentaire municipale": true, "Liste complémentaire européenne": true,
	"liste principale": true, "liste complementaire municipale": true, "liste complementaire europeenne": true,
	"LP": true, "LCM": true, "LCE": true, "LG": true, "lp": true, "lcm": true, "lce": true, "lg": true,
}

// inseeCode reports whether s is written like an INSEE commune code: 5 digits, or 2A/2B and 3 digits.
func inseeCode(s string) bool {
	return len(s) == 5 && (digits(s) >= 0 || (s[:2] == "2A" || s[:2] == "2B") && digits(s[2:]) >= 0)
}

// departmentCode reports whether s is written like a department code: 2 or 3 digits, or 2A/2B.
func departmentCode(s string) bool {
	return (len(s) == 2 || len(s) == 3) && digits(s) >= 0 || s == "2A" || s == "2B"
}

// stationCode reports whether s can be a polling-station code (or is empty).
func stationCode(s string) bool {
	if len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == ' ' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// abroad reports whether a country field names a country other than France.
func abroad(country string) bool {
	return country != "" && !strings.EqualFold(country, "France")
}

// digits parses a string of at most 9 ASCII digits, or returns -1.
func digits(s string) int {
	if len(s) == 0 || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// CommuneCode builds the 5-character INSEE code of a commune from a department code and a commune
// code written without it, as the REU's 2013 layout and the ministry's results files give them:
// "75" and "120" make "75120", "971" and "5" make "97105". A commune code too long to be completed,
// an empty one, or a department code of neither 2 nor 3 characters (none, for a file that gives
// full codes, or one too short to be sure of) leaves the commune code as it is.
func CommuneCode(dept, commune string) string {
	width := 5 - len(dept) // 3 digits after "75" or "2A", 2 after the overseas "971"
	if commune == "" || (len(dept) != 2 && len(dept) != 3) || len(commune) > width {
		return commune
	}
	return dept + strings.Repeat("0", width-len(commune)) + commune
}

// Gaps lists what the voter's row lacks for canvassing planning (a polling station, a street). It
// returns nil, without allocating, for a complete row.
func (l *Layout) Gaps(v *Voter) []Gap {
	noStation := v.Text[StationCode] == ""
	noStreet := v.Text[Street] == ""
	if !noStation && !noStreet {
		return nil
	}
	var gaps []Gap
	if noStation {
		gaps = append(gaps, Gap{Field: l.fieldName(StationCode), Reason: i18n.Msg("import.reu.station.empty")})
	}
	if noStreet {
		reason := i18n.Msg("import.reu.street.hamlet")
		if v.Text[Locality] == "" {
			reason = i18n.Msg("import.reu.street.empty")
		}
		gaps = append(gaps, Gap{Field: l.fieldName(Street), Reason: reason})
	}
	return gaps
}

// NormalizeDate turns a birth date as lists write it into the store's form: dd/mm/yyyy becomes
// YYYY-MM-DD, YYYY-MM when the day is 00, YYYY when the month is 00; a year alone stays a year;
// yyyy-mm-dd (a list re-saved by a spreadsheet) is kept. Empty stays empty. ok is false for
// anything else, including impossible dates (31/02/1970).
func NormalizeDate(s string) (norm string, ok bool) {
	switch {
	case s == "":
		return "", true
	case len(s) == 4:
		return s, year(s) > 0
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d := year(s[:4]), num2(s[5:7]), num2(s[8:10])
		return s, y > 0 && validDay(y, m, d) && d > 0 && m > 0
	}
	// d/m/yyyy with one- or two-digit day and month
	i := strings.IndexByte(s, '/')
	j := strings.LastIndexByte(s, '/')
	if i < 1 || i > 2 || j-i < 2 || j-i > 3 || len(s)-j != 5 {
		return "", false
	}
	d, m, y := num2(s[:i]), num2(s[i+1:j]), year(s[j+1:])
	if d < 0 || m < 0 || y <= 0 || !validDay(y, m, d) {
		return "", false
	}
	switch {
	case m == 0:
		return s[j+1:], true
	case d == 0:
		var b [7]byte
		copy(b[:], s[j+1:])
		b[4], b[5], b[6] = '-', byte('0'+m/10), byte('0'+m%10)
		return string(b[:]), true
	}
	var b [10]byte
	copy(b[:], s[j+1:])
	b[4], b[5], b[6], b[7], b[8], b[9] = '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10)
	return string(b[:]), true
}

// year parses four digits, or returns -1.
func year(s string) int {
	if len(s) != 4 {
		return -1
	}
	n := 0
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// num2 parses one or two digits, or returns -1.
func num2(s string) int {
	if len(s) > 2 {
		return -1
	}
	return digits(s)
}

// validDay reports whether day d of month m exists in year y; 0 stands for unknown and is valid.
func validDay(y, m, d int) bool {
	if m < 0 || m > 12 || d < 0 || d > 31 {
		return false
	}
	if m == 0 || d == 0 {
		return true
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
