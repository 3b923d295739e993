package chart

import (
	"math"
	"slices"

	"github.com/charmbracelet/x/ansi"
	"github.com/nagame-dev/nagame/sources"
)

// The y-range rules (see the package doc).
const (
	// trendShare bounds what the band may want: a range in which the trend
	// would still keep this share of the rows, half its span more.
	trendShare = 2.0 / 3
	// clipFactor and clipBase decide when one incident dwarfs the rest:
	// the trend's peak above clipFactor × C, where C is clipBase times the
	// trend's 90th percentile (or 1.2 × the highest threshold, if higher).
	clipFactor = 2.0
	clipBase   = 2.0
	// thresholdRoom keeps a threshold off the top row of a clipped scale.
	thresholdRoom = 1.2
)

// span is a y-range to cover and how it came about.
type span struct {
	// lo and hi must be covered: the trend, the thresholds, zero.
	lo, hi float64
	// wantLo and wantHi would take in the band too, as far as it may widen
	// the range: rows left over by the labels go there.
	wantLo, wantHi float64
	// clipped: the trend's peak lies above hi (see yRange).
	clipped bool
}

// yRange decides what the y axis must cover (before rounding to labels):
//
//  1. the trend: every data line's typical values, and the thresholds;
//  2. one incident dwarfing the rest: when the trend is never negative and
//     its peak exceeds clipFactor × C, C = max(clipBase × its 90th
//     percentile, thresholdRoom × the highest threshold), the range ends at
//     C and is clipped;
//  3. a flat trend v spans 0…2v (2v…0 below zero, 0…1 for zero), so the
//     line sits mid-plot; a share (%) of at most 100 % spans 0…100 % at most;
//  4. zero: the axis starts at 0 when the range is positive and 0 costs at
//     most a third of the rows (lo ≤ span/2), likewise for negative ranges;
//  5. the band (the current line's min–max) may then widen the range by
//     half the trend's span at most, shared between the sides that need
//     it, and not beyond a clipped trend, nor across zero when the trend
//     stays on one side of it: this is only wanted (wantLo, wantHi). The
//     labels are fitted to what must be covered (newYAxis) and the band
//     gets the rows they leave over, so the trend keeps most of the rows;
//     beyond them the band is clipped.
//
// false when no line has a finite value.
func yRange(trends [][]float64, band *bandCols, thresholds []float64, unit string) (span, bool) {
	var all []float64
	for _, t := range trends {
		for _, v := range t {
			if finite(v) {
				all = append(all, v)
			}
		}
	}
	if len(all) == 0 {
		return span{}, false
	}
	lo, hi := slices.Min(all), slices.Max(all)
	sp := span{lo: lo, hi: hi}
	if lo >= 0 {
		slices.Sort(all)
		q90 := all[(len(all)*9+9)/10-1] // nearest rank
		c := clipBase * q90
		for _, t := range thresholds {
			c = max(c, thresholdRoom*t)
		}
		if c > 0 && hi > clipFactor*c {
			sp.hi, sp.clipped = c, true
		}
	}
	for _, t := range thresholds {
		if !sp.clipped || t <= sp.hi {
			sp.lo, sp.hi = min(sp.lo, t), max(sp.hi, t)
		}
	}
	if v := sp.lo; sp.hi-sp.lo <= 1e-9*max(math.Abs(sp.lo), math.Abs(sp.hi)) {
		// Flat, or flat as far as labels can tell.
		switch {
		case math.Abs(v) > math.MaxFloat64/2: // 2v overflows: halve instead
			sp.lo, sp.hi = min(v, v/2), max(v, v/2)
		case v > 0:
			sp.lo, sp.hi = 0, 2*v
			if unit == "%" && v <= 100 {
				sp.hi = min(sp.hi, 100)
			}
		case v < 0:
			sp.lo, sp.hi = 2*v, 0
		default:
			sp.lo, sp.hi = 0, 1
		}
	}
	// Zero is decided on the trend, before the band: the band must not pull
	// the axis down to zero, nor below it.
	zeroBelow, zeroAbove := sp.lo >= 0, sp.hi <= 0
	if sp.lo > 0 && sp.lo <= (sp.hi-sp.lo)/2 {
		sp.lo = 0
	}
	if sp.hi < 0 && -sp.hi <= (sp.hi-sp.lo)/2 {
		sp.hi = 0
	}
	sp.wantLo, sp.wantHi = sp.lo, sp.hi
	if band != nil {
		blo, bhi := band.extremes()
		if zeroBelow {
			blo = max(blo, 0)
		}
		if zeroAbove {
			bhi = min(bhi, 0)
		}
		// The span × (1/trendShare − 1), in halves: no overflow.
		extra := (sp.hi/2 - sp.lo/2) * (1/trendShare - 1) * 2
		up, down := max(0, bhi-sp.hi), max(0, sp.lo-blo)
		if sp.clipped {
			up = 0
		}
		switch {
		case up+down <= extra:
		case up <= extra/2:
			down = extra - up
		case down <= extra/2:
			up = extra - down
		default:
			up, down = extra/2, extra/2
		}
		if finite(sp.hi + up) {
			sp.wantHi += up
		}
		if finite(sp.lo - down) {
			sp.wantLo -= down
		}
	}
	return sp, true
}

