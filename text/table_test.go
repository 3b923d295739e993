package text_test

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/text"
)

func TestPad(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		w           int
		right, left string
	}{
		{"ASCII", "ab", 5, "ab   ", "   ab"},
		{"Japanese counts two a character", "決済", 6, "決済  ", "  決済"},
		{"emoji sequence is two", "👨‍👩‍👧", 3, "👨‍👩‍👧 ", " 👨‍👩‍👧"},
		{"combining mark adds nothing", "e\u0301", 2, "e\u0301 ", " e\u0301"},
		{"wider text is kept", "決済チーム", 4, "決済チーム", "決済チーム"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.PadRight(tt.in, tt.w); got != tt.right {
				t.Errorf("PadRight(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.right)
			}
			if got := text.PadLeft(tt.in, tt.w); got != tt.left {
				t.Errorf("PadLeft(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.left)
			}
		})
	}
	if got := wide.PadRight("…", 3); got != "… " {
		t.Errorf("AmbiguousWide PadRight(…, 3) = %q, want %q", got, "… ")
	}
}

func TestTable(t *testing.T) {
	tests := []struct {
		name  string
		table text.Table
		want  string
	}{
		{
			name: "Japanese titles line up with ASCII ones",
			table: text.Table{
				Columns: []text.Column{{Header: "DATE"}, {Header: "TITLE"}, {Header: "NOTES", Right: true}, {Header: "STATE"}},
				Rows: [][]string{
					{"2025-06-02", "決済チームの眺める会", "3", "finished"},
					{"2025-06-09", "Weekly SLO review", "12", "in progress (panels)"},
				},
			},
			want: "" +
				"DATE        TITLE                 NOTES  STATE\n" +
				"2025-06-02  決済チームの眺める会      3  finished\n" +
				"2025-06-09  Weekly SLO review        12  in progress (panels)\n",
		},
		{
			name: "emoji, combining marks and fullwidth forms line up",
			table: text.Table{Rows: [][]string{
				{"👍🏽", "x"},
				{"👨‍👩‍👧👨‍👩‍👧", "x"},
				{"cafe\u0301", "x"},
				{"ＡＢ", "x"},
			}},
			want: "" +
				"👍🏽    x\n" +
				"👨‍👩‍👧👨‍👩‍👧  x\n" +
				"cafe\u0301  x\n" +
				"ＡＢ  x\n",
		},
		{
			name: "a column's Max clips by width with an ellipsis",
			table: text.Table{
				Columns: []text.Column{{Header: "TITLE", Max: 9}, {Header: "N"}},
				Rows:    [][]string{{"決済チームの眺める会", "1"}, {"short", "2"}},
			},
			want: "" +
				"TITLE      N\n" +
				"決済チー…  1\n" +
				"short      2\n",
		},
		{
			name:  "cells are made one clean line",
			table: text.Table{Rows: [][]string{{"a\nb", "\x1b[31mred\x1b[0m", "end"}, {"c", "d", "e"}}},
			want: "" +
				"a b  red  end\n" +
				"c    d    e\n",
		},
		{
			name: "short rows are filled, long rows add columns, no trailing spaces",
			table: text.Table{
				Columns: []text.Column{{Header: "A"}, {Header: "B"}},
				Rows:    [][]string{{"1"}, {"1", "2", "3"}},
			},
			want: "" +
				"A  B\n" +
				"1\n" +
				"1  2  3\n",
		},
		{
			name:  "a gap can be given",
			table: text.Table{Gap: " | ", Rows: [][]string{{"決済", "1"}, {"a", "22"}}},
			want: "" +
				"決済 | 1\n" +
				"a    | 22\n",
		},
		{name: "no rows and no headers is empty", table: text.Table{}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.table.String(); got != tt.want {
				t.Errorf("table:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// A terminal that shows ambiguous characters wide needs a table measured the
// same way: with the default Measure the ○ and … columns would drift.
func TestTableAmbiguousWide(t *testing.T) {
	rows := [][]string{{"○○", "x"}, {"ab", "x"}, {"改善した…", "x"}}
	got := (&text.Table{Rows: rows, Measure: wide}).String()
	want := "" +
		"○○        x\n" +
		"ab          x\n" +
		"改善した…  x\n"
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if w := wide.Width(line); w != 13 {
			t.Errorf("line %q is %d cells under AmbiguousWide, want 13", line, w)
		}
	}
}

func TestTableAddRowAndWriteTo(t *testing.T) {
	tb := text.Table{Columns: []text.Column{{Header: "ID"}, {Header: "N", Right: true}}}
	tb.AddRow("p95", "7")
	tb.AddRow("レイテンシ", "120")
	var b strings.Builder
	n, err := tb.WriteTo(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"ID            N\n" +
		"p95           7\n" +
		"レイテンシ  120\n"
	if b.String() != want || n != int64(len(want)) {
		t.Errorf("WriteTo wrote %d bytes:\n%s\nwant:\n%s", n, b.String(), want)
	}
}
