package datadog

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// Fetch runs q over w with the v1 query API and returns one series per
// group, the q.Top largest first (see sources.Top). A rollup is appended to the
// query so the window comes back in a few hundred buckets with spikes kept
// (see withRollup). No series and a nil error means Datadog has no data for
// the query in w.
func (s *Source) Fetch(ctx context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	if s.keysErr != nil {
		return nil, s.keysErr
	}
	if strings.TrimSpace(q.Expr) == "" {
		return nil, &sources.Error{Backend: backend, Msg: fmt.Sprintf("panel %q has no query", q.Panel),
			Hint: "give the panel a query: in the agenda"}
	}
	if !w.To.After(w.From) {
		return nil, &sources.Error{Backend: backend, Query: q.Expr, Msg: fmt.Sprintf("empty window %s", w)}
	}
	step := chooseStep(w.Duration(), q.Columns)
	sent := withRollup(q.Expr, q.Kind, step)
	actx := s.authContext(ctx)
	var resp datadogV1.MetricsQueryResponse
	o := s.retry.do(ctx, func() (*http.Response, error) {
		var (
			hr  *http.Response
			err error
		)
		resp, hr, err = s.metrics.QueryMetrics(actx, w.From.Unix(), w.To.Unix(), sent)
		return hr, err
	})
	req := request{query: q.Expr, sent: sent}
	if o.err != nil {
		return nil, s.failure(ctx, req, o)
	}
	series, err := s.decodeSeries(resp, o.resp, q, req, w)
	if err != nil {
		return nil, err
	}
	return sources.Top(series, q.Top, q.Kind, sources.MeasureOf(q)), nil
}

// decodeSeries turns Datadog's answer into series. Datadog's oddities are
// handled here: timestamps are float milliseconds, a null value is a gap
// (NaN), the interval is in seconds, a 200 can still carry status "error"
// with the reason in error or message, and points outside w are dropped.
// When the client could not read the answer (see loose.go), hr's body is
// read part by part, and the panel is warned about what was left out.
func (s *Source) decodeSeries(resp datadogV1.MetricsQueryResponse, hr *http.Response, q sources.Query, r request, w sources.Window) ([]sources.Series, error) {
	var (
		lost unreadable
		body []byte
	)
	unparsed, _ := datadog.ContainsUnparsedObject(resp)
	if unparsed || resp.Status == nil && resp.Series == nil {
		body = rawBody(hr)
	}
	if !unparsed && resp.Status == nil && resp.Series == nil && len(bytes.TrimSpace(body)) == 0 {
		// The client reads an empty body as an empty answer; Datadog's
		// always has a status.
		return nil, &sources.Error{Backend: backend, Query: q.Expr,
			Msg:  fmt.Sprintf("the answer of %s was empty", s.ep.host),
			Hint: "retry; if it stays empty and url: points at a proxy, check it forwards Datadog's answers unchanged"}
	}
	if unparsed {
		var ok bool
		if resp, lost, ok = looseQuery(body); !ok {
			return nil, &sources.Error{Backend: backend, Query: q.Expr,
				Msg:  "Datadog's answer does not have the shape of a query result",
				Hint: "nagame could not read it; if url: points at a proxy, check it forwards Datadog's API unchanged, else report this query"}
		}
	}
	if strings.EqualFold(resp.GetStatus(), "error") || resp.GetError() != "" {
		said := resp.GetError()
		if said == "" {
			said = resp.GetMessage()
		}
		e := &sources.Error{Backend: backend, Query: q.Expr,
			Msg:  "Datadog rejected the query: " + orStatus(s.redact(said), "status error without a reason"),
			Hint: "fix the query in the agenda; try it in Datadog's Metrics Explorer first"}
		if r.sent != q.Expr {
			e.Hint += "; nagame sent: " + r.sent
		}
		s.secrets.RedactError(e)
		return nil, e
	}
	multi := false
	for _, m := range resp.Series {
		if m.GetQueryIndex() != resp.Series[0].GetQueryIndex() {
			multi = true
		}
	}
	out := make([]sources.Series, 0, len(resp.Series))
	for _, m := range resp.Series {
		step := time.Duration(m.GetInterval()) * time.Second
		out = append(out, sources.Series{
			Name:   s.redact(seriesName(m, q, multi)),
			Unit:   unitOf(m.Unit, q.Unit),
			Step:   step,
			Points: points(m.Pointlist, step, w),
		})
	}
	if note := s.lostNote(lost, "Datadog's answer"); note != "" {
		if len(out) == 0 {
			out = append(out, sources.Series{Name: q.Expr, Unit: q.Unit})
		}
		out[0].Warnings = append(out[0].Warnings, note)
	}
	return out, nil
}

// seriesName labels a line: its group's tags ("resource_name:GET /cart"),
// prefixed by its expression when the query has several comma-separated
// parts; an ungrouped line is named after its metric.
func seriesName(m datadogV1.MetricsQueryMetadata, q sources.Query, multi bool) string {
	tags := strings.Join(m.TagSet, ",")
	label := firstNonEmpty(m.GetDisplayName(), m.GetMetric(), m.GetExpression(), q.Expr)
	switch {
	case tags != "" && multi:
		return label + " {" + tags + "}"
	case tags != "":
		return tags
	}
	return label
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// unitOf reads Datadog's unit pair [unit, per-unit]: [{second}, null] is
// "s", [{request}, {second}] is "req/s". The second element of a pair
// decodes to an empty unit rather than nil, hence the name checks. Without
// a unit (unit: null, or arithmetic) the panel's declared unit is used.
func unitOf(units []datadogV1.MetricsQueryUnit, declared string) string {
	short := func(u datadogV1.MetricsQueryUnit) string {
		return firstNonEmpty(u.GetShortName(), u.GetName())
	}
	if len(units) == 0 || units[0].GetName() == "" {
		return declared
	}
	unit := short(units[0])
	if len(units) > 1 && units[1].GetName() != "" {
		unit += "/" + short(units[1])
	}
	return unit
}

// points converts a pointlist. A point without a timestamp is skipped, and
// so is one whose bucket (step long from its timestamp) lies outside w; a
// null value is a gap. Points are returned in time order whatever order
// they came in.
func points(list [][]*float64, step time.Duration, w sources.Window) []sources.Point {
	out := make([]sources.Point, 0, len(list))
	for _, p := range list {
		if len(p) < 2 || p[0] == nil || math.IsNaN(*p[0]) || math.IsInf(*p[0], 0) {
			continue
		}
		t := time.UnixMilli(int64(math.Round(*p[0]))).UTC()
		if !inWindow(t, step, w) {
			continue
		}
		v := math.NaN()
		if p[1] != nil {
			v = *p[1]
		}
		out = append(out, sources.Point{T: t, V: v})
	}
	if !slices.IsSortedFunc(out, byTime) {
		slices.SortStableFunc(out, byTime)
	}
	return out
}

func byTime(a, b sources.Point) int { return a.T.Compare(b.T) }

// inWindow reports whether the bucket [t, t+step) overlaps w: Datadog
// stamps a bucket with its start, and the first bucket of an SLO history
// starts before the window (it is aligned to the interval). A point at or
// after w's end is never in it (Datadog has sent points weeks past the
// end of a window).
func inWindow(t time.Time, step time.Duration, w sources.Window) bool {
	if !t.Before(w.To) {
		return false
	}
	if step <= 0 {
		return !t.Before(w.From)
	}
	return t.Add(step).After(w.From)
}
