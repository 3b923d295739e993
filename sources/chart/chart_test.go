package chart

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/nagame-dev/nagame/sources"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// day0 is the start of the test windows: 2026-10-23 00:00 UTC.
func day0() time.Time { return time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC) }

// month is the 30-day window from day0.
func month() sources.Window {
	return sources.Window{From: day0(), To: day0().Add(30 * 24 * time.Hour)}
}

// wave is n points spread evenly over w: base plus a slow wave of amplitude
// amp; spikes maps point indexes to values that replace the wave there.
func wave(w sources.Window, n int, base, amp float64, spikes map[int]float64) sources.Series {
	s := sources.Series{Unit: "s", Points: make([]sources.Point, n)}
	step := w.Duration() / time.Duration(n)
	for i := range s.Points {
		v := base + amp*math.Sin(float64(i)/float64(n)*4*math.Pi)
		if sv, ok := spikes[i]; ok {
			v = sv
		}
		s.Points[i] = sources.Point{T: w.From.Add(time.Duration(i) * step), V: v}
	}
	return s
}

func constant(v float64) sources.Series {
	return sources.Series{Points: []sources.Point{{T: day0(), V: v}}}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestGoldenLatencyWithPreviousAndThreshold(t *testing.T) {
	w := month()
	lines := []Line{
		{Series: wave(w, 1500, 0.15, 0.02, map[int]float64{700: 0.9}), Label: "current", Role: Current},
		{Series: wave(w, 1500, 0.2, 0.03, nil), Label: "previous (Sep 23–Oct 23)", Role: Previous},
		{Series: constant(0.3), Label: "SLO 300 ms", Role: Threshold},
	}
	got := Render(lines, Options{Width: 80, Height: 20, Window: w, Unit: "s", Pick: sources.PickMax, AsOf: day0().Add(10*time.Hour + 2*time.Minute)})
	golden(t, "latency", got)
}

func TestGoldenErrorsShare(t *testing.T) {
	// Six hours of error share in percent, with a burst and a gap.
	w := sources.Window{From: day0().Add(8 * time.Hour), To: day0().Add(14 * time.Hour)}
	cur := wave(w, 360, 0.05, 0.02, map[int]float64{200: 0.4, 201: 0.25})
	for i := 100; i < 130; i++ {
		cur.Points[i].V = math.NaN()
	}
	prev := wave(w, 360, 0.08, 0.03, nil)
	lines := []Line{
		{Series: cur, Label: "errors / requests", Role: Current},
		{Series: prev, Label: "last week", Role: Previous},
	}
	got := Render(lines, Options{Width: 60, Height: 14, Window: w, Unit: "%"})
	golden(t, "errors", got)
}

func TestGoldenNoData(t *testing.T) {
	lines := []Line{
		{Series: sources.Series{Points: []sources.Point{{T: day0(), V: math.NaN()}}}, Label: "current", Role: Current},
		{Series: constant(0.3), Label: "SLO 300 ms", Role: Threshold},
	}
	got := Render(lines, Options{Width: 60, Height: 14, Window: month(), Unit: "s", AsOf: day0().Add(10 * time.Hour)})
	golden(t, "nodata", got)
	if !strings.HasPrefix(got, NoData) {
		t.Errorf("got %q, want it to start with %q", got, NoData)
	}
}

func TestASpikeInTenThousandPointsReachesTheTop(t *testing.T) {
	w := month()
	for _, pick := range []sources.Pick{sources.PickMax, sources.PickExtreme} {
		s := wave(w, 10_000, 0.1, 0.005, map[int]float64{6_789: 0.75})
		got := Render([]Line{{Series: s, Role: Current}}, Options{Width: 100, Height: 20, Window: w, Unit: "s", Pick: pick})
		top := strings.Split(got, "\n")[0]
		if !strings.HasPrefix(strings.TrimSpace(top), "750 ms┤") {
			t.Errorf("pick %d: top row %q, want the spike's 750 ms as its label", pick, top)
		}
		if !strings.ContainsAny(top, "┏┓━") {
			t.Errorf("pick %d: top row %q, want the line to reach it", pick, top)
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
				opt := Options{Width: sz[0], Height: sz[1], Window: w, Unit: "s", Color: color, AsOf: day0()}
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

func TestAFlatLineSitsMidPlotWithReadableLabels(t *testing.T) {
	got := Render([]Line{{Series: wave(month(), 100, 0.142, 0, nil)}}, Options{Width: 40, Height: 7, Window: month(), Unit: "s"})
	rows := strings.Split(got, "\n")
	// 5 plot rows over 0…284 ms: labels every second row, the line in the middle one
	wantLabels := []string{"284 ms┤", "", "142 ms", "", "0 s┤"}
	for i, w := range wantLabels {
		if w != "" && !strings.HasPrefix(strings.TrimSpace(rows[i]), w) {
			t.Errorf("row %d = %q, want it to start with %q\n%s", i, rows[i], w, got)
		}
	}
	if !strings.Contains(rows[2], "━━━━") {
		t.Errorf("row 2 = %q, want the flat line\n%s", rows[2], got)
	}
}

func TestNegativeValuesGetNegativeLabels(t *testing.T) {
	got := Render([]Line{{Series: wave(month(), 200, -5, 3, nil)}}, Options{Width: 40, Height: 8, Window: month()})
	rows := strings.Split(got, "\n")
	if !strings.HasPrefix(strings.TrimSpace(rows[len(rows)-3]), "-8") || !strings.HasPrefix(strings.TrimSpace(rows[0]), "-2") {
		t.Errorf("want labels from about -2 at the top to -8 at the bottom:\n%s", got)
	}
}

func TestShortWindowsLabelTimesAndLongOnesDates(t *testing.T) {
	short := sources.Window{From: day0().Add(8 * time.Hour), To: day0().Add(14 * time.Hour)}
	got := Render([]Line{{Series: wave(short, 100, 1, 0.5, nil)}}, Options{Width: 60, Height: 8, Window: short})
	timeRow := strings.Split(got, "\n")[6]
	for _, want := range []string{"08:00", "11:00", "14:00"} {
		if !strings.Contains(timeRow, want) {
			t.Errorf("time row %q lacks %s", timeRow, want)
		}
	}
	got = Render([]Line{{Series: wave(month(), 100, 1, 0.5, nil)}}, Options{Width: 60, Height: 8, Window: month()})
	timeRow = strings.Split(got, "\n")[6]
	for _, want := range []string{"Oct 23", "Nov 7", "Nov 22"} {
		if !strings.Contains(timeRow, want) {
			t.Errorf("time row %q lacks %s", timeRow, want)
		}
	}
	if !strings.HasSuffix(timeRow, "Nov 22") || len([]rune(timeRow)) != 60 {
		t.Errorf("time row %q: want the end label flush with the plot's last column (60)", timeRow)
	}
}

func TestLegendCleansLabelsAndMarksLinesWithoutData(t *testing.T) {
	lines := []Line{
		{Series: wave(month(), 100, 1, 0.5, nil), Label: "cur\x1b[31mrent\x07\nline", Role: Current},
		{Series: sources.Series{}, Label: "previous", Role: Previous},
		{Series: sources.Series{}, Label: "SLO", Role: Threshold}, // no value: left out
	}
	got := Render(lines, Options{Width: 80, Height: 10, Window: month()})
	legendRow := strings.Split(got, "\n")[9]
	if legendRow != "━ current line  ┈ previous (no data)" {
		t.Errorf("legend %q", legendRow)
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

func BenchmarkRender120x30(b *testing.B) {
	w := month()
	lines := []Line{
		{Series: wave(w, 1500, 0.15, 0.02, map[int]float64{700: 0.9}), Label: "current", Role: Current},
		{Series: wave(w, 1500, 0.2, 0.03, nil), Label: "previous", Role: Previous},
	}
	opt := Options{Width: 120, Height: 30, Window: w, Unit: "s", Pick: sources.PickMax, Color: true}
	b.ReportAllocs()
	for b.Loop() {
		Render(lines, opt)
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
		got := Render(lines, Options{Width: w, Height: h, Window: win, Color: color, AsOf: day0()})
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
