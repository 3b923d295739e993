package journal

import "time"

// Option tunes how a journal is written. The zero set of options is
// what a real session uses.
type Option func(*options)

// options is what Options set.
type options struct {
	now func() time.Time
}

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

// newOptions applies opts over the defaults.
func newOptions(opts []Option) options {
	o := options{now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}
