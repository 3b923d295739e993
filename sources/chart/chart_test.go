package chart

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// day0 is the start of the test windows: 2026-10-23 00:00 UTC.
func day0() time.Time { return time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC) }

// month is the 30-day window from day0.
func month() sources.Window {
	return sources.Window{From: day0(), To: day0().Add(30 * 24 * time.Hour)}
}

// wave is n points spread evenly over w: base plus a slow wave of amplitude
// amp; spikes maps point indexes to values that replace the wave there.
func wave(w sources.Window, n int, base, amp float64, spikes map[int]float64) sources.Series {
	s := sources.Series{Unit: "s", Step: w.Duration() / time.Duration(n), Points: make([]sources.Point, n)}
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

// storyLatency is a month of p95 in seconds, 1440 half-hour buckets: 210 ms,
// a regression to 300 ms on day 12, a fix to 150 ms on day 20, noise, and a
// 950 ms spike every 40 buckets (a max rollup keeps them).
func storyLatency() sources.Series {
	w := month()
	r := rand.New(rand.NewPCG(1, 2))
	s := sources.Series{Unit: "s", Step: 30 * time.Minute}
	for i := range 1440 {
		t := w.From.Add(time.Duration(i) * 30 * time.Minute)
		v := 0.21
		switch day := i / 48; {
		case day >= 20:
			v = 0.15
		case day >= 12:
			v = 0.30
		}
		v += 0.01 * r.NormFloat64()
		if i%40 == 17 {
			v = 0.95
		}
		s.Points = append(s.Points, sources.Point{T: t, V: v})
	}
	return s
}

// storyLines are a latency panel's lines: the story, a previous window
// (named prev) and the 300 ms threshold.
func storyLines(prev string) []Line {
	return []Line{
		{Series: storyLatency(), Label: "this window", Role: Current},
		{Series: wave(month(), 1440, 0.22, 0.01, nil), Label: prev, Role: Previous},
		{Series: constant(0.3), Label: "SLO 300 ms", Role: Threshold},
	}
}

func constant(v float64) sources.Series {
	return sources.Series{Points: []sources.Point{{T: day0(), V: v}}}
}

// plot splits a chart into its plot rows (those with an axis) and the rest.
func plot(chart string) (rows, rest []string) {
	for _, r := range strings.Split(chart, "\n") {
		if strings.ContainsAny(r, "┤┼") && len(rest) == 0 {
			rows = append(rows, r)
		} else {
			rest = append(rest, r)
		}
	}
	return rows, rest
}

// labelsOf are the y labels of a chart's plot rows, top first ("" for
// unlabelled rows).
func labelsOf(rows []string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.TrimSpace(r[:strings.IndexAny(r, "┤┼")])
	}
	return out
}

// rowOf is the index (from the top) of the first plot row containing s
// after the axis, or −1.
func rowOf(rows []string, s string) int {
	for i, r := range rows {
		if strings.Contains(r[strings.IndexAny(r, "┤┼"):], s) {
			return i
		}
	}
	return -1
}

func TestGoldenLatencyTrendAndBand(t *testing.T) {
	opt := Options{Width: 100, Height: 16, Window: month(), Unit: "s", Trend: sources.TrendMedian, AsOf: day0().Add(10*time.Hour + 2*time.Minute)}
	got := Render(storyLines("previous (Sep 23–Oct 23)"), opt)
	golden.RequireEqual(t, got+"\n")

	rows, rest := plot(got)
	// The spikes do not set the scale: the trend (210 → 300 → 150 ms) takes
	// most of the rows, the band is clipped and says so with the true max.
	if top := labelsOf(rows); slices.Contains(top, "950 ms") || slices.Contains(top, "900 ms") {
		t.Errorf("labels %q: the spikes set the scale", top)
	}
	hi, lo := rowOf(rows, "━━━━━━━━━━━━━━━━┓"), -1
	for i, r := range rows {
		if strings.Contains(r, "━━━━") {
			lo = i
		}
	}
	if hi < 0 || lo-hi+1 < len(rows)/2 {
		t.Errorf("the trend spans rows %d…%d of %d: want at least half\n%s", hi, lo, len(rows), got)
	}
	if !strings.Contains(strings.Join(rest, "\n"), "max 950 ms Oct 23 08:30") || !strings.Contains(got, overBand) {
		t.Errorf("want the clipped band marked and the max named with its time:\n%s", got)
	}
	if !strings.Contains(rows[0], bandGlyph) && !strings.Contains(rows[0], overBand) {
		t.Errorf("the band does not reach the top row:\n%s", got)
	}
	// A mean trend would lift the line at every spike: the median does not,
	// so above the 300 ms row there is only the band.
	for _, r := range rows[:rowOf(rows, "╌╌╌")] {
		if strings.ContainsAny(r, "━┃┏┓┗┛") {
			t.Errorf("the trend rises above 300 ms: the spikes moved it\n%s", got)
			break
		}
	}
}

