package geocode

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in  string
		n   int
		rep string
		ok  bool
	}{
		{"12", 12, "", true},
		{" 0012 ", 12, "", true},
		{"12 BIS", 12, "b", true},
		{"12B", 12, "b", true},
		{"12 b", 12, "b", true},
		{"12bis", 12, "b", true},
		{"12 Bis.", 12, "b", true},
		{"69 TER", 69, "t", true},
		{"69ter", 69, "t", true},
		{"69 T", 69, "t", true},
		{"4 QUATER", 4, "q", true},
		{"4quater", 4, "q", true},
		{"4 Q", 4, "q", true},
		{"7 P1", 7, "p1", true},
		{"7P1", 7, "p1", true},
		{"7p1", 7, "p1", true},
		{"7 P 1", 7, "p1", true},
		{"1S1", 1, "s1", true},
		{"5 BV", 5, "bv", true},
		{"5bv", 5, "bv", true},
		{"3 QA", 3, "qa", true},
		{"1z", 1, "z", true},
		{"N° 8", 8, "", true},
		{"n°8 bis", 8, "b", true},
		{"No 8", 8, "", true},
		{"12-14", 12, "", true}, // a range: its first number
		{"12/14", 12, "", true},
		{"99999", 99999, "", true},
		{"100000", 0, "", false},
		{"99999999999999999999999", 0, "", false},
		{"", 0, "", false},
		{"   ", 0, "", false},
		{"BIS", 0, "", false},
		{"BAT 12", 0, "", false},
	}
	for _, tt := range tests {
		n, rep, ok := ParseNumber(tt.in)
		if n != tt.n || rep != tt.rep || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %d, %q, %v; want %d, %q, %v", tt.in, n, rep, ok, tt.n, tt.rep, tt.ok)
		}
	}
}

func TestNormalizeRep(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"b", "b"}, {"B", "b"}, {"bis", "b"}, {"BIS", "b"}, {"ter", "t"}, {"TER", "t"},
		{"quater", "q"}, {"QUATER", "q"}, {"quinquies", "c"}, {"a", "a"}, {"p1", "p1"}, {"P1", "p1"},
		{"bv", "bv"}, {"BV", "bv"}, {"q", "q"}, {"t", "t"}, {" b. ", "b"},
	}
	for _, tt := range tests {
		if got := NormalizeRep(tt.in); got != tt.want {
			t.Errorf("NormalizeRep(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
