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
	noise  noise
	anchor int64 // the anchor day's first minute
	deploy int64 // the release that regressed latency
	fix    int64 // the connection pool fix
	// config is the configuration change that set off the incident.
	config   int64
	incident span // the error incident
	scrape   span // the 40-minute scrape gap
	spikes   []spike
	// growthK is the exponential growth per minute: ln(1.25)/30 days.
	growthK float64
	// growthDay and growthMinute tabulate exp(growthK·(m − anchor)) as the
	// product of a per-day and a per-minute-of-day factor: math.Exp per
	// minute would be half of a fetch's cost.
	growthDay    []float64 // index: days since anchor + growthDays
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
		config:   at(a, -3, 14, 2),
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
	s.growthDay = make([]float64, 2*growthDays+1)
	for i := range s.growthDay {
		s.growthDay[i] = math.Exp(s.growthK * float64((int64(i)-growthDays)*minutesPerDay))
	}
	s.growthMinute = make([]float64, minutesPerDay)
	for i := range s.growthMinute {
		s.growthMinute[i] = math.Exp(s.growthK * float64(i))
	}
	return s
}

// missing reports whether minute m was not scraped: every series has a gap.
func (s *story) missing(m int64) bool {
	if s.scrape.has(m) {
		return true
	}
	// The story's spikes are always visible.
	return s.noise.uniform(streamGap, m) < gapProbability && s.scheduledSpike(m) == 0
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
