package sources

import (
	"math"
	"testing"
)

func wantSLO(t *testing.T, got SLOResult, method string, sli, consumed float64, met bool) {
	t.Helper()
	if got.Method != method || !near(got.SLI, sli) || got.Met != met {
		t.Errorf("%s SLI %v met %v, want %s %v %v", got.Method, got.SLI, got.Met, method, sli, met)
	}
	if !near(got.BudgetConsumed, consumed) || !near(got.BudgetRemaining, 1-consumed) || !near(got.BurnRate, consumed) {
		t.Errorf("budget consumed %v remaining %v burn %v, want %v %v %v",
			got.BudgetConsumed, got.BudgetRemaining, got.BurnRate, consumed, 1-consumed, consumed)
	}
}

func TestTimeSliceSLOCountsBucketsUnderTheThreshold(t *testing.T) {
	s := perMinute("s", 0.1, 0.2, 0.4, gap, 0.3)
	// good: 0.1, 0.2 and 0.3 (≤ is good); the gap counts neither way → 3/4
	got := TimeSliceSLO(s, 0.3, 0.5)
	// bad 0.25 of an allowed 0.5 → half the budget
	wantSLO(t, got, MethodTimeSlice, 0.75, 0.5, true)
	if got.Good != 3 || got.Total != 4 || got.Threshold != 0.3 {
		t.Errorf("good %v total %v threshold %v, want 3 4 0.3", got.Good, got.Total, got.Threshold)
	}
	// against 99.5 %: 0.25 bad / 0.005 allowed = 50 budgets
	wantSLO(t, TimeSliceSLO(s, 0.3, 0.995), MethodTimeSlice, 0.75, 50, false)
}

func TestTimeSliceSLOWithoutDataIsUnknown(t *testing.T) {
	got := TimeSliceSLO(perMinute("s", gap, gap), 0.3, 0.99)
	if !math.IsNaN(got.SLI) || got.Met || !math.IsNaN(got.BudgetConsumed) || got.Total != 0 {
		t.Errorf("got %+v, want NaN SLI, not met, NaN budget", got)
	}
}

func TestRequestSLO(t *testing.T) {
	// 5 errors in 10000: SLI 0.9995; 0.0005 bad of 0.001 allowed → 0.5
	got := RequestSLO(5, 10000, 0.999)
	wantSLO(t, got, MethodRequest, 0.9995, 0.5, true)
	if got.Good != 9995 || got.Total != 10000 || !math.IsNaN(got.Threshold) {
		t.Errorf("good %v total %v threshold %v", got.Good, got.Total, got.Threshold)
	}
	// 30 errors in 10000: 0.003 bad / 0.001 → 3 budgets, −2 remaining
	wantSLO(t, RequestSLO(30, 10000, 0.999), MethodRequest, 0.997, 3, false)
	if got := RequestSLO(0, 0, 0.999); !math.IsNaN(got.SLI) || got.Met {
		t.Errorf("no requests: %+v, want NaN SLI", got)
	}
}

func TestBudgetOf(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name                   string
		sli, target            float64
		consumed, remain, burn float64
	}{
		{"on budget", 0.999, 0.999, 1, 0, 1},
		{"no bad events", 1, 0.999, 0, 1, 0},
		{"overspent", 0.99, 0.999, 10, -9, 10}, // 0.01 / 0.001
		{"100 % target met", 1, 1, 0, 1, 0},
		{"100 % target missed", 0.99, 1, inf, math.Inf(-1), inf},
		{"no data", gap, 0.99, gap, gap, gap},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, r, b := BudgetOf(tt.sli, tt.target)
			if !near(c, tt.consumed) || !near(r, tt.remain) || !near(b, tt.burn) {
				t.Errorf("BudgetOf(%v, %v) = %v, %v, %v; want %v, %v, %v", tt.sli, tt.target, c, r, b, tt.consumed, tt.remain, tt.burn)
			}
		})
	}
}

func TestBackendSLOKeepsTheBackendsBudget(t *testing.T) {
	got := BackendSLO(SLOStatus{ID: "abc", Target: 0.999, SLI: 0.9995, BudgetRemaining: 0.3})
	// the backend's 30 % remaining wins over our 50 %
	wantSLO(t, got, MethodBackend, 0.9995, 0.7, true)
	got = BackendSLO(SLOStatus{ID: "abc", Target: 0.999, SLI: 0.9995, BudgetRemaining: math.NaN()})
	wantSLO(t, got, MethodBackend, 0.9995, 0.5, true) // 0.0005 / 0.001
	if !math.IsNaN(got.Good) || !math.IsNaN(got.Threshold) {
		t.Errorf("backend result good %v threshold %v, want NaN", got.Good, got.Threshold)
	}
}

func TestSLOForPicksTheMethodByKind(t *testing.T) {
	lat := []Series{perMinute("s", 0.1, 0.5)}
	errs := []Series{perMinute("", 1, 1)}
	total := []Series{perMinute("", 100, 100)}
	tests := []struct {
		name      string
		kind      Kind
		hasThresh bool
		target    float64
		main, tot []Series
		ok        bool
		method    string
		sli       float64
	}{
		{"latency with threshold", KindLatency, true, 0.99, lat, nil, true, MethodTimeSlice, 0.5}, // 0.1 ≤ 0.3, 0.5 > 0.3
		{"custom with threshold", KindCustom, true, 0.99, lat, nil, true, MethodTimeSlice, 0.5},
		{"latency without threshold", KindLatency, false, 0.99, lat, nil, false, "", 0},
		{"errors with total", KindErrors, false, 0.99, errs, total, true, MethodRequest, 0.99}, // 1 − 2/200
		{"errors without total", KindErrors, false, 0.99, errs, nil, false, "", 0},
		{"load", KindLoad, true, 0.99, lat, nil, false, "", 0},
		{"no target", KindLatency, true, 0, lat, nil, false, "", 0},
		{"target above 100 %", KindLatency, true, 1.5, lat, nil, false, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SLOFor(tt.kind, Count, 0.3, tt.hasThresh, tt.target, tt.main, tt.tot)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && (got.Method != tt.method || !near(got.SLI, tt.sli)) {
				t.Errorf("got %s %v, want %s %v", got.Method, got.SLI, tt.method, tt.sli)
			}
		})
	}
}
