package chart

// The axes: labels on 1–2–5 steps, the range rules, the time axis, the
// legend of grouped lines.

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/nagame-dev/nagame/sources"
)

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
