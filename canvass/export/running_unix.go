//go:build unix

package export

import (
	"errors"
	"syscall"
)

// running reports whether a process with this id exists (signal 0 only checks).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
