package prometheus

import (
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestChooseStep(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name    string
		span    time.Duration
		columns int
		want    time.Duration
	}{
		// 7d = 168h: 1h gives 168 ≥ 100 buckets, 2h only 84.
		{"a week on a 100-column chart steps by the hour", 7 * day, 100, time.Hour},
		// 30d = 720h: 2h gives 360 ≥ 300, 3h only 240.
		{"no columns asks for about 300 points", 30 * day, 0, 2 * time.Hour},
		// 1h = 3600s: 10s gives 360 ≥ 300, 15s only 240.
		{"an hour by default steps by 10 seconds", time.Hour, 0, 10 * time.Second},
		// 365d at 1000 columns: 6h gives 1460, 12h 730.
		{"a year on a wide chart", 365 * day, 1000, 6 * time.Hour},
		// 90s cannot hold 300 one-second points: the finest step there is.
		{"a window too short for the columns gets 1 second", 90 * time.Second, 0, time.Second},
		// 31d = 2,678,400 s wants 11,000 points: 4m gives 11,160 (too many),
		// 5m 8,928 (too few); ⌈2,678,400 / 11,000⌉ = 244 s gives 10,977.
		{"no nice step between the columns and Prometheus' cap", 31 * day, 11000, 244 * time.Second},
		// 7d at 1s would be 604,800 points: columns above the cap are capped.
		{"columns beyond 11,000 are capped", 7 * day, 50000, 55 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chooseStep(tt.span, tt.columns)
			if got != tt.want {
				t.Errorf("chooseStep(%s, %d) = %s, want %s", tt.span, tt.columns, got, tt.want)
			}
			if n := int(tt.span / got); n > maxPoints {
				t.Errorf("%d points, over Prometheus' %d", n, maxPoints)
			}
		})
	}
}

func TestNewGrid(t *testing.T) {
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	week := sources.Window{From: from, To: from.Add(7 * 24 * time.Hour)}
	tests := []struct {
		name      string
		w         sources.Window
		columns   int
		now       time.Time
		wantStep  time.Duration
		wantStart time.Time // first evaluation: the end of the first bucket
		wantEnd   time.Time
		wantN     int
	}{
		{
			name: "a week of hours evaluates at each hour's end", w: week, columns: 100,
			wantStep: time.Hour, wantStart: from.Add(time.Hour), wantEnd: week.To, wantN: 168,
		},
		{
			// 7d − 30m at 1h: 167 whole hours fit; the half hour at the start
			// is left out so the buckets stay anchored at To.
			name: "a part step at the start is left out", w: sources.Window{From: from.Add(30 * time.Minute), To: week.To}, columns: 100,
			wantStep: time.Hour, wantStart: from.Add(2 * time.Hour), wantEnd: week.To, wantN: 167,
		},
		{
			// now is 2026-10-03 05:20: buckets ending after it are dropped;
			// the last one ends at 05:00.
			name: "buckets after now are not asked for", w: week, columns: 100, now: from.Add(2*24*time.Hour + 5*time.Hour + 20*time.Minute),
			wantStep: time.Hour, wantStart: from.Add(time.Hour), wantEnd: from.Add(53 * time.Hour), wantN: 53,
		},
		{
			name: "a window entirely in the future has no bucket", w: week, columns: 100, now: from.Add(-time.Hour),
			wantStep: time.Hour, wantN: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGrid(tt.w, tt.columns, tt.now)
			if g.step != tt.wantStep || g.n != tt.wantN || !g.start.Equal(tt.wantStart) || !g.end.Equal(tt.wantEnd) {
				t.Errorf("grid = step %s, %d buckets, %s … %s; want step %s, %d buckets, %s … %s",
					g.step, g.n, g.start, g.end, tt.wantStep, tt.wantN, tt.wantStart, tt.wantEnd)
			}
			if g.n > 0 {
				if i, ok := g.index(g.end); !ok || i != g.n-1 {
					t.Errorf("index(end) = %d, %v; want %d", i, ok, g.n-1)
				}
				if _, ok := g.index(g.end.Add(g.step)); ok {
					t.Error("an instant past the end is on the grid")
				}
				if got := g.bucketStart(0); !got.Equal(g.start.Add(-g.step)) {
					t.Errorf("first bucket starts at %s, want a step before the first evaluation", got)
				}
			}
		})
	}
}

func TestPreviousWindowSharesTheCurrentGrid(t *testing.T) {
	// The previous window ends where the current begins: laying both out
	// from their ends must cut time at the same instants, so that overlaid
	// lines compare bucket by bucket.
	cur := sources.Window{From: time.Date(2026, 10, 1, 0, 7, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 7, 0, 0, time.UTC)}
	a, b := newGrid(cur, 0, time.Time{}), newGrid(cur.Previous(), 0, time.Time{})
	if !b.end.Equal(cur.From) || a.step != b.step || a.n != b.n {
		t.Errorf("previous grid ends %s with step %s × %d; current starts %s with step %s × %d", b.end, b.step, b.n, cur.From, a.step, a.n)
	}
}
