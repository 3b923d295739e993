package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/prometheus/common/model"
)

func TestEventGridStartsAStepBeforeTheWindow(t *testing.T) {
	month := sources.Window{From: time.Date(2026, 10, 23, 10, 1, 30, 0, time.UTC), To: time.Date(2026, 11, 22, 10, 1, 30, 0, time.UTC)}
	g := eventGrid(month, time.Time{})
	// 30 days at ≥ 5,000 instants: 5 minutes (8,640).
	if g.step != 5*time.Minute {
		t.Fatalf("step %s, want 5m", g.step)
	}
	first, last := time.Date(2026, 10, 23, 10, 5, 0, 0, time.UTC), time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if !g.start.Equal(first.Add(-g.step)) || !g.end.Equal(last) || g.n != int(last.Sub(first)/g.step)+2 {
		t.Errorf("grid %s … %s, %d instants; want %s … %s", g.start, g.end, g.n, first.Add(-g.step), last)
	}
	// Instants after now are not asked for.
	now := time.Date(2026, 11, 1, 12, 3, 0, 0, time.UTC)
	if g := eventGrid(month, now); !g.end.Equal(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("end %s with now %s, want 12:00", g.end, now)
	}
	if g := eventGrid(month, month.From.Add(time.Minute)); g.n != 0 {
		t.Errorf("a window that has not started yet has %d instants", g.n)
	}
}

// stream is a series of the test grid: values per instant, NaN absent.
func stream(labels model.Metric, g grid, vals ...float64) *model.SampleStream {
	ss := &model.SampleStream{Metric: labels}
	for i, v := range vals {
		if math.IsNaN(v) {
			continue
		}
		ss.Values = append(ss.Values, model.SamplePair{Timestamp: model.TimeFromUnixNano(g.start.Add(time.Duration(i) * g.step).UnixNano()), Value: model.SampleValue(v)})
	}
	return ss
}

func TestRisingEdges(t *testing.T) {
	g := grid{step: time.Minute, start: time.Date(2026, 3, 4, 14, 0, 0, 0, time.UTC), n: 8}
	g.end = g.start.Add(7 * time.Minute)
	nan := math.NaN()
	at := func(i int) string { return g.start.Add(time.Duration(i) * time.Minute).Format("15:04") }
	tests := []struct {
		name  string
		mat   model.Matrix
		tmpl  string
		wants []string
	}{
		{
			name: "absent, on, off, on again: two events",
			mat:  model.Matrix{stream(model.Metric{"__name__": "up", "job": "checkout"}, g, nan, 1, 1, nan, nan, 2, 2, 2)},
			// A lone series keeps its labels but the metric name.
			wants: []string{at(1) + " job=checkout", at(5) + " job=checkout"},
		},
		{
			name:  "zero, negative and NaN values are off",
			mat:   model.Matrix{stream(model.Metric{"job": "checkout"}, g, 0, 1, -1, 1, math.NaN(), 0, 0, 3)},
			wants: []string{at(1) + " job=checkout", at(3) + " job=checkout", at(7) + " job=checkout"},
		},
		{
			name:  "on at the instant before the window: no event",
			mat:   model.Matrix{stream(model.Metric{"job": "checkout"}, g, 1, 1, 1, 1, 1, 1, 1, 1)},
			wants: nil,
		},
		{
			name: "two versions: the labels that differ name them; the template fills labels",
			mat: model.Matrix{
				stream(model.Metric{"__name__": "app_build_info", "service": "checkout", "version": "v2.3.0"}, g, 1, 1, 1, nan, nan, nan, nan, nan),
				stream(model.Metric{"__name__": "app_build_info", "service": "checkout", "version": "v2.3.1"}, g, nan, nan, nan, 1, 1, 1, 1, 1),
			},
			tmpl:  "deploy {{ service }} {{version}}",
			wants: []string{at(3) + " deploy checkout v2.3.1"},
		},
		{
			name: "without a template, the differing labels",
			mat: model.Matrix{
				stream(model.Metric{"service": "checkout", "version": "v2.3.0"}, g, nan, 1, nan, nan, nan, nan, nan, nan),
				stream(model.Metric{"service": "checkout", "version": "v2.3.1"}, g, nan, nan, nan, 1, 1, 1, 1, 1),
			},
			wants: []string{at(1) + " version=v2.3.0", at(3) + " version=v2.3.1"},
		},
		{
			name:  "a template of missing labels falls back to the labels",
			mat:   model.Matrix{stream(model.Metric{"job": "checkout"}, g, nan, 1, 1, 1, 1, 1, 1, 1)},
			tmpl:  "{{version}}",
			wants: []string{at(1) + " job=checkout"},
		},
		{
			name:  "no label at all: the query's metric",
			mat:   model.Matrix{stream(model.Metric{}, g, nan, nan, 5, 5, 5, 5, 5, 5)},
			wants: []string{at(2) + " process_start_time_seconds"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range risingEdges(tt.mat, g, tt.tmpl, "process_start_time_seconds") {
				got = append(got, e.At.Format("15:04")+" "+e.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.wants, "\n") {
				t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.wants, "\n"))
			}
		})
	}
}

