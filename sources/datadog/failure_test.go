package datadog

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

const (
	failExpr = "avg:trace.http.request{service:checkout,env:prod}"
	failSent = failExpr + ".rollup(avg, 300)"
)

func fetchOnce(t *testing.T, s *Source) ([]sources.Series, error) {
	t.Helper()
	return s.Fetch(context.Background(), sources.Query{Kind: sources.KindCustom, Expr: failExpr}, day)
}

func TestFailuresByStatus(t *testing.T) {
	tests := []struct {
		name  string
		stubs func(t *testing.T) []*stub
		// wantMsg is the whole message; wantHint a part of the hint.
		wantMsg, wantHint string
		temporary         bool
	}{
		{
			name: "403 names the keys and the site and quotes Datadog",
			stubs: func(t *testing.T) []*stub {
				return []*stub{queryStub(t, failSent, fixture(t, 403, "forbidden.json"))}
			},
			wantMsg:  "{host} refused the keys (403 Forbidden: Forbidden)",
			wantHint: "check DD_API_KEY / DD_APP_KEY and site",
		},
		{
			name: "401 likewise",
			stubs: func(*testing.T) []*stub {
				return []*stub{queryStub(t, failSent, raw(401, "application/json", `{"errors":["Unauthorized"]}`))}
			},
			wantMsg:  "{host} refused the keys (401 Unauthorized: Unauthorized)",
			wantHint: "check DD_API_KEY / DD_APP_KEY and site",
		},
		{
			name: "429 whose reset is beyond the wait budget fails at once with the reset",
			stubs: func(t *testing.T) []*stub {
				return []*stub{queryStub(t, failSent, withHeaders(fixture(t, 429, "rate_limited.json"),
					"X-RateLimit-Reset", "120", "X-RateLimit-Limit", "1600", "X-RateLimit-Period", "3600"))}
			},
			wantMsg:   "rate limited by Datadog; retry in 120 s",
			wantHint:  "(1600 requests per 3600 s)",
			temporary: true,
		},
		{
			name: "429 without a reset is retried with backoff, then reported",
			stubs: func(t *testing.T) []*stub {
				s := queryStub(t, failSent, fixture(t, 429, "rate_limited.json"))
				s.times = 4 // the first try and 3 retries
				return []*stub{s}
			},
			wantMsg:   "rate limited by Datadog; retry in a minute",
			temporary: true,
		},
		{
			name: "500 then 200 succeeds",
			stubs: func(t *testing.T) []*stub {
				return []*stub{
					queryStub(t, failSent, raw(500, "application/json", `{"errors":["Internal Server Error"]}`)),
					queryStub(t, failSent, fixture(t, 200, "query_latency.json")),
				}
			},
		},
		{
			name: "500 forever is temporary after four tries",
			stubs: func(t *testing.T) []*stub {
				s := queryStub(t, failSent, raw(500, "application/json", `{"errors":["Internal Server Error"]}`))
				s.times = 4
				return []*stub{s}
			},
			wantMsg:   "{host} answered 500 Internal Server Error: Internal Server Error (4 tries)",
			wantHint:  "status.datadoghq.com",
			temporary: true,
		},
		{
			name: "a proxy's 502 page is not quoted",
			stubs: func(*testing.T) []*stub {
				s := queryStub(t, failSent, raw(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>"))
				s.times = 4
				return []*stub{s}
			},
			wantMsg:   "{host} answered 502 Bad Gateway (4 tries)",
			temporary: true,
		},
		{
			name: "404 without an SLO points at the url prefix",
			stubs: func(*testing.T) []*stub {
				return []*stub{queryStub(t, failSent, raw(404, "text/plain", "404 page not found"))}
			},
			wantMsg:  "{host} has no Datadog API here (404 Not Found)",
			wantHint: "path prefix",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			for _, s := range tt.stubs(t) {
				f.on(s)
			}
			got, err := fetchOnce(t, f.source(t))
			if tt.wantMsg == "" {
				if err != nil || len(got) != 1 {
					t.Fatalf("Fetch = %d series, %v; want success", len(got), err)
				}
				return
			}
			se := asSourceError(t, err)
			want := strings.ReplaceAll(tt.wantMsg, "{host}", f.host())
			if se.Msg != want {
				t.Errorf("Msg = %q\nwant  %q", se.Msg, want)
			}
			if !strings.Contains(se.Hint, tt.wantHint) {
				t.Errorf("Hint = %q, want it to contain %q", se.Hint, tt.wantHint)
			}
			if se.Temporary != tt.temporary || sources.IsTemporary(err) != tt.temporary {
				t.Errorf("Temporary = %v, want %v", se.Temporary, tt.temporary)
			}
			if se.Query != failExpr {
				t.Errorf("Query = %q, want the agenda's query %q", se.Query, failExpr)
			}
		})
	}
}

func TestRateLimitResetIsHonoured(t *testing.T) {
	f := newFake(t)
	f.on(queryStub(t, failSent, withHeaders(fixture(t, 429, "rate_limited.json"), "X-RateLimit-Reset", "1")))
	f.on(queryStub(t, failSent, fixture(t, 200, "query_latency.json")))
	start := time.Now()
	if _, err := fetchOnce(t, f.source(t)); err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	// The backoff is 1 ms; only the header can make the retry wait 1 s.
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("retried after %s, before X-RateLimit-Reset's 1 s", waited)
	}
}

