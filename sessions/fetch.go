package sessions

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// SummaryPoints is how many points a fetch asks for at least, whatever the
// chart's width: summaries, SLOs and the worst bucket are computed from the
// fetched series, and coarse buckets would smear them (a max rollup over six
// hours turns every spike into the p95). Charts are downsampled anyway.
const SummaryPoints = 1000

// FetchRequest is one panel to fetch: everything the fetch needs, copied, so
// it can run in a background goroutine without touching live state.
type FetchRequest struct {
	Panel agenda.Panel
	// Source to read; nil when it could not be opened (SourceErr says why).
	Source    sources.Source
	SourceErr error
	Window    sources.Window
	// Compare is the comparison window; zero when the agenda compares none.
	Compare sources.Window
	// Columns is the chart width the data will be drawn at.
	Columns int
	// Events are the panel's events queries (the agenda's and its own),
	// each with its source.
	Events []EventRequest
	// Now stamps FetchedAt.
	Now time.Time
}

// FetchPanel fetches a panel over its window and its comparison window (at
// the same time), summarises both, checks the objective and compares, and
// lists the events of both windows. It never fails as a whole: a window
// that cannot be fetched carries its error, and an events query that fails
// a warning, so the meeting goes on.
func FetchPanel(ctx context.Context, r FetchRequest) *PanelData {
	p := r.Panel
	d := &PanelData{
		Version: DataVersion, Panel: p.ID, Title: p.Title, Kind: p.Kind,
		Unit: chartUnit(p), Source: p.Source, FetchedAt: stamp(r.Now),
	}
	var (
		wg                    sync.WaitGroup
		curEvents, prevEvents windowEvents
	)
	wg.Go(func() { d.Current = fetchWindow(ctx, r, r.Window) })
	if len(r.Events) > 0 {
		wg.Go(func() { curEvents = fetchEvents(ctx, r, r.Window) })
	}
	if !r.Compare.IsZero() {
		d.Previous = &Window{}
		wg.Go(func() { *d.Previous = fetchWindow(ctx, r, r.Compare) })
		if len(r.Events) > 0 {
			wg.Go(func() { prevEvents = fetchEvents(ctx, r, r.Compare) })
		}
	}
	wg.Wait()
	d.Current.withEvents(curEvents)
	if d.Previous != nil {
		d.Previous.withEvents(prevEvents)
	}
	if d.Unit != "%" && d.Current.Unit != "" {
		d.Unit = d.Current.Unit
	}
	if d.Previous != nil && d.Current.OK() && d.Previous.OK() &&
		!d.Current.Summary.Empty() && !d.Previous.Summary.Empty() {
		d.Changes = sources.Compare(d.Current.Summary, d.Previous.Summary, sources.DirectionOf(p.Kind, p.Better))
	}
	return d
}

// chartUnit is the unit of what a panel charts.
func chartUnit(p agenda.Panel) string {
	switch {
	case p.Kind == sources.KindErrors && p.Total != "":
		return "%"
	case p.Kind == sources.KindSLO:
		return "%"
	}
	return p.Unit
}

