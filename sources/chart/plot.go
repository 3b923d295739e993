package chart

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/guptarohit/asciigraph"
)

// Glyphs of what the chart draws itself, besides asciigraph's lines.
const (
	bandGlyph     = "░" // the current line's min–max range, behind the lines
	overTrend     = "▲" // a line's value lies above the plot (clipped scale)
	underTrend    = "▼" // … below it
	overBand      = "▴" // the range reaches above the plot
	underBand     = "▾" // … below it
	axisGlyph     = "┤"
	axisFirstMark = "┼" // a line's first value sits on this row
)

// bandCols is the current line's range per column, in the chart's unit.
type bandCols struct{ lo, hi []float64 }

// extremes is the band's finite range; ±Inf when it has none.
func (b *bandCols) extremes() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range b.lo {
		if finite(b.lo[i]) {
			lo = min(lo, b.lo[i])
		}
		if finite(b.hi[i]) {
			hi = max(hi, b.hi[i])
		}
	}
	return lo, hi
}

// layer is one thing drawn on the plot, in drawing order.
type layer struct {
	st   style
	vals []float64 // per column, in the chart's unit; NaN is a gap
	band *bandCols // for the band layer: vals is nil
}

// cell is one cell of the plot: a glyph and the layer that drew it (−1:
// nothing; the cell is blank).
type cell struct {
	glyph rune
	layer int
}

// glyphOf is the rune of a one-rune glyph.
func glyphOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// canvas is the plot area: rows × cols cells, row 0 at the top, and the
// axis column left of them.
type canvas struct {
	cells [][]cell
	axis  []string
}

func newCanvas(rows, cols int) *canvas {
	c := &canvas{cells: make([][]cell, rows), axis: make([]string, rows)}
	for r := range c.cells {
		c.cells[r] = make([]cell, cols)
		for x := range c.cells[r] {
			c.cells[r][x] = cell{glyph: ' ', layer: -1}
		}
		c.axis[r] = axisGlyph
	}
	return c
}

// paint draws the layers in order, each over the ones before: the band as
// our own shading, lines through asciigraph (one plot per line, on values
// already scaled to rows so that its scale is the identity), then the
// markers of values off the plot.
func (c *canvas) paint(layers []layer, ax yAxis) {
	rows := len(c.cells)
	for li, l := range layers {
		if l.band != nil {
			c.paintBand(li, l.band, ax)
			continue
		}
		scaled := make([]float64, len(l.vals)+1)
		drawn := false
		for x, v := range l.vals {
			scaled[x] = math.NaN()
			if finite(v) {
				r := math.Min(math.Max(ax.row(v), 0), float64(rows-1))
				scaled[x], drawn = r, true
			}
		}
		if !drawn {
			continue
		}
		// One more value, the last again: asciigraph draws a cell per pair
		// of values, so n + 1 values fill the n columns.
		scaled[len(l.vals)] = scaled[len(l.vals)-1]
		out := asciigraph.Plot(scaled,
			asciigraph.Height(rows-1), // asciigraph draws Height + 1 rows
			asciigraph.LowerBound(0),
			asciigraph.UpperBound(float64(rows-1)),
			asciigraph.Offset(1),
			asciigraph.YAxisValueFormatter(func(float64) string { return "" }),
			asciigraph.SeriesChars(l.st.chars),
		)
		for r, row := range strings.Split(out, "\n") {
			if r >= rows {
				break
			}
			x := -1
			for _, g := range row {
				switch {
				case x < 0:
					if string(g) == axisFirstMark {
						c.axis[r] = axisFirstMark
					}
				case x < len(c.cells[r]) && g != ' ':
					c.cells[r][x] = cell{glyph: g, layer: li}
				}
				x++
			}
		}
		c.markOff(li, l.vals, ax, overTrend, underTrend)
	}
}

// paintBand shades each column's range where nothing else is drawn yet
// (it is the back layer), with markers where it runs off the plot.
func (c *canvas) paintBand(li int, b *bandCols, ax yAxis) {
	rows := len(c.cells)
	for x := range b.lo {
		if x >= len(c.cells[0]) || !finite(b.lo[x]) || !finite(b.hi[x]) {
			continue
		}
		r0, _ := ax.cell(b.lo[x])
		r1, _ := ax.cell(b.hi[x])
		for r := r0; r <= r1; r++ {
			c.cells[rows-1-r][x] = cell{glyph: glyphOf(bandGlyph), layer: li}
		}
	}
	c.markOff(li, b.hi, ax, overBand, "")
	c.markOff(li, b.lo, ax, "", underBand)
}

// markOff puts a marker on the top (bottom) row of every column whose
// value lies above (below) the plot.
func (c *canvas) markOff(li int, vals []float64, ax yAxis, over, under string) {
	rows := len(c.cells)
	for x, v := range vals {
		if x >= len(c.cells[0]) || !finite(v) {
			continue
		}
		switch _, off := ax.cell(v); {
		case off > 0 && over != "":
			c.cells[0][x] = cell{glyph: glyphOf(over), layer: li}
		case off < 0 && under != "":
			c.cells[rows-1][x] = cell{glyph: glyphOf(under), layer: li}
		}
	}
}

// render writes the plot's rows: the labels right-aligned in a gutter of
// gw cells, the axis, the cells (with colour when asked), trailing blanks
// dropped.
func (c *canvas) render(ax yAxis, gw int, layers []layer, color bool) []string {
	rows := len(c.cells)
	out := make([]string, rows)
	for r := range c.cells {
		var b strings.Builder
		label := ax.labels[rows-1-r]
		b.WriteString(strings.Repeat(" ", max(0, gw-cellWidth(label))))
		b.WriteString(clipCells(label, gw))
		b.WriteString(c.axis[r])
		last := len(c.cells[r]) - 1
		for last >= 0 && c.cells[r][last].layer < 0 {
			last--
		}
		cur := -1
		for _, cl := range c.cells[r][:last+1] {
			if color && cl.layer != cur {
				if cl.layer < 0 {
					b.WriteString(asciigraph.Default.String())
				} else {
					b.WriteString(layers[cl.layer].st.color.String())
				}
				cur = cl.layer
			}
			b.WriteRune(cl.glyph)
		}
		if color && cur >= 0 {
			b.WriteString(asciigraph.Default.String())
		}
		out[r] = b.String()
	}
	return out
}
