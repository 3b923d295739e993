package chart

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nagame-dev/nagame/sources"
)

// axis is the y axis: the range [lo, hi] spread over rows rows, row 0 at the
// bottom, and the labels of the rows that get one.
//
// asciigraph is handed values already scaled to row numbers 0…rows−1 with
// bounds 0 and rows−1, so its own scaling is the identity: the plot has
// exactly rows rows whatever the data (its rounding of a range that crosses
// zero would otherwise add a row), and ±Inf or 1e308 never reach it.
type axis struct {
	lo, hi float64
	rows   int
	labels []string // by row from the bottom; "" for an unlabelled row
	width  int      // the gutter: the widest label, in cells
}

func newAxis(lo, hi float64, rows int, unit string) axis {
	a := axis{lo: lo, hi: hi, rows: rows, labels: make([]string, rows)}
	// Label every row of a short plot, every second or third of a taller
	// one; always the top and the bottom, and nothing crowding the bottom.
	stride := 1
	switch {
	case rows > 8:
		stride = 3
	case rows > 4:
		stride = 2
	}
	for k := range rows {
		fromTop := rows - 1 - k
		if k == 0 || (fromTop%stride == 0 && k >= (stride+1)/2) {
			a.labels[k] = sources.FormatValue(a.value(k), unit)
			a.width = max(a.width, utf8.RuneCountInString(a.labels[k]))
		}
	}
	return a
}

// value is the value at the middle of row k.
func (a axis) value(k int) float64 {
	if a.rows < 2 {
		return a.lo
	}
	f := float64(k) / float64(a.rows-1)
	return a.lo*(1-f) + a.hi*f // never overflows, unlike lo + f·(hi − lo)
}

// scale maps v to its row (a fraction, asciigraph rounds it); NaN stays NaN
// and values outside the range are held at its edges.
func (a axis) scale(v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	f := (v/2 - a.lo/2) / (a.hi/2 - a.lo/2) // halves: 1e308 − (−1e308) is +Inf
	f = min(max(f, 0), 1)
	return f * float64(a.rows-1)
}

// label is asciigraph's YAxisValueFormatter: it gets the scaled value of a
// row and returns that row's label padded (or, if it must, clipped) to the
// gutter, so asciigraph's gutter is exactly a.width cells.
func (a axis) label(scaled float64) string {
	k := int(math.Round(scaled))
	if k < 0 || k >= len(a.labels) {
		return strings.Repeat(" ", a.width)
	}
	s := a.labels[k]
	if n := utf8.RuneCountInString(s); n > a.width {
		return string([]rune(s)[:a.width])
	} else if n < a.width {
		return strings.Repeat(" ", a.width-n) + s
	}
	return s
}

// rangeOf is the finite range of all columns and thresholds; false when no
// column has a finite value (thresholds alone are no data). A flat range is
// widened so the line sits mid-plot with readable labels: v > 0 spans 0…2v,
// v < 0 spans 2v…0, and 0 spans −1…1.
func rangeOf(cols [][]float64, thresholds []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, c := range cols {
		for _, v := range c {
			if finite(v) {
				lo, hi = min(lo, v), max(hi, v)
				ok = true
			}
		}
	}
	if !ok {
		return 0, 0, false
	}
	for _, v := range thresholds {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo < hi {
		return lo, hi, true
	}
	v := lo
	switch d := math.Abs(v); {
	case d == 0:
		return -1, 1, true
	case math.IsInf(v+d, 0) || math.IsInf(v-d, 0): // near MaxFloat64: at the edge
		return min(v, v/2), max(v, v/2), true
	default:
		return v - d, v + d, true
	}
}

// timeRow labels the x axis under the plot: the window's start under the
// first column, its middle and its end right-aligned under the last, as
// dates ("Oct 23") for windows over two days, else as times ("14:00"),
// in the window's own location. Labels that would collide are left out.
func timeRow(w sources.Window, gutter, cols, width int) string {
	if w.IsZero() || cols < 1 {
		return ""
	}
	layout := "15:04"
	if w.Duration() > 48*time.Hour {
		layout = "Jan 2"
	}
	row := []rune(strings.Repeat(" ", gutter+cols))
	last := gutter + cols - 1
	start := w.From.Format(layout)
	end := w.To.Format(layout)
	mid := w.From.Add(w.Duration() / 2).Format(layout)
	used := make([]bool, len(row))
	put := func(s string, at int) {
		r := []rune(s)
		if at < gutter || at+len(r)-1 > last {
			return
		}
		// keep a blank cell on each side of every label
		for i := max(at-1, gutter); i <= min(at+len(r), last); i++ {
			if used[i] {
				return
			}
		}
		copy(row[at:], r)
		for i := range r {
			used[at+i] = true
		}
	}
	put(start, gutter)
	put(end, last-utf8.RuneCountInString(end)+1)
	put(mid, gutter+(cols-1)/2-utf8.RuneCountInString(mid)/2)
	return clip(strings.TrimRight(string(row), " "), width)
}
