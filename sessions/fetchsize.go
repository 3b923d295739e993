package sessions

// FetchParallel is how many panels are fetched at once, in the meeting and
// by nagame check and snapshot alike: a 12-panel agenda does not hit a
// backend with 24 queries at once (a panel with a total: sends two).
const FetchParallel = 4

// ChartColumns is how many columns a panel's chart gets on a screen (or a
// page of text) width cells wide: the width less the chart's label gutter
// and margins, and 60 at least. It is FetchRequest.Columns.
func ChartColumns(width int) int {
	return max(60, width-12)
}