// matrixAnswer answers a range query with one series per label set, on at
// the instants of the request whose index is in on.
func matrixAnswer(t *testing.T, warnings []string, series map[string][]int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
		step, err := time.ParseDuration(r.Form.Get("step") + "s")
		if err != nil {
			step, _ = time.ParseDuration(r.Form.Get("step"))
		}
		var result []map[string]any
		for version, on := range series {
			var vals [][2]any
			for _, i := range on {
				vals = append(vals, [2]any{start + float64(i)*step.Seconds(), "1"})
			}
			result = append(result, map[string]any{"metric": map[string]string{"__name__": "app_build_info", "version": version}, "values": vals})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "success", "warnings": warnings,
			"data": map[string]any{"resultType": "matrix", "result": result}})
	}
}

func TestEventsAsksARangeQueryAndKeepsTheLatest(t *testing.T) {
	day := sources.Window{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)}
	// A day at ≥ 5,000 instants: 15 s. Instant 0 is 23:59:45 the day before.
	on := map[string][]int{"v1": {0, 1, 2}}
	var flaps []int
	for i := 10; i < 5000; i += 20 { // 250 rises of v2
		flaps = append(flaps, i)
	}
	on["v2"] = flaps
	f := newFake(t, matrixAnswer(t, []string{"PromQL info: metric might not be a counter"}, on))
	s := newSource(t, f, sources.Config{}, nil)
	got, err := s.Events(context.Background(), sources.EventQuery{Expr: "app_build_info", Text: "{{version}}", Limit: 3}, day)
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 || !strings.HasSuffix(reqs[0].path, "/api/v1/query_range") || reqs[0].form.Get("query") != "app_build_info" ||
		reqs[0].form.Get("step") != "15" || reqs[0].form.Get("start") != strconv.FormatInt(day.From.Add(-15*time.Second).Unix(), 10) {
		t.Fatalf("requests %+v", reqs)
	}
	last := day.From.Add(-15*time.Second + time.Duration(flaps[len(flaps)-1])*15*time.Second)
	if len(got.Events) != 3 || got.More != 247 || !got.Events[2].At.Equal(last) || got.Events[2].Text != "v2" {
		t.Errorf("events %+v (%d more), want the last 3 of 250 rises of v2, the last at %s", got.Events, got.More, last)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "might not be a counter") {
		t.Errorf("warnings %q, want Prometheus' info", got.Warnings)
	}
}

func TestEventsFailuresAreWordedLikeFetch(t *testing.T) {
	f := newFake(t, fixture(t, 400, "bad_data.json"))
	s := newSource(t, f, sources.Config{}, nil)
	_, err := s.Events(context.Background(), sources.EventQuery{Expr: "changes(app_build_info[5m] > 0"}, sixHours)
	var se *sources.Error
	if !errors.As(err, &se) || se.Backend != sources.TypePrometheus || se.Query != "changes(app_build_info[5m] > 0" || se.Hint == "" {
		t.Fatalf("error %v, want a *sources.Error about the query, with a hint", err)
	}
	for _, expr := range []string{"", "  "} {
		if _, err := s.Events(context.Background(), sources.EventQuery{Expr: expr}, sixHours); err == nil {
			t.Errorf("an empty query %q is not an error", expr)
		}
	}
	if _, err := s.Events(context.Background(), sources.EventQuery{Expr: "up"}, sources.Window{From: sixHours.To, To: sixHours.From}); err == nil {
		t.Error("an empty window is not an error")
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want only the one that failed", n)
	}
}
