package datadog

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// day is the window of most tests: 2026-11-21 00:00 to 2026-11-22 00:00
// UTC, from=1795219200 to=1795305600. With no columns its step is 5 min
// (86400 s / 300 = 288 s, nearest nice step 300 s).
var day = sources.Window{
	From: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
}

// t0 is the first timestamp of the fixtures: day.From.
var t0 = day.From

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

// pt is a point the given minutes after t0.
func pt(minutes int, v float64) sources.Point { return sources.Point{T: at(minutes), V: v} }

// queryStub expects GET /api/v1/query for the day window with the given
// (rolled-up) query.
func queryStub(t *testing.T, sent string, reply http.HandlerFunc) *stub {
	return &stub{method: http.MethodGet, path: "/api/v1/query", reply: reply,
		check: wantParams(map[string]string{"from": "1795219200", "to": "1795305600", "query": sent})}
}

func TestFetchDecodesLatency(t *testing.T) {
	f := newFake(t)
	const expr = "p95:trace.http.request{service:checkout,env:prod}"
	f.on(queryStub(t, expr+".rollup(max, 300)", fixture(t, 200, "query_latency.json")))
	s := f.source(t)

	got, err := s.Fetch(context.Background(), sources.Query{Panel: "latency", Kind: sources.KindLatency, Expr: expr, Unit: "ms"}, day)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d series, want 1", len(got))
	}
	ser := got[0]
	// Datadog's unit [second, null] wins over the panel's "ms": the values
	// are in seconds.
	if ser.Name != "trace.http.request" || ser.Unit != "s" || ser.Step != 5*time.Minute {
		t.Errorf("series = %q %q step %s, want trace.http.request s step 5m0s", ser.Name, ser.Unit, ser.Step)
	}
	// Fixture: [0.142, 0.151, null, 0.930, 0.148, 0.139] every 300 000 ms
	// from 1795219200000.0 (float milliseconds).
	want := []sources.Point{pt(0, 0.142), pt(5, 0.151), pt(10, math.NaN()), pt(15, 0.930), pt(20, 0.148), pt(25, 0.139)}
	assertPoints(t, ser.Points, want)
}

func TestFetchUnits(t *testing.T) {
	tests := []struct {
		name, fixture, expr, sent, declared, wantUnit string
		kind                                          sources.Kind
	}{
		{
			name:    "unit null falls back to the panel's unit",
			fixture: "query_unit_null.json",
			expr:    "(sum:trace.http.request.errors{service:checkout,env:prod}.as_count() / sum:trace.http.request.hits{service:checkout,env:prod}.as_count()) * 100",
			// Each .as_count() term is summed per bucket: the ratio of sums
			// is the error rate of the bucket.
			sent:     "(sum:trace.http.request.errors{service:checkout,env:prod}.as_count().rollup(sum, 300) / sum:trace.http.request.hits{service:checkout,env:prod}.as_count().rollup(sum, 300)) * 100",
			declared: "%", wantUnit: "%", kind: sources.KindErrors,
		},
		{
			name:     "a unit pair is unit per unit",
			fixture:  "query_rate_unit_pair.json",
			expr:     "sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()",
			sent:     "sum:trace.http.request.hits{service:checkout,env:prod}.as_rate().rollup(avg, 300)",
			declared: "req/s", wantUnit: "hit/s", kind: sources.KindLoad,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.on(queryStub(t, tt.sent, fixture(t, 200, tt.fixture)))
			got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: tt.kind, Expr: tt.expr, Unit: tt.declared}, day)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if len(got) != 1 || got[0].Unit != tt.wantUnit {
				t.Fatalf("got %+v, want one series in %q", got, tt.wantUnit)
			}
		})
	}
}

