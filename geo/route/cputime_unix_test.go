//go:build unix

package route

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the test process has used, user and system: on a machine shared
// with other work it measures the solver where wall time measures the queue for the processor.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
