package sources

import (
	"math"
	"slices"
	"testing"
	"time"
)

// group is a series named name with one point a minute from at(0), in req.
func group(name string, vals ...float64) Series {
	s := perMinute("req", vals...)
	s.Name = name
	return s
}

func names(series []Series) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = s.Name
	}
	return out
}

func TestTopRanksKeepsAndFolds(t *testing.T) {
	a := group("a", 5, 5, 5)       // mean 5
	b := group("b", 2, gap, 4)     // mean (2+4)/2 = 3: the gap is ignored
	c := group("c", 1, 1, 1)       // mean 1
	d := group("d", 0, 2, 1)       // mean 1, as c: c first by name
	e := group("e", gap, gap, gap) // no valid point: last
	f := group("f", -1, -1, -1)    // mean −1: still above e, which has no data
	in := []Series{d, e, b, c, a}
	minutes := []time.Time{at(0), at(1), at(2)}
	tests := []struct {
		name      string
		in        []Series
		n         int
		kind      Kind
		m         Measure
		wantNames []string
		wantOther []float64 // the last series' values, when it is "other"
	}{
		{
			name: "all kept when n is larger, ranked by mean, ties by name, no data last",
			in:   in, n: 10, kind: KindLoad, m: Gauge,
			wantNames: []string{"a", "b", "c", "d", "e"},
		},
		{
			name: "a series with data ranks above one without, even at minus infinity",
			in:   []Series{group("gaps", gap), group("zneg", math.Inf(-1))}, n: 5, kind: KindCustom, m: Gauge,
			wantNames: []string{"zneg", "gaps"},
		},
		{
			name: "n equal to the number of series keeps them all and folds nothing",
			in:   in, n: 5, kind: KindErrors, m: Count,
			wantNames: []string{"a", "b", "c", "d", "e"},
		},
		{
			name: "counts fold the rest into one other line",
			in:   in, n: 2, kind: KindErrors, m: Count,
			wantNames: []string{"a", "b", "other (3 series)"},
			// c + d + e per minute, e's gaps adding nothing: 1+0 | 1+2 | 1+1.
			wantOther: []float64{1, 3, 2},
		},
		{
			name: "rates fold the rest into one other line",
			in:   in, n: 3, kind: KindLoad, m: Rate,
			wantNames: []string{"a", "b", "c", "other (2 series)"},
			// d + e: 0 | 2 | 1.
			wantOther: []float64{0, 2, 1},
		},
		{
			name: "gauges drop the rest",
			in:   in, n: 2, kind: KindCustom, m: Gauge,
			wantNames: []string{"a", "b"},
		},
		{
			name: "a measure Top does not know is not added up",
			in:   in, n: 2, kind: KindLoad, m: "",
			wantNames: []string{"a", "b"},
		},
		{
			name: "latency given as a rate is never folded",
			in:   in, n: 2, kind: KindLatency, m: Rate,
			wantNames: []string{"a", "b"},
		},
		{
			name: "latency given as a count is never folded",
			in:   in, n: 2, kind: KindLatency, m: Count,
			wantNames: []string{"a", "b"},
		},
		{
			name: "n zero keeps five",
			in:   []Series{d, e, b, c, a, f}, n: 0, kind: KindErrors, m: Count,
			wantNames: []string{"a", "b", "c", "d", "f", "other (1 series)"},
			// e alone, all gaps: a timestamp where nothing has a value stays a gap.
			wantOther: []float64{gap, gap, gap},
		},
		{
			name: "n negative keeps five",
			in:   []Series{d, e, b, c, a, f}, n: -3, kind: KindLoad, m: Gauge,
			wantNames: []string{"a", "b", "c", "d", "f"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Top(tt.in, tt.n, tt.kind, tt.m)
			if n := names(got); !slices.Equal(n, tt.wantNames) {
				t.Fatalf("names %q, want %q", n, tt.wantNames)
			}
			if tt.wantOther == nil {
				return
			}
			other := got[len(got)-1]
			wantPoints(t, other, minutes, tt.wantOther)
			if other.Unit != "req" || other.Step != time.Minute {
				t.Errorf("other in %q every %v, want req every 1m", other.Unit, other.Step)
			}
		})
	}
}

func TestTopOfNoSeriesIsNil(t *testing.T) {
	for _, in := range [][]Series{nil, {}} {
		if got := Top(in, 3, KindErrors, Count); got != nil {
			t.Errorf("Top(%v) = %v, want nil", in, got)
		}
	}
}

