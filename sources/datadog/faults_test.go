package datadog

import (
	"context"
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
// way a backend or the network in between fails, and checks that the panel
// gets an error that says what happened, where, and what to do, within the
// panel's time budget, and that the next query works: the meeting goes on.
func TestFaultMatrix(t *testing.T) {
	tests := []struct {
		name  string
		fault http.HandlerFunc
		// what, where and todo are parts of the message, of the error's
		// text and of the hint; {host} is the server's host:port.
		what, where, todo string
		temporary         bool
	}{
		{
			name: "401", fault: raw(401, "application/json", `{"errors":["Unauthorized"]}`),
			what: "refused the keys (401 Unauthorized: Unauthorized)", where: "{host}",
			todo: "check DD_API_KEY / DD_APP_KEY and site",
		},
		{
			name: "403", fault: raw(403, "application/json", `{"errors":["Forbidden"]}`),
			what: "refused the keys (403 Forbidden: Forbidden)", where: "{host}",
			todo: "a scoped application key needs timeseries_query",
		},
		{
			name:  "429 with a reset beyond the wait budget",
			fault: withHeaders(raw(429, "application/json", `{"errors":["Rate limit exceeded"]}`), "X-RateLimit-Reset", "120"),
			what:  "rate limited by Datadog; retry in 120 s", where: "Datadog",
			todo: "fewer panels at once", temporary: true,
		},
		{
			name: "500", fault: raw(500, "application/json", `{"errors":["Internal Server Error"]}`),
			what: "answered 500 Internal Server Error: Internal Server Error (4 tries)", where: "{host}",
			todo: "retry in a minute", temporary: true,
		},
		{
			name: "503", fault: raw(503, "text/html", "<html><body>Service Unavailable</body></html>"),
			what: "answered 503 Service Unavailable (4 tries)", where: "{host}",
			todo: "status.datadoghq.com", temporary: true,
		},
		{
			name: "a hang past the timeout", fault: hang,
			what: "no answer from", where: "{host} within 500ms",
			todo: "raise timeout:", temporary: true,
		},
		{
			name: "a 200 with an error body",
			fault: raw(200, "application/json",
				`{"status":"error","res_type":"time_series","error":"Error parsing query: unable to parse avg:x{: Rule 'scope_expr' didn't match","series":[]}`),
			what: "Datadog rejected the query: Error parsing query", where: "(query `" + faultExpr + "`)",
			todo: "fix the query in the agenda",
		},
		{
			name: "malformed JSON", fault: raw(200, "application/json", `{"status":"ok","series":[}`),
			what: "could not read the answer of", where: "{host}: invalid character '}'",
			todo: "the answer is not Datadog's JSON",
		},
		{
			name: "truncated JSON", fault: fixture(t, 200, "query_malformed.json"),
			what: "ended before its JSON did (unexpected end of JSON input)", where: "the answer of {host}",
			todo: "a proxy between nagame and Datadog cuts answers short", temporary: true,
		},
		{
			name: "HTML instead of JSON", fault: raw(200, "text/html", "<!doctype html><title>Sign in</title><form>…</form>"),
			what: "could not read the answer of", where: "{host}",
			todo: "check that it forwards Datadog's API unchanged",
		},
		{
			name: "a 50 MB body of announced length", fault: bigBody(50<<20, true),
			what: "is larger than 16 MiB: narrow the query or the window", where: "the answer of {host}",
			todo: "group by fewer tags",
		},
		{
			name: "a 50 MB body streamed", fault: bigBody(50<<20, false),
			what: "is larger than 16 MiB: narrow the query or the window", where: "the answer of {host}",
			todo: "group by fewer tags",
		},
		{
			name: "connection reset", fault: reset(t),
			what: "was cut before a whole answer came (connection reset by peer)", where: "the connection to {host}",
			todo: "retry", temporary: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var healed atomic.Bool
			good := fixture(t, 200, "query_latency.json")
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if healed.Load() {
					good(w, r)
					return
				}
				tt.fault(w, r)
			}))
			defer srv.Close()
			s := newSource(t, sources.Config{Type: "datadog", URL: srv.URL, Timeout: faultTimeout},
				WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})),
				WithRetry(3, time.Millisecond))
			host := strings.TrimPrefix(srv.URL, "http://")
			q := sources.Query{Panel: "latency", Kind: sources.KindLatency, Expr: faultExpr}

			start := time.Now()
			_, err := s.Fetch(context.Background(), q, day)
			took := time.Since(start)
			se := asSourceError(t, err)
			fill := func(s string) string { return strings.ReplaceAll(s, "{host}", host) }
			if !strings.Contains(se.Msg, fill(tt.what)) {
				t.Errorf("Msg %q does not say what happened: %q", se.Msg, fill(tt.what))
			}
			if !strings.Contains(err.Error(), fill(tt.where)) {
				t.Errorf("error %q does not say where: %q", err, fill(tt.where))
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
			if strings.Contains(err.Error()+se.Hint, testAPIKey[:8]) || strings.Contains(err.Error()+se.Hint, testAppKey[:8]) {
				t.Errorf("a key leaked: %v / %s", err, se.Hint)
			}

			// The meeting goes on: the same source answers the next query.
			healed.Store(true)
			got, err := s.Fetch(context.Background(), q, day)
			if err != nil || len(got) != 1 || got[0].Len() != 6 {
				t.Errorf("after the fault: %v, %v; want the six points of the fixture", got, err)
			}
		})
	}
}

const faultExpr = "p95:trace.http.request{service:checkout,env:prod}"

// hang holds the answer until the client gives up (or 10 s, so that a
// client without a timeout cannot hang the test).
func hang(_ http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// bigBody answers 200 with n bytes of a JSON answer that never ends, with
// its Content-Length or streamed (chunked, flushed as it goes).
func bigBody(n int, announced bool) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if announced {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat("[1795219200000.0,0.1],", 1<<14))
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
