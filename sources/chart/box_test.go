package chart

// A chart stays inside its box, whatever it is given: spikes, tiny boxes,
// flat and negative series, hostile labels, no colour, fuzzed input.

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/nagame-dev/nagame/sources"
)

func TestASpikeInTenThousandPointsStaysVisible(t *testing.T) {
	w := month()
	for _, trend := range []sources.Trend{sources.TrendMedian, sources.TrendMean} {
		s := wave(w, 10_000, 0.1, 0.005, map[int]float64{6_789: 0.75})
		got := Render([]Line{{Series: s, Role: Current}}, Options{Width: 100, Height: 20, Window: w, Unit: "s", Trend: trend})
		if !strings.ContainsAny(got, overBand+overTrend+bandGlyph) || !strings.Contains(got, "max 750 ms Nov 12 08:48") {
			t.Errorf("trend %d: the spike is gone:\n%s", trend, got)
		}
	}
}

func TestOutputStaysInsideTheBox(t *testing.T) {
	w := month()
	inputs := map[string][]Line{
		"typical": {
			{Series: wave(w, 1500, 0.15, 0.02, map[int]float64{3: 2}), Role: Current, Label: "current"},
			{Series: wave(w, 1500, 0.2, 0.02, nil), Role: Previous, Label: "previous"},
			{Series: constant(0.3), Role: Threshold, Label: "SLO 300 ms"},
		},
		"empty":        {{Role: Current}},
		"no lines":     nil,
		"all NaN":      {{Series: sources.Series{Points: []sources.Point{{T: day0(), V: math.NaN()}, {T: day0().Add(time.Hour), V: math.NaN()}}}}},
		"single point": {{Series: sources.Series{Points: []sources.Point{{T: day0().Add(24 * time.Hour), V: 3}}}}},
		"constant":     {{Series: wave(w, 100, 0.142, 0, nil)}},
		"zero":         {{Series: wave(w, 100, 0, 0, nil)}},
		"infinities": {{Series: sources.Series{Points: []sources.Point{
			{T: day0(), V: math.Inf(1)}, {T: day0().Add(time.Hour), V: 1}, {T: day0().Add(2 * time.Hour), V: math.Inf(-1)}, {T: day0().Add(3 * time.Hour), V: 2},
		}}}},
		"huge": {{Series: sources.Series{Points: []sources.Point{
			{T: day0(), V: math.MaxFloat64}, {T: day0().Add(time.Hour), V: -math.MaxFloat64},
		}}}},
		"huge constant":           {{Series: sources.Series{Points: []sources.Point{{T: day0(), V: math.MaxFloat64}}}}},
		"tiny values":             {{Series: wave(w, 100, 1e-300, 1e-301, nil)}},
		"negative":                {{Series: wave(w, 100, -5, 3, nil)}},
		"longer than the window":  {{Series: wave(sources.Window{From: day0().Add(-30 * 24 * time.Hour), To: day0().Add(60 * 24 * time.Hour)}, 3000, 1, 0.5, nil)}},
		"shorter than the window": {{Series: wave(sources.Window{From: day0().Add(10 * 24 * time.Hour), To: day0().Add(12 * 24 * time.Hour)}, 50, 1, 0.5, nil)}},
		"only a threshold":        {{Series: constant(0.3), Role: Threshold}},
		"many extras": {
			{Series: wave(w, 300, 1, 0.5, nil), Role: Extra, Label: "group a"},
			{Series: wave(w, 300, 2, 0.5, nil), Role: Extra, Label: "group b"},
			{Series: wave(w, 300, 3, 0.5, nil), Role: Extra, Label: "group c"},
			{Series: wave(w, 300, 4, 0.5, nil), Role: Extra, Label: "group d with a very long name that cannot fit in any legend at all"},
			{Series: wave(w, 300, 5, 0.5, nil), Role: Extra, Label: "グループ e"},
			{Series: wave(w, 300, 6, 0.5, nil), Role: Extra, Label: "group f"},
			{Series: wave(w, 300, 7, 0.5, nil), Role: Extra, Label: "group g"},
		},
	}
	events := []Event{{At: day0().Add(time.Hour), Text: "a"}, {At: day0().Add(2 * time.Hour), Text: "b"}, {At: day0().Add(20 * 24 * time.Hour), Text: "イベント c with a long text"}}
	var sizes [][2]int
	for _, wd := range []int{20, 27, 40, 63, 80, 120, 200} {
		for _, h := range []int{5, 7, 12, 30, 60} {
			sizes = append(sizes, [2]int{wd, h})
		}
	}
	sizes = append(sizes, [2]int{0, 0}, [2]int{1, 1}, [2]int{5, 2}, [2]int{11, 3}, [2]int{12, 4}, [2]int{200, 1}, [2]int{1, 60}, [2]int{-3, 10})
	for name, lines := range inputs {
		for _, sz := range sizes {
			for _, color := range []bool{false, true} {
				opt := Options{Width: sz[0], Height: sz[1], Window: w, Unit: "s", Color: color, AsOf: day0(), Events: events, Hidden: 2}
				got := Render(lines, opt)
				rows := strings.Split(got, "\n")
				if got != "" && len(rows) > max(sz[1], 0) {
					t.Errorf("%s at %dx%d color %v: %d rows\n%s", name, sz[0], sz[1], color, len(rows), got)
				}
				for _, r := range rows {
					if wd := ansi.StringWidth(r); wd > max(sz[0], 0) {
						t.Errorf("%s at %dx%d color %v: row %q is %d wide", name, sz[0], sz[1], color, r, wd)
					}
				}
				if !color && strings.ContainsRune(got, 0x1b) {
					t.Errorf("%s at %dx%d: an escape sequence without colour: %q", name, sz[0], sz[1], got)
				}
			}
		}
	}
}

