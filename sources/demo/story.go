package demo

import (
	"math"
	"time"
)

// Minutes are counted from the Unix epoch (minute 0 starts 1970-01-01 00:00
// UTC); every quantity of the story is a function of one such minute.
const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
)

// The story's magnitudes.
const (
	// peakRate is the weekday evening peak at the anchor, in requests/s.
	peakRate = 400.0
	// nightShare is the nightly trough as a share of the daily peak.
	nightShare = 0.25
	// weekendShare is weekend traffic as a share of a weekday's.
	weekendShare = 0.6
	// growthPer30d is how much more traffic 30 days bring.
	growthPer30d = 1.25
	// baseErrorRatio is the share of failing requests on an ordinary minute.
	baseErrorRatio = 0.0002
	// incidentErrorRatio is the share during the incident.
	incidentErrorRatio = 0.04
	// p95Before, p95Regressed and p95Fixed are the p95 levels before the
	// deploy, between the deploy and the pool fix, and after the fix.
	p95Before    = 0.180
	p95Regressed = 0.260
	p95Fixed     = 0.140
	// gapProbability is the chance that a minute was not scraped: about five
	// single missing minutes a month.
	gapProbability = 1.0 / 8000
	// spikeProbability is the chance of an unscheduled latency spike in a
	// minute: about two a month.
	spikeProbability = 1.0 / 20000
)

// span is a closed-open range of epoch minutes.
type span struct{ from, to int64 }

func (s span) has(m int64) bool { return m >= s.from && m < s.to }

// spike is a scheduled single-minute p95 spike.
type spike struct {
	minute int64
	p95    float64 // seconds
}

// story holds everything the data depends on: the seed's noise, the events
// placed around the anchor, and the traffic shape of a week.
type story struct {
	noise    noise
	anchor   int64 // the anchor day's first minute
	deploy   int64 // the release that regressed latency
	fix      int64 // the connection pool fix
	incident span  // the error incident
	scrape   span  // the 40-minute scrape gap
	spikes   []spike
	// growthK is the exponential growth per minute: ln(1.25)/30 days.
	growthK float64
	// growthDay and growthMinute tabulate exp(growthK·(m − anchor)) as the
	// product of a per-day and a per-minute-of-day factor for the days
	// around the anchor: math.Exp per minute would be half of a fetch's cost.
	growthDay    []float64 // index: days since anchor + growthDays0
	growthMinute []float64
	// week is the traffic shape by minute of the week (Monday 00:00 UTC is
	// index 0): 1 at the weekday evening peak.
	week []float64
}

// at returns the epoch minute of anchor + days (negative: before) at hh:mm UTC.
func at(anchor int64, days, hh, mm int) int64 {
	return anchor + int64(days)*minutesPerDay + int64(hh*60+mm)
}

func newStory(seed int64, anchor time.Time) *story {
	a := floorDiv(anchor.Unix(), 60)
	s := &story{
		noise:    newNoise(seed),
		anchor:   a,
		deploy:   at(a, -12, 14, 10),
		fix:      at(a, -8, 10, 30),
		incident: span{at(a, -3, 14, 5), at(a, -3, 14, 50)},
		scrape:   span{at(a, -20, 3, 0), at(a, -20, 3, 40)},
		spikes: []spike{
			// Two in the previous 30-day window, four in the current one:
			// each is one minute, which an average rollup would flatten.
			{at(a, -44, 10, 21), 0.880},
			{at(a, -38, 15, 7), 0.910},
			{at(a, -26, 9, 17), 0.900},
			{at(a, -17, 16, 42), 0.950},
			{at(a, -5, 11, 3), 0.900},
			{at(a, -1, 19, 48), 0.820},
		},
		growthK: math.Log(growthPer30d) / (30 * minutesPerDay),
		week:    weekShape(),
	}
	s.growthDay = make([]float64, growthDays0+growthDaysAfter)
	for i := range s.growthDay {
		s.growthDay[i] = math.Exp(s.growthK * float64((int64(i)-growthDays0)*minutesPerDay))
	}
	s.growthMinute = make([]float64, minutesPerDay)
	for i := range s.growthMinute {
		s.growthMinute[i] = math.Exp(s.growthK * float64(i))
	}
	return s
}

// The growth table covers the days from anchor−growthDays0 to
// anchor+growthDaysAfter: any window of a meeting held this year, and its
// comparison 180 days back. Other days compute the factor directly.
const (
	growthDays0     = 800
	growthDaysAfter = 200
)

// growth is the traffic growth factor at minute m: 1 at the anchor, 1.25 per
// 30 days.
func (s *story) growth(m int64) float64 {
	d := m - s.anchor
	day := floorDiv(d, minutesPerDay)
	if i := day + growthDays0; i >= 0 && i < int64(len(s.growthDay)) {
		return s.growthDay[i] * s.growthMinute[d-day*minutesPerDay]
	}
	return math.Exp(s.growthK * float64(d))
}

