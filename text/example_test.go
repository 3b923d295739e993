package text_test

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nagame-dev/nagame/text"
)

// A listing like `nagame sessions`: columns line up by display width, the
// title is clipped to 24 cells, numbers are right-aligned.
func ExampleTable() {
	t := text.Table{Columns: []text.Column{
		{Header: "DATE"}, {Header: "TITLE", Max: 24}, {Header: "NOTES", Right: true}, {Header: "STATE"},
	}}
	t.AddRow("2025-06-02", "決済チームの眺める会", strconv.Itoa(3), "finished")
	t.AddRow("2025-06-09", "Weekly SLO review of checkout and payments", strconv.Itoa(12), "finished")
	t.AddRow("2025-06-16", "👍🏽 retro\x1b]0;pwned\x07", strconv.Itoa(0), "in progress")
	fmt.Print(t.String())
	// Output:
	// DATE        TITLE                     NOTES  STATE
	// 2025-06-02  決済チームの眺める会          3  finished
	// 2025-06-09  Weekly SLO review of ch…     12  finished
	// 2025-06-16  👍🏽 retro                      0  in progress
}

// Snapshot prose: a hanging indent, Japanese broken between characters but
// never before 。.
func ExampleWrapIndent() {
	for _, l := range text.WrapIndent("note: レイテンシは改善した。次回も確認する。", 24, "  ") {
		fmt.Println(l)
	}
	// Output:
	// note: レイテンシは改善し
	//   た。次回も確認する。
}

// A value echoed in an error message: one clean line, clipped, with the size
// of what was pasted.
func ExampleQuote() {
	fmt.Println(text.Quote("5m", 60))
	fmt.Println(text.Quote(strings.Repeat("eyJhbGciOi", 90_000), 20))
	// Output:
	// "5m"
	// "eyJhbGciOieyJhbGciO…" (900 KB)
}

func ExampleClean() {
	fmt.Printf("%+q\n", text.Clean("\x1b[31mred\x1b[0m\r\nnext\u202e line\u009b2J\xff"))
	// Output:
	// "red\nnext line\ufffd"
}

func ExampleMeasure() {
	wide := text.Measure{AmbiguousWide: true}
	fmt.Println(text.Width("※注意…"), wide.Width("※注意…"))
	fmt.Println(text.Clip("○○○○○", 4), wide.Clip("○○○○○", 4))
	// Output:
	// 6 8
	// ○○○… ○…
}
