package mairie

import (
	"regexp"
	"strings"
	"testing"
)

// TestRewriteForms rewrites one address many times and checks that each form looks as its name
// says, that about 40% of the rows are rewritten, and that every form shows up.
func TestRewriteForms(t *testing.T) {
	door := &Door{Street: "Boulevard de la Chapelle", Number: 34, Rep: ""}
	suffixed := &Door{Street: "Rue du Général Niessel", Number: 12, Rep: "m"}
	list := Address{Number: "34", Street: "BD DE LA CHAPELLE"}
	checks := map[Form]*regexp.Regexp{
		Unchanged:        regexp.MustCompile(`^(BD DE LA CHAPELLE|R DU GAL NIESSEL)$`),
		InvertedBrackets: regexp.MustCompile(`^(CHAPELLE \((BOULEVARD|BD\.?|BLD) DE LA\)|GENERAL NIESSEL \((RUE|R\.?) DU\))$`),
		Inverted:         regexp.MustCompile(`^(CHAPELLE (BOULEVARD|BD\.?|BLD)( DE LA)?|GENERAL NIESSEL (RUE|R\.?)( DU)?)$`),
		NoType:           regexp.MustCompile(`^((De La )?Chapelle|(DE LA )?CHAPELLE|(Du )?General Niessel|(DU )?GENERAL NIESSEL)$`),
		NumberInStreet:   regexp.MustCompile(`^(34 (BOULEVARD|BD\.?|BLD) DE LA CHAPELLE|12 ?M (RUE|R\.?) DU GENERAL NIESSEL)$`),
		Typos:            regexp.MustCompile(`^((BOULEVARD|BD\.?|BLD) DE LA [A-Za-z]+|(RUE|R\.?) DU [A-Za-z]+ [A-Za-z]+)$`),
		Titles:           regexp.MustCompile(`^(RUE|R\.?) DU (GAL\.?) NIESSEL$`),
		Dropped:          regexp.MustCompile(`^((BOULEVARD|BD\.?|BLD) CHAPELLE|(RUE|R\.?) GENERAL NIESSEL)$`),
		Punctuation:      regexp.MustCompile(`^[*"]?[A-Z]+[.,]? ?(DE LA CHAPELLE|DU GENERAL NIESSEL)( ;|\.|")?$`),
		Range:            regexp.MustCompile(`^(BOULEVARD|BD\.?|BLD) DE LA CHAPELLE$`),
		Padded:           regexp.MustCompile(`^(BOULEVARD|BD\.?|BLD) DE LA CHAPELLE$`),
	}
	numbers := map[Form]*regexp.Regexp{
		Unchanged: regexp.MustCompile(`^(34|12 M)$`), NumberInStreet: regexp.MustCompile(`^$`),
		Range: regexp.MustCompile(`^34(-| A |/)36$`), Padded: regexp.MustCompile(`^(0034|34\.)$`),
	}
	w := New(1)
	seen := map[Form]int{}
	const n = 20000
	for i := range n {
		d, a := door, list
		if i%2 == 1 {
			d, a = suffixed, Address{Number: "12 M", Street: "R DU GAL NIESSEL"}
		}
		out, f := w.Rewrite(a, d)
		seen[f]++
		if re := checks[f]; !re.MatchString(out.Street) {
			t.Errorf("%s: street %q", f, out.Street)
		}
		want := numbers[f]
		if want == nil {
			want = regexp.MustCompile("^" + regexp.QuoteMeta(a.Number) + "$")
		}
		if !want.MatchString(out.Number) {
			t.Errorf("%s: number %q (was %q)", f, out.Number, a.Number)
		}
		if f == Typos && strings.Contains(strings.ToUpper(out.Street), "CHAPELLE") &&
			strings.Contains(strings.ToUpper(out.Street), "NIESSEL") {
			t.Errorf("typos left the name as it was: %q", out.Street)
		}
	}
	if share := float64(n-seen[Unchanged]) / n; share < 0.37 || share > 0.43 {
		t.Errorf("%.1f%% of rows rewritten, want about 40%%", 100*share)
	}
	for _, f := range Forms {
		if seen[f] == 0 {
			t.Errorf("form %s never drawn", f)
		}
	}
}

// TestRewriteSeeded: the same seed gives the same rows, another seed other rows.
func TestRewriteSeeded(t *testing.T) {
	run := func(seed uint64) []string {
		w := New(seed)
		var out []string
		for range 200 {
			a, f := w.Rewrite(Address{Number: "7", Street: "RUE DES PYRENEES"}, &Door{Street: "Rue des Pyrénées", Number: 7})
			out = append(out, string(f)+"|"+a.Number+"|"+a.Street)
		}
		return out
	}
	a, b, c := run(3), run(3), run(4)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Error("the same seed gave different rows")
	}
	if strings.Join(a, "\n") == strings.Join(c, "\n") {
		t.Error("two seeds gave the same rows")
	}
}

// TestRewriteUnmatchable: without a door the list's own label is rewritten; an empty street stays
// empty.
func TestRewriteUnmatchable(t *testing.T) {
	w := New(2)
	for range 500 {
		if out, f := w.Rewrite(Address{}, nil); f != Unchanged || out != (Address{}) {
			t.Fatalf("empty address rewritten as %s: %+v", f, out)
		}
		out, f := w.Rewrite(Address{Number: "42", Street: "AV JEAN JAURES PANTIN"}, nil)
		if f == Unchanged {
			continue
		}
		if !strings.Contains(strings.ToUpper(out.Street), "JAURES") && f != Typos {
			t.Fatalf("%s lost the name: %+v", f, out)
		}
	}
}
