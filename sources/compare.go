package sources

import "math"

// sameBelowPct is the change, in percent of the previous value, under which
// two windows read as the same: a 0.5 % wobble is noise, not news.
const sameBelowPct = 1.0

// DirectionOf is which way a panel's figures are better: latency and errors
// lower, slo higher, load neither (more traffic is news, not a problem), and
// a custom panel what its agenda says in better: ("lower", "higher", or ""
// for neither).
func DirectionOf(kind Kind, better string) Direction {
	switch kind {
	case KindLatency, KindErrors:
		return LowerIsBetter
	case KindSLO:
		return HigherIsBetter
	case KindCustom:
		switch better {
		case "lower":
			return LowerIsBetter
		case "higher":
			return HigherIsBetter
		}
	}
	return Neutral
}

// figureDirection refines a panel's direction per figure: "total" (all
// requests) is neutral on every panel, since serving more requests is not
// worse even where more errors are.
func figureDirection(key string, panel Direction) Direction {
	if key == "total" {
		return Neutral
	}
	return panel
}

// Compare compares every figure present in both summaries (matched by Key),
// in cur's order. Abs is cur − prev and Pct is Abs as a percentage of |prev|
// (NaN when prev is 0), so its sign is the sign of the change.
//
// The verdict: Undecided when either value is NaN; Same when both are equal
// or |Pct| < 1; otherwise Better or Worse by the figure's direction (dir,
// except that "total" is always neutral), or Changed when neutral. When prev
// is 0 and cur is not, the sign of Abs decides.
func Compare(cur, prev Summary, dir Direction) []Change {
	var out []Change
	for _, f := range cur.Figures {
		p, ok := prev.Figure(f.Key)
		if !ok {
			continue
		}
		out = append(out, change(f, p, figureDirection(f.Key, dir)))
	}
	return out
}

// HeadlineChange compares the headline figures of cur and prev; false when
// either summary lacks cur's headline.
func HeadlineChange(cur, prev Summary, dir Direction) (Change, bool) {
	c, okC := cur.Figure(cur.Headline)
	p, okP := prev.Figure(cur.Headline)
	if !okC || !okP {
		return Change{}, false
	}
	return change(c, p, figureDirection(c.Key, dir)), true
}

func change(cur, prev Figure, dir Direction) Change {
	c := Change{
		Key:   cur.Key,
		Label: cur.Label,
		Unit:  cur.Unit,
		Cur:   cur.Value,
		Prev:  prev.Value,
		Abs:   cur.Value - prev.Value,
		Pct:   math.NaN(),
	}
	if math.IsNaN(c.Cur) || math.IsNaN(c.Prev) {
		c.Abs = math.NaN()
		c.Verdict = Undecided
		return c
	}
	if c.Prev != 0 {
		c.Pct = c.Abs / math.Abs(c.Prev) * 100
	}
	switch {
	case c.Cur == c.Prev:
		c.Verdict = Same
	case !math.IsNaN(c.Pct) && math.Abs(c.Pct) < sameBelowPct:
		c.Verdict = Same
	case dir == Neutral:
		c.Verdict = Changed
	case (c.Abs < 0) == (dir == LowerIsBetter):
		c.Verdict = Better
	default:
		c.Verdict = Worse
	}
	return c
}
