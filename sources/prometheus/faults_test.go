package prometheus

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/internal/faulttest"
)

// TestFaultMatrix is the Prometheus share of the backends' fault matrix:
// for each failure of a server, a proxy or the network, the words of the
// panel's error, the time it took, and a next query that works (the
// meeting goes on).
func TestFaultMatrix(t *testing.T) {
	const token = "tok-5b1e9d0c7a3f"
	// In What and Where, {url} is the server's base URL.
	tests := []struct {
		name  string
		fault http.HandlerFunc
		faulttest.Want
	}{
		{
			name: "401", fault: status(401, "Unauthorized"),
			Want: faulttest.Want{What: "refused the credentials: HTTP 401 Unauthorized", Where: "{url}",
				Todo: "check the credentials in $PROM_TOKEN"},
		},
		{
			name: "403", fault: status(403, "no org id"),
			Want: faulttest.Want{What: "refused the credentials: HTTP 403 Forbidden: no org id", Where: "{url}",
				Todo: "X-Scope-OrgID"},
		},
		{
			name:  "429 with a Retry-After beyond the wait budget",
			fault: status(429, "too many requests", "Retry-After", "120"),
			Want: faulttest.Want{What: "rate limited by Prometheus; retry in 120 s", Where: "{url} answered HTTP 429",
				Todo: "fewer panels at once", Temporary: true},
		},
		{
			name: "500", fault: status(500, `{"status":"error","errorType":"internal","error":"opening storage failed"}`),
			Want: faulttest.Want{What: "internal: opening storage failed", Where: "(query `" + faultExpr + "`)",
				Todo: "check the server's logs", Temporary: true},
		},
		{
			name: "503", fault: status(503, "<html><body>upstream unavailable</body></html>"),
			Want: faulttest.Want{What: "failed: HTTP 503 Service Unavailable: <html><body>upstream unavailable</body></html> (4 tries)", Where: "{url}",
				Todo: "retry in a moment", Temporary: true},
		},
		{
			name: "a hang past the timeout", fault: faulttest.Hang,
			Want: faulttest.Want{What: "no answer from", Where: "{url} within " + faulttest.Timeout.String(),
				Todo: "raise timeout:", Temporary: true},
		},
		{
			name:  "a 200 with an error body",
			fault: status(200, `{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory"}`),
			Want: faulttest.Want{What: "execution: query processing would load too many samples", Where: "(query `" + faultExpr + "`)",
				Todo: "narrow it"},
		},
		{
			name: "malformed JSON", fault: status(200, `{"status":"success","data":{"resultType":"matrix","result":[}]}}`),
			Want: faulttest.Want{What: "did not answer with Prometheus API JSON", Where: "{url}",
				Todo: "url: must be the server's base URL"},
		},
		{
			name: "truncated JSON", fault: status(200, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1790816400,"1"`),
			Want: faulttest.Want{What: "ended before its JSON did", Where: "the answer of {url}",
				Todo: "cuts answers short", Temporary: true},
		},
		{
			name: "HTML instead of JSON", fault: status(200, "<!doctype html><title>Grafana</title>"),
			Want: faulttest.Want{What: "did not answer with Prometheus API JSON", Where: "{url}",
				Todo: "not a Grafana or UI page"},
		},
		{
			name: "a 50 MB body of announced length", fault: faulttest.BigBody(50<<20, true, `[1790816400,"1"],`),
			Want: faulttest.Want{What: "is larger than 16 MiB: narrow the query or the window", Where: "the answer of {url}",
				Todo: "aggregate by fewer labels"},
		},
		{
			name: "a 50 MB body streamed", fault: faulttest.BigBody(50<<20, false, `[1790816400,"1"],`),
			Want: faulttest.Want{What: "is larger than 16 MiB: narrow the query or the window", Where: "the answer of {url}",
				Todo: "aggregate by fewer labels"},
		},
		{
			name: "connection reset", fault: faulttest.Reset(t),
			Want: faulttest.Want{What: "was cut before a whole answer came (connection reset by peer)", Where: "the connection to {url}",
				Todo: "retry", Temporary: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, heal := faulttest.Server(t, tt.fault, fixture(t, 200, "empty.json"))
			timeout, budget := faulttest.TimeoutOf(tt.name == "a 50 MB body streamed")
			src, err := New(sources.Config{Name: "prom", URL: srv.URL, Timeout: timeout, TokenEnv: "PROM_TOKEN"},
				WithGetenv(func(string) string { return token }),
				WithNow(func() time.Time { return fakeNow }),
				WithRetry(3, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			fill := strings.NewReplacer("{url}", srv.URL).Replace
			want := tt.Want
			want.What, want.Where = fill(want.What), fill(want.Where)
			q := sources.Query{Panel: "load", Kind: sources.KindLoad, Expr: faultExpr, Columns: 6}

			start := time.Now()
			_, err = src.Fetch(context.Background(), q, sixHours)
			faulttest.Check(t, err, sources.TypePrometheus, want, time.Since(start), budget, token)

			// The meeting goes on: the same source answers the next query.
			heal()
			if _, err := src.Fetch(context.Background(), q, sixHours); err != nil {
				t.Errorf("after the fault: %v", err)
			}
		})
	}
}

const faultExpr = `sum(rate(http_requests_total{job="checkout"}[5m]))`
