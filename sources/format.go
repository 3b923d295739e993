package sources

import (
	"math"
	"strconv"
	"strings"
)

// sigDigits is how many significant digits FormatValue keeps: enough to tell
// 142 ms from 147 ms, few enough to read aloud in a meeting.
const sigDigits = 3

// FormatValue renders a value in its unit, short, for charts and tables:
//
//   - time units (ns, us, µs, ms, s, m, min, h) pick the clearest of ns, µs,
//     ms, s, min and h: 0.142 s → "142 ms", 1.2412 s → "1.24 s", 0.00085 s
//     → "850 µs";
//   - "%" keeps small shares readable ("0.02 %", "4.1 %") and never rounds a
//     value just under 100 up to 100: 99.95 → "99.95 %";
//   - anything else (rates, counts, bytes) gets k, M, G, T suffixes:
//     1200 req/s → "1.2k req/s", 3.4e6 → "3.4M".
//
// Three significant digits, trailing zeros dropped; NaN is "–" (an en dash)
// and ±Inf "∞"/"-∞". The output depends only on the arguments.
func FormatValue(v float64, unit string) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case math.IsInf(v, 1):
		return withUnit("∞", unit)
	case math.IsInf(v, -1):
		return withUnit("-∞", unit)
	}
	if scale, ok := timeUnits[unit]; ok {
		return formatSeconds(v * scale)
	}
	if unit == "%" {
		return withUnit(formatPercent(v), unit)
	}
	return withUnit(formatSI(v), unit)
}

func withUnit(num, unit string) string {
	if unit == "" {
		return num
	}
	return num + " " + unit
}

// formatSeconds picks the time unit after rounding, so 0.9996 s reads "1 s"
// and not "1000 ms".
func formatSeconds(sec float64) string {
	r := math.Abs(roundSig(sec, sigDigits))
	switch {
	case r == 0:
		return "0 s"
	case r < 1e-6:
		return sig(sec*1e9, sigDigits) + " ns"
	case r < 1e-3:
		return sig(sec*1e6, sigDigits) + " µs"
	case r < 1:
		return sig(sec*1e3, sigDigits) + " ms"
	case r < 1000:
		return sig(sec, sigDigits) + " s"
	case r < 1000*60:
		return sig(sec/60, sigDigits) + " min"
	default:
		return sig(sec/3600, sigDigits) + " h"
	}
}

// formatPercent shows shares just under 100 % with enough decimals that the
// distance to 100 keeps two significant digits: an SLI of 99.95 % must not
// read 100 %.
func formatPercent(p float64) string {
	gap := 100 - math.Abs(p)
	if gap > 0 && gap < 10 {
		dec := 1 - int(math.Floor(math.Log10(gap)))
		dec = min(max(dec, 1), 6)
		return trimZeros(strconv.FormatFloat(p, 'f', dec, 64))
	}
	return sig(p, sigDigits)
}

// siSuffixes are the suffixes of formatSI, largest first.
var siSuffixes = []struct {
	scale  float64
	suffix string
}{{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}

// formatSI scales by the suffix after rounding, so 999,600 reads "1M" and not
// "1000k".
func formatSI(v float64) string {
	r := math.Abs(roundSig(v, sigDigits))
	if r >= 1e15 {
		return sig(v, sigDigits) // an exponent: "1e+18"
	}
	for _, s := range siSuffixes {
		if r >= s.scale {
			return sig(v/s.scale, sigDigits) + s.suffix
		}
	}
	return sig(v, sigDigits)
}

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(n-digitsBeforePoint(v)))
	return math.Round(v*p) / p
}

// digitsBeforePoint is the position of v's leading digit: 2 for 42, 0 for
// 0.5, -1 for 0.05.
func digitsBeforePoint(v float64) int {
	return int(math.Floor(math.Log10(math.Abs(v)))) + 1
}

// sig formats v with n significant digits (all integer digits of a larger
// number) and no trailing zeros. Beyond a million or below a millionth it
// switches to an exponent, so a wild value cannot make a label 300 digits
// wide.
func sig(v float64, n int) string {
	if v == 0 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e6 || a < 1e-6 {
		return strconv.FormatFloat(v, 'g', n, 64)
	}
	dec := min(max(n-digitsBeforePoint(v), 0), 15)
	return trimZeros(strconv.FormatFloat(v, 'f', dec, 64))
}

