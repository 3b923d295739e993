package datadog

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryWait bounds the time one call spends waiting between tries. A
// meeting is live: a panel whose rate limit resets in two minutes should say
// so at once, not hold a spinner.
const maxRetryWait = 20 * time.Second

// retryPolicy says when to try a request again. Only HTTP 429 and 5xx are
// retried, as the official client does; a timeout or a refused connection is
// returned at once (the panel has a retry key, and a second 30 s wait helps
// nobody).
type retryPolicy struct {
	max  int           // retries after the first try
	base time.Duration // first backoff; doubles each retry
}

func defaultRetry() retryPolicy { return retryPolicy{max: 3, base: time.Second} }

// outcome is the last answer of a call and how many tries it took.
type outcome struct {
	resp  *http.Response
	err   error
	tries int
}

// do runs call until it succeeds, fails for good, runs out of retries or
// would wait longer than maxRetryWait in total. The delay before retry n
// (from 0) is base·2ⁿ, or the 429's X-RateLimit-Reset when that is longer.
// ctx ends a wait at once, with ctx's error as the outcome.
func (p retryPolicy) do(ctx context.Context, call func() (*http.Response, error)) outcome {
	var waited time.Duration
	for try := 1; ; try++ {
		resp, err := call()
		if resp != nil && resp.Body != nil {
			// The client has read the body already (into its error or
			// result) and left a copy in memory; only headers and status
			// matter from here.
			_ = resp.Body.Close()
		}
		o := outcome{resp: resp, err: err, tries: try}
		if resp == nil || !retryable(resp.StatusCode) || try > p.max {
			return o
		}
		delay := p.base << (try - 1)
		if resp.StatusCode == http.StatusTooManyRequests {
			delay = max(delay, resetAfter(resp.Header))
		}
		if waited+delay > maxRetryWait {
			return o
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			// The caller moved on: what it left behind no longer matters.
			t.Stop()
			return outcome{err: ctx.Err(), tries: try}
		case <-t.C:
		}
		waited += delay
	}
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// resetAfter reads X-RateLimit-Reset, the whole seconds until Datadog's
// rate-limit window resets; 0 when absent or not a non-negative integer.
func resetAfter(h http.Header) time.Duration {
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-RateLimit-Reset")), 10, 64)
	if err != nil || n < 0 || n > int64(24*time.Hour/time.Second) {
		return 0
	}
	return time.Duration(n) * time.Second
}
