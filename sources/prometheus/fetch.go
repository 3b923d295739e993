package prometheus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/nagame-dev/nagame/sources"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

// Fetch runs q.Expr as a range query over w and returns its series on a grid
// of buckets (see the package doc for how a step keeps its spikes and
// events): one point per bucket, labelled with the bucket's start, NaN where
// the query had no value. Grouped results keep the q.Top (default 5) with
// the highest mean, the rest folded into "other" for rates and counts.
//
// An empty result is no data: nil and a nil error (or, when Prometheus
// warned about it, one Series with no points that carries the warnings).
// Failures are *sources.Error; timeouts and 5xx are Temporary.
func (s *Source) Fetch(ctx context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	if strings.TrimSpace(q.Expr) == "" {
		return nil, &sources.Error{Backend: sources.TypePrometheus, Msg: fmt.Sprintf("panel %q has no query", q.Panel),
			Hint: "write the panel's PromQL in query:"}
	}
	if !w.To.After(w.From) {
		return nil, &sources.Error{Backend: sources.TypePrometheus, Query: q.Expr,
			Msg: fmt.Sprintf("the window %s is empty", w), Hint: "check window: in the agenda"}
	}
	g := newGrid(w, q.Columns, s.now())
	if g.n == 0 {
		return nil, nil
	}
	p := planQuery(q, g)
	var warnings []string
	mat, warns, err := s.queryRange(ctx, p.query, g)
	if err != nil && p.wrapped && isBadData(err) {
		// Perhaps the expression is valid but not one a range function
		// accepts (a scalar, a string): run it as written so the error, if
		// any, is about the panel's own text, positions included.
		var werr *statusError
		errors.As(err, &werr)
		mat, warns, err = s.queryRange(ctx, q.Expr, g)
		if err == nil {
			warnings = append(warnings, fmt.Sprintf(
				"nagame could not look inside each %s step of this query (Prometheus said: %s); each point is the value at the step's end, so short spikes may be missing",
				promDuration(g.step), s.badDataText(werr)))
		}
	}
	if err != nil {
		return nil, s.fail(q.Expr, err)
	}
	if p.warning != "" {
		warnings = append(warnings, p.warning)
	}
	warnings = append(warnings, warns...)
	out, notes := toSeries(mat, g, q)
	warnings = append(warnings, notes...)
	if len(out) == 0 {
		if len(warnings) == 0 {
			return nil, nil
		}
		return []sources.Series{{Name: fallbackName(q.Expr, scanExpr(q.Expr)), Unit: q.Unit, Step: g.step, Warnings: warnings}}, nil
	}
	out[0].Warnings = warnings
	return out, nil
}

// queryRange runs one range query over g, bounded by the source's timeout
// both here and on the server, and retried when the server asks for
// patience (see try).
func (s *Source) queryRange(ctx context.Context, query string, g grid) (model.Matrix, []string, error) {
	var (
		val          model.Value
		warns, infos []string
	)
	err := s.try(ctx, func(ctx context.Context) error {
		var err error
		val, warns, infos, err = s.api.QueryRange(ctx, query, v1.Range{Start: g.start, End: g.end, Step: g.step}, v1.WithTimeout(s.timeout))
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	notes := make([]string, 0, len(warns)+len(infos))
	for _, w := range append(warns, infos...) {
		notes = append(notes, s.clean(w, 300))
	}
	switch v := val.(type) {
	case model.Matrix:
		return v, notes, nil
	case nil:
		return nil, notes, nil
	default:
		return nil, nil, &v1.Error{Type: v1.ErrBadResponse, Msg: fmt.Sprintf("a range query answered with a %s, not a matrix", val.Type())}
	}
}

func isBadData(err error) bool {
	var se *statusError
	return errors.As(err, &se) && se.code == 400
}

// badDataText is Prometheus' words in a 400 answer.
func (s *Source) badDataText(se *statusError) string {
	if se == nil {
		return ""
	}
	return s.failText(se)
}

// toSeries lays each result series on the grid, names them, and keeps the
// top ones. It returns notes for the panel about values it could not show.
func toSeries(mat model.Matrix, g grid, q sources.Query) ([]sources.Series, []string) {
	var notes []string
	metrics := make([]model.Metric, 0, len(mat))
	kept := make([]*model.SampleStream, 0, len(mat))
	histograms, infs := 0, 0
	for _, ss := range mat {
		if len(ss.Values) == 0 {
			if len(ss.Histograms) > 0 {
				histograms++
			}
			continue
		}
		metrics = append(metrics, ss.Metric)
		kept = append(kept, ss)
	}
	names := seriesNames(metrics, fallbackName(q.Expr, scanExpr(q.Expr)))
	out := make([]sources.Series, len(kept))
	for i, ss := range kept {
		pts := make([]sources.Point, g.n)
		for j := range pts {
			pts[j] = sources.Point{T: g.bucketStart(j), V: math.NaN()}
		}
		for _, sp := range ss.Values {
			j, ok := g.index(sp.Timestamp.Time())
			if !ok {
				continue
			}
			v := float64(sp.Value)
			if math.IsInf(v, 0) {
				infs++
				v = math.NaN()
			}
			pts[j].V = v
		}
		out[i] = sources.Series{Name: names[i], Unit: q.Unit, Step: g.step, Points: pts}
	}
	if histograms > 0 {
		notes = append(notes, fmt.Sprintf("%d series hold native histograms, which a chart cannot draw: wrap the query in histogram_quantile() or histogram_count()", histograms))
	}
	if infs > 0 {
		notes = append(notes, fmt.Sprintf("%d points were infinite (a quantile beyond the largest bucket, or a division by zero) and are shown as gaps", infs))
	}
	return sources.Top(out, q.Top, q.Kind, sources.MeasureOf(q)), notes
}
