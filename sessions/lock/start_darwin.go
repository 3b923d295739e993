//go:build darwin

package lock

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// processStart is the process's start time as the kernel keeps it.
func processStart(pid int) (string, error) {
	k, err := unix.SysctlKinfoProc("kern.proc.pid", pid)
	if err != nil {
		return "", err
	}
	t := k.Proc.P_starttime
	if t.Sec == 0 && t.Usec == 0 {
		return "", fmt.Errorf("no process %d", pid)
	}
	return fmt.Sprintf("%d.%06d", t.Sec, t.Usec), nil
}
