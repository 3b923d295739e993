package demo

// Noise is a pure function of (seed, stream, minute): the same inputs give the
// same number on every run and every machine, and no state is shared between
// fetches, so concurrent panels cannot disturb each other's data.

// Noise streams: one per quantity, so that the p95 noise of a minute does not
// repeat in its error count.
const (
	streamHits uint64 = iota + 1
	streamErrors
	streamP95
	streamP50
	streamP99
	streamP99Spike
	streamCPU
	streamGap
	streamSpike
	streamSpikeSize
	streamEndpoint // + endpoint index

	// streams bounds the stream numbers (endpoints included).
	streams = 32
)

// mix is the splitmix64 finaliser: a cheap bijection whose output bits each
// depend on every input bit.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// golden is 2⁶⁴/φ, splitmix64's increment.
const golden = 0x9e3779b97f4a7c15

// noise draws numbers for one seed. Each stream is a splitmix64 sequence
// indexed by minute, keyed by (seed, stream).
type noise struct{ keys [streams]uint64 }

func newNoise(seed int64) noise {
	var n noise
	for i := range n.keys {
		n.keys[i] = mix(mix(uint64(seed)) + uint64(i)*golden)
	}
	return n
}

// bits returns 64 well-mixed bits for a stream and a minute.
func (n *noise) bits(stream uint64, minute int64) uint64 {
	return mix(n.keys[stream%streams] + uint64(minute)*golden)
}

// uniform returns a number in [0, 1).
func (n *noise) uniform(stream uint64, minute int64) float64 {
	return float64(n.bits(stream, minute)>>11) / (1 << 53)
}

// normal returns an approximately standard normal number: the sum of four
// uniforms (16 bits each), centred and scaled to unit variance. It is bounded
// by ±√12 ≈ ±3.46, which keeps noise from producing absurd values, and costs
// no logarithm.
func (n *noise) normal(stream uint64, minute int64) float64 {
	b := n.bits(stream, minute)
	sum := float64(b&0xffff) + float64(b>>16&0xffff) + float64(b>>32&0xffff) + float64(b>>48)
	const sqrt3 = 1.7320508075688772
	return (sum/65536 - 2) * sqrt3
}
