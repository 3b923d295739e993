package sources

import (
	"math"
	"time"
)

// Figure is one number of a panel's summary: "p95 142 ms", "errors 0.02 %".
type Figure struct {
	// Key is stable across sessions and versions ("p95", "error_pct"): the
	// minutes compare figures of the same key from one session to the next.
	Key string `json:"key"`
	// Label names the figure for people ("p95", "error rate").
	Label string `json:"label"`
	// Value is NaN when the window has no data for it.
	Value float64 `json:"value"`
	// Unit of Value ("s", "%", "req/s", "" for a plain count).
	Unit string `json:"unit,omitempty"`
	// At is when the value happened (the peak, the worst bucket); zero when
	// the figure is not about one moment.
	At time.Time `json:"at,omitzero"`
}

// Summary is what a panel's numbers come to over one window.
type Summary struct {
	Kind Kind `json:"kind"`
	// Headline is the Key of the figure that stands for the panel in the
	// minutes' summary table and in trends across sessions.
	Headline string   `json:"headline"`
	Figures  []Figure `json:"figures"`
	// Valid counts the points with data, Missing the gaps.
	Valid   int `json:"valid"`
	Missing int `json:"missing"`
}

// Figure returns the figure with the given key.
func (s Summary) Figure(key string) (Figure, bool) {
	for _, f := range s.Figures {
		if f.Key == key {
			return f, true
		}
	}
	return Figure{}, false
}

// Head returns the headline figure; its Value is NaN when there is none.
func (s Summary) Head() Figure {
	if f, ok := s.Figure(s.Headline); ok {
		return f
	}
	return Figure{Key: s.Headline, Value: math.NaN()}
}

// Empty reports whether the window had no data at all.
func (s Summary) Empty() bool { return s.Valid == 0 }

// Direction says which way a change of a figure is good.
type Direction int

// Directions. Load going up is neither better nor worse: it is news.
const (
	Neutral Direction = iota
	LowerIsBetter
	HigherIsBetter
)

// Verdict is how a change reads for the team.
type Verdict string

// Verdicts of a comparison.
const (
	Better    Verdict = "better"
	Worse     Verdict = "worse"
	Same      Verdict = "same"
	Changed   Verdict = "changed" // moved, with no better or worse (load)
	Undecided Verdict = "n/a"     // one side has no data
)

// Change compares one figure of the current window with the previous one.
type Change struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Unit  string  `json:"unit,omitempty"`
	Cur   float64 `json:"current"`
	Prev  float64 `json:"previous"`
	// Abs is Cur − Prev; Pct is that as a percentage of Prev (NaN when Prev
	// is 0 or either side is unknown).
	Abs     float64 `json:"abs"`
	Pct     float64 `json:"pct"`
	Verdict Verdict `json:"verdict"`
}

// SLOResult is an objective checked against a window's numbers.
type SLOResult struct {
	// Method is how the SLI was measured: "time-slice" (share of buckets
	// meeting a threshold), "request" (1 − errors/total) or "backend" (the
	// backend's own SLO).
	Method string `json:"method"`
	// Target and SLI are fractions (0.995 for 99.5 %). SLI is NaN when the
	// window has no data.
	Target float64 `json:"target"`
	SLI    float64 `json:"sli"`
	// Met is SLI ≥ Target.
	Met bool `json:"met"`
	// Threshold is the time-slice threshold, in the panel's unit (NaN otherwise).
	Threshold float64 `json:"threshold"`
	// Good and Total are the good and all buckets (time-slice) or requests.
	Good  float64 `json:"good"`
	Total float64 `json:"total"`
	// BudgetConsumed and BudgetRemaining are shares of the error budget
	// (1 − Target): consumed 0.4 means 40 % of the budget is spent;
	// remaining is 1 − consumed and goes negative when overspent.
	BudgetConsumed  float64 `json:"budget_consumed"`
	BudgetRemaining float64 `json:"budget_remaining"`
	// BurnRate is how fast the window spent its budget: 1 spends exactly the
	// budget over the window, 2 twice as fast.
	BurnRate float64 `json:"burn_rate"`
}