// yAxis maps values to the plot's rows (row 0 at the bottom): row j holds
// bottom + j·per, and the rows whose value is a multiple of step carry a
// label.
type yAxis struct {
	rows   int
	bottom float64
	per    float64 // value per row
	step   float64 // between labels
	labels []string
	width  int // the widest label, in cells
}

// steps are the label steps of one decade.
var steps = [...]float64{1, 2, 5}

// newYAxis rounds sp to labels on a 1–2–5 progression. Every pair of a step
// and a number of rows between labels (k, from 2 rows apart on plots of 5
// rows or more, 3 from 12, up to two more) gives a value per row step/k
// and a bottom row at the multiple of it just below sp.lo; the pair with
// the smallest value per row that still reaches sp.hi with two labels
// wins: the trend uses the most rows. Fewer rows between labels win a tie.
// The rows left above sp.hi go to the band: below sp.lo as far as it wants
// (whole rows, never below zero for a positive trend), the rest stay on
// top. A % axis whose data stays within
// 0–100 % does not run past 100 %.
func newYAxis(sp span, rows int, unit string) yAxis {
	a := yAxis{rows: rows, bottom: sp.lo, per: 1, step: 1, labels: make([]string, rows)}
	if rows < 2 {
		a.labels[0] = sources.FormatValue(sp.lo, unit)
		a.width = ansi.StringWidth(a.labels[0])
		return a
	}
	kmin := 1
	switch {
	case rows >= 12:
		kmin = 3
	case rows >= 5:
		kmin = 2
	}
	const minLabels = 2
	need := sp.hi/2 - sp.lo/2 // halves, as everywhere: no overflow
	best := math.Inf(1)
	if need > 0 && finite(need) {
		e0 := math.Floor(math.Log10(2 * need / float64(rows-1)))
		for e := e0 - 1; e <= e0+2; e++ {
			for _, m := range steps {
				step := m * math.Pow(10, e)
				for k := kmin; k <= kmin+2 && k < rows; k++ {
					per := step / float64(k)
					bottom := math.Floor(sp.lo/per+1e-9) * per
					top := bottom + float64(rows-1)*per
					if unit == "%" && sp.hi <= 100 && top > 100+1e-9 {
						// Shift down to end at 100 % when 100 % is a row
						// and the data still fits.
						b := 100 - float64(rows-1)*per
						if n := 100 / per; math.Abs(n-math.Round(n)) < 1e-6 && b <= sp.lo+1e-9*per && (b >= -1e-9 || sp.lo < 0) {
							bottom, top = b, 100
						}
					}
					if top < sp.hi-1e-9*per || !finite(top) || per >= best || marks(bottom, top, step) < minLabels {
						continue
					}
					// Rows left above what must be covered may go below it,
					// as far as the band wants.
					if spare := math.Floor((top - sp.hi) / per * (1 + 1e-9)); spare > 0 && sp.wantLo < bottom {
						down := math.Min(spare, math.Ceil((bottom-sp.wantLo)/per-1e-9))
						if sp.lo >= 0 && sp.wantLo >= 0 {
							down = math.Min(down, math.Floor(bottom/per+1e-9)) // not below zero
						}
						bottom -= down * per
					}
					best = per
					a.bottom, a.per, a.step = bottom, per, step
				}
			}
		}
	}
	if math.IsInf(best, 1) { // a range too wide or too narrow for steps: plain spread
		a.bottom, a.per, a.step = sp.lo, (sp.hi/2-sp.lo/2)*2/float64(rows-1), 0
	}
	a.label(unit)
	if a.width == 0 { // rounding lost every multiple: the ends, once each
		a.step = 0
		a.label(unit)
	}
	return a
}