// trimZeros drops the trailing zeros of a decimal fraction ("1.50" → "1.5",
// "2.0" → "2") and turns a rounded "-0" into "0".
func trimZeros(s string) string {
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// FormatChange renders a comparison for a table or the minutes: the change
// in percent with its sign (a true minus sign) and verdict, "−21 % (better)",
// "+25 %" (load: changed, neither better nor worse), "+0.4 % (same)".
// When the previous value was 0 the percentage is undefined and the absolute
// change is shown instead ("+5 (worse)"); when either side has no data it is
// "n/a".
func FormatChange(c Change) string {
	if c.Verdict == Undecided || math.IsNaN(c.Cur) || math.IsNaN(c.Prev) {
		return "n/a"
	}
	var num string
	if math.IsNaN(c.Pct) || math.IsInf(c.Pct, 0) {
		num = signOf(c.Abs) + FormatValue(math.Abs(c.Abs), c.Unit)
	} else {
		num = signOf(c.Pct) + formatPct(math.Abs(c.Pct)) + " %"
	}
	switch c.Verdict {
	case Better, Worse, Same:
		return num + " (" + string(c.Verdict) + ")"
	default:
		return num
	}
}

// signOf is "+" or "−" (U+2212, which lines up with "+" in proportional
// fonts), and "" for zero.
func signOf(v float64) string {
	switch {
	case v > 0:
		return "+"
	case v < 0:
		return "−"
	default:
		return ""
	}
}

// formatPct shows a percentage change: whole numbers from 10 % up, two
// significant digits below ("4.1", "0.42").
func formatPct(p float64) string {
	if p >= 10 {
		return strconv.FormatFloat(p, 'f', 0, 64)
	}
	return sig(p, 2)
}

// FormatTick renders one label of a chart axis whose labels are multiples
// of step (a 1–2–5 step: 0.05, 100, 2000) and whose largest label in
// magnitude is largest. Every label of the axis is in one display unit,
// chosen for largest as FormatValue would choose it (ms up to 999 ms, then
// s; k, M, G suffixes), with as many decimals as step needs and trailing
// zeros dropped: 0.1 s steps on a 0–0.4 s axis read "0 ms" … "400 ms",
// 0.5 % steps "0.5 %", "1 %", "1.5 %". Labels of distinct multiples of step
// are therefore distinct.
func FormatTick(v, step float64, unit string, largest float64) string {
	if !(step > 0) || math.IsInf(step, 0) || math.IsNaN(v) || math.IsInf(v, 0) {
		return FormatValue(v, unit)
	}
	largest = math.Abs(largest)
	if scale, ok := timeUnits[unit]; ok {
		name, per := secondsUnit(largest * scale)
		return fixed(v*scale/per, step*scale/per) + " " + name
	}
	if unit == "%" {
		return withUnit(fixed(v, step), unit)
	}
	r := roundSig(largest, sigDigits)
	if r >= 1e15 {
		return withUnit(sig(v, sigDigits), unit)
	}
	for _, s := range siSuffixes {
		if r >= s.scale && v != 0 { // "0", not "0k"
			return withUnit(fixed(v/s.scale, step/s.scale)+s.suffix, unit)
		}
	}
	return withUnit(fixed(v, step), unit)
}

// secondsUnit is the time unit FormatValue would show sec seconds in, and
// its length in seconds.
func secondsUnit(sec float64) (string, float64) {
	r := math.Abs(roundSig(sec, sigDigits))
	switch {
	case r == 0, r >= 1 && r < 1000:
		return "s", 1
	case r < 1e-6:
		return "ns", 1e-9
	case r < 1e-3:
		return "µs", 1e-6
	case r < 1:
		return "ms", 1e-3
	case r < 1000*60:
		return "min", 60
	default:
		return "h", 3600
	}
}

// fixed writes v with the decimals a multiple of step needs (step 0.05:
// two, 0.025: three), trailing zeros dropped.
func fixed(v, step float64) string {
	dec := 0
	for m := step; dec < 15; dec++ {
		if r := math.Round(m); r != 0 && math.Abs(m-r) <= 1e-9*math.Abs(m) {
			break
		}
		m *= 10
	}
	return trimZeros(strconv.FormatFloat(v, 'f', dec, 64))
}
