package demo

import (
	"math"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// storySeeds are the seeds the story must hold for: the seed changes the
// noise, never the story.
var storySeeds = []int64{0, 7, 42, -3}

func TestTrafficGrowsAQuarterPer30Days(t *testing.T) {
	// Whichever weekday the meeting runs on, the last 30 days carry +25 %
	// (exp growth over exactly 30 days) give or take the weekday mix of the
	// two days past four whole weeks: 1.25 × 26/26.8 ≈ 1.21 … 1.25 × 26.8/26
	// ≈ 1.29.
	for d := range 7 {
		now := testNow.Add(time.Duration(d) * day)
		a := anchorOf(now)
		s := newSource(t, 7, now)
		cur := sum(values(fetch(t, s, qHits, between(a, -30*day, 0), 30)))
		prev := sum(values(fetch(t, s, qHits, between(a, -60*day, -30*day), 30)))
		if r := cur / prev; r < 1.20 || r > 1.30 {
			t.Errorf("anchor %s: %.0f requests vs %.0f before: ×%.3f, want ×1.20 … 1.30", a.Format("Mon 2006-01-02"), cur, prev, r)
		}
	}
}

func TestTrafficHasADailyShape(t *testing.T) {
	shape := dayShape()
	at := func(hh, mm int) float64 { return shape[hh*60+mm] }
	lo, hi, peak, trough := math.Inf(1), math.Inf(-1), 0, 0
	for i, v := range shape {
		if v < lo {
			lo, trough = v, i
		}
		if v > hi {
			hi, peak = v, i
		}
	}
	// Scaled to [0.25, 1]: the night is a quarter of the evening peak.
	if math.Abs(lo-0.25) > 1e-12 || math.Abs(hi-1) > 1e-12 {
		t.Errorf("shape spans [%g, %g], want [0.25, 1]", lo, hi)
	}
	// UTC+1: the evening peak near 20:30 local, the trough in the small hours.
	if peak < 18*60 || peak > 21*60 {
		t.Errorf("peak at %02d:%02d UTC, want 18:00 … 21:00", peak/60, peak%60)
	}
	if trough < 60 || trough > 5*60 {
		t.Errorf("trough at %02d:%02d UTC, want 01:00 … 05:00", trough/60, trough%60)
	}
	// The lunch bump (12:30 local) stands above mid-morning and mid-afternoon.
	if !(at(11, 30) > at(9, 0) && at(11, 30) > at(14, 0)) {
		t.Errorf("no lunch bump: 09:00 %.3f, 11:30 %.3f, 14:00 %.3f", at(9, 0), at(11, 30), at(14, 0))
	}
}

func TestWeekendsCarry60PercentOfAWeekday(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow) // a Sunday
	sat := sum(values(fetch(t, s, qHits, between(a, -8*day, -7*day), 24)))
	wed := sum(values(fetch(t, s, qHits, between(a, -11*day, -10*day), 24)))
	// 0.6 × growth over 3 days, 1.25^(3/30) ≈ 1.023: 0.614, ± the blend of
	// the day boundary at the nightly trough.
	if r := sat / wed; r < 0.58 || r > 0.65 {
		t.Errorf("Saturday %.0f / Wednesday %.0f requests = %.3f, want 0.58 … 0.65", sat, wed, r)
	}
}

func TestTrafficPeaksNear400RequestsPerSecondAtTheAnchor(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	// Hourly means over the last week, whose Friday evening peak is
	// 400 × 1.25^(−2/30) ≈ 394 req/s.
	peak := 0.0
	for _, v := range values(fetch(t, s, qHitRate, between(a, -7*day, 0), 168)) {
		peak = max(peak, v)
	}
	if peak < 360 || peak > 440 {
		t.Errorf("peak hour %.0f req/s, want 360 … 440", peak)
	}
}