func TestTinyBoxesSayTooSmall(t *testing.T) {
	lines := []Line{{Series: wave(month(), 100, 1, 0.5, nil)}}
	tests := []struct {
		w, h int
		want string
	}{
		{80, 2, TooSmall},    // no room for 2 plot rows and the time row
		{12, 20, TooSmall},   // no room for the columns beside the labels
		{5, 20, "(too…"},     // the message itself is clipped
		{0, 20, ""},          // no room at all
		{80, 0, ""},          // none either
		{80, 3, "no legend"}, // 2 plot rows and the time row
	}
	for _, tt := range tests {
		got := Render(lines, Options{Width: tt.w, Height: tt.h, Window: month()})
		switch tt.want {
		case "no legend":
			if n := len(strings.Split(got, "\n")); n != 3 || strings.Contains(got, "━ ") {
				t.Errorf("%dx%d: %d rows %q, want a plot of 2 rows and a time row", tt.w, tt.h, n, got)
			}
		default:
			if got != tt.want {
				t.Errorf("%dx%d: %q, want %q", tt.w, tt.h, got, tt.want)
			}
		}
	}
}

func TestGoldenFlatLine(t *testing.T) {
	got := Render([]Line{{Series: wave(month(), 100, 0.142, 0, nil), Label: "p95", Role: Current}}, Options{Width: 40, Height: 9, Window: month(), Unit: "s"})
	golden.RequireEqual(t, got+"\n")
	rows, _ := plot(got)
	labels := labelsOf(rows)
	seen := map[string]bool{}
	for _, l := range labels {
		if l != "" && seen[l] {
			t.Errorf("label %q twice: %q", l, labels)
		}
		seen[l] = true
	}
	if r := rowOf(rows, "━━━━"); r < len(rows)/4 || r > len(rows)*3/4 {
		t.Errorf("the flat line is on row %d of %d: want it mid-plot\n%s", r, len(rows), got)
	}
}

