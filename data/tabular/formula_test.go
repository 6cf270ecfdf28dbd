package tabular

import "testing"

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+33": "'+33", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Rue de la Paix": "Rue de la Paix", "12": "12", "": "", "a=b": "a=b", "'=x": "''=x", "'x": "'x", "'": "'",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
		if back := Unneutralize(Neutralize(in)); back != in {
			t.Errorf("Unneutralize(Neutralize(%q)) = %q", in, back)
		}
	}
	// What a spreadsheet user typed to keep a formula as text reads as the text.
	if got := Unneutralize("'=HYPERLINK(x)"); got != "=HYPERLINK(x)" {
		t.Errorf("Unneutralize = %q", got)
	}
}
