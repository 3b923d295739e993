package join

import (
	"sync"
	"time"
)

// Default rate limit per client address: a phone that loads a page,
// submits and is redirected uses three requests, and the waiting page
// reloads every five seconds; 40 at once and 4 a second more leave room for
// a person tapping fast and none for a script guessing short codes.
const (
	DefaultBurst = 40
	DefaultRate  = 4.0
)

// maxClients bounds the limiter's memory; addresses idle for clientIdle
// are forgotten first.
const (
	maxClients = 4096
	clientIdle = 10 * time.Minute
)

// limiter is a token bucket per client address, in memory only: the
// addresses are never written anywhere, logged or shown, and are forgotten
// when idle.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens a second
	burst   float64
	now     func() time.Time
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	if rate <= 0 {
		rate = DefaultRate
	}
	if burst <= 0 {
		burst = DefaultBurst
	}
	return &limiter{rate: rate, burst: float64(burst), now: now, clients: map[string]*bucket{}}
}

// allow takes one token from addr's bucket. When it has none it returns
// false and how long until it has one.
func (l *limiter) allow(addr string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.clients[addr]
	if !ok {
		if len(l.clients) >= maxClients {
			l.forgetIdle(now)
			if len(l.clients) >= maxClients {
				return false, clientIdle
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.clients[addr] = b
	}
	if d := now.Sub(b.last); d > 0 {
		b.tokens = min(l.burst, b.tokens+d.Seconds()*l.rate)
		b.last = now
	}
	if b.tokens < 1 {
		wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
		return false, wait
	}
	b.tokens--
	return true, 0
}

func (l *limiter) forgetIdle(now time.Time) {
	for a, b := range l.clients {
		if now.Sub(b.last) > clientIdle {
			delete(l.clients, a)
		}
	}
}