func TestErrorsAreAFiftiethOfAPercentButFourPercentInTheIncident(t *testing.T) {
	for _, seed := range storySeeds {
		s := newSource(t, seed, testNow)
		a := anchorOf(testNow)
		// Outside the incident: Poisson draws of mean 0.02 % of hits; over
		// ~400 M requests the share is 0.02 % within a fraction of a percent.
		w := between(a, -30*day, -4*day)
		e, h := sum(values(fetch(t, s, qErrors, w, 26))), sum(values(fetch(t, s, qHits, w, 26)))
		if r := e / h; r < 0.00019 || r > 0.00021 {
			t.Errorf("seed %d: %.0f errors / %.0f requests = %.5f %%, want 0.019 … 0.021 %%", seed, e, h, 100*r)
		}
		// The incident hour, 14:00–15:00 of anchor−3d: 45 minutes at 4 % and
		// 15 at 0.02 % make about 3 %.
		w = between(a, -3*day+14*time.Hour, -3*day+15*time.Hour)
		errs, hits := fetch(t, s, qErrors, w, 60), fetch(t, s, qHits, w, 60)
		if r := sum(values(errs)) / sum(values(hits)); r < 0.025 || r > 0.035 {
			t.Errorf("seed %d: incident hour error share %.2f %%, want 2.5 … 3.5 %%", seed, 100*r)
		}
		for i, p := range errs.Points {
			r := p.V / hits.Points[i].V
			in := i >= 5 && i < 50 // 14:05 … 14:49
			if in && (r < 0.03 || r > 0.05) || !in && r > 0.002 {
				t.Errorf("seed %d: %s: error share %.3f %%, incident %v", seed, p.T.Format("15:04"), 100*r, in)
			}
		}
	}
}

func TestLatencyRegressesAfterTheDeployAndImprovesAfterTheFix(t *testing.T) {
	for _, seed := range storySeeds {
		s := newSource(t, seed, testNow)
		a := anchorOf(testNow)
		// Medians of hourly maxima over three days in each phase: the deploy
		// is at anchor−12d 14:10, the fix at anchor−8d 10:30, the incident at
		// anchor−3d.
		hourly := func(from, to time.Duration) float64 {
			return median(values(fetch(t, s, qP95, between(a, from, to), 72)))
		}
		before, regressed, fixed := hourly(-15*day, -12*day), hourly(-11*day, -8*day), hourly(-7*day, -4*day)
		// 260/180 ≈ 1.44 and 140/180 ≈ 0.78.
		if regressed < 1.3*before {
			t.Errorf("seed %d: p95 %.0f ms after the deploy vs %.0f ms before, want > 1.3×", seed, 1000*regressed, 1000*before)
		}
		if fixed > 0.9*before {
			t.Errorf("seed %d: p95 %.0f ms after the fix vs %.0f ms before the deploy, want < 0.9×", seed, 1000*fixed, 1000*before)
		}
		// The deploy lands at 14:10 sharp: minutes before run near 180 ms
		// (load factor up to 1.08), minutes after near 260.
		minutes := fetch(t, s, qP95, between(a, -12*day+14*time.Hour, -12*day+14*time.Hour+20*time.Minute), 20)
		pre, post := median(values(minutes)[:10]), median(values(minutes)[10:])
		if pre < 0.15 || pre > 0.22 || post < 0.22 || post > 0.32 {
			t.Errorf("seed %d: p95 %.0f ms in 14:00–14:09, %.0f ms in 14:10–14:19; want ≈180 and ≈260", seed, 1000*pre, 1000*post)
		}
	}
}

func TestLatencyPercentilesStayInOrder(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := between(anchorOf(testNow), -2*day, -day)
	p50, p95, p99 := fetch(t, s, qP50, w, 1440), fetch(t, s, qP95, w, 1440), fetch(t, s, qP99, w, 1440)
	if p95.Step != time.Minute || p95.Len() != 1440 {
		t.Fatalf("%d points every %s, want 1440 minutes", p95.Len(), p95.Step)
	}
	var lowRatio, highRatio []float64
	for i := range p95.Points {
		a, b, c := p50.Points[i].V, p95.Points[i].V, p99.Points[i].V
		if math.IsNaN(b) {
			continue
		}
		// p50 ≤ 0.4 × 1.14 of the level, p95 ≥ 0.79 of it, p99 ≥ 1.58 × p95.
		if !(a < b && b < c) {
			t.Errorf("%s: p50 %.3f, p95 %.3f, p99 %.3f out of order", p95.Points[i].T, a, b, c)
		}
		lowRatio, highRatio = append(lowRatio, a/b), append(highRatio, c/b)
	}
	if r := median(lowRatio); r < 0.36 || r > 0.44 {
		t.Errorf("median p50/p95 = %.3f, want ≈ 0.4", r)
	}
	if r := median(highRatio); r < 2.0 || r > 2.4 {
		t.Errorf("median p99/p95 = %.3f, want ≈ 2.2", r)
	}
}

