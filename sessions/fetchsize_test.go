package sessions

import "testing"

func TestChartColumnsLeaveTheGutterAndKeepSixtyAtLeast(t *testing.T) {
	for _, tt := range []struct{ width, want int }{
		{0, 60}, {40, 60}, {72, 60}, {80, 68}, {100, 88}, {200, 188},
	} {
		if got := ChartColumns(tt.width); got != tt.want {
			t.Errorf("ChartColumns(%d) = %d, want %d", tt.width, got, tt.want)
		}
	}
}
