// Package chart draws a panel's series as a text chart that fits a given
// box: the TUI shows it, the minutes embed it. It wraps asciigraph so that
// no input can make it panic or overflow the box: it downsamples each line
// to the plot's columns itself (keeping spikes, which asciigraph's
// interpolation loses), scales values into the plot rows itself (so the
// height is exact and ±Inf or huge values are harmless), and draws its own
// time axis, legend and caption.
package chart

import (
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"
	"github.com/nagame-dev/nagame/sources"
)

// Role is what a line stands for; it decides how the line is drawn and
// where its legend item goes.
type Role int

// Roles, in the order the legend lists them.
const (
	// Current is the window the team looks at: drawn on top, bright, with
	// heavy strokes (━).
	Current Role = iota
	// Extra are more lines of a grouped query (one per group): other colours,
	// dashed strokes (╌).
	Extra
	// Previous is the comparison window, already shifted onto the current
	// window's time axis: dim, dotted strokes (┈).
	Previous
	// Threshold is a constant line (an SLO threshold): red, drawn at its
	// series' last valid value across the whole plot.
	Threshold
)

// Line is one line of a chart.
type Line struct {
	// Series is already on the window's time axis (a previous window
	// shifted forward). For a Threshold only the last valid value counts.
	Series sources.Series
	// Label is the legend text; control characters are removed.
	Label string
	Role  Role
}

// Options size and style a chart.
type Options struct {
	// Width and Height bound the whole block: y labels, plot, time row,
	// legend and caption. The output is never wider or taller.
	Width, Height int
	// Window is the x axis; its times are labelled in the location of
	// Window.From (pass local times for a meeting, UTC for reproducible
	// minutes).
	Window sources.Window
	// Unit formats the y labels (sources.FormatValue).
	Unit string
	// Pick is how a column keeps its points' peaks: PickMax for latency,
	// PickExtreme (the zero value) otherwise.
	Pick sources.Pick
	// Color turns on ANSI colours (the TUI); without it the output holds no
	// escape sequence at all (minutes, pipes).
	Color bool
	// AsOf adds an "as of 10:02" caption (in AsOf's location) when not zero.
	AsOf time.Time
}

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

// Render draws lines over opt.Window in at most opt.Width × opt.Height cells
// and returns the rows joined by "\n" (no trailing newline). Rows are not
// padded to the width. It never panics: an empty or all-NaN chart says
// NoData, a box too small for a plot says TooSmall (clipped to the width),
// and a box without room at all gives "".
func Render(lines []Line, opt Options) string {
	if opt.Width < 1 || opt.Height < 1 {
		return ""
	}
	opt.Unit = clean(opt.Unit) // it may come from a backend
	items := legendItems(lines, opt)
	asOf := ""
	if !opt.AsOf.IsZero() {
		asOf = "as of " + opt.AsOf.Format("15:04")
	}
	lay, ok := layout(opt, items, asOf)
	if !ok {
		return clip(TooSmall, opt.Width)
	}
	plot, ok := plotLines(lines, opt, lay.rows)
	if !ok {
		return message(NoData, asOf, opt)
	}
	if plot == nil {
		return clip(TooSmall, opt.Width)
	}
	out := append(plot.rows, timeRow(opt.Window, plot.gutter, plot.cols, opt.Width))
	if lay.legend {
		out = append(out, footer(items, asOf, lay.asOfRow, opt)...)
	}
	text := strings.Join(out, "\n")
	if !opt.Color {
		text = ansi.Strip(text) // asciigraph resets colours even when none were set
	}
	return text
}

// plan is how the height is shared out.
type plan struct {
	rows    int  // plot rows
	legend  bool // a legend row below the time row
	asOfRow bool // the caption on a row of its own
}

// layout gives the plot what the time row, legend and caption leave,
// dropping the caption and then the legend when the box is short.
func layout(opt Options, items []item, asOf string) (plan, bool) {
	h := opt.Height
	switch {
	case h-2 >= minRows:
		p := plan{rows: h - 2, legend: true}
		if asOf != "" && !fitsBeside(items, asOf, opt.Width) && h-3 >= minRows+1 {
			p.rows, p.asOfRow = h-3, true
		}
		return p, true
	case h-1 >= minRows:
		return plan{rows: h - 1}, true
	default:
		return plan{}, false
	}
}

