package chart

import (
	"strings"
	"testing"
	"time"

	"github.com/guptarohit/asciigraph"
	"github.com/nagame-dev/nagame/sources"
)

// million is a million points a second apart: latency around 100 ms with
// one 5 s spike, as a Series and as the bare values asciigraph takes.
func million() (sources.Series, []float64, sources.Window) {
	const n = 1_000_000
	w := sources.Window{From: day0(), To: day0().Add(n * time.Second)}
	s := wave(w, n, 0.1, 0.01, map[int]float64{501_234: 5})
	vals := make([]float64, n)
	for i, p := range s.Points {
		vals[i] = p.V
	}
	return s, vals, w
}

// The same box for both: 120 columns of data, 20 rows.
const benchW, benchH = 120, 20

func TestAMillionPointsKeepTheSpikeAsciigraphLoses(t *testing.T) {
	s, vals, w := million()
	ours := Render([]Line{{Series: s, Role: Current}}, Options{Width: benchW + 8, Height: benchH + 3, Window: w, Unit: "s"})
	if !strings.Contains(ours, "max 5 s") || !strings.ContainsAny(ours, overBand+bandGlyph) {
		t.Errorf("the spike is gone from our chart:\n%s", ours)
	}
	theirs := asciigraph.Plot(vals, asciigraph.Width(benchW), asciigraph.Height(benchH))
	if strings.Contains(theirs, " 5.00 ┤") {
		t.Errorf("asciigraph kept the spike this time: the comparison needs other data\n%s", theirs)
	}
}

// BenchmarkMillion compares, in one run on one million points, Render
// (with each trend) and asciigraph.Plot at the same plot size.
func BenchmarkMillion(b *testing.B) {
	s, vals, w := million()
	for _, tr := range []struct {
		name  string
		trend sources.Trend
	}{{"Render/mean", sources.TrendMean}, {"Render/median", sources.TrendMedian}} {
		b.Run(tr.name, func(b *testing.B) {
			lines := []Line{{Series: s, Role: Current, Label: "p95"}}
			opt := Options{Width: benchW + 8, Height: benchH + 3, Window: w, Unit: "s", Trend: tr.trend}
			b.ReportAllocs()
			for b.Loop() {
				Render(lines, opt)
			}
		})
	}
	b.Run("asciigraph.Plot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			asciigraph.Plot(vals, asciigraph.Width(benchW), asciigraph.Height(benchH))
		}
	})
}

func BenchmarkRender120x30(b *testing.B) {
	lines := storyLines("previous")
	opt := Options{Width: 120, Height: 30, Window: month(), Unit: "s", Trend: sources.TrendMedian, Color: true}
	b.ReportAllocs()
	for b.Loop() {
		Render(lines, opt)
	}
}

func TestEachSeriesIsWalkedOnce(t *testing.T) {
	// The columns are cut for a guessed label gutter; every ordinary unit
	// and range must fit it, or each series is walked twice.
	w := month()
	tests := []struct {
		unit     string
		base     float64
		spikes   map[int]float64
		walkedBy int
	}{
		{"s", 0.15, map[int]float64{100: 0.95}, 1},
		{"ms", 150, nil, 1},
		{"%", 99.97, map[int]float64{300: 99.5}, 1},
		{"%", 0.02, map[int]float64{300: 3.3}, 1},
		{"req/s", 1200, nil, 1},
		{"", 42, nil, 1},
		{"connections", 2e6, nil, 1},
		{"", -0.0012345, nil, 2}, // "-0.00125" outgrows the guess: the one case that walks again
	}
	for _, tt := range tests {
		s := wave(w, 2000, tt.base, tt.base/10, tt.spikes)
		s.Unit = tt.unit
		for _, width := range []int{60, 100, 160} {
			cuts := 0
			draw([]Line{{Series: s, Role: Current, Label: "x"}, {Series: constant(tt.base), Role: Threshold, Label: "t"}},
				Options{Width: width, Height: 14, Window: w, Unit: tt.unit}, look{cuts: &cuts})
			if cuts != tt.walkedBy {
				t.Errorf("%q around %g at width %d: %d walks over the series", tt.unit, tt.base, width, cuts)
			}
		}
	}
}
