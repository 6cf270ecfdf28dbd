// Package i18n is the interface's languages: the message catalogs (French and English, one TOML
// file per area and language under locales/), the Printer that renders a message in one language,
// and the French conventions for numbers, percentages, dates and typography.
//
// Messages are rendered by github.com/nicksnyder/go-i18n/v2: explicit IDs, CLDR plurals, one
// catalog file per language and area, so that a test compares the key sets of both languages and
// finds the keys no Go source uses. The formats of numbers and dates are ours (format.go).
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language of the interface.
type Lang string

// The languages the interface speaks.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// Langs are the languages the catalogs hold, in the order help texts list them.
var Langs = []Lang{French, English}

// ParseLang reads a language as --lang and the campaign setting write it: "fr" or "en" (case and
// a region, as in fr_FR or en-GB, are ignored).
func ParseLang(s string) (Lang, error) {
	base := strings.ToLower(s)
	if i := strings.IndexAny(base, "_-."); i >= 0 {
		base = base[:i]
	}
	for _, l := range Langs {
		if base == string(l) {
			return l, nil
		}
	}
	return "", Msg("i18n.lang.unknown", "Lang", s)
}

// FromEnv is the language of the environment, as terminal programs read it: the first non-empty
// of LC_ALL, LC_MESSAGES and LANG; French when it starts with "fr", English otherwise.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return French
			}
			return English
		}
	}
	return English
}

//go:embed locales/*.toml
var locales embed.FS

// catalogs are every catalog, loaded once: the bundle and every message ID it holds.
var catalogs = sync.OnceValues(func() (*goi18n.Bundle, []string) {
	var ids []string
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := fs.Glob(locales, "locales/*.toml")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		buf, err := locales.ReadFile(f)
		if err != nil {
			panic(err)
		}
		mf, err := goi18n.ParseMessageFileBytes(buf, f, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", f, err))
		}
		for _, m := range mf.Messages {
			if mf.Tag == language.French {
				typoMessage(m)
			} else {
				ids = append(ids, m.ID)
			}
		}
		if err := b.AddMessages(mf.Tag, mf.Messages...); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", f, err))
		}
	}
	return b, ids
})

// bundle holds every catalog.
func bundle() *goi18n.Bundle {
	b, _ := catalogs()
	return b
}

// typoMessage applies French typography to the text of every form of m (its template actions
// are left alone), so that values filled in at run time (names, paths) are never changed.
func typoMessage(m *goi18n.Message) {
	for _, s := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other} {
		*s = typoTemplate(*s)
	}
}

// Printer renders messages, numbers and dates in one language. A nil *Printer speaks English.
type Printer struct {
	lang Lang
	loc  *goi18n.Localizer
}

// New returns the printer of language l.
func New(l Lang) *Printer {
	if l != French {
		l = English
	}
	return &Printer{lang: l, loc: goi18n.NewLocalizer(bundle(), string(l))}
}

var english = sync.OnceValue(func() *Printer { return New(English) })

// Lang is the printer's language.
func (p *Printer) Lang() Lang {
	if p == nil {
		return English
	}
	return p.lang
}

// orEnglish is p, or the English printer when p is nil.
func (p *Printer) orEnglish() *Printer {
	if p == nil {
		return english()
	}
	return p
}

// T renders message id with kv, name/value pairs filling its template:
// p.T("plan.saved", "Name", name, "Doors", n). An int pair named Count selects the plural form.
// Numbers, dates and errors passed as values are formatted in the printer's language. A message
// missing from the catalogs renders as its ID (the catalog tests keep that from happening).
func (p *Printer) T(id string, kv ...any) string {
	p = p.orEnglish()
	data := make(map[string]any, len(kv)/2)
	var count any
	for i := 0; i+1 < len(kv); i += 2 {
		name := fmt.Sprint(kv[i])
		if name == "Count" {
			count = kv[i+1]
		}
		data[name] = p.value(kv[i+1])
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = count
	}
	s, err := p.loc.Localize(cfg)
	if s == "" && err != nil {
		return id
	}
	return s
}

// Vars are the messages whose ID starts with prefix, by ID, rendered without values: the
// variables of kong's help texts (help:"${help_plan_name}").
func (p *Printer) Vars(prefix string) map[string]string {
	_, ids := catalogs()
	vars := map[string]string{}
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			vars[id] = p.T(id)
		}
	}
	return vars
}

// Error is err in the printer's language: each Message in err's chain is rendered in it, and
// whatever wraps it (fmt.Errorf("...: %w")) is kept as it is.
func (p *Printer) Error(err error) string {
	if err == nil {
		return ""
	}
	p = p.orEnglish()
	text := err.Error()
	for _, m := range messagesIn(err) {
		text = strings.Replace(text, m.Error(), p.T(m.ID, m.Args...), 1)
	}
	return text
}

// messagesIn are the outermost Messages of err's tree of wrapped errors.
func messagesIn(err error) []Message {
	switch e := err.(type) {
	case Message:
		return []Message{e}
	case *Message:
		if e != nil {
			return []Message{*e}
		}
	case interface{ Unwrap() error }:
		return messagesIn(e.Unwrap())
	case interface{ Unwrap() []error }:
		var all []Message
		for _, next := range e.Unwrap() {
			all = append(all, messagesIn(next)...)
		}
		return all
	}
	return nil
}

// Message is an error a person reads, kept as its catalog ID and template values so that each
// reader gets it in their language (Printer.Error). Its Error is the English text, for logs and
// for whoever does not localize.
type Message struct {
	ID   string
	Args []any // name/value pairs, as T takes them
}

// Msg returns the message id with its name/value pairs.
func Msg(id string, kv ...any) Message { return Message{ID: id, Args: kv} }

// Error is the message in English.
func (m Message) Error() string { return english().T(m.ID, m.Args...) }

// Unwrap returns the errors among the message's values, so that errors.Is and errors.As see
// through it (a refusal that says why a context was canceled is still canceled).
func (m Message) Unwrap() []error {
	var errs []error
	for i := 1; i < len(m.Args); i += 2 {
		if err, ok := m.Args[i].(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// In renders the message with p (a nil p speaks English).
func (m Message) In(p *Printer) string { return p.T(m.ID, m.Args...) }
