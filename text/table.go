package text

import (
	"io"
	"strings"
)

// Table lays out rows of cells in columns aligned by display width, for the
// CLI's listings: the replacement for text/tabwriter, which counts runes and
// so misaligns Japanese text and emoji.
//
// Each cell is made one line with [Line], so escape sequences and line
// breaks in people's text cannot break the layout, and clipped to its
// column's Max. Columns are separated by Gap; a line has no trailing spaces.
//
//	t := text.Table{Columns: []text.Column{{Header: "DATE"}, {Header: "TITLE", Max: 44}, {Header: "NOTES", Right: true}}}
//	t.AddRow("2025-06-02 10:00", "決済チームの眺める会", "3")
//	fmt.Fprint(out, t.String())
type Table struct {
	// Columns says how each column is laid out. Rows may have more cells
	// than there are Columns; the extra columns are left-aligned without a
	// limit.
	Columns []Column
	// Rows are the cells, row by row, without the header.
	Rows [][]string
	// Gap separates columns; "" means two spaces.
	Gap string
	// Measure measures the cells; give AmbiguousWide for a terminal that
	// shows ambiguous characters wide, or the columns will not line up there.
	Measure Measure
}

// Column is the layout of one column of a Table.
type Column struct {
	// Header is the column's title; a Table prints a header row when any
	// column has one.
	Header string
	// Max is the most cells a cell may take; longer cells are clipped with
	// an ellipsis. 0 means no limit.
	Max int
	// Right aligns the column (and its header) to the right, for numbers.
	Right bool
}

// AddRow appends a row of cells.
func (t *Table) AddRow(cells ...string) { t.Rows = append(t.Rows, cells) }

// String renders the table, one "\n"-terminated line per row, the header
// first; an empty table with no headers renders "".
func (t *Table) String() string {
	var b strings.Builder
	t.render(&b)
	return b.String()
}

// WriteTo writes the rendered table to w.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, t.String())
	return int64(n), err
}

func (t *Table) render(b *strings.Builder) {
	ncol := len(t.Columns)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	cols := make([]Column, ncol)
	copy(cols, t.Columns)
	header := make([]string, ncol)
	hasHeader := false
	for i, c := range cols {
		header[i] = Line(c.Header)
		if c.Max > 0 {
			header[i] = t.Measure.Clip(header[i], c.Max)
		}
		hasHeader = hasHeader || header[i] != ""
	}
	rows := make([][]string, 0, len(t.Rows)+1)
	if hasHeader {
		rows = append(rows, header)
	}
	m := t.Measure
	widths := make([]int, ncol)
	cellW := make([][]int, 0, cap(rows))
	for _, r := range t.Rows {
		cells := make([]string, ncol)
		for i := range cells {
			if i < len(r) {
				cells[i] = Line(r[i])
			}
			if cols[i].Max > 0 {
				cells[i] = m.Clip(cells[i], cols[i].Max)
			}
		}
		rows = append(rows, cells)
	}
	for _, cells := range rows {
		ws := make([]int, ncol)
		for i, c := range cells {
			ws[i] = m.lineWidth(c)
			widths[i] = max(widths[i], ws[i])
		}
		cellW = append(cellW, ws)
	}
	gap := t.Gap
	if gap == "" {
		gap = "  "
	}
	for ri, cells := range rows {
		var line strings.Builder
		for i, c := range cells {
			if i > 0 {
				line.WriteString(gap)
			}
			pad := strings.Repeat(" ", widths[i]-cellW[ri][i])
			if cols[i].Right {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
}
