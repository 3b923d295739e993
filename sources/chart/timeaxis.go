package chart

import (
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// tick is a spacing of time-axis labels: a fixed duration, or a number of
// calendar days or months (which DST and month lengths make uneven).
type tick struct {
	d      time.Duration
	days   int // 7: weeks, from Monday
	months int
}

// approx is the tick's length, for choosing one.
func (t tick) approx() time.Duration {
	switch {
	case t.months > 0:
		return time.Duration(t.months) * 30 * 24 * time.Hour
	case t.days > 0:
		return time.Duration(t.days) * 24 * time.Hour
	}
	return t.d
}

// ticks are the spacings the time axis chooses from, shortest first.
var ticks = []tick{
	{d: time.Second}, {d: 2 * time.Second}, {d: 5 * time.Second}, {d: 10 * time.Second},
	{d: 15 * time.Second}, {d: 30 * time.Second},
	{d: time.Minute}, {d: 2 * time.Minute}, {d: 5 * time.Minute}, {d: 10 * time.Minute},
	{d: 15 * time.Minute}, {d: 30 * time.Minute},
	{d: time.Hour}, {d: 2 * time.Hour}, {d: 3 * time.Hour}, {d: 6 * time.Hour}, {d: 12 * time.Hour},
	{days: 1}, {days: 2}, {days: 7}, {days: 14},
	{months: 1}, {months: 3}, {months: 6}, {months: 12},
}

// Time label layouts.
const (
	secondsLayout = "15:04:05"
	clockLayout   = "15:04"
	dateLayout    = "Jan 2"
	yearLayout    = "2006"
	// labelGap is the blank cells kept between two labels.
	labelGap = 2
)

// timeLabels places the time axis's labels under cols columns of w, in loc:
// at round times (every 5 minutes, 6 hours, 7 days…: the shortest spacing
// whose labels keep labelGap cells apart), as
//
//   - dates ("Nov 3") for windows over two days (ticks of whole days, weeks
//     from Monday, months), the year at its first day of January;
//   - clock times ("14:00") for windows of up to two days, the date instead
//     at each midnight ("Nov 3");
//   - clock times with seconds ("14:05:30") when the ticks are less than a
//     minute apart (windows of a few minutes).
//
// A label starts at its time's column. It returns the row as runes, so that
// callers place more on it.
func timeLabels(w sources.Window, loc *time.Location, cols int) []rune {
	row := []rune(strings.Repeat(" ", cols))
	if w.IsZero() || w.Duration() <= 0 || cols < 1 {
		return row
	}
	perCol := w.Duration() / time.Duration(cols)
	multiDay := w.Duration() > 48*time.Hour
	for i, tk := range ticks {
		if multiDay && tk.days == 0 && tk.months == 0 {
			continue
		}
		// The widest label of this spacing: a date may stand at any tick
		// of a clock axis too (at midnight).
		width := len("Nov 30")
		if tk.d > 0 && tk.d < time.Minute {
			width = len(secondsLayout)
		}
		if i == len(ticks)-1 || tk.approx() >= time.Duration(width+labelGap)*perCol {
			placeTicks(row, w, loc, tk, multiDay)
			return row
		}
	}
	return row
}

// placeTicks writes the labels of ticks tk into row.
func placeTicks(row []rune, w sources.Window, loc *time.Location, tk tick, multiDay bool) {
	cols := len(row)
	free := 0 // the first cell a label may use
	for t := firstTick(w.From.In(loc), tk); t.Before(w.To); t = nextTick(t, tk) {
		if t.Before(w.From) {
			continue
		}
		at := int(int64(t.Sub(w.From)) * int64(cols) / int64(w.Duration()))
		label := []rune(labelOf(t, tk, multiDay))
		if at < free || at+len(label) > cols {
			continue
		}
		copy(row[at:], label)
		free = at + len(label) + labelGap
	}
}

// labelOf is how tick time t reads (see timeLabels).
func labelOf(t time.Time, tk tick, multiDay bool) string {
	midnight := t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
	switch {
	case multiDay && t.YearDay() == 1 && tk.months > 0:
		return t.Format(yearLayout)
	case multiDay, midnight && tk.d >= time.Minute:
		return t.Format(dateLayout)
	case tk.d < time.Minute:
		return t.Format(secondsLayout)
	default:
		return t.Format(clockLayout)
	}
}

// firstTick is the last round time of spacing tk at or before t.
func firstTick(t time.Time, tk tick) time.Time {
	y, mo, d := t.Date()
	loc := t.Location()
	switch {
	case tk.months > 0:
		m := (int(mo) - 1) / tk.months * tk.months
		return time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, loc)
	case tk.days == 7 || tk.days == 14:
		day := time.Date(y, mo, d, 0, 0, 0, 0, loc)
		back := (int(day.Weekday()) + 6) % 7 // days since Monday
		return day.AddDate(0, 0, -back)
	case tk.days > 0:
		day := time.Date(y, mo, d, 0, 0, 0, 0, loc)
		if tk.days == 2 && day.YearDay()%2 == 0 {
			day = day.AddDate(0, 0, -1)
		}
		return day
	}
	day := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	return day.Add(t.Sub(day) / tk.d * tk.d)
}

// nextTick is the round time after t.
func nextTick(t time.Time, tk tick) time.Time {
	switch {
	case tk.months > 0:
		return t.AddDate(0, tk.months, 0)
	case tk.days > 0:
		n := t.AddDate(0, 0, tk.days)
		if tk.days == 2 && n.YearDay()%2 == 0 { // odd days of the year, as firstTick
			n = n.AddDate(0, 0, -1)
		}
		if !n.After(t) {
			n = t.AddDate(0, 0, tk.days)
		}
		return n
	}
	n := t.Add(tk.d)
	if n.Day() != t.Day() { // keep ticks on the clock's round times across DST and midnight
		return firstTick(n, tk)
	}
	return n
}