// marks counts the multiples of step in [bottom, top].
func marks(bottom, top, step float64) int {
	return int(math.Floor(top/step+1e-6) - math.Ceil(bottom/step-1e-6) + 1)
}

// label writes the labels: every row whose value is a multiple of step, in
// one display unit (sources.FormatTick); the bottom and top rows when step
// is 0 (no nice step exists).
func (a *yAxis) label(unit string) {
	largest := 0.0
	marks := make([]float64, a.rows)
	for j := range a.rows {
		marks[j] = math.NaN()
		v := a.value(j)
		if a.step == 0 {
			if j == 0 || j == a.rows-1 {
				marks[j] = v
			}
		} else if n := v / a.step; math.Abs(n-math.Round(n)) < 1e-6 {
			marks[j] = math.Round(n) * a.step
		}
		if !math.IsNaN(marks[j]) {
			largest = max(largest, math.Abs(marks[j]))
		}
	}
	for j, m := range marks {
		switch {
		case math.IsNaN(m):
			continue
		case a.step == 0 && j == a.rows-1 && sources.FormatValue(m, unit) == a.labels[0]:
			continue // the ends read the same: say it once
		case a.step == 0:
			a.labels[j] = sources.FormatValue(m, unit)
		default:
			a.labels[j] = sources.FormatTick(m, a.step, unit, largest)
		}
		a.width = max(a.width, ansi.StringWidth(a.labels[j]))
	}
}

// value is the value of row j.
func (a yAxis) value(j int) float64 { return a.bottom + float64(j)*a.per }

// top is the value of the top row.
func (a yAxis) top() float64 { return a.value(a.rows - 1) }

// row is v's row as a fraction, not held to the plot: below 0 or above
// rows − 1 for values off the axis. NaN stays NaN.
func (a yAxis) row(v float64) float64 {
	return (v/2 - a.bottom/2) / (a.per / 2) // halves: 1e308 − (−1e308) is +Inf
}

// cell is v's row rounded and held to the plot, and whether v lies above
// (+1) or below (−1) it.
func (a yAxis) cell(v float64) (int, int) {
	r := math.Round(a.row(v))
	switch {
	case r > float64(a.rows-1):
		return a.rows - 1, 1
	case r < 0:
		return 0, -1
	}
	return int(r), 0
}

// gutterFor is a first guess of the label gutter for unit, before the
// labels exist: the columns are cut for it, and only labels wider than
// the guess cost a second cut. Most labels are a number of up to five
// characters ("99.95", "-12.5", "1.25k" less its suffix) and the unit; a
// time axis picks its unit and needs no more than "950 ms" or "2.25 s".
func gutterFor(unit string) int {
	if _, ok := timeUnit(unit); ok {
		return len("2.25 s")
	}
	if unit == "" {
		return 5
	}
	return 5 + 1 + len([]rune(unit))
}

// timeUnit reports whether unit is a time unit.
func timeUnit(unit string) (float64, bool) {
	f, ok := sources.UnitFactor(unit, "s")
	return f, ok && unit != ""
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
