package demo

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestFetchIsDeterministic(t *testing.T) {
	// Two sources opened at different hours of the same UTC day share the
	// anchor, hence every value.
	s1 := newSource(t, 7, testNow)
	s2 := newSource(t, 7, anchorOf(testNow).Add(23*time.Hour+59*time.Minute))
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	for _, expr := range Queries() {
		for _, columns := range []int{0, 120, 1000} {
			q := sources.Query{Expr: expr, Columns: columns, Top: 3}
			a, err1 := s1.Fetch(context.Background(), q, w)
			b, err2 := s2.Fetch(context.Background(), q, w)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !sameBits(a, b) {
				t.Errorf("%s at %d columns: two fetches differ", expr, columns)
			}
		}
	}
}

func TestConcurrentFetchesAgree(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	q := sources.Query{Expr: qByRes, Columns: 120}
	want, err := s.Fetch(context.Background(), q, w)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([][]sources.Series, 4)
	for i := range got {
		wg.Go(func() { got[i], _ = s.Fetch(context.Background(), q, w) })
	}
	wg.Wait()
	for i, g := range got {
		if !sameBits(g, want) {
			t.Errorf("concurrent fetch %d differs from a lone one", i)
		}
	}
}

func TestTheSeedChangesTheNoiseNotTheStory(t *testing.T) {
	w := between(anchorOf(testNow), -2*day, -day)
	a := fetch(t, newSource(t, 7, testNow), qP95, w, 1440)
	b := fetch(t, newSource(t, 8, testNow), qP95, w, 1440)
	differ := 0
	for i := range a.Points {
		if a.Points[i].V != b.Points[i].V {
			differ++
		}
	}
	// Every minute has its own noise: all but a handful differ.
	if differ < 1400 {
		t.Errorf("seeds 7 and 8 differ in %d of 1440 minutes, want nearly all", differ)
	}
	// The level is the story's: medians agree within 2 %.
	ma, mb := median(values(a)), median(values(b))
	if r := ma / mb; r < 0.98 || r > 1.02 {
		t.Errorf("median p95 %.1f ms (seed 7) vs %.1f ms (seed 8), want within 2 %%", 1000*ma, 1000*mb)
	}
}

func TestTheAnchorMovesTheStory(t *testing.T) {
	// A meeting a week later sees the deploy a week later: the p95 of a
	// fixed day moves from the regressed level to the fixed one.
	fixedDay := between(anchorOf(testNow), -10*day, -9*day) // inside the regression
	thisWeek := median(values(fetch(t, newSource(t, 7, testNow), qP95, fixedDay, 1440)))
	nextWeek := median(values(fetch(t, newSource(t, 7, testNow.Add(7*day)), qP95, fixedDay, 1440)))
	if thisWeek < 0.23 || nextWeek > 0.2 {
		t.Errorf("p95 on %s: %.0f ms anchored today, %.0f ms anchored a week later; want ≈ 260 then ≈ 180", fixedDay.From.Format("2006-01-02"), 1000*thisWeek, 1000*nextWeek)
	}
}
