package agenda

import (
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/nagame-dev/nagame/sources"
)

const durationHint = "write a duration like 90s, 10m, 1h30m, 30d or 2w"

// positiveDuration reads a duration above zero ("10m", "30d").
func (w *walker) positiveDuration(f field) (time.Duration, bool) {
	if w.empty(f) {
		return 0, false
	}
	s, isString, ok := scalarText(f.val, f.tag)
	if ok && !isString {
		// A bare number has no unit; guessing minutes or seconds would be
		// wrong half the time.
		w.ps.add(f.at(), "add a unit: "+quote(s+"m")+" for minutes, "+quote(s+"s")+" for seconds",
			"%s needs a unit", f.name())
		return 0, false
	}
	if !ok {
		w.ps.add(f.at(), durationHint, "%s must be a duration, not %s", f.name(), describe(f.val))
		return 0, false
	}
	d, err := sources.ParseDuration(s)
	if err != nil {
		w.ps.add(f.at(), durationHint, "%s is not a duration: %s", f.name(), quote(s))
		return 0, false
	}
	if d <= 0 {
		w.ps.add(f.at(), durationHint, "%s must be longer than zero", f.name())
		return 0, false
	}
	return d, true
}

// window reads window: a lookback ("30d") or {from: …, to: …}.
func (w *walker) window(f field) (WindowSpec, bool) {
	if w.empty(f) {
		return WindowSpec{}, false
	}
	if _, isMap := f.val.(*ast.MappingNode); !isMap {
		d, ok := w.positiveDuration(f)
		return WindowSpec{Last: d}, ok
	}
	o, ok := w.object(f.val, f.at(), "window", "window")
	if !ok {
		return WindowSpec{}, false
	}
	w.allow(o, "window", []string{"from", "to"}, nil)
	from, okFrom := w.instant(o, "from")
	to, okTo := w.instant(o, "to")
	if !okFrom || !okTo {
		return WindowSpec{}, false
	}
	if !from.Before(to) {
		tf, _ := o.get("to")
		w.ps.add(tf.at(), "the window runs from the earlier date to the later one",
			"window ends (%s) before it starts (%s)", to.Format(time.RFC3339), from.Format(time.RFC3339))
		return WindowSpec{}, false
	}
	return WindowSpec{From: from, To: to}, true
}

// instant reads a date (2026-10-01, midnight UTC) or an RFC 3339 time.
func (w *walker) instant(o *object, key string) (time.Time, bool) {
	const hint = "write a date like 2026-10-01 or a time like 2026-10-01T09:00:00Z"
	f, ok := o.get(key)
	if !ok {
		w.ps.add(o.at, hint, "window has no %q", key)
		return time.Time{}, false
	}
	s, ok := w.str(f)
	if !ok {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	w.ps.add(f.at(), hint, "%s is not a date: %s", f.name(), quote(s))
	return time.Time{}, false
}

// compare reads compare: none, previous, or a shift back ("180d").
func (w *walker) compare(f field) (CompareSpec, bool) {
	const hint = "write none, previous, or how far back to compare, like 180d"
	if w.empty(f) {
		return CompareSpec{}, false
	}
	s, isString, ok := scalarText(f.val, f.tag)
	if !ok || !isString {
		w.ps.add(f.at(), hint, "compare must be text, not %s", describe(f.val))
		return CompareSpec{}, false
	}
	switch s {
	case CompareNone, ComparePrevious:
		return CompareSpec{Mode: s}, true
	}
	d, err := sources.ParseDuration(s)
	if err != nil {
		if c := closest(s, []string{CompareNone, ComparePrevious}); c != "" {
			w.ps.add(f.at(), "did you mean "+quote(c)+"?", "unknown compare %s", quote(s))
		} else {
			w.ps.add(f.at(), hint, "unknown compare %s", quote(s))
		}
		return CompareSpec{}, false
	}
	if d <= 0 {
		w.ps.add(f.at(), hint, "compare must shift back by more than zero")
		return CompareSpec{}, false
	}
	return CompareSpec{Mode: CompareShift, Shift: d}, true
}
