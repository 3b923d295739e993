package sources

import (
	"math"
	"time"
)

// Burn is an error budget spent bucket by bucket over a window: the data
// of a burn-down chart. Its end agrees with the SLOResult of the same data
// (TimeSliceSLO, RequestSLO, BackendSLO).
type Burn struct {
	// Method is how the budget is counted: MethodTimeSlice, MethodRequest
	// or MethodBackend (an SLI history).
	Method string
	// Target and SLI are fractions (0.999 for 99.9 %); SLI is over the
	// whole window, NaN without data.
	Target, SLI float64
	// Left is the share of the budget left after each bucket, in percent
	// of the budget (Unit "%"): 100 at the window's start, then one point
	// at the end of every bucket with data, so that its last point is what
	// the window leaves (below 0 when overspent). A target without budget
	// (100 %) or a window without data leaves only the first point.
	Left Series
	// Remaining is Left's last value as a fraction: what SLOResult calls
	// BudgetRemaining. NaN without data.
	Remaining float64
	// Window is the window the budget is counted over.
	Window Window
}

// BurnTimeSlice is the burn-down of a time-slice objective (see
// TimeSliceSLO): every bucket over threshold spends 1/(N·(1 − target)) of
// the budget, N being the buckets with data; gaps spend nothing.
func BurnTimeSlice(s Series, threshold, target float64, w Window) Burn {
	r := TimeSliceSLO(s, threshold, target)
	b := newBurn(MethodTimeSlice, r, w)
	budget := r.Total * (1 - target)
	if !(budget > 0) {
		return b
	}
	step, bad := stepOf(s), 0.0
	for _, p := range s.Points {
		if math.IsNaN(p.V) {
			continue
		}
		if p.V > threshold {
			bad++
		}
		b.add(p.T, step, 1-bad/budget)
	}
	return b
}

// BurnRequests is the burn-down of a request-based objective (see
// RequestSLO and SummarizeErrors, whose sums it shares): every failed
// request spends 1/((1 − target)·requests) of the budget, requests being
// the window's total.
func BurnRequests(errs, total Series, m Measure, target float64, w Window) Burn {
	sum := SummarizeErrors(errs, total, m)
	e, _ := sum.Figure("errors")
	t, _ := sum.Figure("total")
	b := newBurn(MethodRequest, RequestSLO(e.Value, t.Value, target), w)
	budget := t.Value * (1 - target)
	if !(budget > 0) {
		return b
	}
	per := 1.0 // a count's bucket holds value failures, a rate's value × step
	if m == Rate {
		per = errorStep(errs, total).Seconds()
	}
	step, spent := stepOf(errs), 0.0
	for _, p := range errs.Points {
		if math.IsNaN(p.V) {
			continue
		}
		spent += p.V * per
		b.add(p.T, step, 1-spent/budget)
	}
	return b
}

// BurnFromSLI is the burn-down of an SLI history (percent per bucket, as
// SLOStatus.History holds it): every bucket spends its bad share
// (1 − SLI) over N·(1 − target), N being the buckets with data. The
// history carries no counts, so buckets weigh the same.
func BurnFromSLI(history Series, target float64, w Window) Burn {
	return burnFromSLI(history, target, math.NaN(), w)
}

// BurnOfSLO is the burn-down of an SLO a backend tracks: its first SLI
// history spent as in BurnFromSLI, its SLI and target, and, when the
// backend reports the budget left, the curve scaled to end exactly there
// (the backend weighs its buckets by their requests, or counts over its
// own SLO window): its shape says when the budget went, its end agrees
// with the figure the panel shows.
func BurnOfSLO(st SLOStatus, w Window) Burn {
	var h Series
	if len(st.History) > 0 {
		h = st.History[0]
	}
	b := burnFromSLI(h, st.Target, st.BudgetRemaining, w)
	if !math.IsNaN(st.SLI) {
		b.SLI = st.SLI
	}
	return b
}

func burnFromSLI(h Series, target, remaining float64, w Window) Burn {
	var bad, n float64
	for _, p := range h.Points {
		if !math.IsNaN(p.V) {
			bad += 1 - p.V/100
			n++
		}
	}
	sli := math.NaN()
	if n > 0 {
		sli = 1 - bad/n
	}
	b := newBurn(MethodBackend, result(MethodBackend, sli, target), w)
	budget := n * (1 - target)
	if !(budget > 0) {
		return b
	}
	scale := 1.0
	if !math.IsNaN(remaining) && bad > 0 {
		scale = (1 - remaining) / (bad / budget)
	}
	step, spent := stepOf(h), 0.0
	for _, p := range h.Points {
		if math.IsNaN(p.V) {
			continue
		}
		spent += 1 - p.V/100
		b.add(p.T, step, 1-scale*spent/budget)
	}
	return b
}

func newBurn(method string, r SLOResult, w Window) Burn {
	return Burn{
		Method: method, Target: r.Target, SLI: r.SLI, Remaining: math.NaN(), Window: w,
		Left: Series{Name: "error budget left", Unit: "%", Points: []Point{{T: w.From, V: 100}}},
	}
}

// add puts the budget left after the bucket that starts at t at the
// bucket's end (inside the window, so that a chart of the window shows it).
func (b *Burn) add(t time.Time, step time.Duration, left float64) {
	end := t.Add(step)
	if last := b.Window.To.Add(-time.Nanosecond); !b.Window.IsZero() && end.After(last) {
		end = last
	}
	b.Remaining = left
	if n := len(b.Left.Points); n > 1 && !end.After(b.Left.Points[n-1].T) {
		b.Left.Points[n-1].V = 100 * left // buckets past the window's end: the last point says it
		return
	}
	b.Left.Points = append(b.Left.Points, Point{T: end, V: 100 * left})
	if step > 0 {
		b.Left.Step = step
	}
}
