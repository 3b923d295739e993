package chart

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"
)

// style is how a role is drawn: its strokes and colour. Without colour the
// strokes alone tell the lines apart (heavy, dashed, dotted, light).
type style struct {
	glyph string // the legend's sample of the line
	chars asciigraph.CharSet
	color asciigraph.AnsiColor
}

// styleOf is the style of a line of role r; nth counts the Extra lines
// before it.
func styleOf(r Role, nth int) style {
	switch r {
	case Current:
		return style{glyph: "━", color: asciigraph.Cyan, chars: asciigraph.CharSet{
			Horizontal: "━", VerticalLine: "┃",
			ArcDownRight: "┏", ArcDownLeft: "┓", ArcUpRight: "┗", ArcUpLeft: "┛",
			EndCap: "╸", StartCap: "╺",
		}}
	case Previous:
		return style{glyph: "┈", color: asciigraph.DarkGray, chars: asciigraph.CharSet{Horizontal: "┈", VerticalLine: "┊"}}
	case Threshold:
		return style{glyph: "─", color: asciigraph.Red, chars: asciigraph.DefaultCharSet}
	default:
		// Colours cycle over the lines of a grouped query.
		colors := [...]asciigraph.AnsiColor{
			asciigraph.Yellow, asciigraph.Lime, asciigraph.Fuchsia, asciigraph.Orange, asciigraph.Blue, asciigraph.SkyBlue,
		}
		return style{glyph: "╌", color: colors[nth%len(colors)], chars: asciigraph.CharSet{Horizontal: "╌", VerticalLine: "╎"}}
	}
}

// drawOrder puts the dim lines at the back and the current window on top:
// asciigraph draws later series over earlier ones.
func drawOrder(r Role) int {
	switch r {
	case Previous:
		return 0
	case Extra:
		return 1
	case Threshold:
		return 2
	default:
		return 3
	}
}

// layers turns the data columns and thresholds into asciigraph's series,
// scaled to rows, with their colours and strokes, in drawing order.
func layers(data []Line, cols [][]float64, thresholds []float64, n int, ax axis) ([][]float64, []asciigraph.AnsiColor, []asciigraph.CharSet) {
	type layer struct {
		order int
		vals  []float64
		st    style
	}
	var ls []layer
	extras := 0
	for i, l := range data {
		st := styleOf(l.Role, extras)
		if l.Role == Extra {
			extras++
		}
		vals := cols[i]
		for j, v := range vals {
			vals[j] = ax.scale(v)
		}
		ls = append(ls, layer{order: drawOrder(l.Role), vals: vals, st: st})
	}
	for _, t := range thresholds {
		vals := make([]float64, n)
		for j := range vals {
			vals[j] = ax.scale(t)
		}
		ls = append(ls, layer{order: drawOrder(Threshold), vals: vals, st: styleOf(Threshold, 0)})
	}
	slices.SortStableFunc(ls, func(a, b layer) int { return cmp.Compare(a.order, b.order) })
	series := make([][]float64, len(ls))
	colors := make([]asciigraph.AnsiColor, len(ls))
	chars := make([]asciigraph.CharSet, len(ls))
	for i, l := range ls {
		series[i], colors[i], chars[i] = l.vals, l.st.color, l.st.chars
	}
	return series, colors, chars
}

// item is one entry of the legend.
type item struct {
	st   style
	text string
}

// legendItems lists the lines by role (current, extras, previous,
// thresholds), keeping the caller's order within a role. A line without
// data in the window says so; a threshold without a value is left out.
func legendItems(lines []Line, opt Options) []item {
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b Line) int { return cmp.Compare(a.Role, b.Role) })
	var out []item
	extras := 0
	for _, l := range sorted {
		st := styleOf(l.Role, extras)
		if l.Role == Extra {
			extras++
		}
		text := clean(l.Label)
		if text == "" {
			text = clean(l.Series.Name)
		}
		switch {
		case l.Role == Threshold:
			if _, ok := lastFinite(l.Series); !ok {
				continue
			}
		case !hasData(l, opt):
			text = strings.TrimSpace(text + " (no data)")
		}
		if text == "" {
			continue // an unnamed line: a legend of one glyph says nothing
		}
		out = append(out, item{st: st, text: text})
	}
	return out
}

func hasData(l Line, opt Options) bool {
	for _, p := range l.Series.Points {
		if finite(p.V) && opt.Window.Contains(p.T) {
			return true
		}
	}
	return false
}

const legendGap = "  "

// legend renders the items that fit in width; the last one that fits only
// in part is cut with an ellipsis, the rest are left out.
func legend(items []item, width int, color bool) string {
	var b strings.Builder
	used := 0
	for i, it := range items {
		sep := 0
		if i > 0 {
			sep = len(legendGap)
		}
		room := width - used - sep - 2 // glyph and space
		if room < 2 {
			break
		}
		text := it.text
		cut := ansi.StringWidth(text) > room
		if cut {
			text = ansi.Truncate(text, room, "…")
		}
		if i > 0 {
			b.WriteString(legendGap)
		}
		if color {
			b.WriteString(it.st.color.String() + it.st.glyph + asciigraph.Default.String())
		} else {
			b.WriteString(it.st.glyph)
		}
		b.WriteString(" " + text)
		used += sep + 2 + ansi.StringWidth(text)
		if cut {
			break
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// legendWidth is the width of all items in one row.
func legendWidth(items []item) int {
	w := 0
	for i, it := range items {
		if i > 0 {
			w += len(legendGap)
		}
		w += 2 + ansi.StringWidth(it.text)
	}
	return w
}

// fitsBeside reports whether the caption fits on the legend's row.
func fitsBeside(items []item, asOf string, width int) bool {
	lw := legendWidth(items)
	if lw > 0 {
		lw += len(legendGap)
	}
	return lw+ansi.StringWidth(asOf) <= width
}

// footer is the legend row, with the caption right-aligned on it or on a row
// of its own (ownRow), or left out when it fits nowhere.
func footer(items []item, asOf string, ownRow bool, opt Options) []string {
	row := legend(items, opt.Width, opt.Color)
	switch {
	case asOf == "":
		return []string{row}
	case ownRow:
		return []string{row, clip(asOf, opt.Width)}
	case fitsBeside(items, asOf, opt.Width):
		pad := opt.Width - legendWidth(items) - ansi.StringWidth(asOf)
		return []string{row + strings.Repeat(" ", pad) + asOf}
	default:
		return []string{row}
	}
}

// message is a chart that has nothing to draw: the message, and the caption
// below it when there is room.
func message(msg, asOf string, opt Options) string {
	out := clip(msg, opt.Width)
	if asOf != "" && opt.Height >= 2 {
		out += "\n" + clip(asOf, opt.Width)
	}
	return out
}

// clip cuts s to width cells, with an ellipsis when it had to cut.
func clip(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// clean makes text from a backend or an agenda safe for the terminal: escape
// sequences and control characters are removed, tabs and newlines become
// spaces.
func clean(s string) string {
	s = ansi.Strip(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError: // invalid UTF-8 renders as anything
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
