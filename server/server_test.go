package server

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestHostKeyMadeOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host-key")
	if _, err := New(Config{HostKey: path}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", st.Mode().Perm())
	}
	first, _ := os.ReadFile(path)
	if _, err := New(Config{HostKey: path}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(first, again) {
		t.Error("the host key changed at the second start")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{HostKey: path}); err == nil {
		t.Error("a host key others can read was taken")
	}
}

func TestFailuresPerAddress(t *testing.T) {
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	f := newFailures(3, time.Minute)
	f.now = func() time.Time { return now }
	for i := range 3 {
		if f.blocked("10.0.0.1") {
			t.Fatalf("blocked after %d failures", i)
		}
		f.fail("10.0.0.1")
	}
	if !f.blocked("10.0.0.1") || f.blocked("10.0.0.2") {
		t.Error("3 failures block their address, and only it")
	}
	now = now.Add(61 * time.Second)
	if f.blocked("10.0.0.1") {
		t.Error("still blocked once the failures are a minute old")
	}
}
