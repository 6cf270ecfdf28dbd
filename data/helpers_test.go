package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newStore opens an empty campaign store in a temporary directory, closed when the test ends.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Create(filepath.Join(t.TempDir(), "campaign.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dumpTables renders the rows of each query, value by value and each query's rows ended by "--",
// so that "the store is unchanged" is checked on content and not only on counts.
func dumpTables(t testing.TB, s *Store, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v|", v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// tempFile writes a test file in a temporary directory, mode 0600 like any file that may hold
// voters, and returns its path.
func tempFile[B string | []byte](t testing.TB, name string, body B) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantRowErrors compares the rejected rows of a report with want: same count, and in order the
// same line and field and a reason containing want's.
func wantRowErrors(t testing.TB, got, want []RowError) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("errors %v, want %d", got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.Line || g.Field != w.Field || !strings.Contains(g.Reason, w.Reason) {
			t.Errorf("error %d = %v, want line %d field %q reason containing %q", i, g, w.Line, w.Field, w.Reason)
		}
	}
}

// asRead stores consent rows as read, as a regular contact's: the policy's checks are not the
// store's business, and the store's tests do not need them.
var asRead = ConsentRules{Check: func(c Consent) (Consent, *RowError) { c.Kind = "regular"; return c, nil }}
