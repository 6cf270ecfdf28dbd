package textfold

import (
	"strings"
	"testing"
	"unicode"
)

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"  Zoé-Marie  d'ARC ":   "zoe marie d arc",
		"R. PELLEPORT":          "r pelleport",
		"Rue des Pyrénées":      "rue des pyrenees",
		"ŒUVRE Æther Straße":    "oeuvre aether strasse",
		"Lévêque":               "leveque",
		"LÉVÊQUE":               "leveque",
		"Le\u0301ve\u0302que":   "leveque", // decomposed: the marks go, the word stays whole
		"120 bis/122":           "120 bis 122",
		"Ελένη":                 "ελενη",
		"":                      "",
		"--- ...":               "",
		"numéro d’ordre n°12 %": "numero d ordre n 12",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKeyIsAKey: a key folds to itself, holds only lower-case letters, digits and single spaces,
// and texts that differ by case, accents or punctuation alone share it.
func TestKeyIsAKey(t *testing.T) {
	for _, s := range []string{"Élodie", "ÉLODIE", "elodie", "É-lo-die", "Saint-Étienne-du-Rouvray", "L'Haÿ-les-Roses",
		"Œdipe", "1er Mai 1945", "  ", "Ǽ ǅ ĸ ŀ ı", "中文 路"} {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key(Key(%q)) = %q, not %q", s, Key(k), k)
		}
		if strings.Contains(k, "  ") || strings.TrimSpace(k) != k {
			t.Errorf("Key(%q) = %q: spaces not single or at an end", s, k)
		}
		for _, r := range k {
			if r != ' ' && !unicode.IsDigit(r) && !(unicode.IsLetter(r) && !unicode.IsUpper(r)) {
				t.Errorf("Key(%q) = %q holds %q", s, k, r)
			}
		}
	}
	if Key("Élodie") != Key("ELODIE") || Key("Saint-Étienne") != Key("SAINT  ETIENNE.") {
		t.Error("texts that differ by case, accents or punctuation have different keys")
	}
}

func TestStripAccents(t *testing.T) {
	for in, want := range map[string]string{
		"Élodie Lévêque":  "Elodie Leveque",
		"ÇA, C'EST ÇA !":  "CA, C'EST CA !",
		"Œuvre":           "Œuvre",
		"plain ASCII 12.": "plain ASCII 12.",
		"e\u0301":         "e",
	} {
		if got := StripAccents(in); got != want {
			t.Errorf("StripAccents(%q) = %q, want %q", in, got, want)
		}
	}
}