func TestGoldenErrorsIncidentClipsTheScale(t *testing.T) {
	// A month of error share in percent: 0.02 % with noise, one incident
	// bucket at 3.3 %, and the 0.1 % budget line.
	w := month()
	r := rand.New(rand.NewPCG(3, 4))
	s := sources.Series{Unit: "%", Step: 43 * time.Minute}
	for i := range 1000 {
		v := 0.02 + 0.004*r.NormFloat64()
		if i == 900 {
			v = 3.3
		}
		s.Points = append(s.Points, sources.Point{T: w.From.Add(time.Duration(i) * 43 * time.Minute), V: v})
	}
	lines := []Line{
		{Series: s, Label: "this window", Role: Current},
		{Series: constant(0.1), Label: "budget 0.1 %", Role: Threshold},
	}
	got := Render(lines, Options{Width: 100, Height: 14, Window: w, Unit: "%"})
	golden.RequireEqual(t, got+"\n")

	rows, rest := plot(got)
	budget, baseline := rowOf(rows, "╌╌╌╌╌"), -1
	for i, r := range rows {
		if strings.Count(r, "━") > 20 {
			baseline = i
		}
	}
	if budget < 0 || baseline-budget < 4 {
		t.Errorf("budget line on row %d, baseline on row %d: want them well apart\n%s", budget, baseline, got)
	}
	if !strings.Contains(rows[0], overTrend) {
		t.Errorf("the incident's column lacks its ▲ on the top row:\n%s", got)
	}
	if caption := strings.Join(rest, "\n"); !strings.Contains(caption, "▲ scale clipped") || !strings.Contains(caption, "max 3.3 %") {
		t.Errorf("the caption must say the scale is clipped and give the true peak:\n%s", got)
	}
	// Without the incident nothing is clipped.
	s.Points[900].V = 0.02
	if got := Render(lines, Options{Width: 100, Height: 14, Window: w, Unit: "%"}); strings.Contains(got, "clipped") {
		t.Errorf("clipped without an incident:\n%s", got)
	}
}

func TestYAxisLabelsFollowOneTwoFive(t *testing.T) {
	// Labels top first, "" for unlabelled rows.
	tests := []struct {
		name   string
		axis   yAxis
		labels []string
	}{
		{"latency", newYAxis(span{lo: 0.15, hi: 0.3}, 7, "s"), []string{"300 ms", "", "250 ms", "", "200 ms", "", "150 ms"}},
		{"shares", newYAxis(span{lo: 0, hi: 1.4}, 4, "%"), []string{"1.5 %", "1 %", "0.5 %", "0 %"}},
		{"an SLI near 100 %", newYAxis(span{lo: 99.84, hi: 99.98}, 9, "%"), []string{"100 %", "", "99.95 %", "", "99.9 %", "", "99.85 %", "", "99.8 %"}},
		{"seconds past a thousand ms", newYAxis(span{lo: 0, hi: 1.4}, 7, "s"), []string{"1.5 s", "", "1 s", "", "0.5 s", "", "0 s"}},
		{"rates", newYAxis(span{lo: 1000, hi: 1350}, 8, "req/s"), []string{"", "1.3k req/s", "", "1.2k req/s", "", "1.1k req/s", "", "1k req/s"}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.axis.labels)
		slices.Reverse(got)
		if !slices.Equal(got, tt.labels) {
			t.Errorf("%s: labels %q, want %q", tt.name, got, tt.labels)
		}
	}
}

