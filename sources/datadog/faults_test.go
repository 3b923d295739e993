package datadog

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/internal/faulttest"
)

// TestFaultMatrix puts the source in front of a server that fails in each
// way Datadog, a proxy in front of it or the network fails. The panel must
// get an error that says what happened, where and what to do, within its
// time budget, and the same source must answer the next query.
func TestFaultMatrix(t *testing.T) {
	// In what, where and todo, {host} is the server's host:port.
	tests := []struct {
		name  string
		fault http.HandlerFunc
		faulttest.Want
	}{
		{
			name: "401", fault: raw(401, "application/json", `{"errors":["Unauthorized"]}`),
			Want: faulttest.Want{What: "refused the keys (401 Unauthorized: Unauthorized)", Where: "{host}",
				Todo: "check DD_API_KEY / DD_APP_KEY and site"},
		},
		{
			name: "403", fault: raw(403, "application/json", `{"errors":["Forbidden"]}`),
			Want: faulttest.Want{What: "refused the keys (403 Forbidden: Forbidden)", Where: "{host}",
				Todo: "a scoped application key needs timeseries_query"},
		},
		{
			name:  "429 with a reset beyond the wait budget",
			fault: withHeaders(raw(429, "application/json", `{"errors":["Rate limit exceeded"]}`), "X-RateLimit-Reset", "120"),
			Want: faulttest.Want{What: "rate limited by Datadog; retry in 120 s", Where: "Datadog",
				Todo: "fewer panels at once", Temporary: true},
		},
		{
			name: "500", fault: raw(500, "application/json", `{"errors":["Internal Server Error"]}`),
			Want: faulttest.Want{What: "answered 500 Internal Server Error: Internal Server Error (4 tries)", Where: "{host}",
				Todo: "retry in a minute", Temporary: true},
		},
		{
			name: "503", fault: raw(503, "text/html", "<html><body>Service Unavailable</body></html>"),
			Want: faulttest.Want{What: "answered 503 Service Unavailable (4 tries)", Where: "{host}",
				Todo: "status.datadoghq.com", Temporary: true},
		},
		{
			name: "a hang past the timeout", fault: faulttest.Hang,
			Want: faulttest.Want{What: "no answer from", Where: "{host} within " + faulttest.Timeout.String(),
				Todo: "raise timeout:", Temporary: true},
		},
		{
			name: "a 200 with an error body",
			fault: raw(200, "application/json",
				`{"status":"error","res_type":"time_series","error":"Error parsing query: unable to parse avg:x{: Rule 'scope_expr' didn't match","series":[]}`),
			Want: faulttest.Want{What: "Datadog rejected the query: Error parsing query", Where: "(query `" + faultExpr + "`)",
				Todo: "fix the query in the agenda"},
		},
		{
			name: "malformed JSON", fault: raw(200, "application/json", `{"status":"ok","series":[}`),
			Want: faulttest.Want{What: "could not read the answer of", Where: "{host}: invalid character '}'",
				Todo: "the answer is not Datadog's JSON"},
		},
		{
			name: "truncated JSON", fault: fixture(t, 200, "query_malformed.json"),
			Want: faulttest.Want{What: "ended before its JSON did (unexpected end of JSON input)", Where: "the answer of {host}",
				Todo: "a proxy between nagame and Datadog cuts answers short", Temporary: true},
		},
		{
			name: "HTML instead of JSON", fault: raw(200, "text/html", "<!doctype html><title>Sign in</title><form>…</form>"),
			Want: faulttest.Want{What: "could not read the answer of", Where: "{host}",
				Todo: "check that it forwards Datadog's API unchanged"},
		},
		{
			name: "a 50 MB body of announced length", fault: faulttest.BigBody(50<<20, true, "[1795219200000.0,0.1],"),
			Want: faulttest.Want{What: "is larger than 16 MiB: narrow the query or the window", Where: "the answer of {host}",
				Todo: "group by fewer tags"},
		},
		{
			name: "a 50 MB body streamed", fault: faulttest.BigBody(50<<20, false, "[1795219200000.0,0.1],"),
			Want: faulttest.Want{What: "is larger than 16 MiB: narrow the query or the window", Where: "the answer of {host}",
				Todo: "group by fewer tags"},
		},
		{
			name: "connection reset", fault: faulttest.Reset(t),
			Want: faulttest.Want{What: "was cut before a whole answer came (connection reset by peer)", Where: "the connection to {host}",
				Todo: "retry", Temporary: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, heal := faulttest.Server(t, tt.fault, fixture(t, 200, "query_latency.json"))
			timeout, budget := faulttest.TimeoutOf(tt.name == "a 50 MB body streamed")
			s := newSource(t, sources.Config{Type: "datadog", URL: srv.URL, Timeout: timeout},
				WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})),
				WithRetry(3, time.Millisecond))
			fill := strings.NewReplacer("{host}", strings.TrimPrefix(srv.URL, "http://")).Replace
			want := tt.Want
			want.What, want.Where = fill(want.What), fill(want.Where)
			q := sources.Query{Panel: "latency", Kind: sources.KindLatency, Expr: faultExpr}

			start := time.Now()
			_, err := s.Fetch(context.Background(), q, day)
			faulttest.Check(t, err, backend, want, time.Since(start), budget, testAPIKey[:8], testAppKey[:8])

			// The meeting goes on: the same source answers the next query.
			heal()
			got, err := s.Fetch(context.Background(), q, day)
			if err != nil || len(got) != 1 || got[0].Len() != 6 {
				t.Errorf("after the fault: %v, %v; want the six points of the fixture", got, err)
			}
		})
	}
}

const faultExpr = "p95:trace.http.request{service:checkout,env:prod}"
