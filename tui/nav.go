package tui

import (
	"github.com/nagame-dev/nagame/sessions/journal"
)

// step is one stop of the meeting: a phase, and within the panels phase the
// panel's index, within the closing its stage.
type step struct {
	Phase string
	Panel int
	Stage string
}

// Closing stages.
const (
	stageImpressions = "impressions"
	stageSurvey      = "survey"
)

// route is which stops this meeting has: attendance only with a room,
// earlier action items only when some are open, impressions and survey only
// when the agenda asks for them.
type route struct {
	panels      int
	solo        bool
	review      bool
	impressions bool
	survey      bool
}

// steps lists every stop in order.
func (r route) steps() []step {
	var out []step
	if !r.solo {
		out = append(out, step{Phase: journal.PhaseOpening})
	}
	if r.review {
		out = append(out, step{Phase: journal.PhaseActions})
	}
	for i := range r.panels {
		out = append(out, step{Phase: journal.PhasePanels, Panel: i})
	}
	if r.impressions {
		out = append(out, step{Phase: journal.PhaseClosing, Stage: stageImpressions})
	}
	if r.survey {
		out = append(out, step{Phase: journal.PhaseClosing, Stage: stageSurvey})
	}
	return append(out, step{Phase: journal.PhaseSummary})
}

// index finds s among the steps; a stop the route lacks (an opening in solo
// mode) maps to the first stop after where it would be.
func (r route) index(s step) int {
	all := r.steps()
	for i, x := range all {
		if x == s {
			return i
		}
	}
	rank := phaseRank(s.Phase)
	for i, x := range all {
		if phaseRank(x.Phase) > rank || (phaseRank(x.Phase) == rank && x.Panel >= s.Panel) {
			return i
		}
	}
	return len(all) - 1
}

// next is the stop after s (the summary stays the summary).
func (r route) next(s step) step {
	all := r.steps()
	i := r.index(s)
	if i+1 < len(all) && all[i] == s {
		return all[i+1]
	}
	if all[i] != s {
		return all[i]
	}
	return s
}

// prev is the stop before s (the first stays the first).
func (r route) prev(s step) step {
	all := r.steps()
	i := r.index(s)
	if i > 0 {
		return all[i-1]
	}
	return all[0]
}

// first is where a new meeting begins.
func (r route) first() step { return r.steps()[0] }

// position is "3/6"-style progress over all stops.
func (r route) position(s step) (int, int) {
	return r.index(s) + 1, len(r.steps())
}

func phaseRank(p string) int {
	switch p {
	case journal.PhaseOpening:
		return 0
	case journal.PhaseActions:
		return 1
	case journal.PhasePanels:
		return 2
	case journal.PhaseClosing:
		return 3
	}
	return 4
}