func TestYAxisLabelsAreDistinctMultiplesOfTheStep(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		lo := r.NormFloat64() * math.Pow(10, float64(r.IntN(12)-6))
		hi := lo + math.Abs(r.NormFloat64())*math.Pow(10, float64(r.IntN(12)-6))
		if lo == hi {
			continue
		}
		rows := 2 + r.IntN(40)
		unit := []string{"", "s", "ms", "%", "req/s"}[r.IntN(5)]
		ax := newYAxis(span{lo: lo, hi: hi}, rows, unit)
		if ax.bottom > lo+1e-6*ax.per || ax.top() < hi-1e-6*ax.per {
			t.Fatalf("[%g, %g] on %d rows: the axis covers [%g, %g]", lo, hi, rows, ax.bottom, ax.top())
		}
		if m := ax.step / math.Pow(10, math.Floor(math.Log10(ax.step))); ax.step > 0 && !slices.ContainsFunc([]float64{1, 2, 5, 10}, func(s float64) bool { return math.Abs(s-m) < 1e-6 }) {
			t.Fatalf("[%g, %g]: step %g is not 1, 2 or 5 × 10ⁿ", lo, hi, ax.step)
		}
		seen := map[string]bool{}
		n := 0
		for _, l := range ax.labels {
			if l == "" {
				continue
			}
			n++
			if seen[l] {
				t.Fatalf("[%g, %g] on %d rows in %q: label %q twice in %q", lo, hi, rows, unit, l, ax.labels)
			}
			seen[l] = true
		}
		if n < 1 || (rows >= 4 && n < 2 && sources.FormatValue(lo, unit) != sources.FormatValue(hi, unit)) {
			t.Fatalf("[%g, %g] on %d rows: labels %q", lo, hi, rows, ax.labels)
		}
	}
}