func TestMaxRollupKeepsTheLatencySpikes(t *testing.T) {
	for _, seed := range storySeeds {
		s := newSource(t, seed, testNow)
		a := anchorOf(testNow)
		se := fetch(t, s, qP95, between(a, -30*day, 0), 120)
		// The scheduled spike of anchor−26d 09:17 (900 ms) lands in that
		// day's 06:00 bucket; a mean of its 360 minutes would be ≈ 190 ms.
		bucket := a.Add(-26*day + 6*time.Hour)
		found := false
		for _, p := range se.Points {
			if p.T.Equal(bucket) {
				found = true
				if p.V < 0.9 {
					t.Errorf("seed %d: bucket %s = %.0f ms, want the 900 ms spike", seed, bucket, 1000*p.V)
				}
			}
		}
		if !found {
			t.Errorf("seed %d: no bucket at %s", seed, bucket)
		}
	}
}

func TestTheScrapeGapIsNaNInEverySeries(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	w := between(a, -20*day+2*time.Hour, -20*day+5*time.Hour)
	gapFrom, gapTo := a.Add(-20*day+3*time.Hour), a.Add(-20*day+3*time.Hour+40*time.Minute)
	for _, expr := range Queries() {
		ss, err := s.Fetch(t.Context(), sources.Query{Expr: expr, Columns: 180}, w)
		if err != nil {
			t.Fatal(err)
		}
		for _, se := range ss {
			gaps := 0
			for _, p := range se.Points {
				inGap := !p.T.Before(gapFrom) && p.T.Before(gapTo)
				if inGap {
					gaps++
				}
				if inGap != math.IsNaN(p.V) {
					t.Errorf("%s %s at %s = %v, gap %v", expr, se.Name, p.T.Format("15:04"), p.V, inGap)
				}
			}
			if gaps != 40 {
				t.Errorf("%s %s: %d minutes in the gap, want 40", expr, se.Name, gaps)
			}
		}
	}
	// Rolled up to 6 hours, the bucket around the gap has the other minutes.
	se := fetch(t, s, qHits, between(a, -21*day, -19*day), 8)
	if se.Valid() != se.Len() {
		t.Errorf("6-hour buckets around the gap: %d of %d valid, want all", se.Valid(), se.Len())
	}
}

func TestCPUFollowsLoad(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := between(anchorOf(testNow), -60*day, 0)
	cpu, load := fetch(t, s, qCPU, w, 1440), fetch(t, s, qHitRate, w, 1440)
	if cpu.Step != time.Hour {
		t.Fatalf("step %s, want 1h", cpu.Step)
	}
	var xs, ys []float64
	for i, p := range cpu.Points {
		if p.V < 28 || p.V > 72 {
			t.Errorf("%s: CPU %.1f %%, want 28 … 72", p.T, p.V)
		}
		xs, ys = append(xs, p.V), append(ys, load.Points[i].V)
	}
	if r := correlation(xs, ys); r < 0.9 {
		t.Errorf("correlation of CPU and load = %.3f, want > 0.9", r)
	}
}

func TestOldWindowsHaveTheStoryBeforeTheDeploy(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := sources.Window{From: time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC), To: time.Date(2019, 4, 3, 0, 0, 0, 0, time.UTC)}
	if p := median(values(fetch(t, s, qP95, w, 720))); p < 0.16 || p > 0.22 {
		t.Errorf("p95 in 2019 %.0f ms, want ≈ 180 (before the deploy)", 1000*p)
	}
	// Growth stops a year before the anchor: the peak is 400 × 1.25^(−365/30)
	// ≈ 26.5 req/s.
	peak := 0.0
	for _, v := range values(fetch(t, s, qHitRate, w, 720)) {
		peak = max(peak, v)
	}
	if peak < 22 || peak > 31 {
		t.Errorf("peak hour in 2019 %.1f req/s, want ≈ 26.5", peak)
	}
}

// correlation is Pearson's r of two equally long samples.
func correlation(xs, ys []float64) float64 {
	n := float64(len(xs))
	mx, my := sum(xs)/n, sum(ys)/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}