func TestNegativeValuesGetNegativeLabels(t *testing.T) {
	got := Render([]Line{{Series: wave(month(), 200, -5, 3, nil)}}, Options{Width: 40, Height: 10, Window: month()})
	rows, _ := plot(got)
	// −8…−2 s: zero costs a third of the rows at most, so the axis ends there.
	labels := slices.DeleteFunc(labelsOf(rows), func(s string) bool { return s == "" })
	if labels[0] != "0 s" || len(labels) < 2 || !strings.HasPrefix(labels[len(labels)-1], "-") {
		t.Errorf("labels %q, want 0 s at the top and negative ones below:\n%s", labels, got)
	}
}

func TestLegendCleansLabelsAndMarksLinesWithoutData(t *testing.T) {
	lines := []Line{
		{Series: wave(month(), 100, 1, 0.5, nil), Label: "cur\x1b[31mrent\x07\nline", Role: Current},
		{Series: sources.Series{}, Label: "previous", Role: Previous},
		{Series: sources.Series{}, Label: "SLO", Role: Threshold}, // no value: left out
	}
	got := Render(lines, Options{Width: 80, Height: 10, Window: month()})
	_, rest := plot(got)
	if !strings.HasPrefix(rest[1], "━ current line  ░ min–max  ┈ previous (no data) ") {
		t.Errorf("legend %q", rest[1])
	}
	colored := Render(lines, Options{Width: 80, Height: 10, Window: month(), Color: true})
	if !strings.Contains(colored, "\x1b[96m━\x1b[0m current line") {
		t.Errorf("coloured legend lacks a coloured glyph:\n%q", colored)
	}
	colored = Render(lines, Options{Width: 80, Height: 10, Window: month(), Color: true, Unit: "\x1b[31mreq"})
	if strings.Contains(colored, "\x07") || strings.Contains(colored, "\x1b[31m") || !strings.Contains(colored, " req┤") {
		t.Errorf("a label's or unit's control characters reached the output: %q", colored)
	}
}

func TestWithoutColourGlyphsTellEverythingApart(t *testing.T) {
	got := Render(storyLines("previous"), Options{Width: 100, Height: 16, Window: month(), Unit: "s", Trend: sources.TrendMedian})
	for _, g := range []string{"━", bandGlyph, "┈", "╌"} {
		if !strings.Contains(got, g) {
			t.Errorf("no %s without colour:\n%s", g, got)
		}
	}
	seen := map[string]Role{}
	for i, st := range append([]style{currentStyle, previousStyle, thresholdStyle, bandStyle}, extraStyles...) {
		if r, dup := seen[st.glyph]; dup {
			t.Errorf("style %d has the glyph %s of style %d", i, st.glyph, r)
		}
		seen[st.glyph] = Role(i)
	}
}

func FuzzRender(f *testing.F) {
	f.Add(80, 20, 1.0, 2.0, 3.0, uint8(10), false)
	f.Add(20, 5, math.Inf(1), math.NaN(), -1e308, uint8(0), true)
	f.Add(3, 3, 0.0, 0.0, 0.0, uint8(255), false)
	f.Fuzz(func(t *testing.T, w, h int, a, b, c float64, n uint8, color bool) {
		w, h = w%300, h%100
		win := month()
		s := sources.Series{}
		for i := range int(n) {
			v := []float64{a, b, c}[i%3]
			s.Points = append(s.Points, sources.Point{T: win.From.Add(time.Duration(i) * time.Hour), V: v})
		}
		lines := []Line{{Series: s, Role: Current}, {Series: constant(b), Role: Threshold, Label: "t"}}
		got := Render(lines, Options{Width: w, Height: h, Window: win, Color: color, AsOf: day0(), Events: []Event{{At: win.From.Add(time.Duration(n) * time.Hour), Text: "e"}}})
		if got == "" {
			return
		}
		rows := strings.Split(got, "\n")
		if len(rows) > h {
			t.Fatalf("%dx%d: %d rows", w, h, len(rows))
		}
		for _, r := range rows {
			if ansi.StringWidth(r) > w {
				t.Fatalf("%dx%d: row %q too wide", w, h, r)
			}
		}
	})
}
