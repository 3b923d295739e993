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
