package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
)

// maxRetryWait bounds the time one call spends waiting between tries, as in
// the Datadog source: a meeting is live, and a panel whose server asks for
// two minutes' patience should say so at once rather than hold a spinner.
const maxRetryWait = 20 * time.Second

// retryPolicy says how often a request is tried again when the server asks
// for patience: 429 Too Many Requests (a rate limit, often a proxy's or a
// multi-tenant server's) and 503 Service Unavailable (a server starting,
// overloaded or shedding load). Other failures are returned at once: a
// timeout would cost the whole timeout again, and the panel has a retry key.
type retryPolicy struct {
	max  int           // retries after the first try
	base time.Duration // first backoff; doubles each retry
}

func defaultRetry() retryPolicy { return retryPolicy{max: 3, base: time.Second} }

// WithRetry sets how often a request answered 429 or 503 is tried again and
// the first backoff, which doubles on each retry; a Retry-After header
// lengthens a wait, never shortens it. max 0 turns retries off. The default
// is 3 retries from 1 s (1 s, 2 s, 4 s); the waits of one call never add up
// to more than 20 s.
func WithRetry(maxRetries int, base time.Duration) Option {
	return func(o *options) {
		o.retry = retryPolicy{max: max(0, maxRetries), base: max(0, base)}
	}
}

// try runs call, each time bounded by the source's timeout, until it
// succeeds, fails in a way a retry cannot help, runs out of retries, or
// would wait more than maxRetryWait in total. A *statusError it returns
// knows how many tries it took. ctx ends a wait at once, with ctx's error.
func (s *Source) try(ctx context.Context, call func(ctx context.Context) error) error {
	var waited time.Duration
	for n := 1; ; n++ {
		rctx, cancel := s.requestContext(ctx)
		err := call(rctx)
		cancel()
		var se *statusError
		if !errors.As(err, &se) {
			return err
		}
		se.tries = n
		delay, again := s.nextWait(se, n, waited)
		if !again {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		waited += delay
	}
}

// nextWait is how long to wait before try n+1 after se, having waited
// already, and whether to try again at all: base·2ⁿ⁻¹, or the server's
// Retry-After when that is longer, unless the waits would then add up to
// more than maxRetryWait.
func (s *Source) nextWait(se *statusError, n int, waited time.Duration) (time.Duration, bool) {
	if !retryable(se) || n > s.retry.max {
		return 0, false
	}
	delay := s.retry.base << (n - 1)
	if d, ok := retryAfter(se.retryAfter, s.now()); ok {
		delay = max(delay, d)
	}
	return delay, waited+delay <= maxRetryWait
}

// retryable reports whether se asks for patience rather than a change: 429,
// and 503 unless the server says the query itself timed out (the same query
// would take as long again).
func retryable(se *statusError) bool {
	switch se.code {
	case http.StatusTooManyRequests:
		return true
	case http.StatusServiceUnavailable:
		var doc apiError
		return json.Unmarshal(se.body, &doc) != nil || doc.ErrorType != string(v1.ErrTimeout)
	}
	return false
}

// retryAfter reads a Retry-After header: whole seconds ("120") or an HTTP
// date ("Wed, 21 Oct 2026 07:28:00 GMT"), which is measured from now. False
// when the header is absent, unreadable, in the past, or more than a day
// away.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	var d time.Duration
	if n, err := strconv.ParseInt(h, 10, 64); err == nil {
		if n < 0 || n > int64(24*time.Hour/time.Second) {
			return 0, false
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	if d < 0 || d > 24*time.Hour {
		return 0, false
	}
	return d, true
}

// retryIn says when the server will take a query again: "in 37 s" (rounded
// up), or "in a minute" when it did not say.
func (s *Source) retryIn(se *statusError) string {
	if d, ok := retryAfter(se.retryAfter, s.now()); ok && d > 0 {
		return fmt.Sprintf("in %d s", int64((d+time.Second-1)/time.Second))
	}
	return "in a minute"
}

// afterTries is " (4 tries)" for a call that was retried.
func afterTries(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (%d tries)", n)
}