func TestFetchGroupedCountsFoldIntoOther(t *testing.T) {
	const expr = "sum:trace.http.request.hits{service:checkout,env:prod} by {resource_name}.as_count()"
	const sent = expr + ".rollup(sum, 300)"
	// Means of the fixture's seven groups: GET /product 200, GET /cart 110,
	// POST /checkout 60, POST /cart 45, GET /health 30 (null skipped),
	// GET /search 10, DELETE /cart 2 (two points, from minute 5).
	tests := []struct {
		name      string
		top       int
		wantNames []string
		wantOther []sources.Point
	}{
		{
			name:      "default top 5 keeps the five largest and sums the rest",
			wantNames: []string{"resource_name:GET /product", "resource_name:GET /cart", "resource_name:POST /checkout", "resource_name:POST /cart", "resource_name:GET /health", "other (2 series)"},
			// GET /search [5, 10, 15] + DELETE /cart [-, 1, 3] = [5, 11, 18].
			wantOther: []sources.Point{pt(0, 5), pt(5, 11), pt(10, 18)},
		},
		{
			name:      "top 2",
			top:       2,
			wantNames: []string{"resource_name:GET /product", "resource_name:GET /cart", "other (5 series)"},
			// POST /checkout + POST /cart + GET /health + GET /search + DELETE /cart:
			// 50+40+30+5 = 125; 60+45+30+10+1 = 146; 70+50+null+15+3 = 138.
			wantOther: []sources.Point{pt(0, 125), pt(5, 146), pt(10, 138)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.on(queryStub(t, sent, fixture(t, 200, "query_grouped_hits.json")))
			got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindLoad, Expr: expr, Top: tt.top}, day)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			assertNames(t, got, tt.wantNames)
			assertPoints(t, got[len(got)-1].Points, tt.wantOther)
		})
	}
}

func TestFetchGroupedLatencyDropsTheRest(t *testing.T) {
	const expr = "p95:trace.http.request{service:checkout,env:prod} by {resource_name}"
	// Means: POST /checkout 0.6, POST /cart 0.45, GET /product 0.2, then
	// GET /cart 0.11, GET /search 0.1, DELETE /cart 0.02, GET /health 0.003:
	// four dropped, since percentiles cannot be added up. The kept lines keep
	// their group's name: it is what a reader pastes back into Datadog.
	want := []string{"resource_name:POST /checkout", "resource_name:POST /cart", "resource_name:GET /product"}
	for _, m := range []sources.Measure{"", sources.Gauge, sources.Rate, sources.Count} {
		t.Run("measure "+string(m), func(t *testing.T) {
			// A latency panel whose agenda says rate or count is still
			// a percentile: it is never folded into an "other" line.
			f := newFake(t)
			f.on(queryStub(t, expr+".rollup(max, 300)", fixture(t, 200, "query_grouped_latency.json")))
			got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindLatency, Measure: m, Expr: expr, Top: 3}, day)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			assertNames(t, got, want)
			if got[0].Unit != "s" {
				t.Errorf("unit = %q, want s", got[0].Unit)
			}
		})
	}
}

func TestFetchCommaSeparatedQueriesNameEachPart(t *testing.T) {
	const expr = "sum:trace.http.request.errors{service:checkout,env:prod} by {env}.as_count(), sum:trace.http.request.hits{service:checkout,env:prod} by {env}.as_count()"
	const sent = "sum:trace.http.request.errors{service:checkout,env:prod} by {env}.as_count().rollup(sum, 300), sum:trace.http.request.hits{service:checkout,env:prod} by {env}.as_count().rollup(sum, 300)"
	f := newFake(t)
	f.on(queryStub(t, sent, fixture(t, 200, "query_multi.json")))
	got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindErrors, Expr: expr}, day)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	// Hits (mean 1050) before errors (mean 1).
	assertNames(t, got, []string{"trace.http.request.hits {env:prod}", "trace.http.request.errors {env:prod}"})
}

func TestFetchEmptyAnswerIsNoDataNotAnError(t *testing.T) {
	const expr = "avg:trace.http.request{service:gone,env:prod}"
	f := newFake(t)
	f.on(queryStub(t, expr+".rollup(avg, 300)", fixture(t, 200, "query_empty.json")))
	got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindCustom, Expr: expr}, day)
	if err != nil || len(got) != 0 {
		t.Fatalf("Fetch = %v, %v; want no series and no error", got, err)
	}
}

