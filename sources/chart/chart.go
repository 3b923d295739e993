// Package chart draws a panel's series as a text chart that fits a given
// box: the TUI shows it, the minutes embed it. It wraps asciigraph so that
// no input can make it panic or overflow the box: it cuts every line into
// the plot's columns itself (keeping spikes, which asciigraph's
// interpolation loses), scales values into the plot rows itself (so the
// height is exact and ±Inf or huge values are harmless), and draws its own
// band, axes, legend, captions and event markers.
//
// # What a column shows
//
// Each line is cut into one column per cell of the plot (sources.BandOf, one
// walk over its points). The line is each column's typical value, by
// Options.Trend: the median of the column's points for a percentile series
// (latency: one spiking bucket must not lift the line), the mean for
// everything else (rates, ratios, counts per bucket, gauges). Left unset,
// the trend is the median when Pick is sources.PickMax (what latency panels
// pass) and the mean otherwise. Behind the current line, when it is its
// query's only line, its column's min–max range is shaded (░, subdued
// colour): spikes stay visible there. A series coarser than a column (an
// SLI per day on a month of columns) holds each value over the columns of
// its bucket, so it draws as a connected step line.
//
// # The y axis
//
// The range covers the trend of every line and the thresholds (rule 1).
// When the trend never goes below zero and one incident dwarfs the rest —
// its peak above 2 × C, C = max(2 × the trend's 90th percentile,
// 1.2 × the highest threshold) — the scale ends at C instead: the line runs
// along the top row there with ▲ marks, and a caption says "▲ scale
// clipped" with the true maximum and its time (rule 2). A flat trend v
// spans 0…2v, so it sits mid-plot (0…100 % at most for a share) (rule 3).
// The axis starts at zero when the trend's range is positive and zero
// costs at most a third of the rows (likewise for negative ranges) (rule
// 4). Labels are multiples of a 1–2–5 step (100 / 200 / 300 ms, 0.5 / 1 /
// 1.5 %), a few rows apart (at least two from plots of five rows, three
// from twelve), all in one display unit
// (sources.FormatTick): no two labels are equal. The step and spacing are
// those that give each row the smallest value while covering the trend,
// so the trend uses the most rows. The band gets what that leaves: the
// rows between the trend and the labels' rounding, below the trend as far
// as the band reaches (at most half the trend's span, never across zero
// when the trend stays on one side of it), the rest above; beyond them it
// is clipped, with ▴ or ▾ on the edge rows and "range clipped" in the
// caption (rule 5). The caption names the maximum of the current line and
// its time whenever it has data.
//
// # The time axis
//
// Labels stand at round times in Options.Location (UTC when nil): dates
// for windows over two days, clock times for up to two days with the date
// at each midnight, and seconds when labels are less than a minute apart.
//
// # Legend and events
//
// The legend names every line drawn; the part that the names of a grouped
// query's lines share ("resource_name:") is said once, first; lines the
// caller left out (Options.Hidden, past the panel's top:) and lines that
// find no room are counted ("+3 more"). It takes up to three rows. Events
// inside the window get letters (A, B, …) on a row under the time axis, at
// their column (events in one column share a letter), and a list under
// the chart when there is room (unless Options.NoEventList: the caller
// lists them, with EventRows or otherwise); Draw returns the markers too.
package chart

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/nagame-dev/nagame/sources"
)

// Role is what a line stands for; it decides how the line is drawn and
// where its legend item goes.
type Role int

// Roles, in the order the legend lists them.
const (
	// Current is the window the team looks at: drawn on top, bright, with
	// heavy strokes (━), its min–max range shaded behind it.
	Current Role = iota
	// Extra are more lines of a grouped query (one per group): other
	// colours and strokes (═ ╍ ─ ┅ ┄ ╼).
	Extra
	// Previous is the comparison window, already shifted onto the current
	// window's time axis: dim, dotted strokes (┈).
	Previous
	// Threshold is a constant line (an SLO threshold, a budget): red,
	// dashed (╌), drawn at its series' last valid value across the plot.
	Threshold
)

// Line is one line of a chart.
type Line struct {
	// Series is already on the window's time axis (a previous window
	// shifted forward). For a Threshold only the last valid value counts.
	// A Series whose Unit is a time unit other than Options.Unit is
	// converted (ms on a chart in s).
	Series sources.Series
	// Label is the legend text; control characters are removed.
	Label string
	Role  Role
}

