package journal

import "time"

// FileOption tunes how a journal is written. The zero set of options is
// what a real session uses.
type FileOption func(*fileOptions)

// fileOptions is what FileOptions set.
type fileOptions struct {
	now func() time.Time
}

// WithClock makes the journal stamp events that carry no Time with now
// instead of the wall clock; tests pin time with it. A nil now keeps the
// wall clock.
func WithClock(now func() time.Time) FileOption {
	return func(o *fileOptions) {
		if now != nil {
			o.now = now
		}
	}
}

// newFileOptions applies opts over the defaults.
func newFileOptions(opts []FileOption) fileOptions {
	o := fileOptions{now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}
