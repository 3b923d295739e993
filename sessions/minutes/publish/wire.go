package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Error is a publish that failed: what went wrong, scrubbed of every key
// and token, and what to do about it.
type Error struct {
	// Target is where the publish went ("datadog", "github:acme/checkout").
	Target string
	// Status is the HTTP status, 0 when no answer came.
	Status int
	Msg    string
	Hint   string
	// RetryAt is when a rate limit resets (zero when not rate-limited).
	RetryAt time.Time
	// err is the cause, seen only through its scrubbed text.
	err error
}

func (e *Error) Error() string {
	s := e.Target + ": " + e.Msg
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Unwrap gives the cause (a context's error, say), scrubbed.
func (e *Error) Unwrap() error { return e.err }

// rerun is the sentence every failure ends with: nothing is lost.
const rerun = "publishing again completes it without duplicates"

// scrubbed is a cause whose text has been scrubbed; errors.Is still sees
// the context's errors through it.
type scrubbed struct {
	text  string
	cause error
}

func (s scrubbed) Error() string        { return s.text }
func (s scrubbed) Is(target error) bool { return errors.Is(s.cause, target) }

// wire is what a publisher shares: the secrets to scrub, the clock and the
// wait bound of rate limits.
type wire struct {
	target  string
	secrets sources.Secrets
	now     func() time.Time
	maxWait time.Duration
}

// said scrubs text that came from the wire (an error body, a message)
// before it is clipped: a proxy may echo a request, its headers included.
func (w wire) said(text string) string {
	text = strings.Join(strings.Fields(w.secrets.Redact(text)), " ")
	return w.secrets.Redact(sources.Clip(text, 300))
}

// fail builds an Error; msg and hint are scrubbed again, cause wrapped.
func (w wire) fail(status int, cause error, hint, format string, args ...any) *Error {
	e := &Error{Target: w.target, Status: status, Msg: w.secrets.Redact(fmt.Sprintf(format, args...)), Hint: w.secrets.Redact(hint)}
	if cause != nil {
		e.err = scrubbed{text: w.secrets.Redact(cause.Error()), cause: cause}
	}
	return e
}

// transport words a request that got no answer.
func (w wire) transport(host string, err error) *Error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return w.fail(0, err, rerun, "stopped before %s answered", host)
	}
	return w.fail(0, err, "check the network and the address, then publish again: "+rerun, "cannot reach %s: %s", host, w.said(err.Error()))
}

// limit is a rate limit's answer: until when, and whether waiting for it
// is worth it.
type limit struct {
	limited bool
	reset   time.Time
}

// rateLimit reads a 429 (or GitHub's 403 with no requests left): when
// Retry-After or X-RateLimit-Reset says the limit resets. epochReset says
// how X-RateLimit-Reset counts: GitHub gives the reset's Unix time,
// Datadog the seconds until it.
func rateLimit(resp *http.Response, now time.Time, epochReset bool) limit {
	if resp == nil {
		return limit{}
	}
	h := resp.Header
	limited := resp.StatusCode == http.StatusTooManyRequests ||
		resp.StatusCode == http.StatusForbidden && (h.Get("Retry-After") != "" || h.Get("X-RateLimit-Remaining") == "0")
	if !limited {
		return limit{}
	}
	l := limit{limited: true, reset: now.Add(time.Minute)}
	if ra := strings.TrimSpace(h.Get("Retry-After")); ra != "" {
		if n, err := strconv.ParseInt(ra, 10, 64); err == nil && n >= 0 && n < 86400 {
			l.reset = now.Add(time.Duration(n) * time.Second)
			return l
		}
		if t, err := http.ParseTime(ra); err == nil {
			l.reset = t
			return l
		}
	}
	if n, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-RateLimit-Reset")), 10, 64); err == nil && n >= 0 {
		if epochReset {
			l.reset = time.Unix(n, 0)
		} else if n < 86400 {
			l.reset = now.Add(time.Duration(n) * time.Second)
		}
	}
	return l
}

// maxTries bounds the tries of one call that keeps being rate-limited.
const maxTries = 3

// retry runs call again while it is rate-limited and the reset is near
// (within maxWait in all); a further limit is returned as a rate-limit
// Error naming when to publish again. Only rate limits are retried: they
// promise the request was not acted on, where a 502 after a POST may have
// made the issue (the markers find it on the next run).
func (w wire) retry(ctx context.Context, host string, epochReset bool, call func() (*http.Response, error)) (*http.Response, error) {
	var waited time.Duration
	for try := 1; ; try++ {
		resp, err := call()
		l := rateLimit(resp, w.now(), epochReset)
		if !l.limited {
			return resp, err
		}
		wait := max(l.reset.Sub(w.now()), 0)
		if try >= maxTries || waited+wait > w.maxWait {
			return resp, w.rateLimited(resp.StatusCode, host, l.reset)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return resp, w.fail(0, ctx.Err(), rerun, "stopped while waiting for the rate limit of %s", host)
		case <-t.C:
		}
		waited += wait
	}
}

func (w wire) rateLimited(status int, host string, reset time.Time) *Error {
	in := max(reset.Sub(w.now()).Round(time.Second), time.Second)
	e := w.fail(status, nil, "publish again after "+reset.Local().Format("15:04:05")+": "+rerun,
		"%s is rate-limiting these requests (%d); the limit resets in %s", host, status, in)
	e.RetryAt = reset
	return e
}
