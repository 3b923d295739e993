package sources

import "math"

// SLO methods, as SLOResult.Method names them.
const (
	MethodTimeSlice = "time-slice"
	MethodRequest   = "request"
	MethodBackend   = "backend"
)

// TimeSliceSLO checks a time-slice objective: the SLI is the share of the
// window's buckets whose value is at most threshold ("p95 under 300 ms in
// 99.5 % of the minutes"). Gaps count neither as good nor as bad: a bucket
// without data says nothing about latency. SLI is NaN for a window without
// data.
func TimeSliceSLO(s Series, threshold, target float64) SLOResult {
	var good, total float64
	for _, p := range s.Points {
		if math.IsNaN(p.V) {
			continue
		}
		total++
		if p.V <= threshold {
			good++
		}
	}
	sli := math.NaN()
	if total > 0 {
		sli = good / total
	}
	r := result(MethodTimeSlice, sli, target)
	r.Threshold, r.Good, r.Total = threshold, good, total
	return r
}

// RequestSLO checks a request-based objective: SLI = 1 − errors/total, the
// share of good requests. SLI is NaN when total is not positive or either
// count is unknown.
func RequestSLO(errors, total, target float64) SLOResult {
	sli := math.NaN()
	if total > 0 && !math.IsNaN(errors) {
		sli = 1 - errors/total
	}
	r := result(MethodRequest, sli, target)
	r.Good, r.Total = total-errors, total
	return r
}

// BudgetOf spends the error budget of an objective. The budget is the bad
// fraction the target allows, 1 − target; the window's bad fraction is
// 1 − sli. Then
//
//	consumed  = (1 − sli) / (1 − target)   0.4: 40 % of the budget spent
//	remaining = 1 − consumed               negative when overspent
//	burn      = consumed                   bad fraction / allowed fraction
//
// burn equals consumed because both are measured over the same window: a
// burn rate of 1 spends exactly the budget by the window's end. A target of
// 100 % has no budget: any bad event consumes +Inf of it. All three are NaN
// when sli or target is NaN.
func BudgetOf(sli, target float64) (consumed, remaining, burn float64) {
	if math.IsNaN(sli) || math.IsNaN(target) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	bad, allowed := 1-sli, 1-target
	switch {
	case allowed > 0:
		consumed = bad / allowed
	case bad <= 0:
		consumed = 0
	default:
		consumed = math.Inf(1)
	}
	return consumed, 1 - consumed, consumed
}

// BackendSLO is an SLO the backend tracks, as a result. It keeps the
// backend's remaining budget when it reports one (the backend may count the
// budget differently, over its own SLO window) and derives consumption from
// it; else it computes the budget with BudgetOf.
func BackendSLO(st SLOStatus) SLOResult {
	r := result(MethodBackend, st.SLI, st.Target)
	r.Good, r.Total = math.NaN(), math.NaN()
	if !math.IsNaN(st.BudgetRemaining) {
		r.BudgetRemaining = st.BudgetRemaining
		r.BudgetConsumed = 1 - st.BudgetRemaining
		r.BurnRate = r.BudgetConsumed
	}
	return r
}

// SLOFor checks a panel's objective against its series, when nagame can
// compute it: latency and custom panels with a threshold get a time-slice
// SLO over their (combined) series; errors panels with a total get a
// request-based SLO over the window's sums, counted as in SummarizeErrors.
// Anything else (no threshold, no total, a target outside (0, 1]) is false.
func SLOFor(kind Kind, m Measure, threshold float64, hasThreshold bool, target float64, main, total []Series) (SLOResult, bool) {
	if !(target > 0 && target <= 1) {
		return SLOResult{}, false
	}
	switch {
	case (kind == KindLatency || kind == KindCustom) && hasThreshold:
		return TimeSliceSLO(Combine(kind, m, main), threshold, target), true
	case kind == KindErrors && len(total) > 0:
		sum := SummarizeErrors(Combine(kind, m, main), Combine(kind, m, total), m)
		e, _ := sum.Figure("errors")
		t, _ := sum.Figure("total")
		return RequestSLO(e.Value, t.Value, target), true
	}
	return SLOResult{}, false
}

// result fills the fields every method shares: SLI, target, Met and budget.
func result(method string, sli, target float64) SLOResult {
	r := SLOResult{
		Method:    method,
		Target:    target,
		SLI:       sli,
		Met:       sli >= target, // false when either is NaN
		Threshold: math.NaN(),
	}
	r.BudgetConsumed, r.BudgetRemaining, r.BurnRate = BudgetOf(sli, target)
	return r
}