func TestYRangeRules(t *testing.T) {
	flat := []float64{0.142, 0.142}
	tests := []struct {
		name       string
		trend      []float64
		band       *bandCols
		thresholds []float64
		unit       string
		want       span
	}{
		{"zero when it costs at most a third", []float64{10, 100}, nil, nil, "", span{lo: 0, hi: 100}},
		{"not otherwise", []float64{150, 300}, nil, nil, "", span{lo: 150, hi: 300}},
		{"a flat line sits mid-plot", flat, nil, nil, "s", span{lo: 0, hi: 0.284}},
		{"a flat share stops at 100 %", []float64{99.98, 99.98}, nil, nil, "%", span{lo: 0, hi: 100}},
		{"flat at zero", []float64{0, 0}, nil, nil, "", span{lo: 0, hi: 1}},
		{"thresholds are in", []float64{150, 200}, nil, []float64{300}, "", span{lo: 150, hi: 300}},
		{"the band wants half the trend's span", []float64{200, 300}, &bandCols{lo: []float64{190}, hi: []float64{950}}, nil, "", span{lo: 200, hi: 300, wantLo: 190, wantHi: 340}},
		{"a small band all of it", []float64{200, 300}, &bandCols{lo: []float64{195}, hi: []float64{320}}, nil, "", span{lo: 200, hi: 300, wantLo: 195, wantHi: 320}},
		{"not past a clipped trend", append(slices.Repeat([]float64{0.02}, 50), 0.3), &bandCols{lo: []float64{0.01}, hi: []float64{3.3}}, []float64{0.1}, "%", span{lo: 0, hi: 0.12, wantLo: 0, wantHi: 0.12, clipped: true}},
		{"an incident clips", append(slices.Repeat([]float64{0.02}, 50), 0.3), nil, []float64{0.1}, "%", span{lo: 0, hi: 0.12, clipped: true}},
		{"a wave does not", []float64{40, 100, 200, 400, 300, 100}, nil, nil, "", span{lo: 0, hi: 400}},
	}
	for _, tt := range tests {
		got, ok := yRange([][]float64{tt.trend}, tt.band, tt.thresholds, tt.unit)
		if tt.want.wantLo == 0 && tt.want.wantHi == 0 {
			tt.want.wantLo, tt.want.wantHi = tt.want.lo, tt.want.hi
		}
		if !ok || !nearly(got.lo, tt.want.lo) || !nearly(got.hi, tt.want.hi) || !nearly(got.wantLo, tt.want.wantLo) || !nearly(got.wantHi, tt.want.wantHi) || got.clipped != tt.want.clipped {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if _, ok := yRange([][]float64{{math.NaN()}}, nil, []float64{1}, ""); ok {
		t.Error("a threshold alone is no data")
	}
}

func nearly(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestTimeAxisAdaptsToTheWindow(t *testing.T) {
	at := func(h, m int) time.Time { return day0().Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	jst := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name string
		w    sources.Window
		loc  *time.Location
		want []string
	}{
		{"a month: dates", month(), time.UTC, []string{"Oct 26", "Nov 2", "Nov 9", "Nov 16"}},
		{"48 hours: times, the date at midnight", sources.Window{From: at(14, 16), To: at(62, 16)}, time.UTC, []string{"18:00", "Oct 24", "06:00", "12:00", "Oct 25"}},
		{"in Tokyo", sources.Window{From: at(14, 16), To: at(62, 16)}, jst, []string{"Oct 24", "06:00", "Oct 25"}},
		{"six hours", sources.Window{From: at(8, 0), To: at(14, 0)}, time.UTC, []string{"08:00", "09:00", "13:00"}},
		{"three minutes: seconds", sources.Window{From: at(10, 0), To: at(10, 3)}, time.UTC, []string{"10:00:00", "10:00:30", "10:02:30"}},
	}
	for _, tt := range tests {
		row := labelsIn(string(timeLabels(tt.w, tt.loc, 90)))
		for _, want := range tt.want {
			if !slices.Contains(row, want) {
				t.Errorf("%s: labels %q lack %q", tt.name, row, want)
			}
		}
		for i := 1; i < len(row); i++ {
			if row[i] == row[i-1] {
				t.Errorf("%s: %q twice in a row: %q", tt.name, row[i], row)
			}
		}
		if len(row) < 3 {
			t.Errorf("%s: only %q", tt.name, row)
		}
	}
	// On the chart: in the time zone asked for, UTC by default.
	w := sources.Window{From: at(14, 16), To: at(62, 16)}
	s := wave(w, 200, 1, 0.5, nil)
	utc := Render([]Line{{Series: s}}, Options{Width: 80, Height: 8, Window: w})
	tokyo := Render([]Line{{Series: s}}, Options{Width: 80, Height: 8, Window: w, Location: jst})
	if !strings.Contains(utc, "18:00") || utc == tokyo {
		t.Errorf("utc\n%s\ntokyo\n%s", utc, tokyo)
	}
}

// labelsIn splits a time row at runs of two blanks or more.
func labelsIn(row string) []string {
	var out []string
	for _, f := range strings.Split(row, "  ") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func TestGoldenTimeAxes(t *testing.T) {
	var b strings.Builder
	for _, d := range []time.Duration{48 * time.Hour, 6 * time.Hour, 3 * time.Minute, 90 * 24 * time.Hour} {
		w := sources.Window{From: day0().Add(14*time.Hour + 16*time.Minute), To: day0().Add(14*time.Hour + 16*time.Minute + d)}
		b.WriteString(Render([]Line{{Series: wave(w, 300, 1, 0.5, nil)}}, Options{Width: 80, Height: 6, Window: w}) + "\n\n")
	}
	golden.RequireEqual(t, strings.TrimSuffix(b.String(), "\n\n")+"\n")
}

func TestACoarseSeriesDrawsConnected(t *testing.T) {
	// 48 hours of 2-hour SLI buckets on 100 columns: every bucket covers
	// four or five columns. Before, each was a lone ╺╸ between gaps.
	w := sources.Window{From: day0(), To: day0().Add(48 * time.Hour)}
	s := sources.Series{Unit: "%", Step: 2 * time.Hour}
	for i := range 24 {
		v := 99.98
		if i == 15 {
			v = 99.7
		}
		s.Points = append(s.Points, sources.Point{T: w.From.Add(time.Duration(i) * 2 * time.Hour), V: v})
	}
	for _, step := range []time.Duration{2 * time.Hour, 0} { // known, or from the spacing
		s.Step = step
		got := Render([]Line{{Series: s, Label: "SLI", Role: Current}}, Options{Width: 100, Height: 10, Window: w, Unit: "%"})
		if step != 0 {
			golden.RequireEqual(t, got+"\n")
		}
		rows, _ := plot(got)
		if strings.ContainsAny(got, "╺╸╴╶") {
			t.Errorf("step %v: caps of a broken line:\n%s", step, got)
		}
		width := len([]rune(rows[0]))
		for _, r := range rows {
			width = max(width, len([]rune(r)))
		}
		axis := strings.IndexRune(rows[0], '┤')
		if axis < 0 {
			axis = strings.IndexRune(rows[0], '┼')
		}
		gutter := len([]rune(rows[0][:axis])) + 1
		for x := gutter; x < 100; x++ {
			drawn := false
			for _, r := range rows {
				if rr := []rune(r); x < len(rr) && rr[x] != ' ' {
					drawn = true
				}
			}
			if !drawn {
				t.Errorf("step %v: column %d is empty:\n%s", step, x, got)
				break
			}
		}
	}
}

func TestGoldenGroupedLegend(t *testing.T) {
	w := month()
	var lines []Line
	for i, name := range []string{"POST /payment", "POST /checkout", "POST /cart/items", "GET /cart"} {
		role := Extra
		if i == 0 {
			role = Current
		}
		lines = append(lines, Line{Series: wave(w, 500, 0.1*float64(4-i), 0.02, nil), Label: "resource_name:" + name, Role: role})
	}
	got := Render(lines, Options{Width: 80, Height: 12, Window: w, Unit: "s", Hidden: 3})
	golden.RequireEqual(t, got+"\n")
	_, rest := plot(got)
	legend := strings.Join(rest, "\n")
	if strings.Count(legend, "resource_name:") != 1 || !strings.Contains(legend, "+3 more") {
		t.Errorf("the shared part said once and the hidden lines counted:\n%s", legend)
	}
	for _, name := range []string{"━ POST /payment", "═ POST /checkout", "╍ POST /cart/items", "─ GET /cart"} {
		if !strings.Contains(legend, name) {
			t.Errorf("line %q is not named:\n%s", name, legend)
		}
	}
	// Too narrow for all: what is left out is counted, never cut silently.
	narrow := Render(lines, Options{Width: 40, Height: 7, Window: w, Unit: "s", Hidden: 3})
	if _, rest := plot(narrow); !strings.Contains(strings.Join(rest, "\n"), "more") {
		t.Errorf("narrow legend names fewer lines without saying so:\n%s", narrow)
	}
}

func TestCommonPrefix(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"resource_name:POST /payment", "resource_name:POST /checkout"}, "resource_name:"},
		{[]string{"env:prod,resource_name:/a", "env:prod,resource_name:/b"}, "env:prod,resource_name:"},
		{[]string{"route=/a", "route=/b"}, "route="},
		{[]string{"POST /payment", "POST /checkout"}, ""}, // no tag to say once
		{[]string{"resource_name:a"}, ""},                 // one line: nothing shared
		{[]string{"a:x", "a:"}, ""},                       // a name would be left empty
	}
	for _, tt := range tests {
		if got := commonPrefix(tt.names); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.names, got, tt.want)
		}
	}
}

