package chart

import "github.com/guptarohit/asciigraph"

// style is how a line (or the band) is drawn: its strokes, colour and the
// glyph that stands for it in the legend. Without colour the strokes alone
// tell the lines apart.
type style struct {
	glyph string
	chars asciigraph.CharSet
	color asciigraph.AnsiColor
}

// strokes builds a CharSet from a horizontal, a vertical and the four
// corners (down-right, down-left, up-right, up-left).
func strokes(h, v, dr, dl, ur, ul string) asciigraph.CharSet {
	return asciigraph.CharSet{
		Horizontal: h, VerticalLine: v,
		ArcDownRight: dr, ArcDownLeft: dl, ArcUpRight: ur, ArcUpLeft: ul,
		EndCap: "╴", StartCap: "╶",
	}
}

var (
	currentStyle = style{glyph: "━", color: asciigraph.Cyan, chars: asciigraph.CharSet{
		Horizontal: "━", VerticalLine: "┃",
		ArcDownRight: "┏", ArcDownLeft: "┓", ArcUpRight: "┗", ArcUpLeft: "┛",
		EndCap: "╸", StartCap: "╺",
	}}
	previousStyle  = style{glyph: "┈", color: asciigraph.DarkGray, chars: strokes("┈", "┊", "╭", "╮", "╰", "╯")}
	thresholdStyle = style{glyph: "╌", color: asciigraph.Red, chars: strokes("╌", "╎", "╭", "╮", "╰", "╯")}
	// bandStyle is the current line's min–max range: a subdued shade.
	bandStyle = style{glyph: bandGlyph, color: asciigraph.SlateGray}
	// extraStyles cycle over the lines of a grouped query after the first:
	// each its own stroke and colour.
	extraStyles = []style{
		{glyph: "═", color: asciigraph.Yellow, chars: strokes("═", "║", "╔", "╗", "╚", "╝")},
		{glyph: "╍", color: asciigraph.Lime, chars: strokes("╍", "╏", "┏", "┓", "┗", "┛")},
		{glyph: "─", color: asciigraph.Fuchsia, chars: strokes("─", "│", "┌", "┐", "└", "┘")},
		{glyph: "┅", color: asciigraph.Orange, chars: strokes("┅", "┇", "┍", "┑", "┕", "┙")},
		{glyph: "┄", color: asciigraph.Blue, chars: strokes("┄", "┆", "╭", "╮", "╰", "╯")},
		{glyph: "╼", color: asciigraph.SkyBlue, chars: strokes("╼", "╽", "┎", "┒", "┖", "┚")},
	}
	// markerColor is the event letters': bold in the terminal's own text
	// colour, readable on dark and light backgrounds alike (yellow was
	// lost on a light projector).
	markerColor = "\x1b[1m"
)

// styleOf is the style of a line of role r; nth counts the Extra lines
// before it.
func styleOf(r Role, nth int) style {
	switch r {
	case Current:
		return currentStyle
	case Previous:
		return previousStyle
	case Threshold:
		return thresholdStyle
	default:
		return extraStyles[nth%len(extraStyles)]
	}
}

// drawOrder puts the dim lines at the back and the current window on top.
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