// Options size and style a chart.
type Options struct {
	// Width and Height bound the whole block: y labels, plot, time row,
	// markers, legend, captions and the event list. The output is never
	// wider or taller.
	Width, Height int
	// Window is the x axis.
	Window sources.Window
	// Location is the time zone of every time the chart writes (axis,
	// maximum, events, "as of"); nil is UTC.
	Location *time.Location
	// Unit of the y axis (sources.FormatTick); "" takes the unit of the
	// first line that has one.
	Unit string
	// Trend is how a column's points come to the line's value (see the
	// package doc); sources.TrendOf gives a panel's.
	Trend sources.Trend
	// Pick is read only when Trend is unset: sources.PickMax (what latency
	// panels pass) selects the median trend. The band keeps both extremes
	// whatever it says.
	Pick sources.Pick
	// Hidden counts the lines of a grouped query the caller does not pass
	// (those past the panel's top:): the legend says "+N more".
	Hidden int
	// Events are marked under the time axis and listed under the chart;
	// those outside the window are dropped.
	Events []Event
	// NoEventList marks the events without listing them: the caller lists
	// Drawing.Markers itself (EventRows, a Markdown list), and the plot
	// keeps the rows.
	NoEventList bool
	// Color turns on ANSI colours (the TUI); without it the output holds no
	// escape sequence at all (minutes, pipes), and glyphs alone tell the
	// lines, the band and the markers apart.
	Color bool
	// AsOf adds an "as of 10:02" caption when not zero.
	AsOf time.Time
}

// Drawing is a rendered chart.
type Drawing struct {
	// Rows of at most Options.Width cells, at most Options.Height of them,
	// not padded.
	Rows []string
	// Markers are the events drawn, in time order, with their letters.
	Markers []Marker
}

// String is the rows joined by "\n" (no trailing newline).
func (d Drawing) String() string { return strings.Join(d.Rows, "\n") }

// Messages Render returns instead of a chart.
const (
	TooSmall = "(too small)"
	NoData   = "no data in this window"
)

// Layout limits: below them a chart says TooSmall.
const (
	minRows = 2 // plot rows
	minCols = 8 // data columns
)

// Render draws lines over opt.Window in at most opt.Width × opt.Height
// cells (see Draw) and returns the rows joined by "\n".
func Render(lines []Line, opt Options) string { return Draw(lines, opt).String() }

// Draw draws lines over opt.Window in at most opt.Width × opt.Height cells.
// It never panics: an empty or all-NaN chart says NoData, a box too small
// for a plot says TooSmall (clipped to the width), and a box without room
// at all gives no rows.
func Draw(lines []Line, opt Options) Drawing { return draw(lines, opt, look{}) }

// look is what a kind of chart changes in how Draw draws.
type look struct {
	// caption replaces the maximum in the caption (the scale's notes stay).
	caption string
	// noBand draws no band (a burn-down's range inside a column says
	// nothing).
	noBand bool
	// cuts, when set, counts the walks over the series (tests).
	cuts *int
}

func draw(lines []Line, opt Options, lk look) Drawing {
	if opt.Width < 1 || opt.Height < 1 {
		return Drawing{}
	}
	opt = settle(opt, lines)
	ch := chart{opt: opt, look: lk}
	if !opt.AsOf.IsZero() {
		ch.asOf = "as of " + opt.AsOf.In(opt.Location).Format("15:04")
	}
	ch.lines = prepare(lines, opt)
	if !slices.ContainsFunc(ch.lines, isData) {
		return ch.message(NoData)
	}
	if opt.Height < minRows+1 {
		return ch.message(TooSmall)
	}
	// The columns are cut once for a guessed label gutter; only labels
	// wider than the guess cost a second cut.
	gw := max(1, min(gutterFor(opt.Unit), opt.Width-1-minCols))
	for {
		n := opt.Width - gw - 1
		if n < minCols {
			return ch.message(TooSmall)
		}
		ch.cut(n)
		if !slices.ContainsFunc(ch.lines, func(l drawnLine) bool { return isData(l) && l.hasData }) {
			return ch.message(NoData)
		}
		d, width := ch.draw(gw)
		switch {
		case width <= gw:
			return d
		case width > opt.Width-1-minCols: // the labels leave no room for columns
			return ch.message(TooSmall)
		}
		gw = width
	}
}

// settle fills the options' defaults: the unit from the lines, UTC, the
// trend from Pick.
func settle(opt Options, lines []Line) Options {
	opt.Unit = clean(opt.Unit) // it may come from a backend
	if opt.Unit == "" {
		for _, l := range lines {
			if u := clean(l.Series.Unit); u != "" && l.Role != Threshold {
				opt.Unit = u
				break
			}
		}
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.Trend == sources.TrendAuto {
		opt.Trend = sources.TrendMean
		if opt.Pick == sources.PickMax {
			opt.Trend = sources.TrendMedian
		}
	}
	return opt
}

// drawnLine is a line with what the chart makes of it.
type drawnLine struct {
	Line
	role    Role
	label   string
	st      style
	factor  float64 // from the series' unit to the chart's
	value   float64 // a threshold's
	band    sources.Band
	hasData bool
}

func isData(l drawnLine) bool { return l.role != Threshold }

// prepare styles the lines and keeps the thresholds that have a value, in
// drawing order (dim lines first, the current window last).
func prepare(lines []Line, opt Options) []drawnLine {
	var out []drawnLine
	extras := 0
	for _, l := range lines {
		d := drawnLine{Line: l, role: l.Role, label: clean(l.Label), st: styleOf(l.Role, extras), factor: 1}
		if d.label == "" {
			d.label = clean(l.Series.Name)
		}
		if l.Role == Extra {
			extras++
		}
		if f, ok := sources.UnitFactor(clean(l.Series.Unit), opt.Unit); ok {
			d.factor = f
		}
		if l.Role == Threshold {
			v, ok := lastFinite(l.Series)
			if !ok {
				continue
			}
			d.value, d.hasData = v*d.factor, true
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b drawnLine) int { return drawOrder(a.role) - drawOrder(b.role) })
	return out
}

func lastFinite(s sources.Series) (float64, bool) {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if v := s.Points[i].V; finite(v) {
			return v, true
		}
	}
	return 0, false
}

