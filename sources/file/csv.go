package file

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// parseError locates what is wrong in a file and says how to fix it.
type parseError struct {
	line, col int // 1-based; 0 when unknown
	msg       string
	hint      string
}

func (e *parseError) Error() string { return e.msg }

// where is "14:3", "14" or "" for a message prefix.
func (e *parseError) where() string {
	switch {
	case e.line > 0 && e.col > 0:
		return fmt.Sprintf("%d:%d", e.line, e.col)
	case e.line > 0:
		return fmt.Sprint(e.line)
	}
	return ""
}

// csvRows is a CSV file read whole, with where each row starts and how
// much of it messages may quote.
type csvRows struct {
	rows  [][]string
	lines []int
	x     excerpts
}

// cell locates err, about field i of row r, for messages; column names the
// field's column when the file has a header ("" when it has none).
func (c csvRows) cell(r, i int, column string, err error, hint string) *parseError {
	msg := c.x.describe(err)
	if name := c.x.text(column); name != "" {
		msg = "(" + name + ") " + msg
	}
	return &parseError{line: c.lines[r], msg: fmt.Sprintf("column %d: %s", i+1, msg), hint: hint}
}

// readCSV reads every record. The separator is a comma, or the first line's
// semicolon or tab when it has no comma (spreadsheets in locales with a
// decimal comma export with semicolons). Lines starting with # are comments.
func readCSV(data []byte, name string, x excerpts) (csvRows, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark, from Excel
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case bytes.ContainsRune(first, ','):
	case bytes.ContainsRune(first, ';'):
		r.Comma = ';'
	case bytes.ContainsRune(first, '\t') || strings.HasSuffix(strings.ToLower(name), ".tsv"):
		r.Comma = '\t'
	}
	out := csvRows{x: x}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return out, &parseError{line: pe.Line, col: pe.Column, msg: pe.Err.Error(),
				hint: `check the quoting on that line: a field with a comma or quote must be in "…", with quotes doubled`}
		}
		if err != nil {
			return out, &parseError{msg: err.Error()}
		}
		line, _ := r.FieldPos(0)
		out.rows = append(out.rows, rec)
		out.lines = append(out.lines, line)
	}
}

// timeColumnNames are header names of a timestamp column (lower case).
var timeColumnNames = map[string]bool{
	"timestamp": true, "time": true, "date": true, "datetime": true, "ts": true, "_time": true, "t": true,
}

// valueColumnNames mark the long form: one value column, not one per series.
var valueColumnNames = map[string]bool{"value": true, "values": true, "v": true, "val": true}

// seriesColumnNames name the long form's series column.
var seriesColumnNames = map[string]bool{
	"series": true, "name": true, "metric": true, "group": true, "tag": true, "label": true, "resource": true, "scope": true,
}

// parseCSV reads a CSV file in wide or long form; base names a series that
// the file does not name, and x says how much of the file messages quote.
func parseCSV(data []byte, name, base string, x excerpts) (table, error) {
	c, err := readCSV(data, name, x)
	if err != nil {
		return table{}, err
	}
	if len(c.rows) == 0 {
		return table{}, &parseError{msg: "the file has no rows", hint: "export the data again, with a header row and one row per timestamp"}
	}
	head := c.rows[0]
	if _, err := parseTime(head[0]); err == nil {
		// No header: timestamp,value[,series].
		switch len(head) {
		case 2:
			return parseLong(c, 0, 0, 1, -1, base)
		case 3:
			return parseLong(c, 0, 0, 1, 2, base)
		}
		return table{}, &parseError{line: c.lines[0],
			msg:  fmt.Sprintf("without a header row a line must be timestamp,value[,series], and this one has %d fields", len(head)),
			hint: "add a header row naming the timestamp column and one column per series"}
	}
	timeCol := findTimeColumn(c)
	if timeCol < 0 {
		return table{}, &parseError{line: c.lines[0], msg: "no timestamp column",
			hint: `name the timestamp column "timestamp" (or time, date) in the header row`}
	}
	valueCol, seriesCol := -1, -1
	for i, h := range head {
		k := strings.ToLower(strings.TrimSpace(h))
		switch {
		case i == timeCol:
		case valueColumnNames[k] && valueCol < 0:
			valueCol = i
		case seriesColumnNames[k] && seriesCol < 0:
			seriesCol = i
		}
	}
	if valueCol >= 0 {
		if seriesCol < 0 && len(head) == 3 {
			seriesCol = 3 - timeCol - valueCol // the one column left
		}
		return parseLong(c, 1, timeCol, valueCol, seriesCol, base)
	}
	return parseWide(c, timeCol)
}

// findTimeColumn is the column named like a timestamp, else the first whose
// first data cell parses as one; −1 when there is none.
func findTimeColumn(c csvRows) int {
	for i, h := range c.rows[0] {
		k := strings.ToLower(strings.TrimSpace(h))
		if timeColumnNames[k] || strings.HasPrefix(k, "time") || strings.HasPrefix(k, "date") {
			return i
		}
	}
	if len(c.rows) > 1 {
		for i, cell := range c.rows[1] {
			if _, err := parseTime(cell); err == nil && !isNumber(strings.TrimSpace(cell)) {
				return i
			}
		}
	}
	return -1
}

