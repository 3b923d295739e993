package prometheus

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// faultTimeout is the request timeout of the fault matrix: short, so that a
// hang costs the test half a second, and every fault must be reported well
// within faultBudget.
const (
	faultTimeout = 500 * time.Millisecond
	faultBudget  = 2*faultTimeout + 2*time.Second
)

// TestFaultMatrix puts the source in front of a server that fails in each
// way a Prometheus, a proxy in front of it or the network fails, and checks
// that the panel gets an error that says what happened, where, and what to
// do, within the panel's time budget, and that the next query works: the
// meeting goes on.
func TestFaultMatrix(t *testing.T) {
	const token = "tok-5b1e9d0c7a3f"
	tests := []struct {
		name  string
		fault http.HandlerFunc
		// what, where and todo are parts of the message, of the error's
		// text and of the hint; {url} is the server's base URL.
		what, where, todo string
		temporary         bool
	}{
		{
			name: "401", fault: status(401, "Unauthorized"),
			what: "refused the credentials: HTTP 401 Unauthorized", where: "{url}",
			todo: "check the credentials in $PROM_TOKEN",
		},
		{
			name: "403", fault: status(403, "no org id"),
			what: "refused the credentials: HTTP 403 Forbidden: no org id", where: "{url}",
			todo: "X-Scope-OrgID",
		},
		{
			name:  "429 with a Retry-After beyond the wait budget",
			fault: status(429, "too many requests", "Retry-After", "120"),
			what:  "rate limited by Prometheus; retry in 120 s", where: "{url} answered HTTP 429",
			todo: "fewer panels at once", temporary: true,
		},
		{
			name: "500", fault: status(500, `{"status":"error","errorType":"internal","error":"opening storage failed"}`),
			what: "internal: opening storage failed", where: "(query `" + faultExpr + "`)",
			todo: "check the server's logs", temporary: true,
		},
		{
			name: "503", fault: status(503, "<html><body>upstream unavailable</body></html>"),
			what: "failed: HTTP 503 Service Unavailable: <html><body>upstream unavailable</body></html> (4 tries)", where: "{url}",
			todo: "retry in a moment", temporary: true,
		},
		{
			name: "a hang past the timeout", fault: hang,
			what: "no answer from", where: "{url} within 500ms",
			todo: "raise timeout:", temporary: true,
		},
		{
			name:  "a 200 with an error body",
			fault: status(200, `{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory"}`),
			what:  "execution: query processing would load too many samples", where: "(query `" + faultExpr + "`)",
			todo: "narrow it",
		},
		{
			name: "malformed JSON", fault: status(200, `{"status":"success","data":{"resultType":"matrix","result":[}]}}`),
			what: "did not answer with Prometheus API JSON", where: "{url}",
			todo: "url: must be the server's base URL",
		},
		{
			name: "truncated JSON", fault: status(200, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1790816400,"1"`),
			what: "ended before its JSON did", where: "the answer of {url}",
			todo: "cuts answers short", temporary: true,
		},
		{
			name: "HTML instead of JSON", fault: status(200, "<!doctype html><title>Grafana</title>"),
			what: "did not answer with Prometheus API JSON", where: "{url}",
			todo: "not a Grafana or UI page",
		},
		{
			name: "a 50 MB body of announced length", fault: bigBody(50<<20, true),
			what: "is larger than 16 MiB: narrow the query or the window", where: "the answer of {url}",
			todo: "aggregate by fewer labels",
		},
		{
			name: "a 50 MB body streamed", fault: bigBody(50<<20, false),
			what: "is larger than 16 MiB: narrow the query or the window", where: "the answer of {url}",
			todo: "aggregate by fewer labels",
		},
		{
			name: "connection reset", fault: reset(t),
			what: "was cut before a whole answer came (connection reset by peer)", where: "the connection to {url}",
			todo: "retry", temporary: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var healed atomic.Bool
			good := fixture(t, 200, "empty.json")
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if healed.Load() {
					good(w, r)
					return
				}
				tt.fault(w, r)
			}))
			defer srv.Close()
			src, err := New(sources.Config{Name: "prom", URL: srv.URL, Timeout: faultTimeout, TokenEnv: "PROM_TOKEN"},
				WithGetenv(func(string) string { return token }),
				WithNow(func() time.Time { return fakeNow }),
				WithRetry(3, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			q := sources.Query{Panel: "load", Kind: sources.KindLoad, Expr: faultExpr, Columns: 6}

			start := time.Now()
			_, err = src.Fetch(context.Background(), q, sixHours)
			took := time.Since(start)
			se := wantSourceError(t, err)
			fill := func(s string) string { return strings.ReplaceAll(s, "{url}", srv.URL) }
			if !strings.Contains(se.Msg, fill(tt.what)) {
				t.Errorf("Msg %q does not say what happened: %q", se.Msg, fill(tt.what))
			}
			if !strings.Contains(err.Error()+" "+se.Hint, fill(tt.where)) {
				t.Errorf("error %q (hint %q) does not say where: %q", err, se.Hint, fill(tt.where))
			}
			if !strings.Contains(se.Hint, tt.todo) {
				t.Errorf("Hint %q does not say what to do: %q", se.Hint, tt.todo)
			}
			if se.Temporary != tt.temporary {
				t.Errorf("Temporary = %v, want %v", se.Temporary, tt.temporary)
			}
			if took > faultBudget {
				t.Errorf("the panel waited %s for its error, more than %s", took, faultBudget)
			}
			if strings.Contains(err.Error()+se.Hint, token) {
				t.Errorf("the token leaked: %v / %s", err, se.Hint)
			}

			// The meeting goes on: the same source answers the next query.
			healed.Store(true)
			if _, err := src.Fetch(context.Background(), q, sixHours); err != nil {
				t.Errorf("after the fault: %v", err)
			}
		})
	}
}

const faultExpr = `sum(rate(http_requests_total{job="checkout"}[5m]))`

// hang holds the answer until the client gives up (or 10 s, so that a
// client without a timeout cannot hang the test). The query's form is read
// first: the server notices a client that went away only once it has.
func hang(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// bigBody answers 200 with n bytes of a matrix that never ends, with its
// Content-Length or streamed (chunked).
func bigBody(n int, announced bool) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if announced {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat(`[1790816400,"1"],`, 1<<14))
		for written := 0; written < n; written += len(chunk) {
			if _, err := w.Write(chunk[:min(len(chunk), n-written)]); err != nil {
				return // the client stopped reading: as it should
			}
		}
	}
}

// reset closes the connection with a TCP reset instead of answering.
func reset(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // close with RST, not FIN
		}
		_ = conn.Close()
	}
}