func fetchWindow(ctx context.Context, r FetchRequest, w sources.Window) Window {
	out := Window{Window: w}
	if r.Source == nil {
		err := r.SourceErr
		if err == nil {
			err = fmt.Errorf("source %q is not available", r.Panel.Source)
		}
		out.fail(err)
		return out
	}
	if r.Panel.Kind == sources.KindSLO {
		fetchSLOWindow(ctx, r, w, &out)
		return out
	}
	p := r.Panel
	q := sources.Query{
		// The agenda's unit as written (or none): a backend that reports no
		// unit must not seem to report the kind's default.
		Panel: p.ID, Kind: p.Kind, Expr: p.Query, Unit: p.DeclaredUnit,
		Measure: p.Measure, Columns: max(r.Columns, SummaryPoints), Top: p.Top,
	}
	var (
		main, total       []sources.Series
		mainErr, totalErr error
		wg                sync.WaitGroup
	)
	wg.Go(func() { main, mainErr = r.Source.Fetch(ctx, q, w) })
	if p.Total != "" {
		qt := q
		qt.Expr = p.Total
		qt.Kind = sources.KindLoad
		qt.Measure = sources.InferMeasure(sources.KindErrors, p.Total)
		wg.Go(func() { total, totalErr = r.Source.Fetch(ctx, qt, w) })
	}
	wg.Wait()
	switch {
	case mainErr != nil:
		// The total usually fails alike; the panel's own query speaks.
		out.fail(mainErr)
		return out
	case totalErr != nil:
		out.fail(fmt.Errorf("total: %w", totalErr))
		return out
	}
	for _, s := range main {
		out.Points += s.Len()
	}
	out.Warnings = warningsOf(main, total)
	// One unit for the data, the axis, the figures and the objective.
	u := sources.ResolveUnit(p.DeclaredUnit, sources.ReportedUnit(main), p.Unit)
	main = u.Apply(main)
	out.Unit = u.Unit
	if u.Note != "" {
		out.Warnings = append(out.Warnings, u.Note)
	}
	out.Summary = sources.Summarize(p.Kind, p.Measure, main, total)
	out.Series = chartLines(p, main, total, w)
	if o := p.Objective; o != nil {
		if o.SLO != "" {
			fetchObjectiveSLO(ctx, r, w, &out)
		} else {
			threshold, _ := sources.ConvertUnit(o.Threshold, p.Unit, u.Unit)
			if res, ok := sources.SLOFor(p.Kind, p.Measure, threshold, o.HasThreshold, o.Target, main, total); ok {
				out.SLO = &res
				out.Burn = burnOf(p, threshold, main, total, w)
			}
		}
	}
	return out
}

// burnOf is the burn-down of a panel's own objective, the way SLOFor
// counts it, cut to MaxStoredPoints; nil when the objective has none.
func burnOf(p agenda.Panel, threshold float64, main, total []sources.Series, w sources.Window) *sources.Series {
	o := p.Objective
	var b sources.Burn
	switch {
	case (p.Kind == sources.KindLatency || p.Kind == sources.KindCustom) && o.HasThreshold:
		b = sources.BurnTimeSlice(sources.Combine(p.Kind, p.Measure, main), threshold, o.Target, w)
	case p.Kind == sources.KindErrors && len(total) > 0:
		b = sources.BurnRequests(sources.Combine(p.Kind, p.Measure, main), sources.Combine(p.Kind, p.Measure, total), p.Measure, o.Target, w)
	default:
		return nil
	}
	left := b.Left
	if left.Len() > MaxStoredPoints {
		left = sources.Downsample(left, w, MaxStoredPoints/2)
	}
	return &left
}

// chartLines is what a panel draws: the error ratio for an errors panel with
// a total, else every line returned; each cut to MaxStoredPoints, peaks kept.
func chartLines(p agenda.Panel, main, total []sources.Series, w sources.Window) []sources.Series {
	lines := main
	if p.Kind == sources.KindErrors && p.Total != "" && len(main) > 0 && len(total) > 0 {
		ratio := sources.Ratio(sources.Combine(p.Kind, p.Measure, main), sources.Combine(sources.KindLoad, p.Measure, total))
		ratio.Name = "errors % of requests"
		ratio.Unit = "%"
		lines = []sources.Series{ratio}
	}
	out := make([]sources.Series, 0, len(lines))
	for _, s := range lines {
		if s.Len() == 0 {
			continue
		}
		s.Warnings = nil
		if s.Unit == "" {
			s.Unit = p.Unit
		}
		if s.Len() > MaxStoredPoints {
			s = sources.Downsample(s, w, MaxStoredPoints/2)
		}
		out = append(out, s)
	}
	return out
}

func fetchSLOWindow(ctx context.Context, r FetchRequest, w sources.Window, out *Window) {
	st, ok := fetchSLO(ctx, r, r.Panel.SLO, w, out)
	if !ok {
		return
	}
	res := sources.BackendSLO(st)
	out.SLO = &res
	out.Series = st.History
	for _, s := range st.History {
		out.Points += s.Len()
	}
	// What the backend could not read of its answer (a partial SLO history)
	// is said beside the chart.
	out.Warnings = append(out.Warnings, warningsOf(st.History)...)
	out.Summary = sloSummary(st, res)
}

