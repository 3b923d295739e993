package demo

import "math"

// dayShape is traffic by minute of the UTC day, in the shape of a European
// shop (local time UTC+1): a trough at 4 am, a rise from 7 am, a lunch bump at
// 12:30 and the day's peak at 8:30 pm. Scaled to [nightShare, 1].
func dayShape() []float64 {
	raw := make([]float64, minutesPerDay)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range raw {
		// The local hour (UTC+1), counted from 4 am to 4 am so that the
		// day's curve closes at the trough, not at midnight.
		h := float64(i)/60 + 1
		if h < 4 {
			h += 24
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

// growthDays bounds the growth: traffic grows 25 % per 30 days for a year
// either side of the anchor and stays at that level beyond, so that a window
// years away still has traffic (about 7 % of today's a year and more back).
const growthDays = 365

// growth is the traffic growth factor at minute m: 1 at the anchor, 1.25 per
// 30 days within growthDays of it.
func (s *story) growth(m int64) float64 {
	const limit = growthDays * minutesPerDay
	d := min(max(m-s.anchor, -limit), limit)
	day := floorDiv(d, minutesPerDay)
	return s.growthDay[day+growthDays] * s.growthMinute[d-day*minutesPerDay]
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
