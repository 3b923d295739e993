// Package testclock is the clock tests move by hand, for code that takes a
// func() time.Time (sessions.StartOptions.Now, the demo backend, the TUI).
// A session's journal writer and a backend read it from their own
// goroutines, so it is safe for concurrent use.
package testclock

import (
	"sync"
	"time"
)

// Clock is a time that moves only when the test says so.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// New is a clock that reads t until it is moved.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time; pass the method value c.Now as a clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock d forward (back when d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
