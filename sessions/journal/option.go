package journal

import (
	"io/fs"
	"os"
	"time"
)

// Option tunes how a journal is written. The zero set of options is
// what a real session uses.
type Option func(*options)

// options is what Options set.
type options struct {
	now  func() time.Time
	open OpenFunc
}

// File is what a journal reads and writes through. *os.File is one; tests
// put a File that fails like a full disk in its place (WithOpenFile).
type File interface {
	Read(p []byte) (int, error)
	Write(p []byte) (int, error)
	Truncate(size int64) error
	Sync() error
	Stat() (fs.FileInfo, error)
	Close() error
}

// OpenFunc opens the journal file as os.OpenFile does.
type OpenFunc func(name string, flag int, perm fs.FileMode) (File, error)

// WithClock makes the journal stamp events that carry no Time with now
// instead of the wall clock; tests pin time with it. A nil now keeps the
// wall clock.
func WithClock(now func() time.Time) Option {
	return func(o *options) {
		if now != nil {
			o.now = now
		}
	}
}

// WithOpenFile makes the journal open its file with open instead of
// os.OpenFile (for Create, Open, and the reopening after a failed write);
// tests give a file that fails like a full disk. A nil open keeps
// os.OpenFile.
func WithOpenFile(open OpenFunc) Option {
	return func(o *options) {
		if open != nil {
			o.open = open
		}
	}
}

// osOpen is os.OpenFile as an OpenFunc.
func osOpen(name string, flag int, perm fs.FileMode) (File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return f, nil
}

// newOptions applies opts over the defaults.
func newOptions(opts []Option) options {
	o := options{now: time.Now, open: osOpen}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}
