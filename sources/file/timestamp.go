package file

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the written forms of a timestamp a file may use, tried in
// order. Layouts without a zone are read as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006/01/02 15:04:05",
	time.DateOnly,
}

// parseTime reads one timestamp cell.
func parseTime(cell string) (time.Time, error) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return time.Time{}, fmt.Errorf("the timestamp is empty")
	}
	if isNumber(s) {
		return parseEpoch(s)
	}
	// "2026-10-01 00:00:00 UTC" is how many tools write UTC; Go's layouts
	// would accept any zone abbreviation and invent an offset for it.
	for _, utc := range []string{" UTC", " GMT", " Z"} {
		s = strings.TrimSuffix(s, utc)
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, &badCell{cell: cell, what: "a timestamp (RFC 3339, 2006-01-02 15:04:05, or Unix seconds/milliseconds)"}
}

// parseEpoch reads a Unix timestamp, its unit told by its size: today is
// about 1.8e9 seconds, 1.8e12 ms, 1.8e15 µs and 1.8e18 ns.
func parseEpoch(s string) (time.Time, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return time.Time{}, &badCell{cell: s, what: "a timestamp"}
	}
	a := math.Abs(f)
	switch {
	case a >= 1e17:
		// Whole nanoseconds are read exactly: a float64 would round them.
		if i, ierr := strconv.ParseInt(s, 10, 64); ierr == nil {
			return time.Unix(0, i).UTC(), nil
		}
		return time.Unix(0, int64(f)).UTC(), nil
	case a >= 1e14:
		return time.UnixMicro(int64(f)).UTC(), nil
	case a >= 1e11:
		return time.UnixMilli(int64(math.Round(f))).UTC(), nil
	default:
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
	}
}

// isNumber reports whether s looks like a plain decimal number (digits, an
// optional sign and fraction), as epoch timestamps are written.
func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	dot := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return s != "."
}

// gapWords are the cells that mean "no value here".
var gapWords = map[string]bool{"": true, "nan": true, "null": true, "none": true, "n/a": true, "na": true, "-": true}

// parseValue reads one value cell: a number, or a gap (NaN).
func parseValue(cell string) (float64, error) {
	s := strings.TrimSpace(cell)
	if gapWords[strings.ToLower(s)] {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		why := ""
		if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
			why = " (a decimal comma? write it with a point)"
		}
		return 0, &badCell{cell: cell, what: "a number", why: why}
	}
	return v, nil
}
