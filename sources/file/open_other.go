//go:build !unix

package file

// openFlags are none where a file's open cannot block on a pipe the way it
// can on Unix; read still refuses what is not a regular file.
const openFlags = 0