func TestFetchAnswersThatAreErrors(t *testing.T) {
	tests := []struct {
		name, expr, sent string
		reply            func(t *testing.T) http.HandlerFunc
		wantMsg          []string
		wantHint         string
	}{
		{
			name: "status error inside a 200 carries Datadog's words",
			expr: "avg:trace.http.request{service:checkout",
			// Unbalanced braces: sent as written.
			sent:     "avg:trace.http.request{service:checkout",
			reply:    func(t *testing.T) http.HandlerFunc { return fixture(t, 200, "query_status_error.json") },
			wantMsg:  []string{"Datadog rejected the query: Error parsing query", "Rule 'scope_expr' didn't match"},
			wantHint: "fix the query in the agenda",
		},
		{
			name:     "400 carries Datadog's words and what nagame sent",
			expr:     "avg:trace.http.request{service:checkout}",
			sent:     "avg:trace.http.request{service:checkout}.rollup(avg, 300)",
			reply:    func(t *testing.T) http.HandlerFunc { return fixture(t, 400, "bad_query.json") },
			wantMsg:  []string{"Datadog rejected the request: Error parsing query"},
			wantHint: "nagame sent: avg:trace.http.request{service:checkout}.rollup(avg, 300)",
		},
		{
			// The client could not read it, and nor can nagame: its series
			// are not a list.
			name:     "an answer of another shape names the query",
			expr:     "avg:system.cpu.user{service:checkout}",
			sent:     "avg:system.cpu.user{service:checkout}.rollup(avg, 300)",
			reply:    func(t *testing.T) http.HandlerFunc { return fixture(t, 200, "query_series_not_a_list.json") },
			wantMsg:  []string{"does not have the shape of a query result", "(query `avg:system.cpu.user{service:checkout}`)"},
			wantHint: "report this query",
		},
		{
			name:     "malformed JSON",
			expr:     "avg:system.cpu.user{*}",
			sent:     "avg:system.cpu.user{*}.rollup(avg, 300)",
			reply:    func(*testing.T) http.HandlerFunc { return raw(200, "application/json", `{"status":"ok","series":[}`) },
			wantMsg:  []string{"could not read the answer of 127.0.0.1:"},
			wantHint: "not Datadog's JSON",
		},
		{
			name:     "a proxy's HTML page",
			expr:     "avg:system.cpu.user{*}",
			sent:     "avg:system.cpu.user{*}.rollup(avg, 300)",
			reply:    func(*testing.T) http.HandlerFunc { return raw(200, "text/html", "<html><body>Sign in</body></html>") },
			wantMsg:  []string{"could not read the answer"},
			wantHint: "forwards Datadog's API unchanged",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.on(queryStub(t, tt.sent, tt.reply(t)))
			_, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindCustom, Expr: tt.expr}, day)
			se := asSourceError(t, err)
			for _, w := range tt.wantMsg {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.Contains(se.Hint, tt.wantHint) {
				t.Errorf("hint %q does not contain %q", se.Hint, tt.wantHint)
			}
			if se.Temporary {
				t.Errorf("marked temporary; retrying the same query cannot help")
			}
		})
	}
}

func TestFetchURLWithPathPrefix(t *testing.T) {
	f := newFake(t)
	const expr = "avg:trace.http.request{service:gone,env:prod}"
	st := queryStub(t, expr+".rollup(avg, 300)", fixture(t, 200, "query_empty.json"))
	st.path = "/datadog/api/v1/query"
	f.on(st)
	s := newSource(t, sources.Config{URL: f.srv.URL + "/datadog/"},
		WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})))
	if _, err := s.Fetch(context.Background(), sources.Query{Expr: expr}, day); err != nil {
		t.Fatalf("Fetch through a prefix: %v", err)
	}
}

func TestFetchRejectsBadInputWithoutARequest(t *testing.T) {
	f := newFake(t) // no stubs: any request fails the test
	s := f.source(t)
	tests := []struct {
		name string
		q    sources.Query
		w    sources.Window
		want string
	}{
		{"no query", sources.Query{Panel: "load"}, day, `panel "load" has no query`},
		{"empty window", sources.Query{Expr: "avg:x{*}"}, sources.Window{From: day.To, To: day.From}, "empty window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Fetch(context.Background(), tt.q, tt.w)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func asSourceError(t *testing.T, err error) *sources.Error {
	t.Helper()
	var se *sources.Error
	if !errors.As(err, &se) {
		t.Fatalf("error = %v (%T), want a *sources.Error", err, err)
	}
	if se.Backend != "datadog" {
		t.Errorf("Backend = %q, want datadog", se.Backend)
	}
	return se
}

func assertNames(t *testing.T, got []sources.Series, want []string) {
	t.Helper()
	names := make([]string, len(got))
	for i, s := range got {
		names[i] = s.Name
	}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("names = %q, want %q", names, want)
	}
}

func assertPoints(t *testing.T, got, want []sources.Point) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d points %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		g, w := got[i], want[i]
		same := g.V == w.V || math.IsNaN(g.V) && math.IsNaN(w.V)
		if !g.T.Equal(w.T) || !same {
			t.Errorf("point %d = %s %v, want %s %v", i, g.T.Format(time.RFC3339), g.V, w.T.Format(time.RFC3339), w.V)
		}
	}
}
