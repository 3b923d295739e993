package prometheus

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

func TestFetchErrors(t *testing.T) {
	const token = "tok-3f9a7c1e"
	withToken := sources.Config{TokenEnv: "PROM_TOKEN"}
	env := map[string]string{"PROM_TOKEN": token}
	text := func(status int, body string, header ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}
	}
	tests := []struct {
		name      string
		answer    http.HandlerFunc
		cfg       sources.Config
		msg       []string // substrings of Msg
		hint      string   // substring of Hint
		temporary bool
	}{
		{
			name:   "a parse error is Prometheus' own words",
			answer: fixture(t, 400, "bad_data.json"),
			msg:    []string{"bad_data: 1:34: parse error: unclosed left parenthesis"},
			hint:   "fix the query",
		},
		{
			name:   "an execution error says to narrow the query",
			answer: fixture(t, 422, "execution.json"),
			msg:    []string{"execution: query processing would load too many samples"},
			hint:   "narrow it",
		},
		{
			name:      "a server-side query timeout can be retried",
			answer:    fixture(t, 503, "timeout.json"),
			msg:       []string{"timeout: query timed out"},
			hint:      "retry",
			temporary: true,
		},
		{
			name:   "401 with a token points at the token's variable",
			answer: text(401, "Unauthorized"),
			cfg:    withToken,
			msg:    []string{"refused the credentials", "HTTP 401"},
			hint:   "$PROM_TOKEN",
		},
		{
			name:   "401 without credentials says how to give some",
			answer: text(401, "Unauthorized"),
			msg:    []string{"HTTP 401"},
			hint:   "set token_env",
		},
		{
			name:   "403 mentions permissions and the tenant",
			answer: text(403, "no org id"),
			cfg:    withToken,
			msg:    []string{"HTTP 403 Forbidden: no org id"},
			hint:   "X-Scope-OrgID",
		},
		{
			name:   "404 means the URL is not the API's base",
			answer: text(404, "404 page not found"),
			msg:    []string{"has no /api/v1/query_range", "HTTP 404"},
			hint:   "base URL",
		},
		{
			// 30 s is past the 20 s a panel waits: no retry, at once.
			name:      "429 is a rate limit that says when to retry",
			answer:    text(429, "slow down", "Retry-After", "30"),
			msg:       []string{"rate limited by Prometheus; retry in 30 s"},
			hint:      "answered HTTP 429 Too Many Requests: slow down; it (or a proxy in front of it) limits",
			temporary: true,
		},
		{
			name:      "a 502 page from a proxy is temporary, its HTML cut short",
			answer:    text(502, "<html><body>\n<h1>502 Bad Gateway</h1>\n"+strings.Repeat("x", 500)+"</body></html>"),
			msg:       []string{"HTTP 502 Bad Gateway: <html><body> <h1>502 Bad Gateway</h1>", "…"},
			hint:      "retry",
			temporary: true,
		},
		{
			name:   "a 200 that is not the API (a UI page) says so",
			answer: text(200, "<!doctype html><title>Grafana</title>"),
			msg:    []string{"did not answer with Prometheus API JSON"},
			hint:   "not a Grafana or UI page",
		},
		{
			name:   "a secret echoed by a proxy is redacted",
			answer: text(401, "bad header Authorization: Bearer "+token),
			cfg:    withToken,
			msg:    []string{"Bearer REDACTED"},
			hint:   "$PROM_TOKEN",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.answer)
			src := newSource(t, f, tt.cfg, env)
			_, err := src.Fetch(context.Background(), sources.Query{Expr: `sum(rate(x[5m]))`, Kind: sources.KindLoad, Columns: 6}, sixHours)
			se := wantSourceError(t, err)
			for _, m := range tt.msg {
				if !strings.Contains(se.Msg, m) {
					t.Errorf("Msg %q lacks %q", se.Msg, m)
				}
			}
			if !strings.Contains(se.Hint, tt.hint) {
				t.Errorf("Hint %q lacks %q", se.Hint, tt.hint)
			}
			if se.Temporary != tt.temporary {
				t.Errorf("Temporary = %v, want %v", se.Temporary, tt.temporary)
			}
			if se.Query != `sum(rate(x[5m]))` {
				t.Errorf("Query %q, want the panel's expression", se.Query)
			}
			if strings.Contains(err.Error()+se.Hint, token) {
				t.Errorf("the token leaked: %v / %s", err, se.Hint)
			}
		})
	}
}

func TestFetchTimesOut(t *testing.T) {
	// A server slower than the source's timeout: the fetch gives up on its
	// own, and says it may be retried.
	release := make(chan struct{})
	f := newFake(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	src := newSource(t, f, sources.Config{Timeout: 100 * time.Millisecond}, nil)
	start := time.Now()
	_, err := src.Fetch(context.Background(), sources.Query{Expr: "up", Kind: sources.KindCustom, Columns: 6}, sixHours)
	se := wantSourceError(t, err)
	if !se.Temporary || !strings.Contains(se.Msg, "no answer from "+f.srv.URL+" within 100ms") {
		t.Errorf("got %q (temporary %v), want a temporary timeout naming the URL and the limit", se.Msg, se.Temporary)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %s to give up", took)
	}
}

func TestFetchUnreachable(t *testing.T) {
	// A port nothing listens on: take one, then close it.
	var lc net.ListenConfig
	l, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	src, err := New(sources.Config{Name: "prom", URL: url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = src.Fetch(context.Background(), sources.Query{Expr: "up", Columns: 6}, sixHours)
	se := wantSourceError(t, err)
	if !strings.Contains(se.Msg, "cannot reach Prometheus at "+url) || !strings.Contains(se.Hint, "is Prometheus running at "+url) {
		t.Errorf("got %q / %q, want the URL in both and the running hint", se.Msg, se.Hint)
	}
	if strings.Contains(se.Msg, "goroutine") || strings.Contains(se.Msg, "query_range?") {
		t.Errorf("Msg %q carries internals", se.Msg)
	}
}

func TestFetchCanceled(t *testing.T) {
	f := newFake(t, fixture(t, 200, "empty.json"))
	src := newSource(t, f, sources.Config{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := src.Fetch(ctx, sources.Query{Expr: "up", Columns: 6}, sixHours)
	if se := wantSourceError(t, err); !errors.Is(err, context.Canceled) || se.Temporary {
		t.Errorf("got %v, want a non-temporary error wrapping context.Canceled", err)
	}
}

func wantSourceError(t *testing.T, err error) *sources.Error {
	t.Helper()
	var se *sources.Error
	if !errors.As(err, &se) {
		t.Fatalf("got %v (%T), want a *sources.Error", err, err)
	}
	if se.Backend != sources.TypePrometheus {
		t.Errorf("Backend %q, want prometheus", se.Backend)
	}
	return se
}
