//go:build linux

package lock

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// processStart is the process's start time in clock ticks since boot:
// field 22 of /proc/<pid>/stat. With the pid it names one process for as
// long as the system runs.
func processStart(pid int) (string, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", err
	}
	return statStartTime(data)
}

// statStartTime reads field 22 of a /proc/<pid>/stat line. Field 2, the
// command name, is in parentheses and may hold spaces and parentheses, so
// fields are counted after its last ")".
func statStartTime(stat []byte) (string, error) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return "", fmt.Errorf("unreadable /proc stat line")
	}
	fields := bytes.Fields(stat[i+1:]) // fields 3, 4, …
	const startField = 22
	if len(fields) < startField-2 {
		return "", fmt.Errorf("short /proc stat line")
	}
	return string(fields[startField-3]), nil
}