// dayShape is traffic by minute of the UTC day, in the shape of a European
// shop (local time UTC+1): a trough at 4 am, a rise from 7 am, a lunch bump at
// 12:30 and the day's peak at 8:30 pm. Scaled to [nightShare, 1].
func dayShape() []float64 {
	raw := make([]float64, minutesPerDay)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range raw {
		h := float64(i)/60 + 1 // local hour, UTC+1
		if h >= 24 {
			h -= 24
		}
		day := 1/(1+math.Exp(-(h-7.5)*1.5)) - 1/(1+math.Exp(-(h-23.5)*1.5))
		lunch := math.Exp(-sq((h-12.5)/1.0) / 2)
		evening := math.Exp(-sq((h-20.5)/1.6) / 2)
		v := 0.55*day + 0.15*lunch + 0.35*evening
		raw[i] = v
		lo, hi = min(lo, v), max(hi, v)
	}
	for i, v := range raw {
		raw[i] = nightShare + (1-nightShare)*(v-lo)/(hi-lo)
	}
	return raw
}

// weekShape is dayShape times the day-of-week factor: weekends carry
// weekendShare of a weekday. The change of factor happens at the nightly
// trough (03:00–05:00 local), blended over those two hours, so the shape has
// no step at midnight.
func weekShape() []float64 {
	day := dayShape()
	factor := func(d int) float64 { // d: 0 Monday … 6 Sunday
		if d >= 5 {
			return weekendShare
		}
		return 1
	}
	w := make([]float64, minutesPerWeek)
	for i := range w {
		d, mod := i/minutesPerDay, i%minutesPerDay
		f := factor(d)
		// Local 03:00–05:00 is 02:00–04:00 UTC: before it the previous
		// day's factor still holds.
		switch {
		case mod < 2*60:
			f = factor((d + 6) % 7)
		case mod < 4*60:
			t := float64(mod-2*60) / 120
			f = (1-t)*factor((d+6)%7) + t*f
		}
		w[i] = day[mod] * f
	}
	return w
}

func sq(x float64) float64 { return x * x }

// floorDiv divides rounding towards minus infinity, so minutes before 1970
// still land in the right bucket.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// shape is the traffic shape at minute m (nightShare·weekendShare … 1).
func (s *story) shape(m int64) float64 {
	// Epoch minute 0 is a Thursday, index 3 of a Monday-based week.
	i := (m + 3*minutesPerDay) % minutesPerWeek
	if i < 0 {
		i += minutesPerWeek
	}
	return s.week[i]
}

// rate is the expected traffic at minute m, in requests/s, before noise.
func (s *story) rate(m int64) float64 {
	return peakRate * s.growth(m) * s.shape(m)
}

// missing reports whether minute m was not scraped: every series has a gap.
func (s *story) missing(m int64) bool {
	if s.scrape.has(m) {
		return true
	}
	// The story's spikes are always visible.
	return s.noise.uniform(streamGap, m) < gapProbability && s.scheduledSpike(m) == 0
}

// hits is the number of requests served in minute m; NaN when not scraped.
func (s *story) hits(m int64) float64 {
	if s.missing(m) {
		return math.NaN()
	}
	return s.hitsScraped(m)
}

// hitsScraped is hits without the scrape check, for callers that made it.
func (s *story) hitsScraped(m int64) float64 {
	// Real traffic varies more than a Poisson process: ±3 % minute to minute.
	v := s.rate(m) * 60 * (1 + 0.03*s.noise.normal(streamHits, m))
	return math.Round(max(v, 0))
}

// errorRatio is the expected share of failing requests in minute m.
func (s *story) errorRatio(m int64) float64 {
	if s.incident.has(m) {
		return incidentErrorRatio
	}
	return baseErrorRatio
}

// failures is the number of failed requests in minute m out of hits: a
// Poisson draw, so ordinary minutes show small noisy counts (0, 3, 7 …).
func (s *story) failures(m int64, hits float64) float64 {
	if math.IsNaN(hits) {
		return math.NaN()
	}
	return poisson(hits*s.errorRatio(m), &s.noise, m)
}

// poisson draws from a Poisson distribution of mean lambda with the noise of
// minute m: by inversion for small means, by the normal approximation for
// large ones (the incident's hundreds of errors a minute).
func poisson(lambda float64, n *noise, m int64) float64 {
	if lambda <= 0 {
		return 0
	}
	if lambda >= 30 {
		v := lambda + math.Sqrt(lambda)*n.normal(streamErrors, m)
		return math.Round(max(v, 0))
	}
	u := n.uniform(streamErrors, m)
	p := math.Exp(-lambda)
	cdf := p
	k := 0.0
	for u > cdf && k < 200 {
		k++
		p *= lambda / k
		cdf += p
	}
	return k
}

// cpu is the CPU use of the checkout hosts in minute m, in percent: it
// follows load (about 32–38 % at night, 69 % at the anchor's evening peak)
// and runs a little hotter while the regressed release was live.
func (s *story) cpu(m int64) float64 {
	if s.missing(m) {
		return math.NaN()
	}
	v := 27 + 42*s.rate(m)/peakRate + 1.5*s.noise.normal(streamCPU, m)
	if m >= s.deploy && m < s.fix {
		v += 3
	}
	return min(max(v, 0), 100)
}