func TestTopFoldsMisalignedSeriesByTimestamp(t *testing.T) {
	half := at(0).Add(30 * time.Second)
	in := []Series{
		group("big", 1000),
		{Name: "p", Unit: "req", Step: time.Minute, Points: []Point{{at(0), 1}, {at(1), gap}, {at(2), 3}}},
		// q starts a minute later than p.
		{Name: "q", Unit: "req", Step: time.Minute, Points: []Point{{at(1), 10}, {at(2), 20}, {at(3), 30}}},
		// r samples every two minutes; its last point is a gap no one fills.
		{Name: "r", Unit: "req", Step: 2 * time.Minute, Points: []Point{{at(0), gap}, {at(2), 100}, {at(4), gap}}},
		// s is half a minute off everyone's grid.
		{Name: "s", Unit: "req", Step: time.Minute, Points: []Point{{half, 5}}},
	}
	got := Top(in, 1, KindErrors, Count)
	if n := names(got); !slices.Equal(n, []string{"big", "other (4 series)"}) {
		t.Fatalf("names %q", n)
	}
	// The union of the four's timestamps, each the sum of what has a value:
	// 00:00 p 1 (r a gap) = 1 | 00:30 s 5 | 01:00 q 10 (p a gap) = 10 |
	// 02:00 p 3 + q 20 + r 100 = 123 | 03:00 q 30 | 04:00 only r's gap: a gap.
	wantPoints(t, got[1], []time.Time{at(0), half, at(1), at(2), at(3), at(4)}, []float64{1, 5, 10, 123, 30, gap})
}

func TestTopKeepsEveryWarningOnTheFirstSeries(t *testing.T) {
	a := group("a", 5)
	a.Warnings = []string{"partial", "slow query"}
	b := group("b", 3)
	c := group("c", 1)
	c.Warnings = []string{"slow query"}
	in := []Series{c, a, b}
	tests := []struct {
		name      string
		n         int
		m         Measure
		wantNames []string
	}{
		{"when the rest is dropped", 1, Gauge, []string{"a"}},
		{"when the rest is folded", 1, Count, []string{"a", "other (2 series)"}},
		{"when all are kept", 5, Gauge, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Top(in, tt.n, KindErrors, tt.m)
			if n := names(got); !slices.Equal(n, tt.wantNames) {
				t.Fatalf("names %q, want %q", n, tt.wantNames)
			}
			// In input order, each once: c's, then a's that c did not have.
			if want := []string{"slow query", "partial"}; !slices.Equal(got[0].Warnings, want) {
				t.Errorf("first series warnings %q, want %q", got[0].Warnings, want)
			}
			for _, s := range got[1:] {
				if s.Warnings != nil {
					t.Errorf("%s carries %q; only the first series should", s.Name, s.Warnings)
				}
			}
		})
	}
	// The caller's series are left as they were.
	if n := names(in); !slices.Equal(n, []string{"c", "a", "b"}) {
		t.Errorf("input reordered to %q", n)
	}
	if !slices.Equal(in[1].Warnings, []string{"partial", "slow query"}) || !slices.Equal(in[0].Warnings, []string{"slow query"}) {
		t.Errorf("input warnings changed: %q, %q", in[0].Warnings, in[1].Warnings)
	}
}

func TestTopKeepsInputOrderForTheSameNameAndMean(t *testing.T) {
	first := group("x", 2)
	first.Unit = "first"
	second := group("x", 1, 3) // mean 2, as first
	second.Unit = "second"
	got := Top([]Series{first, second}, 5, KindLoad, Gauge)
	if len(got) != 2 || got[0].Unit != "first" || got[1].Unit != "second" {
		t.Errorf("got %+v, want first then second", got)
	}
}

// TestTopCountsTheLinesItLeavesOut: lines that cannot be summed (gauges,
// latency) are dropped past n, and the first series says how many, so the
// legend can say "+N more"; folded lines are not hidden.
func TestTopCountsTheLinesItLeavesOut(t *testing.T) {
	in := []Series{group("a", 5), group("b", 4), group("c", 3), group("d", 2)}
	for _, tt := range []struct {
		kind Kind
		m    Measure
		want int
	}{
		{KindLatency, Gauge, 2},
		{KindCustom, Gauge, 2},
		{KindLoad, Count, 0}, // folded into "other (2 series)"
	} {
		out := Top(in, 2, tt.kind, tt.m)
		if out[0].Hidden != tt.want {
			t.Errorf("%s/%s: Hidden = %d, want %d", tt.kind, tt.m, out[0].Hidden, tt.want)
		}
	}
	if out := Top(in, 10, KindLatency, Gauge); out[0].Hidden != 0 {
		t.Errorf("nothing left out, Hidden = %d", out[0].Hidden)
	}
}
