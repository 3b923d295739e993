//go:build js || wasip1

package agenda

// nonblock: there are no named pipes to wait on here.
const nonblock = 0
