package data

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/reu/reugen"
)

// BenchmarkImportList imports a generated REU list into a fresh store and reports rows/s and the
// process's peak RSS. CANVASS_BENCH_LIST names the list file (written if absent, so that .ci/bench-list
// can time the sqlite3 shell on the very same file); CANVASS_BENCH_LIST_ROWS is its size when
// generated (default 1,000,000; without CANVASS_BENCH_LIST, 100,000 in a temporary directory).
func BenchmarkImportList(b *testing.B) {
	path, rows := os.Getenv("CANVASS_BENCH_LIST"), 1_000_000
	if path == "" {
		path, rows = filepath.Join(b.TempDir(), "reu-bench.csv"), 100_000
	}
	if n, err := strconv.Atoi(os.Getenv("CANVASS_BENCH_LIST_ROWS")); err == nil && n > 0 {
		rows = n
	}
	if _, err := os.Stat(path); err != nil {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			b.Fatal(err)
		}
		if err := reugen.Write(f, rows, 1); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	var imported int
	var elapsed time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Create(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err := s.ImportList(context.Background(), path, nil)
		elapsed += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		imported += rep.Imported
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(imported)/elapsed.Seconds(), "rows/s")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Maxrss is in KiB on Linux
	}
}
