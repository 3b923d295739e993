//go:build unix

package file

import "syscall"

// openFlags open a file without waiting: a named pipe put in a file's place
// would otherwise block the open until a writer comes. Regular files ignore
// the flag.
const openFlags = syscall.O_NONBLOCK