func TestSlowAnswerTimesOut(t *testing.T) {
	f := newFake(t)
	f.on(queryStub(t, failSent, func(w http.ResponseWriter, r *http.Request) {
		// Hold the answer until the client gives up (or 5 s, so a broken
		// client cannot hang the test).
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	s := newSource(t, sources.Config{URL: f.srv.URL, Timeout: 100 * time.Millisecond},
		WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})),
		WithRetry(3, time.Millisecond))
	_, err := fetchOnce(t, s)
	se := asSourceError(t, err)
	if want := "no answer from " + f.host() + " within 100ms"; se.Msg != want {
		t.Errorf("Msg = %q, want %q", se.Msg, want)
	}
	if !se.Temporary || !strings.Contains(se.Hint, "timeout:") {
		t.Errorf("Temporary = %v, Hint = %q; want temporary with a hint about timeout:", se.Temporary, se.Hint)
	}
}

func TestConnectionRefusedNamesTheHost(t *testing.T) {
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now
	s := newSource(t, sources.Config{URL: "http://" + addr},
		WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})))
	_, err = fetchOnce(t, s)
	se := asSourceError(t, err)
	if want := "cannot connect to " + addr + ": connection refused"; se.Msg != want {
		t.Errorf("Msg = %q, want %q", se.Msg, want)
	}
}

func TestCancelStopsTheRetryWait(t *testing.T) {
	f := newFake(t)
	f.on(queryStub(t, failSent, withHeaders(fixture(t, 429, "rate_limited.json"), "X-RateLimit-Reset", "10")))
	s := f.source(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.Fetch(ctx, sources.Query{Expr: failExpr}, day)
		done <- err
	}()
	// Cancel while the source waits out the 10 s reset; it must return
	// well before the reset.
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want one that wraps context.Canceled", err)
		}
		if se := asSourceError(t, err); se.Msg != "request cancelled" {
			t.Errorf("Msg = %q, want request cancelled", se.Msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Fetch kept waiting after its context was cancelled")
	}
}

func TestCallerDeadlineIsNamed(t *testing.T) {
	f := newFake(t)
	f.on(queryStub(t, failSent, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := f.source(t).Fetch(ctx, sources.Query{Expr: failExpr}, day)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want one wrapping context.DeadlineExceeded", err)
	}
	if se := asSourceError(t, err); se.Msg != "no answer from "+f.host()+" before the deadline" || !se.Temporary {
		t.Errorf("Msg = %q, Temporary = %v", se.Msg, se.Temporary)
	}
}
