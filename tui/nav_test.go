package tui

import (
	"testing"

	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestRouteVisitsEveryStopInOrder(t *testing.T) {
	r := route{panels: 2, review: true, impressions: true, survey: true}
	want := []step{
		{Phase: journal.PhaseOpening},
		{Phase: journal.PhaseActions},
		{Phase: journal.PhasePanels, Panel: 0},
		{Phase: journal.PhasePanels, Panel: 1},
		{Phase: journal.PhaseClosing, Stage: stageImpressions},
		{Phase: journal.PhaseClosing, Stage: stageSurvey},
		{Phase: journal.PhaseSummary},
	}
	s := r.first()
	for i, w := range want {
		if s != w {
			t.Fatalf("stop %d = %+v, want %+v", i, s, w)
		}
		s = r.next(s)
	}
	if s != want[len(want)-1] {
		t.Errorf("next of the summary = %+v, want the summary", s)
	}
	for i := len(want) - 1; i > 0; i-- {
		if p := r.prev(want[i]); p != want[i-1] {
			t.Errorf("prev(%+v) = %+v, want %+v", want[i], p, want[i-1])
		}
	}
	if p := r.prev(want[0]); p != want[0] {
		t.Errorf("prev of the first = %+v", p)
	}
}

func TestRouteSkipsWhatTheMeetingLacks(t *testing.T) {
	r := route{panels: 1, solo: true}
	if got := r.first(); got != (step{Phase: journal.PhasePanels}) {
		t.Errorf("a solo review starts on the first panel, got %+v", got)
	}
	if got := r.next(step{Phase: journal.PhasePanels}); got != (step{Phase: journal.PhaseSummary}) {
		t.Errorf("without impressions or survey the last panel leads to the summary, got %+v", got)
	}
	// A journal that says "opening" in solo mode resumes at the first panel.
	if got := r.next(step{Phase: journal.PhaseOpening}); got != (step{Phase: journal.PhasePanels}) {
		t.Errorf("next(opening) in solo = %+v", got)
	}
	if n, total := r.position(step{Phase: journal.PhaseSummary}); n != 2 || total != 2 {
		t.Errorf("position = %d/%d, want 2/2", n, total)
	}
}

func TestResumeInTheClosingFindsItsStage(t *testing.T) {
	r := route{panels: 1, impressions: false, survey: true}
	got := r.steps()[r.index(step{Phase: journal.PhaseClosing, Stage: stageImpressions})]
	if got != (step{Phase: journal.PhaseClosing, Stage: stageSurvey}) {
		t.Errorf("a closing without impressions resumes in the survey, got %+v", got)
	}
}
