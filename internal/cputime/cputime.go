// Package cputime measures the processor time of the process, for benchmarks on a shared
// machine: wall time there includes the wait for a processor, processor time does not.
package cputime

import "time"

// Used is the processor time the process has used so far, user and system; 0 where the system
// does not tell.
func Used() time.Duration { return time.Duration(used()) }
