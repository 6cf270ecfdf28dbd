package i18n_test

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// catalog is one language's messages, by ID, with the file each comes from.
type catalog map[string]entry

type entry struct {
	file string
	msg  *goi18n.Message
}

// readCatalogs reads locales/*.toml as the package embeds them, by language.
func readCatalogs(t *testing.T) map[string]catalog {
	t.Helper()
	files, err := filepath.Glob("locales/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalog in locales/ (%v)", err)
	}
	cats := map[string]catalog{}
	for _, f := range files {
		parts := strings.Split(filepath.Base(f), ".")
		if len(parts) != 3 {
			t.Errorf("%s: a catalog is named <area>.<lang>.toml", f)
			continue
		}
		buf, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		mf, err := goi18n.ParseMessageFileBytes(buf, f, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		lang := parts[1]
		if cats[lang] == nil {
			cats[lang] = catalog{}
		}
		for _, m := range mf.Messages {
			if prev, ok := cats[lang][m.ID]; ok {
				t.Errorf("%s: %s is already in %s", f, m.ID, prev.file)
			}
			cats[lang][m.ID] = entry{file: f, msg: m}
		}
	}
	return cats
}

// forms are the plural forms a message defines, by name.
func forms(m *goi18n.Message) map[string]string {
	all := map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
	for k, v := range all {
		if v == "" {
			delete(all, k)
		}
	}
	return all
}

var (
	action = regexp.MustCompile(`\{\{.*?\}\}`)
	field  = regexp.MustCompile(`\.([A-Za-z_]\w*)`)
)

// fields are the template fields the forms of m fill.
func fields(m *goi18n.Message) []string {
	set := map[string]bool{}
	for _, text := range forms(m) {
		for _, a := range action.FindAllString(text, -1) {
			for _, f := range field.FindAllStringSubmatch(a, -1) {
				set[f[1]] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// TestCatalogsMatch fails when a message exists in one language only, or when the two languages
// differ in its plural forms or in the fields its template fills.
func TestCatalogsMatch(t *testing.T) {
	cats := readCatalogs(t)
	fr, en := cats["fr"], cats["en"]
	if len(fr) == 0 || len(en) == 0 || len(cats) != 2 {
		t.Fatalf("want catalogs in fr and en only, got %v", slices.Sorted(maps.Keys(cats)))
	}
	for id, e := range en {
		if _, ok := fr[id]; !ok {
			t.Errorf("%s: %s has no French (add it to %s)", e.file, id, strings.Replace(e.file, ".en.", ".fr.", 1))
		}
	}
	for id, f := range fr {
		e, ok := en[id]
		if !ok {
			t.Errorf("%s: %s has no English (add it to %s)", f.file, id, strings.Replace(f.file, ".fr.", ".en.", 1))
			continue
		}
		if strings.Replace(e.file, ".en.", ".fr.", 1) != f.file {
			t.Errorf("%s is in %s but in %s", id, e.file, f.file)
		}
		// French has a "many" form (a million) that falls back to "other": it is the only one
		// English lacks.
		ef, ff := forms(e.msg), forms(f.msg)
		delete(ff, "many")
		if got, want := slices.Sorted(maps.Keys(ff)), slices.Sorted(maps.Keys(ef)); !slices.Equal(got, want) {
			t.Errorf("%s: plural forms %v in French, %v in English", id, got, want)
		}
		if got, want := fields(f.msg), fields(e.msg); !slices.Equal(got, want) {
			t.Errorf("%s: fields %v in French, %v in English", id, got, want)
		}
		if _, plural := ef["one"]; plural && !slices.Contains(fields(e.msg), "Count") {
			t.Errorf("%s: a plural message is chosen by its Count field, which it does not show", id)
		}
	}
}

// TestCatalogsUsed fails when a catalog's ID appears in no Go source of the module (tests aside)
// as a quoted string, or as a kong variable in a struct tag (${id}): IDs built at run time are
// listed in full where they are built.
func TestCatalogsUsed(t *testing.T) {
	cats := readCatalogs(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root is not %s: %v", root, err)
	}
	var sources strings.Builder
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		buf, err := os.ReadFile(path)
		sources.Write(buf)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	text := sources.String()
	for id, e := range cats["en"] {
		if !strings.Contains(text, `"`+id+`"`) && !strings.Contains(text, "${"+id+"}") {
			t.Errorf("%s: %s is used by no Go source", e.file, id)
		}
	}
}
