package chart

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"
)

// item is one entry of the legend.
type item struct {
	st   style
	text string
}

// legend is what the legend says: the part the group lines' names share
// (said once, first), the items, and how many lines it does not name.
type legend struct {
	prefix string
	items  []item
	hidden int
}

// groupDelims end the part of group names that the legend says once:
// tag and label separators ("resource_name:", "route=").
const groupDelims = ":="

// commonPrefix is the longest start that every name shares, cut after its
// last group delimiter, when it leaves every name something to say; "" for
// fewer than two names.
func commonPrefix(names []string) string {
	if len(names) < 2 {
		return ""
	}
	p := names[0]
	for _, n := range names[1:] {
		i := 0
		for i < len(p) && i < len(n) && p[i] == n[i] {
			i++
		}
		p = p[:i]
	}
	cut := strings.LastIndexAny(p, groupDelims)
	if cut < 0 {
		return ""
	}
	p = p[:cut+1]
	for _, n := range names {
		if strings.TrimSpace(n[len(p):]) == "" {
			return ""
		}
	}
	return p
}

// legendOf lists the lines by role (current, its band, extras, previous,
// thresholds), keeping the caller's order within a role. A line without
// data in the window says so; a threshold without a value and an unnamed
// line are left out. The names of a grouped query's lines (current and
// extras) lose the part they share, which the legend says once. hidden
// counts lines the caller did not pass (past the panel's top:).
func legendOf(ls []drawnLine, band bool, hidden int) legend {
	var out legend
	var group []string
	for _, l := range ls {
		if l.role == Current || l.role == Extra {
			group = append(group, l.label)
		}
	}
	out.prefix = commonPrefix(group)
	for _, role := range []Role{Current, Extra, Previous, Threshold} {
		for _, l := range ls {
			if l.role != role {
				continue
			}
			text := l.label
			if role == Current || role == Extra {
				text = strings.TrimSpace(strings.TrimPrefix(text, out.prefix))
			}
			if !l.hasData && role != Threshold {
				text = strings.TrimSpace(text + " (no data)")
			}
			if text == "" {
				continue // an unnamed line: a legend of one glyph says nothing
			}
			out.items = append(out.items, item{st: l.st, text: text})
			if role == Current && band {
				out.items = append(out.items, item{st: bandStyle, text: "min–max"})
			}
		}
	}
	out.hidden = max(hidden, 0)
	return out
}

const legendGap = "  "

// more is the legend's last word on lines it does not name.
func more(n int) string { return fmt.Sprintf("+%d more", n) }

// rows lays the legend out in at most maxRows rows of width cells: the
// shared prefix, then the items in order, a new row when the next does not
// fit; what finds no room (and the hidden lines) is counted in "+N more",
// for which the last row keeps room. An item wider than a row is cut with
// an ellipsis.
func (lg legend) rows(width, maxRows int, color bool) []string {
	if maxRows < 1 || width < 1 {
		return nil
	}
	var out []string
	var row strings.Builder
	used := 0
	put := func(plain, styled string) {
		if used > 0 {
			gap := legendGap
			if lg.prefix != "" && len(out) == 0 && used == cellWidth(clip(lg.prefix, max(width/2, 1))) {
				gap = " " // the shared prefix reads as the start of every name
			}
			row.WriteString(gap)
			used += len(gap)
		}
		row.WriteString(styled)
		used += cellWidth(plain)
	}
	fits := func(cells int) bool {
		if used > 0 {
			cells += len(legendGap)
		}
		return used+cells <= width
	}
	if lg.prefix != "" {
		p := clip(lg.prefix, max(width/2, 1))
		put(p, p)
	}
	unnamed := lg.hidden
	for i := 0; i < len(lg.items); i++ {
		it := lg.items[i]
		last := len(out) == maxRows-1
		reserve := 0
		if rest := len(lg.items) - i - 1 + lg.hidden; last && rest > 0 {
			reserve = len(legendGap) + len(more(rest))
		}
		text := it.text
		if !fits(2+cellWidth(text)+reserve) && used == 0 {
			text = clip(text, width-2-reserve) // alone on its row and still too wide
		}
		if fits(2+cellWidth(text)+reserve) && cellWidth(text) > 0 {
			glyph := it.st.glyph
			if color {
				glyph = it.st.color.String() + glyph + asciigraph.Default.String()
			}
			put(it.st.glyph+" "+text, glyph+" "+text)
			continue
		}
		if !last && used > 0 {
			out = append(out, row.String())
			row.Reset()
			used = 0
			i-- // again, on the new row
			continue
		}
		unnamed = len(lg.items) - i + lg.hidden
		break
	}
	if unnamed > 0 {
		m := more(unnamed)
		if !fits(len(m)) && len(out) < maxRows-1 {
			out = append(out, row.String())
			row.Reset()
			used = 0
		}
		if fits(len(m)) {
			put(m, m)
		}
	}
	return append(out, row.String())
}

// maxLegendRows is as many rows as a legend may take.
const maxLegendRows = 3

// rowsNeeded is how many rows the legend takes at width, up to
// maxLegendRows.
func (lg legend) rowsNeeded(width int) int {
	return len(lg.rows(width, maxLegendRows, false))
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

// clipCells cuts s to width cells without a mark (axis labels).
func clipCells(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, max(width, 0), "")
}

func cellWidth(s string) int { return ansi.StringWidth(s) }

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
