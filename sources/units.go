package sources

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// durationHint ends every duration error: people write durations in an
// agenda by hand, and an example fixes a typo faster than a grammar.
const durationHint = "want a duration like 90s, 10m, 30d or 2w"

// durationUnits are the units ParseDuration accepts, in nanoseconds: Go's
// (ns, us, µs, ms, s, m, h) plus Datadog's d and w.
var durationUnits = map[string]float64{
	"ns": 1,
	"us": 1e3,
	"µs": 1e3, // U+00B5 micro sign
	"μs": 1e3, // U+03BC Greek mu: what many keyboards type
	"ms": 1e6,
	"s":  1e9,
	"m":  60e9,
	"h":  3600e9,
	"d":  86400e9,
	"w":  7 * 86400e9,
}

// ParseDuration reads a duration in Go or Datadog form: "90s", "10m",
// "1h30m", "500ms", "30d", "2w", "1d12h", "1.5h". A day is 24 h and a week
// 7 d (calendar days do not matter for lookback windows). A bare "0" is zero;
// any other number needs a unit, and negative durations are refused.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("duration is empty: %s", durationHint)
	}
	if in == "0" {
		return 0, nil
	}
	if in[0] == '-' {
		return 0, fmt.Errorf("duration %q is negative: %s", s, durationHint)
	}
	var total float64
	rest := strings.TrimPrefix(in, "+")
	for rest != "" {
		num, after := splitNumber(rest, false)
		if num == "" {
			return 0, fmt.Errorf("duration %q: %s", s, durationHint)
		}
		unit := after
		if i := strings.IndexAny(after, "0123456789."); i >= 0 {
			unit = after[:i]
		}
		rest = after[len(unit):]
		if unit == "" {
			return 0, fmt.Errorf("duration %q: %s needs a unit; %s", s, num, durationHint)
		}
		scale, ok := durationUnits[unit]
		if !ok {
			return 0, fmt.Errorf("duration %q: unknown unit %q; %s", s, unit, durationHint)
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, fmt.Errorf("duration %q: %s", s, durationHint)
		}
		total += v * scale
	}
	if total >= math.MaxInt64 {
		return 0, fmt.Errorf("duration %q is too long (at most about 292 years)", s)
	}
	return time.Duration(math.Round(total)), nil
}

// splitNumber splits a leading decimal number ("12", "1.5", ".5") off s.
// With exp it also takes a sign and an exponent ("-2.5e-3"), which
// durations never have but thresholds may.
func splitNumber(s string, exp bool) (num, rest string) {
	i := 0
	if exp && i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits, dot := 0, false
scan:
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			break scan
		}
	}
	if digits == 0 {
		return "", s
	}
	if exp && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	return s[:i], s[i:]
}

// ParsePercent reads a percentage ("99.5%", "99.5 %" or a bare "99.5", which
// is read as percent too) and returns it as a fraction: 0.995. It must lie
// in (0, 100]. Note that a bare "0.995" is 0.995 %, not 99.5 %.
func ParsePercent(s string) (float64, error) {
	in := strings.TrimSpace(s)
	in = strings.TrimSpace(strings.TrimSuffix(in, "%"))
	v, err := strconv.ParseFloat(in, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("percentage %q: want a number like 99.5%%", s)
	}
	if v <= 0 || v > 100 {
		return 0, fmt.Errorf("percentage %q is out of range: want more than 0%% and at most 100%%", s)
	}
	return v / 100, nil
}

// timeUnits maps the time units a panel or a threshold may use to seconds.
var timeUnits = map[string]float64{
	"ns":  1e-9,
	"us":  1e-6,
	"µs":  1e-6,
	"μs":  1e-6,
	"ms":  1e-3,
	"s":   1,
	"m":   60,
	"min": 60,
	"h":   3600,
}

// ParseQuantity reads a threshold written with or without a unit and returns
// it in unit, the panel's unit: "300ms" in "s" is 0.3, "1.5s" in "ms" is
// 1500, "2%" in "%" is 2 and a bare "0.3" is 0.3 whatever the unit. Time
// units (ns, us/µs, ms, s, m/min, h) convert into each other; any other unit
// must be written exactly as the panel's. Incompatible units are an error
// naming both.
func ParseQuantity(s, unit string) (float64, error) {
	in := strings.TrimSpace(s)
	num, suffix := splitNumber(in, true)
	suffix = strings.TrimSpace(suffix)
	if num == "" {
		return 0, fmt.Errorf("threshold %q: want a number with an optional unit, like 300ms or 0.3", s)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("threshold %q: the number is out of range", s)
	}
	unit = strings.TrimSpace(unit)
	switch {
	case suffix == "" || suffix == unit:
		return v, nil
	case unit == "":
		return 0, fmt.Errorf("threshold %q is in %s but the panel declares no unit: add unit: %s to the panel or write a plain number", s, suffix, suffix)
	}
	from, okFrom := timeUnits[suffix]
	to, okTo := timeUnits[unit]
	if okFrom && okTo {
		return v * from / to, nil
	}
	return 0, fmt.Errorf("threshold %q is in %s, which does not convert to the panel's unit %s: write it in %s or as a plain number", s, suffix, unit, unit)
}