func fetchObjectiveSLO(ctx context.Context, r FetchRequest, w sources.Window, out *Window) {
	st, ok := fetchSLO(ctx, r, r.Panel.Objective.SLO, w, out)
	if !ok {
		return
	}
	res := sources.BackendSLO(st)
	out.SLO = &res
}

func fetchSLO(ctx context.Context, r FetchRequest, id string, w sources.Window, out *Window) (sources.SLOStatus, bool) {
	ss, ok := r.Source.(sources.SLOSource)
	if !ok {
		out.fail(fmt.Errorf("source %q cannot read SLOs (slo: %s); use an objective with a target instead", r.Panel.Source, id))
		return sources.SLOStatus{}, false
	}
	st, err := ss.FetchSLO(ctx, id, w)
	if err != nil {
		out.fail(err)
		return st, false
	}
	out.SLOName = st.Name
	if out.SLOName == "" {
		out.SLOName = id
	}
	return st, true
}

// sloSummary turns a backend SLO into summary figures: the SLI is the
// headline, so the minutes compare it across windows and sessions.
func sloSummary(st sources.SLOStatus, res sources.SLOResult) sources.Summary {
	pct := func(f float64) float64 { return f * 100 }
	s := sources.Summary{
		Kind:     sources.KindSLO,
		Headline: "sli",
		Figures: []sources.Figure{
			{Key: "sli", Label: "SLI", Value: pct(st.SLI), Unit: "%"},
			{Key: "target", Label: "target", Value: pct(st.Target), Unit: "%"},
			{Key: "budget_remaining", Label: "budget left", Value: pct(res.BudgetRemaining), Unit: "%"},
		},
	}
	if !math.IsNaN(st.SLI) {
		s.Valid = 1
	}
	for _, h := range st.History {
		s.Valid += h.Valid()
		s.Missing += h.Len() - h.Valid()
	}
	return s
}

func (w *Window) fail(err error) {
	w.Error = err.Error()
	w.Hint = sources.HintOf(err)
	w.Temporary = sources.IsTemporary(err)
	if errors.Is(err, context.DeadlineExceeded) {
		w.Temporary = true
	}
}

// warningsOf gathers the backend's warnings of every series, once each.
func warningsOf(groups ...[]sources.Series) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range groups {
		for _, s := range g {
			for _, w := range s.Warnings {
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// Sources are the opened sources of an agenda, by name, with the reason for
// each that could not be opened.
type Sources struct {
	Open   map[string]sources.Source
	Failed map[string]error
}

// Request builds the fetch of panel p from the sources.
func (s Sources) Request(p agenda.Panel, w, compare sources.Window, columns int, now time.Time) FetchRequest {
	r := FetchRequest{Panel: p, Window: w, Compare: compare, Columns: columns, Now: now, Events: s.eventRequests(p)}
	if src, ok := s.Open[p.Source]; ok {
		r.Source = src
	} else if err, ok := s.Failed[p.Source]; ok {
		r.SourceErr = err
	}
	return r
}

// FetchAll fetches every request with at most parallel fetches at a time
// and returns the data in the order of the requests.
func FetchAll(ctx context.Context, reqs []FetchRequest, parallel int) []*PanelData {
	if parallel < 1 {
		parallel = 1
	}
	out := make([]*PanelData, len(reqs))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, r := range reqs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = FetchPanel(ctx, r)
		})
	}
	wg.Wait()
	return out
}

// FetchParallel is how many panels are fetched at once, in the meeting and
// by nagame check and snapshot alike: a 12-panel agenda does not hit a
// backend with 24 queries at once (a panel with a total: sends two).
const FetchParallel = 4

// ChartColumns is how many columns a panel's chart gets on a screen (or a
// page of text) width cells wide: the width less the chart's label gutter
// and margins, and 60 at least. It is FetchRequest.Columns.
func ChartColumns(width int) int {
	return max(60, width-12)
}