// drawn is the plot part of a chart: rows of exactly gutter+cols cells at
// most.
type drawn struct {
	rows   []string
	gutter int // cells left of the first data column (labels and axis)
	cols   int // data columns, the first one on the axis
}

// plotLines draws the lines with asciigraph. false means no line has data
// in the window; a nil plot means the width leaves no room for columns.
func plotLines(lines []Line, opt Options, rows int) (*drawn, bool) {
	thresholds, data := split(lines)
	if len(data) == 0 {
		return nil, false
	}
	// The label width depends on the y range, which depends on the columns,
	// whose number depends on the label width: iterate until the labels fit
	// the gutter the columns were computed for (at once, in practice).
	gw, settled := 0, false
	var cols [][]float64
	var ax axis
	for range 4 {
		var ok bool
		if cols, ax, ok = scaleFor(data, thresholds, opt, rows, gw); !ok {
			return nil, false
		}
		if cols == nil || ax.width <= gw {
			settled = true
			break
		}
		gw = ax.width
	}
	if !settled {
		// Still growing: keep the widest gutter and clip its labels.
		var ok bool
		if cols, ax, ok = scaleFor(data, thresholds, opt, rows, gw); !ok {
			return nil, false
		}
	}
	if cols == nil {
		return nil, true
	}
	ax.width = gw
	n := len(cols[0])
	series, colors, chars := layers(data, cols, thresholds, n, ax)
	options := []asciigraph.Option{
		asciigraph.Height(rows - 1), // asciigraph draws Height + 1 rows
		asciigraph.LowerBound(0),
		asciigraph.UpperBound(float64(rows - 1)),
		asciigraph.Offset(2),
		asciigraph.YAxisValueFormatter(ax.label),
		asciigraph.SeriesChars(chars...),
	}
	if opt.Color {
		options = append(options, asciigraph.SeriesColors(colors...))
	}
	out := strings.Split(asciigraph.PlotMany(series, options...), "\n")
	if len(out) > rows { // cannot happen with the bounds above; never overflow anyway
		out = out[:rows]
	}
	for i, row := range out {
		out[i] = clip(row, opt.Width) // a safety net: rows are gw + n + 1 wide
	}
	return &drawn{rows: out, gutter: gw + 1, cols: n}, true
}

// scaleFor computes the columns for a gutter of gw cells and the axis over
// their range; nil columns mean no room, false no data.
func scaleFor(data []Line, thresholds []float64, opt Options, rows, gw int) ([][]float64, axis, bool) {
	n := opt.Width - gw - 1 // label cell (gw + 1) + axis (1) + n − 1 segments
	if n < minCols {
		return nil, axis{}, true
	}
	cols := columns(data, opt, n)
	lo, hi, ok := rangeOf(cols, thresholds)
	if !ok {
		return nil, axis{}, false
	}
	return cols, newAxis(lo, hi, rows, opt.Unit), true
}

// split separates thresholds (as constant values) from the data lines.
func split(lines []Line) (thresholds []float64, data []Line) {
	for _, l := range lines {
		if l.Role != Threshold {
			data = append(data, l)
			continue
		}
		if v, ok := lastFinite(l.Series); ok {
			thresholds = append(thresholds, v)
		}
	}
	return thresholds, data
}

func lastFinite(s sources.Series) (float64, bool) {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if v := s.Points[i].V; finite(v) {
			return v, true
		}
	}
	return 0, false
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// columns downsamples every data line to exactly n columns; ±Inf become gaps
// (they cannot be placed on an axis).
func columns(data []Line, opt Options, n int) [][]float64 {
	out := make([][]float64, len(data))
	for i, l := range data {
		c := sources.Columns(l.Series, opt.Window, n, opt.Pick)
		for j, v := range c {
			if math.IsInf(v, 0) {
				c[j] = math.NaN()
			}
		}
		out[i] = c
	}
	return out
}
