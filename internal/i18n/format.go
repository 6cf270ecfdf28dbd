package i18n

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// The spaces of French typography.
const (
	nbsp       = '\u00a0' // no-break space: before a colon and %, inside « »
	narrowNbsp = '\u202f' // narrow no-break space: thousands, before ; ? !
)

// value is v as a template shows it: numbers, dates and errors in the printer's language.
func (p *Printer) value(v any) any {
	switch x := v.(type) {
	case int:
		return p.Int(int64(x))
	case int64:
		return p.Int(x)
	case int32:
		return p.Int(int64(x))
	case uint:
		return p.Int(int64(x))
	case float64:
		return p.Float(x, -1)
	case float32:
		return p.Float(float64(x), -1)
	case time.Time:
		return p.Date(x)
	case Message:
		return x.In(p)
	case Fixed:
		return p.Float(x.X, x.Prec)
	case Day:
		if p.Lang() == French {
			return p.DateISO(string(x))
		}
		return string(x)
	case List:
		items := make([]string, len(x))
		for i, item := range x {
			items[i] = fmt.Sprint(p.value(item))
		}
		return strings.Join(items, ", ")
	case error:
		return p.Error(x)
	}
	return v
}

// Day is a value of T that is a day written YYYY-MM-DD, as the campaign stores it: in French it
// is written out (4 avril 2027); in English it stays as it is.
type Day string

// Fixed is a value of T that is a number shown with Prec digits after the decimal separator.
type Fixed struct {
	X    float64
	Prec int
}

// List is a value of T said as its items in the printer's language, separated by commas.
type List []any

// Int is n with the printer's digit grouping: 1 234 (U+202F between groups) in French; in English
// the digits alone, 1234, as the command line has always printed them.
func (p *Printer) Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	if p.Lang() != French {
		return s
	}
	return group(s)
}

// group puts a narrow no-break space between the groups of three digits of s, an integer.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(narrowNbsp)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// Float is x with prec digits after the decimal separator (prec < 0: as few as x needs), the
// separator a comma and the thousands grouped in French: 1 234,5; 1234.5 in English.
func (p *Printer) Float(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'f', prec, 64)
	}
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if p.Lang() != French {
		return s
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	whole = group(whole)
	if hasFrac {
		return whole + "," + frac
	}
	return whole
}

// Percent is share, from 0 to 1, as a percentage with prec digits: 44,2 % in French (a no-break
// space before the sign), 44.2% in English.
func (p *Printer) Percent(share float64, prec int) string {
	s := p.Float(share*100, prec)
	if p.Lang() == French {
		return s + string(nbsp) + "%"
	}
	return s + "%"
}

var (
	monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// Date is the day of t written out: 4 avril 2027 (1er avril 2027) in French, 4 April 2027 in
// English.
func (p *Printer) Date(t time.Time) string {
	if p.Lang() != French {
		return t.Format("2 January 2006")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[t.Month()-1], t.Year())
}

// DateISO is Date of a day written YYYY-MM-DD, as the campaign stores its dates; any other text
// is returned as it is.
func (p *Printer) DateISO(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return p.Date(t)
}

// Typo is s with French typography when the printer speaks French: a no-break space before : and
// a narrow one before ; ? ! (in place of a space, or added after a word), and "quotes" become
// « guillemets ». T applies it to the French catalogs' text; values filled in are left alone.
// English text is returned unchanged.
func (p *Printer) Typo(s string) string {
	if p.Lang() != French {
		return s
	}
	return typo(s, ' ')
}

// typoTemplate is typo applied to the text of a template, outside its {{ }} actions: a value
// stands before the text that follows an action, so a quote there closes.
func typoTemplate(s string) string {
	var b strings.Builder
	before := ' '
	for {
		i := strings.Index(s, "{{")
		j := strings.Index(s[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			b.WriteString(typo(s, before))
			return b.String()
		}
		b.WriteString(typo(s[:i], before))
		before = 'x'
		b.WriteString(s[i : i+j+2])
		s = s[i+j+2:]
	}
}

// typo applies French typography to s. A colon, semicolon, question or exclamation mark gets its
// no-break space (in place of a space before it, if any) only when it ends a word: 12:30, http://
// and a;b are left alone. A straight double quote opens a guillemet at the start of a word and
// closes one elsewhere. before is the character s follows (a space at the start of a text).
func typo(s string, before rune) string {
	in := []rune(s)
	out := make([]rune, 0, len(in)+8)
	for i, r := range in {
		ends := i == len(in)-1 || strings.ContainsRune(" \n\")", in[i+1])
		switch {
		case strings.ContainsRune(":;?!", r) && ends && (i == 0 || !strings.ContainsRune(":;?!", in[i-1])):
			space := narrowNbsp
			if r == ':' {
				space = nbsp
			}
			if last := len(out) - 1; last >= 0 && out[last] == ' ' {
				out = out[:last]
			}
			if last := len(out) - 1; last < 0 || out[last] != nbsp && out[last] != narrowNbsp {
				out = append(out, space)
			}
			out = append(out, r)
		case r == '"' && (i == 0 && strings.ContainsRune(" \n(", before) || i > 0 && strings.ContainsRune(" \n(", in[i-1])):
			out = append(out, '«', nbsp)
		case r == '"':
			out = append(out, nbsp, '»')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
