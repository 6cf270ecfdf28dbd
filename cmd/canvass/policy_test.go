package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/demo"
)

// demoCampaign builds the demo campaign in a temporary file and returns it with the voters'
// names of its generated list, to search outputs for: whole names of four letters or more that no
// street of the town also bears ("Marie" of "Rue Pierre et Marie Curie").
func demoCampaign(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, out := canvassRun(t, "--db", db, "demo", "--no-tui"); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	files, err := demo.Generate(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(files.List)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ban, err := os.ReadFile(files.Addresses)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for _, row := range rows[1:] {
		for _, field := range []string{row[3], row[4], row[5]} { // birth name, usage name, given names
			for _, n := range strings.Fields(field) {
				if len([]rune(n)) >= 4 && !seen[n] && !containsWord(string(ban), n) {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d names to search for", len(names))
	}
	return db, names
}

func TestPolicyThroughTheCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	db, names := demoCampaign(t)

	code, out := canvassRun(t, "--db", db, "plan", "--name", "seniors", "--level", "street", "--rule", "age > 60", "--turf-doors", "50")
	if code != exitRefused || !strings.Contains(out, "area level") {
		t.Errorf("a rule on age: exit %d, want %d with the reason\n%s", code, exitRefused, out)
	}

	people := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(people, []byte("nom_naissance;prenoms;date_naissance;numero;voie;code_postal\nINCONNU;Max;01/01/1970;1;RUE X;99500\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out = canvassRun(t, "--db", db, "plan", "--personal", "--name", "rappel", "--people", people, "--json")
	if code != exitRefused {
		t.Errorf("a personal list where nobody consented: exit %d, want %d\n%s", code, exitRefused, out)
	}
	var list struct {
		Eligible int            `json:"eligible"`
		Excluded map[string]int `json:"excluded"`
	}
	if err := json.Unmarshal([]byte(out[:strings.LastIndex(out, "}")+1]), &list); err != nil || list.Eligible != 0 || list.Excluded["not_on_list"] != 1 {
		t.Errorf("refusal JSON: %+v, %v\n%s", list, err, out)
	}

	code, out = canvassRun(t, "--db", db, "plan", "--name", "tout", "--level", "neighborhood", "--layer", "quartiers",
		"--rule", "all", "--turf-doors", "120", "--json")
	if code != 0 {
		t.Fatalf("area plan: exit %d\n%s", code, out)
	}
	var plan struct {
		Turfs []struct {
			Doors int `json:"doors"`
			Stops []struct {
				Street string `json:"street"`
				From   string `json:"from"`
			} `json:"stops"`
		} `json:"turfs"`
		Metrics map[string]float64 `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil || len(plan.Turfs) == 0 || plan.Turfs[0].Stops[0].Street == "" {
		t.Fatalf("plan JSON: %v\n%.500s", err, out)
	}
	_, shown := canvassRun(t, "--db", db, "plan", "show", "tout")
	for _, output := range []string{out, shown} {
		for _, n := range names {
			if containsWord(output, n) {
				t.Errorf("an area plan's output names a voter: %q", n)
				break
			}
		}
	}
}

// containsWord reports whether w stands in s as a whole word (street names share words with
// surnames: "Martin" may be a street; the generated streets use none of the generated names).
func containsWord(s, w string) bool {
	for i := strings.Index(s, w); i >= 0; {
		before := i == 0 || !isLetter(s[i-1])
		after := i+len(w) == len(s) || !isLetter(s[i+len(w)])
		if before && after {
			return true
		}
		next := strings.Index(s[i+1:], w)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }
