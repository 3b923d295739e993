package prometheus

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/prometheus/common/model"
)

// eventPoints is how many instants an events query is evaluated at, at
// least: a 5-minute step over 30 days (8,640 instants), a minute over a
// week. An event is placed at the first instant its series is on, so the
// step is how precise its time is.
const eventPoints = 5000

// labelRef is a {{label}} in an event's text.
var labelRef = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// Events runs q.Expr as a range query over w and reports each rise of each
// series as an event: an instant where the series is above 0 after an
// instant where it was 0, below, NaN or absent. So app_build_info{…} marks
// each version when its series appears, and changes(x[5m]) > 0 each change
// of x. The query starts one step before w, so a series already on when the
// window opens is no event, and one that comes on at its first instant is.
//
// An event reads q.Text with each {{label}} replaced by the series' value of
// that label ("{{service}} {{version}}"); without q.Text, or when it comes
// out blank, the labels that tell the series apart ("version=v2.3.1"), else
// the query's metric or the query. The latest q.Limit events are kept.
// Failures are those of Fetch.
func (s *Source) Events(ctx context.Context, q sources.EventQuery, w sources.Window) (sources.EventList, error) {
	expr := strings.TrimSpace(q.Expr)
	if expr == "" {
		return sources.EventList{}, &sources.Error{Backend: sources.TypePrometheus, Msg: "an events query is empty",
			Hint: "write a PromQL expression in the events entry's query:"}
	}
	if !w.To.After(w.From) {
		return sources.EventList{}, &sources.Error{Backend: sources.TypePrometheus, Query: expr,
			Msg: fmt.Sprintf("the window %s is empty", w), Hint: "check window: in the agenda"}
	}
	g := eventGrid(w, s.now())
	if g.n < 2 {
		return sources.EventList{}, nil
	}
	mat, warnings, err := s.queryRange(ctx, expr, g)
	if err != nil {
		return sources.EventList{}, s.fail(expr, err)
	}
	out := sources.LimitEvents(risingEdges(mat, g, q.Text, fallbackName(expr, scanExpr(expr))), w, q.Limit)
	out.Warnings = warnings
	return out, nil
}

// eventGrid is the instants an events query evaluates at: a step apart,
// on multiples of the step, from one step before the first instant in w to
// the last one before w.To and now.
func eventGrid(w sources.Window, now time.Time) grid {
	step := chooseStep(w.Duration(), eventPoints)
	first := w.From.Truncate(step)
	if first.Before(w.From) {
		first = first.Add(step)
	}
	last := w.To.Add(-time.Nanosecond).Truncate(step)
	if !now.IsZero() && now.Before(last) {
		last = now.Truncate(step)
	}
	if last.Before(first) {
		return grid{step: step}
	}
	start := first.Add(-step)
	return grid{step: step, start: start, end: last, n: int(last.Sub(start)/step) + 1}
}

// risingEdges finds the instants where each series comes on (above 0) after
// being off, past g's first instant, and names them.
func risingEdges(mat model.Matrix, g grid, tmpl, fallback string) []sources.Event {
	metrics := make([]model.Metric, len(mat))
	for i, ss := range mat {
		metrics[i] = ss.Metric
	}
	names := seriesNames(metrics, fallback)
	var out []sources.Event
	for i, ss := range mat {
		on := make([]bool, g.n)
		for _, sp := range ss.Values {
			if j, ok := g.index(sp.Timestamp.Time()); ok {
				v := float64(sp.Value)
				on[j] = v > 0 && !math.IsNaN(v)
			}
		}
		text := eventName(tmpl, ss.Metric, names[i])
		for j := 1; j < g.n; j++ {
			if on[j] && !on[j-1] {
				out = append(out, sources.Event{At: g.start.Add(time.Duration(j) * g.step).UTC(), Text: text})
			}
		}
	}
	return out
}

// eventName fills tmpl from m's labels; name when tmpl is empty or comes out
// blank.
func eventName(tmpl string, m model.Metric, name string) string {
	if tmpl == "" {
		return name
	}
	text := labelRef.ReplaceAllStringFunc(tmpl, func(ref string) string {
		label := labelRef.FindStringSubmatch(ref)[1]
		return string(m[model.LabelName(label)])
	})
	if strings.TrimSpace(text) == "" {
		return name
	}
	return strings.Join(strings.Fields(text), " ")
}
