package prometheus

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// answers replies with each handler in turn, the last one for ever after,
// and counts the requests.
func answers(calls *atomic.Int32, hs ...http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		hs[min(n, len(hs)-1)](w, r)
	}
}

func status(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

func fetchLoad(t *testing.T, src *Source) ([]sources.Series, error) {
	t.Helper()
	return src.Fetch(context.Background(), sources.Query{Expr: `sum(rate(x[5m]))`, Kind: sources.KindLoad, Columns: 6}, sixHours)
}

func TestRetries(t *testing.T) {
	const unavailable = `{"status":"error","errorType":"unavailable","error":"TSDB not ready"}`
	tests := []struct {
		name    string
		answers func(t *testing.T) []http.HandlerFunc
		// calls is how many requests the fetch must make.
		calls int
		// wantMsg is a part of the error's message; "" for success.
		wantMsg string
	}{
		{
			name: "429 then 200 succeeds",
			answers: func(t *testing.T) []http.HandlerFunc {
				return []http.HandlerFunc{status(429, "slow down"), fixture(t, 200, "empty.json")}
			},
			calls: 2,
		},
		{
			name: "503 then 200 succeeds",
			answers: func(t *testing.T) []http.HandlerFunc {
				return []http.HandlerFunc{status(503, unavailable), fixture(t, 200, "empty.json")}
			},
			calls: 2,
		},
		{
			name:    "429 for ever is a rate limit after four tries",
			answers: func(*testing.T) []http.HandlerFunc { return []http.HandlerFunc{status(429, "slow down")} },
			calls:   4, wantMsg: "rate limited by Prometheus; retry in a minute (4 tries)",
		},
		{
			name:    "503 for ever fails after four tries",
			answers: func(*testing.T) []http.HandlerFunc { return []http.HandlerFunc{status(503, unavailable)} },
			calls:   4, wantMsg: "unavailable: TSDB not ready (4 tries)",
		},
		{
			// The server spent the whole timeout on it already.
			name:    "a 503 for a query that timed out is not retried",
			answers: func(t *testing.T) []http.HandlerFunc { return []http.HandlerFunc{fixture(t, 503, "timeout.json")} },
			calls:   1, wantMsg: "timeout: query timed out",
		},
		{
			name:    "a 500 is not retried",
			answers: func(*testing.T) []http.HandlerFunc { return []http.HandlerFunc{status(500, "oops")} },
			calls:   1, wantMsg: "HTTP 500 Internal Server Error: oops",
		},
		{
			name: "a Retry-After past the wait budget fails at once with it",
			answers: func(*testing.T) []http.HandlerFunc {
				return []http.HandlerFunc{status(429, "slow down", "Retry-After", "120")}
			},
			calls: 1, wantMsg: "rate limited by Prometheus; retry in 120 s",
		},
		{
			// An HTTP date is measured from the source's clock.
			name: "a Retry-After date past the wait budget fails at once with it",
			answers: func(*testing.T) []http.HandlerFunc {
				at := fakeNow.Add(90 * time.Second).Format(http.TimeFormat)
				return []http.HandlerFunc{status(429, "slow down", "Retry-After", at)}
			},
			calls: 1, wantMsg: "rate limited by Prometheus; retry in 90 s",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			f := newFake(t, answers(&calls, tt.answers(t)...))
			src := newSource(t, f, sources.Config{}, nil, WithRetry(3, time.Millisecond))
			start := time.Now()
			_, err := fetchLoad(t, src)
			if got := int(calls.Load()); got != tt.calls {
				t.Errorf("%d requests, want %d", got, tt.calls)
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %s", took)
			}
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("Fetch: %v", err)
				}
				return
			}
			se := wantSourceError(t, err)
			if !strings.Contains(se.Msg, tt.wantMsg) || !se.Temporary {
				t.Errorf("Msg %q (temporary %v), want it to contain %q and be temporary", se.Msg, se.Temporary, tt.wantMsg)
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, answers(&calls, status(429, "slow down", "Retry-After", "1"), fixture(t, 200, "empty.json")))
	src := newSource(t, f, sources.Config{}, nil, WithRetry(3, time.Millisecond))
	start := time.Now()
	if _, err := fetchLoad(t, src); err != nil {
		t.Fatal(err)
	}
	// The backoff is 1 ms: only the header can make the retry wait 1 s.
	if waited := time.Since(start); waited < time.Second || calls.Load() != 2 {
		t.Errorf("%d requests, the second after %s; want 2, after Retry-After's 1 s", calls.Load(), waited)
	}
}

func TestCancelStopsTheRetryWait(t *testing.T) {
	f := newFake(t, status(429, "slow down", "Retry-After", "10"))
	src := newSource(t, f, sources.Config{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := src.Fetch(ctx, sources.Query{Expr: "up", Columns: 6}, sixHours)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want one wrapping context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Fetch kept waiting after its context was cancelled")
	}
}

func TestNextWait(t *testing.T) {
	src := &Source{retry: retryPolicy{max: 3, base: time.Second}, now: func() time.Time { return fakeNow }}
	tests := []struct {
		name       string
		se         statusError
		n          int
		waited     time.Duration
		want       time.Duration
		wantToWait bool
	}{
		{"the first backoff", statusError{code: 429}, 1, 0, time.Second, true},
		{"the backoff doubles", statusError{code: 503}, 3, 3 * time.Second, 4 * time.Second, true},
		{"no retry after the last", statusError{code: 429}, 4, 7 * time.Second, 0, false},
		{"Retry-After lengthens a wait", statusError{code: 429, retryAfter: "5"}, 1, 0, 5 * time.Second, true},
		{"Retry-After never shortens one", statusError{code: 429, retryAfter: "0"}, 2, time.Second, 2 * time.Second, true},
		{"waits never add up to more than 20 s", statusError{code: 429, retryAfter: "8"}, 3, 16 * time.Second, 8 * time.Second, false},
		{"up to 20 s in all", statusError{code: 429, retryAfter: "10"}, 2, 10 * time.Second, 10 * time.Second, true},
		{"an HTTP date", statusError{code: 429, retryAfter: fakeNow.Add(7 * time.Second).Format(http.TimeFormat)}, 1, 0, 7 * time.Second, true},
		{"a date in the past is the backoff", statusError{code: 429, retryAfter: fakeNow.Add(-time.Hour).Format(http.TimeFormat)}, 1, 0, time.Second, true},
		{"junk is the backoff", statusError{code: 503, retryAfter: "soon"}, 1, 0, time.Second, true},
		{"400 is never retried", statusError{code: 400}, 1, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, again := src.nextWait(&tt.se, tt.n, tt.waited)
			if again != tt.wantToWait || (again && got != tt.want) {
				t.Errorf("nextWait = %s, %v; want %s, %v", got, again, tt.want, tt.wantToWait)
			}
		})
	}
}