// parseLong reads rows from index from on: each a timestamp, a value and,
// when seriesCol ≥ 0, the series it belongs to.
func parseLong(c csvRows, from, timeCol, valueCol, seriesCol int, base string) (table, error) {
	byName := map[string]int{}
	var tab table
	for r := from; r < len(c.rows); r++ {
		row := c.rows[r]
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // a line of spaces
		}
		need := max(timeCol, valueCol, seriesCol) + 1
		if len(row) < need {
			return table{}, &parseError{line: c.lines[r], msg: fmt.Sprintf("%d fields, want at least %d", len(row), need),
				hint: "every row needs a timestamp and a value (and a series name when the file has that column)"}
		}
		t, err := parseTime(row[timeCol])
		if err != nil {
			return table{}, c.cell(r, timeCol, "", err, "write timestamps as RFC 3339 (2026-10-01T00:00:00Z) or Unix seconds")
		}
		v, err := parseValue(row[valueCol])
		if err != nil {
			return table{}, c.cell(r, valueCol, "", err, "write values as plain numbers; leave the cell empty for no data")
		}
		name := base
		if seriesCol >= 0 {
			if name = strings.TrimSpace(row[seriesCol]); name == "" {
				name = base
			}
		}
		i, ok := byName[name]
		if !ok {
			i = len(tab.series)
			byName[name] = i
			tab.series = append(tab.series, sources.Series{Name: name})
		}
		tab.series[i].Points = append(tab.series[i].Points, sources.Point{T: t, V: v})
	}
	return tab, nil
}

// parseWide reads a header row of series names and one row per timestamp.
// Columns without a name (a spreadsheet's row numbers) and columns of text
// only (a "metric" column repeating the query) are not series.
func parseWide(c csvRows, timeCol int) (table, error) {
	head := c.rows[0]
	var tab table
	var cols []int
	var skipped []string
	for i, h := range head {
		if i == timeCol {
			continue
		}
		if strings.TrimSpace(h) == "" {
			continue
		}
		if textOnly(c, i) {
			skipped = append(skipped, c.x.quote(h, ""))
			continue
		}
		cols = append(cols, i)
		tab.series = append(tab.series, sources.Series{Name: strings.TrimSpace(h), Points: make([]sources.Point, 0, len(c.rows)-1)})
	}
	if len(cols) == 0 && len(skipped) > 0 {
		// Every column is text: more likely numbers nagame cannot read (a
		// decimal comma) than a file without data. Show the first.
		if err := firstNonNumber(c, timeCol); err != nil {
			return table{}, err
		}
	}
	if len(cols) == 0 {
		return table{}, &parseError{line: c.lines[0], msg: "no column of numbers besides the timestamp",
			hint: "give each series a column with a name in the header row"}
	}
	switch {
	case len(skipped) > 0 && c.x.none:
		tab.notes = append(tab.notes, fmt.Sprintf("%d columns hold text, not numbers, and are not shown", len(skipped)))
	case len(skipped) > 0:
		tab.notes = append(tab.notes, fmt.Sprintf("columns %s hold text, not numbers, and are not shown", strings.Join(skipped, ", ")))
	}
	for r := 1; r < len(c.rows); r++ {
		row := c.rows[r]
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		if len(row) > len(head) {
			return table{}, &parseError{line: c.lines[r], msg: fmt.Sprintf("%d fields, but the header has %d", len(row), len(head)),
				hint: `a value with a decimal comma, or a name with an unquoted comma? write 0.12, and put such names in "…"`}
		}
		if timeCol >= len(row) {
			return table{}, &parseError{line: c.lines[r], msg: "no timestamp", hint: "every row needs its timestamp"}
		}
		t, err := parseTime(row[timeCol])
		if err != nil {
			return table{}, c.cell(r, timeCol, "", err, "write timestamps as RFC 3339 (2026-10-01T00:00:00Z) or Unix seconds")
		}
		for k, i := range cols {
			v := math.NaN() // a short row: the missing cells are gaps
			if i < len(row) {
				if v, err = parseValue(row[i]); err != nil {
					return table{}, c.cell(r, i, tab.series[k].Name, err, "write values as plain numbers; leave the cell empty for no data")
				}
			}
			tab.series[k].Points = append(tab.series[k].Points, sources.Point{T: t, V: v})
		}
	}
	return tab, nil
}

// firstNonNumber is the error of the first value cell that is not a number.
func firstNonNumber(c csvRows, timeCol int) error {
	head := c.rows[0]
	for r := 1; r < len(c.rows); r++ {
		for i, cell := range c.rows[r] {
			if i == timeCol || i >= len(head) || strings.TrimSpace(head[i]) == "" {
				continue
			}
			if _, err := parseValue(cell); err != nil {
				return c.cell(r, i, strings.TrimSpace(head[i]), err, "write values as plain numbers; leave the cell empty for no data")
			}
		}
	}
	return nil
}

// textOnly reports whether column i holds text in some cell and no number
// in any.
func textOnly(c csvRows, i int) bool {
	text := false
	for _, row := range c.rows[1:] {
		if i >= len(row) {
			continue
		}
		v, err := parseValue(row[i])
		if err == nil && !math.IsNaN(v) {
			return false
		}
		if err != nil {
			text = true
		}
	}
	return text
}
