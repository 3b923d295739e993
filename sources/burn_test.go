package sources

import (
	"math"
	"testing"
	"time"
)

// wantLeft compares a burn-down's budget left, point by point, in percent.
func wantLeft(t *testing.T, b Burn, want ...float64) {
	t.Helper()
	got := make([]float64, len(b.Left.Points))
	for i, p := range b.Left.Points {
		got[i] = p.V
		if i > 0 && !p.T.After(b.Left.Points[i-1].T) {
			t.Errorf("point %d at %v is not after the one before", i, p.T)
		}
		if !b.Window.Contains(p.T) {
			t.Errorf("point %d at %v lies outside the window %v", i, p.T, b.Window)
		}
	}
	wantCols(t, "budget left", got, want...)
}

func TestBurnTimeSliceSpendsABucketAtATime(t *testing.T) {
	// Ten minutes, target 80 %: the budget is two minutes over 300 ms.
	s := perMinute("ms", 100, 100, 400, 100, gap, 500, 100, 100, 100, 100)
	b := BurnTimeSlice(s, 300, 0.8, tenMinutes())
	// 9 buckets with data: budget 1.8 buckets; each bad one spends 1/1.8.
	wantLeft(t, b, 100, 100, 100, 100-100/1.8, 100-100/1.8, 100-200/1.8, 100-200/1.8, 100-200/1.8, 100-200/1.8, 100-200/1.8)
	r := TimeSliceSLO(s, 300, 0.8)
	if !near(b.Remaining, r.BudgetRemaining) || !near(b.SLI, r.SLI) || b.Method != MethodTimeSlice {
		t.Errorf("burn ends at %v (SLI %v), the SLO says %v (SLI %v)", b.Remaining, b.SLI, r.BudgetRemaining, r.SLI)
	}
	if b.Left.Points[1].T != at(1) || b.Left.Step != time.Minute {
		t.Errorf("the first bucket's budget is at %v (step %v), want at its end, minute 1", b.Left.Points[1].T, b.Left.Step)
	}
}

func TestBurnRequestsAgreesWithTheRequestSLO(t *testing.T) {
	total := perMinute("", 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000)
	errs := perMinute("", 0, 0, 2, 0, 0, 8, 0, 0, 0, 0)
	b := BurnRequests(errs, total, Count, 0.999, tenMinutes()) // a budget of 10 failed requests
	wantLeft(t, b, 100, 100, 100, 80, 80, 80, 0, 0, 0, 0, 0)
	r, _ := SLOFor(KindErrors, Count, 0, false, 0.999, []Series{errs}, []Series{total})
	if !near(b.Remaining, r.BudgetRemaining) || !near(b.SLI, r.SLI) {
		t.Errorf("burn ends at %v, the SLO says %v", b.Remaining, r.BudgetRemaining)
	}
	// The same as rates per second: a minute's bucket holds 60 × value.
	for i := range total.Points {
		total.Points[i].V /= 60
		errs.Points[i].V /= 60
	}
	b = BurnRequests(errs, total, Rate, 0.999, tenMinutes())
	if !near(b.Remaining, 0) || !near(b.Left.Points[3].V, 80) {
		t.Errorf("rates: %v", b.Left.Points)
	}
}

func TestBurnFromSLIHistory(t *testing.T) {
	w := Window{From: at(0), To: at(4 * 24 * 60)}
	h := seriesFrom(0, 24*time.Hour, "%", 100, 99.8, gap, 99.95)
	b := BurnFromSLI(h, 0.999, w)
	// 3 days with data: budget 0.003; spent 0.002 then 0.0005 more.
	wantLeft(t, b, 100, 100, 100-200.0/3, 100-250.0/3)
	if !near(b.SLI, 1-0.0025/3) {
		t.Errorf("SLI %v", b.SLI)
	}
	// The last day ends at the window's end: its point is just inside.
	if last := b.Left.Points[3].T; !last.Equal(w.To.Add(-time.Nanosecond)) {
		t.Errorf("last point at %v", last)
	}
	// A backend that reports 40 % left: the same shape, ending there.
	st := SLOStatus{Target: 0.999, SLI: 0.9991, BudgetRemaining: 0.4, History: []Series{h}}
	b = BurnOfSLO(st, w)
	wantLeft(t, b, 100, 100, 100-60*0.8, 40)
	if b.SLI != 0.9991 || b.Remaining != 0.4 || BackendSLO(st).BudgetRemaining != 0.4 {
		t.Errorf("SLI %v remaining %v, want the backend's", b.SLI, b.Remaining)
	}
}

func TestBurnWithoutBudgetOrData(t *testing.T) {
	s := perMinute("ms", 100, 400)
	for name, b := range map[string]Burn{
		"no data":      BurnTimeSlice(Series{}, 300, 0.99, tenMinutes()),
		"100 % target": BurnTimeSlice(s, 300, 1, tenMinutes()),
		"no requests":  BurnRequests(Series{}, Series{}, Count, 0.999, tenMinutes()),
		"no history":   BurnOfSLO(SLOStatus{Target: 0.999, SLI: math.NaN(), BudgetRemaining: math.NaN()}, tenMinutes()),
	} {
		if len(b.Left.Points) != 1 || !math.IsNaN(b.Remaining) {
			t.Errorf("%s: %v remaining %v, want only the start and NaN", name, b.Left.Points, b.Remaining)
		}
	}
}