// chart is one Draw in progress.
type chart struct {
	opt   Options
	look  look
	asOf  string
	lines []drawnLine
	cols  int
}

// cut cuts every data line into n columns, in the chart's unit: one walk
// over each series.
func (ch *chart) cut(n int) {
	ch.cols = n
	if ch.look.cuts != nil {
		*ch.look.cuts++
	}
	for i := range ch.lines {
		l := &ch.lines[i]
		if !isData(*l) {
			continue
		}
		l.band = sources.BandOf(l.Series, ch.opt.Window, n, ch.opt.Trend)
		l.hasData = l.band.Valid > 0 || slices.Contains(l.band.Held, true)
		for _, vals := range [][]float64{l.band.Typical, l.band.Lo, l.band.Hi} {
			for j, v := range vals {
				v *= l.factor
				if !finite(v) {
					v = math.NaN() // ±Inf cannot be placed on an axis
				}
				vals[j] = v
			}
		}
		l.band.Max.V *= l.factor
		l.band.Min.V *= l.factor
	}
}

// current is the current window's line, or nil.
func (ch *chart) current() *drawnLine {
	for i := range ch.lines {
		if ch.lines[i].role == Current {
			return &ch.lines[i]
		}
	}
	return nil
}

// bandOf is the current line's band when the chart draws one: the line is
// its query's only one and some column has a spread.
func (ch *chart) bandOf() *bandCols {
	cur := ch.current()
	if cur == nil || ch.look.noBand || slices.ContainsFunc(ch.lines, func(l drawnLine) bool { return l.role == Extra }) {
		return nil
	}
	for i := range cur.band.Lo {
		if cur.band.Lo[i] < cur.band.Hi[i] {
			return &bandCols{lo: cur.band.Lo, hi: cur.band.Hi}
		}
	}
	return nil
}

// draw lays the chart out with a label gutter of gw cells; it also returns
// the width its labels want (more than gw: cut again).
func (ch *chart) draw(gw int) (Drawing, int) {
	opt := ch.opt
	band := ch.bandOf()
	var trends [][]float64
	var thresholds []float64
	for _, l := range ch.lines {
		if isData(l) {
			trends = append(trends, l.band.Typical)
		} else {
			thresholds = append(thresholds, l.value)
		}
	}
	sp, _ := yRange(trends, band, thresholds, opt.Unit)
	markers := markersOf(opt.Events, opt.Window, ch.cols)
	lg := legendOf(ch.lines, band != nil, opt.Hidden)
	plan := ch.layout(lg, sp, markers)
	ax := newYAxis(sp, plan.plot, opt.Unit)
	if ax.width > gw {
		return Drawing{}, ax.width
	}
	layers := make([]layer, 0, len(ch.lines)+1)
	if band != nil {
		layers = append(layers, layer{st: bandStyle, band: band})
	}
	for _, l := range ch.lines {
		vals := l.band.Typical
		if !isData(l) {
			vals = make([]float64, ch.cols)
			for i := range vals {
				vals[i] = l.value
			}
		}
		layers = append(layers, layer{st: l.st, vals: vals})
	}
	cv := newCanvas(plan.plot, ch.cols)
	cv.paint(layers, ax)
	rows := cv.render(ax, gw, layers, opt.Color)

	gutter := gw + 1
	rows = append(rows, trimRight(append(strings.Split(strings.Repeat(" ", gutter), ""), runeStrings(timeLabels(opt.Window, opt.Location, ch.cols))...)))
	if plan.markers {
		rows = append(rows, markerRow(markers, gutter, opt.Width, opt.Color))
	}
	caption := ch.caption(sp, ax, band)
	legendRows := lg.rows(opt.Width, plan.legend, opt.Color)
	if plan.legend == 0 {
		legendRows = nil
	}
	rows = append(rows, footer(legendRows, caption, ch.asOf, plan.caption, opt.Width)...)
	if plan.list > 0 {
		rows = append(rows, EventRows(markers, opt.Location, opt.Width, plan.list)...)
	}
	for i, r := range rows {
		rows[i] = clip(r, opt.Width) // a safety net: rows are laid out to fit
		if !opt.Color {
			rows[i] = ansi.Strip(rows[i])
		}
	}
	return Drawing{Rows: rows, Markers: markers}, ax.width
}
