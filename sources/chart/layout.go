package chart

// Where the parts of a chart go: the rows of the plot, the legend, the
// caption and the event letters, and what a chart says instead.

import (
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// plan is how the height is shared out.
type plan struct {
	plot    int  // plot rows
	legend  int  // legend rows
	caption bool // a caption row of its own may be used
	markers bool // the marker row under the time axis
	list    int  // event list rows
}

// layout gives the plot what the time row and the rest leave. The rest
// comes in this order: the legend's first row (while the plot keeps its
// minimum), more legend rows (while it keeps half the height), the marker
// row and a caption row when the caption does not fit beside the legend
// (while it keeps one row more than its minimum), then the event list
// (half the height again).
func (ch *chart) layout(lg legend, sp span, markers []Marker) plan {
	h, width := ch.opt.Height, ch.opt.Width
	p := plan{plot: h - 1}
	half := max(minRows, h/2)
	take := func(n, floor int) bool {
		if p.plot-n >= floor {
			p.plot -= n
			return true
		}
		return false
	}
	if len(lg.items) > 0 || lg.hidden > 0 {
		if take(1, minRows) {
			p.legend = 1
		}
		for p.legend > 0 && p.legend < lg.rowsNeeded(width) && take(1, half) {
			p.legend++
		}
	}
	if len(markers) > 0 && take(1, minRows+1) {
		p.markers = true
	}
	if caption := ch.caption(sp, newYAxis(sp, p.plot, ch.opt.Unit), ch.bandOf()); caption != "" || ch.asOf != "" {
		beside := p.legend > 0 && fitsBeside(lg.rows(width, p.legend, false), caption, ch.asOf, width)
		if !beside && take(1, minRows+1) {
			p.caption = true
		}
	}
	if p.markers && !ch.opt.NoEventList {
		for p.list < len(markers) && take(1, half) {
			p.list++
		}
	}
	return p
}

// caption is the line under the legend: what the scale clips, and the
// current line's maximum with its time.
func (ch *chart) caption(sp span, ax yAxis, band *bandCols) string {
	var parts []string
	unit := ch.opt.Unit
	switch {
	case sp.clipped:
		parts = append(parts, overTrend+" scale clipped")
	case band != nil && ax.rows > 0:
		blo, bhi := band.extremes()
		switch above, below := bhi > ax.top(), blo < ax.bottom; {
		case above && below:
			parts = append(parts, overBand+underBand+" range clipped")
		case above:
			parts = append(parts, overBand+" range clipped")
		case below:
			parts = append(parts, underBand+" range clipped")
		}
	}
	if ch.look.caption != "" {
		parts = append(parts, ch.look.caption)
	} else if cur := ch.current(); cur != nil && finite(cur.band.Max.V) {
		parts = append(parts, "max "+sources.FormatValue(cur.band.Max.V, unit)+" "+cur.band.Max.T.In(ch.opt.Location).Format(eventLayout))
	}
	return strings.Join(parts, " · ")
}

// fitsBeside reports whether the caption (and "as of") fit on the legend's
// last row.
func fitsBeside(legendRows []string, caption, asOf string, width int) bool {
	if len(legendRows) == 0 {
		return false
	}
	return cellWidth(legendRows[len(legendRows)-1])+cellWidth(joinCaption(caption, asOf))+len(legendGap) <= width
}

func joinCaption(caption, asOf string) string {
	switch {
	case caption == "":
		return asOf
	case asOf == "":
		return caption
	}
	return caption + legendGap + asOf
}

// footer is the legend rows with the caption right-aligned on the last
// one, or on a row of its own (ownRow); without a row of its own, what of
// it fits beside: the caption without "as of", then the first part of it
// (the scale's note matters most).
func footer(legendRows []string, caption, asOf string, ownRow bool, width int) []string {
	text := joinCaption(caption, asOf)
	switch {
	case text == "":
		return legendRows
	case ownRow && !fitsBeside(legendRows, caption, asOf, width):
		if cellWidth(text) > width && caption != "" {
			text = caption
		}
		return append(legendRows, clip(text, width))
	}
	first, _, _ := strings.Cut(caption, " · ")
	for _, c := range []string{text, caption, first} {
		if c != "" && fitsBeside(legendRows, c, "", width) {
			last := legendRows[len(legendRows)-1]
			legendRows[len(legendRows)-1] = last + strings.Repeat(" ", width-cellWidth(last)-cellWidth(c)) + c
			return legendRows
		}
	}
	return legendRows
}

// message is a chart that has nothing to draw: the message, and the
// caption below it when there is room.
func (ch *chart) message(msg string) Drawing {
	rows := []string{clip(msg, ch.opt.Width)}
	if ch.asOf != "" && ch.opt.Height >= 2 {
		rows = append(rows, clip(ch.asOf, ch.opt.Width))
	}
	return Drawing{Rows: rows}
}

// trimRight joins cells and drops trailing blanks.
func trimRight(cells []string) string {
	return strings.TrimRight(strings.Join(cells, ""), " ")
}

func runeStrings(rs []rune) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
