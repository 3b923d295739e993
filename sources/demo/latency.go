package demo

import "math"

// scheduledSpike returns the p95 of the story's spike at minute m, or 0.
func (s *story) scheduledSpike(m int64) float64 {
	for _, sp := range s.spikes {
		if sp.minute == m {
			return sp.p95
		}
	}
	return 0
}

// p95Level is the p95 the service runs at in minute m, in seconds, before
// noise and spikes: the release's level, a mild load correlation (busy
// minutes are up to 8 % slower, quiet ones 5 % faster), and the incident's
// timeouts.
func (s *story) p95Level(m int64) float64 {
	base := p95Before
	switch {
	case m >= s.fix:
		base = p95Fixed
	case m >= s.deploy:
		base = p95Regressed
	}
	v := base * (0.88 + 0.2*s.shape(m))
	if s.incident.has(m) {
		v *= 1.5
	}
	return v
}

// spikeFactor is how much slower than its level minute m runs: 1 on most
// minutes, 3–5 on an unscheduled spike.
func (s *story) spikeFactor(m int64) float64 {
	if s.noise.uniform(streamSpike, m) >= spikeProbability {
		return 1
	}
	return 3 + 2*s.noise.uniform(streamSpikeSize, m)
}

// p95 is the 95th percentile latency of minute m, in seconds; NaN when the
// minute was not scraped.
func (s *story) p95(m int64) float64 {
	if v := s.scheduledSpike(m); v > 0 {
		return v
	}
	if s.missing(m) {
		return math.NaN()
	}
	return s.p95Level(m) * (1 + 0.06*s.noise.normal(streamP95, m)) * s.spikeFactor(m)
}

// p50 is the median latency of minute m: about 40 % of the p95, and much less
// affected by spikes (a spike is a tail event).
func (s *story) p50(m int64) float64 {
	if s.missing(m) {
		return math.NaN()
	}
	v := 0.4 * s.p95Level(m) * (1 + 0.04*s.noise.normal(streamP50, m))
	if s.scheduledSpike(m) > 0 || s.spikeFactor(m) > 1 {
		v *= 1.5
	}
	return v
}

// p99 is the 99th percentile latency of minute m: about 2.2 × the p95, with
// its own occasional spikes (three minutes in a thousand) where a slow
// dependency shows only in the far tail.
func (s *story) p99(m int64) float64 {
	p95 := s.p95(m)
	if math.IsNaN(p95) {
		return p95
	}
	v := 2.2 * p95 * (1 + 0.08*s.noise.normal(streamP99, m))
	if u := s.noise.uniform(streamP99Spike, m); u < 0.003 {
		v *= 1.6 + 1.4*u/0.003
	}
	return v
}

// endpoint is one resource_name of the checkout service.
type endpoint struct {
	name string
	// scale is the endpoint's p95 relative to the service's.
	scale float64
	// flat endpoints (health checks) do not take part in the story.
	flat bool
	// spiky endpoints carry the service's spikes.
	spiky bool
}

// endpoints are the resources of the grouped query, in no particular order:
// the query sorts them by mean.
func endpoints() []endpoint {
	return []endpoint{
		{name: "POST /checkout", scale: 1.2, spiky: true},
		{name: "GET /cart", scale: 0.35},
		{name: "POST /payment", scale: 1.55, spiky: true},
		{name: "POST /cart/items", scale: 0.55},
		{name: "GET /health", scale: 0.004 / p95Before, flat: true},
	}
}

// endpointP95 is the p95 of endpoint i in minute m, in seconds.
func (s *story) endpointP95(i int, e endpoint, m int64) float64 {
	if v := s.scheduledSpike(m); v > 0 && e.spiky {
		return v * e.scale
	}
	if s.missing(m) {
		return math.NaN()
	}
	z := s.noise.normal(streamEndpoint+uint64(i), m)
	if e.flat {
		return p95Before * e.scale * (1 + 0.1*z)
	}
	v := s.p95Level(m) * e.scale * (1 + 0.07*z)
	if e.spiky {
		v *= s.spikeFactor(m)
	}
	return v
}