func TestGoldenEvents(t *testing.T) {
	w := month()
	events := []Event{
		{At: day0().Add(12*24*time.Hour + 14*time.Hour + 10*time.Minute), Text: "deploy checkout v2.3.1"},
		{At: day0().Add(20*24*time.Hour + 10*time.Hour + 30*time.Minute), Text: "connection pool fix"},
		{At: day0().Add(20*24*time.Hour + 10*time.Hour + 45*time.Minute), Text: "rollback \x1b[31mcache"},
		{At: day0().Add(-time.Hour), Text: "before the window: dropped"},
		{At: w.To, Text: "at the end: dropped"},
	}
	d := Draw([]Line{{Series: storyLatency(), Label: "this window", Role: Current}},
		Options{Width: 90, Height: 18, Window: w, Unit: "s", Trend: sources.TrendMedian, Events: events})
	got := d.String()
	golden.RequireEqual(t, got+"\n")
	if len(d.Markers) != 3 || d.Markers[0].Letter != "A" || d.Markers[1].Letter != "B" || d.Markers[2].Letter != "B" {
		t.Fatalf("markers %+v, want A, B, B (the last two share a column)", d.Markers)
	}
	for _, want := range []string{"A  Nov 4 14:10  deploy checkout v2.3.1", "B  Nov 12 10:30  connection pool fix", "B  Nov 12 10:45  rollback cache"} {
		if !strings.Contains(got, want) {
			t.Errorf("list lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "dropped") {
		t.Errorf("an event outside the window is listed:\n%s", got)
	}
	rows, rest := plot(got)
	gutter := strings.IndexAny(rows[0], "┤┼")
	markers := rest[1]
	if a := strings.Index(markers, "A"); a-gutter-1 != d.Markers[0].Column-0 && len([]rune(markers[:a]))-len([]rune(rows[0][:gutter]))-1 != d.Markers[0].Column {
		t.Errorf("A at cell %d, want column %d:\n%s", a, d.Markers[0].Column, got)
	}
}

func TestNoEventListKeepsTheMarkersAndGivesThePlotTheRows(t *testing.T) {
	w := month()
	events := []Event{
		{At: day0().Add(12*24*time.Hour + 14*time.Hour + 10*time.Minute), Text: "deploy checkout v2.3.1"},
		{At: day0().Add(20*24*time.Hour + 10*time.Hour + 30*time.Minute), Text: "connection pool fix"},
	}
	lines := []Line{{Series: storyLatency(), Label: "this window", Role: Current}}
	opt := Options{Width: 90, Height: 18, Window: w, Unit: "s", Trend: sources.TrendMedian, Events: events}
	listed := Draw(lines, opt)
	opt.NoEventList = true
	bare := Draw(lines, opt)
	if got := bare.String(); strings.Contains(got, "deploy checkout") {
		t.Errorf("the chart lists its events:\n%s", got)
	}
	if fmt.Sprint(bare.Markers) != fmt.Sprint(listed.Markers) {
		t.Errorf("markers %+v, want those of the listing chart %+v", bare.Markers, listed.Markers)
	}
	withList, _ := plot(listed.String())
	without, _ := plot(bare.String())
	if len(without) <= len(withList) {
		t.Errorf("the plot has %d rows with the list and %d without: want more without", len(withList), len(without))
	}
	// EventRows is the list the chart would have drawn.
	want := []string{"A  Nov 4 14:10  deploy checkout v2.3.1", "B  Nov 12 10:30  connection pool fix"}
	if got := EventRows(bare.Markers, nil, 90, 5); !slices.Equal(got, want) {
		t.Errorf("EventRows %q, want %q", got, want)
	}
	if got := EventRows(bare.Markers, nil, 90, 1); !slices.Equal(got, []string{"+2 more events"}) {
		t.Errorf("EventRows in one row %q, want the count", got)
	}
}

func TestUnitsAgreeBetweenDataAxisAndThreshold(t *testing.T) {
	// A backend in ms on a chart in s: the values are converted, the labels
	// are in one unit, and the 300 ms threshold sits where 300 ms data does.
	w := month()
	ms := wave(w, 500, 200, 100, nil)
	ms.Unit = "ms"
	th := constant(0.3)
	got := Render([]Line{{Series: ms, Role: Current, Label: "p95"}, {Series: th, Role: Threshold, Label: "SLO 300 ms"}},
		Options{Width: 60, Height: 12, Window: w, Unit: "s"})
	rows, _ := plot(got)
	for _, l := range labelsOf(rows) {
		if l != "" && !strings.HasSuffix(l, " ms") {
			t.Errorf("label %q: want every label in ms\n%s", l, got)
		}
	}
	if r := rowOf(rows, "╌╌╌"); r < 0 || labelsOf(rows)[r] != "300 ms" {
		t.Errorf("the threshold is on row %d, want the 300 ms row\n%s", r, got)
	}
	// No unit in the options: the data's own.
	if got := Render([]Line{{Series: ms, Role: Current}}, Options{Width: 60, Height: 8, Window: w}); !strings.Contains(got, "300 ms┤") {
		t.Errorf("without Options.Unit the labels are not in the series' ms:\n%s", got)
	}
}

func TestGoldenBurnDown(t *testing.T) {
	// A month of minutes against 300 ms at 99 %: an incident on day 10
	// spends most of the budget, slow minutes the rest.
	w := month()
	s := sources.Series{Unit: "ms", Step: 30 * time.Minute}
	for i := range 1440 {
		v := 150.0
		if (i >= 480 && i < 490) || i%200 == 7 {
			v = 900
		}
		s.Points = append(s.Points, sources.Point{T: w.From.Add(time.Duration(i) * 30 * time.Minute), V: v})
	}
	b := sources.BurnTimeSlice(s, 300, 0.99, w)
	got := BurnDown(b, Options{Width: 90, Height: 14}).String()
	golden.RequireEqual(t, got+"\n")
	rows, rest := plot(got)
	// 18 slow buckets of 1440 against a budget of 14.4: overspent by a
	// quarter.
	if labelsOf(rows)[0] != "100 %" || labelsOf(rows)[rowOf(rows, "╌╌╌")] != "0 %" {
		t.Errorf("want 100 %% on top and the zero line on the 0 %% row:\n%s", got)
	}
	if caption := strings.Join(rest, "\n"); !strings.Contains(caption, "SLI 98.8 % · target 99 % · -25 % of the budget left") {
		t.Errorf("caption:\n%s", caption)
	}
	if b.Remaining >= 0 || !strings.Contains(rows[len(rows)-1], "━") {
		t.Errorf("an overspent budget ends below the zero line:\n%s", got)
	}
	if empty := BurnDown(sources.BurnTimeSlice(sources.Series{}, 300, 0.99, w), Options{Width: 90, Height: 14}).String(); empty != NoData {
		t.Errorf("a burn-down without data: %q", empty)
	}
}

func TestGoldenNoData(t *testing.T) {
	lines := []Line{
		{Series: sources.Series{Points: []sources.Point{{T: day0(), V: math.NaN()}}}, Label: "current", Role: Current},
		{Series: constant(0.3), Label: "SLO 300 ms", Role: Threshold},
	}
	got := Render(lines, Options{Width: 60, Height: 14, Window: month(), Unit: "s", AsOf: day0().Add(10 * time.Hour)})
	golden.RequireEqual(t, got+"\n")
	if !strings.HasPrefix(got, NoData) {
		t.Errorf("got %q, want it to start with %q", got, NoData)
	}
}

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

// The demo agenda's SLO panel as a burn-down: what a caller gets from the
// backend's SLO (sources.BurnOfSLO) and BurnDown, on the demo's month.
func TestGoldenDemoSLOBurnDown(t *testing.T) {
	now := time.Date(2026, 12, 2, 16, 19, 0, 0, time.UTC)
	src, err := demo.New(sources.Config{Type: sources.TypeDemo, Seed: 7}, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	st, err := src.FetchSLO(context.Background(), "checkout-availability", w)
	if err != nil {
		t.Fatal(err)
	}
	b := sources.BurnOfSLO(st, w)
	got := BurnDown(b, Options{Width: 100, Height: 14}).String()
	golden.RequireEqual(t, got+"\n")
	// It ends where the panel's figure does, and the incident shows as a
	// drop late in the month.
	if !strings.Contains(got, "SLI 99.977 % · target 99.9 % · 76.5 % of the budget left") {
		t.Errorf("caption disagrees with the SLO panel's figures:\n%s", got)
	}
	if left := b.Left.Points[len(b.Left.Points)-1].V; left < 76.4 || left > 76.6 {
		t.Errorf("the burn-down ends at %v %%, the backend says 76.5 %%", left)
	}
}
