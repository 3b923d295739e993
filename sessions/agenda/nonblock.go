//go:build !js && !wasip1

package agenda

import "syscall"

// nonblock opens a file without waiting for a writer if it is a pipe.
const nonblock = syscall.O_NONBLOCK
