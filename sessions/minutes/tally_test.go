package minutes

import (
	"math"
	"reflect"
	"testing"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestTallyScale(t *testing.T) {
	q := agenda.Question{ID: "u", Kind: agenda.Scale, Min: 1, Max: 5}
	answers := map[string]string{"Aiko": "4", "Ben": "5", "Chen": "3", "Dana": "4", "Eli": "nope"}
	got := TallyAnswers(q, answers, []string{"Eli", "Dana", "Chen", "Ben", "Aiko"})
	// Eli's "nope" is not on the scale: 4 respondents, mean (4+5+3+4)/4 = 4.
	if got.Respondents != 4 || got.Mean != 4 {
		t.Errorf("respondents %d mean %v, want 4 and 4", got.Respondents, got.Mean)
	}
	want := []Bucket{{"1", 0}, {"2", 0}, {"3", 1}, {"4", 2}, {"5", 1}}
	if !reflect.DeepEqual(got.Buckets, want) {
		t.Errorf("buckets = %v, want %v", got.Buckets, want)
	}
	if got.Responses[0].Person != "Dana" {
		t.Errorf("responses follow the given order: %v", got.Responses)
	}
}

func TestTallyYesNoAndGroup(t *testing.T) {
	q := agenda.Question{ID: "again", Kind: agenda.YesNo}
	got := TallyAnswers(q, map[string]string{"Aiko": "yes", "Ben": "no", "Chen": "yes", "Dana": "yes", journal.GroupRespondent: "yes"}, nil)
	// 3 of 4 people said yes; the room's answer is not a person's.
	if got.Respondents != 4 || got.YesShare != 0.75 || got.Group != "yes" {
		t.Errorf("respondents %d yes %v group %q", got.Respondents, got.YesShare, got.Group)
	}
	if !math.IsNaN(got.Mean) {
		t.Errorf("a yes/no question has no mean: %v", got.Mean)
	}
}

func TestTallyChoiceAndText(t *testing.T) {
	c := agenda.Question{ID: "trend", Kind: agenda.Choice, Choices: []string{"better", "same", "worse"}}
	got := TallyAnswers(c, map[string]string{"A": "worse", "B": "worse", "C": "same"}, nil)
	want := []Bucket{{"better", 0}, {"same", 1}, {"worse", 2}}
	if !reflect.DeepEqual(got.Buckets, want) {
		t.Errorf("buckets = %v, want %v", got.Buckets, want)
	}
	txt := agenda.Question{ID: "c", Kind: agenda.Text}
	got = TallyAnswers(txt, map[string]string{"B": "more SLOs", "A": "  "}, nil)
	if got.Respondents != 1 || len(got.Texts) != 1 || got.Texts[0].Value != "more SLOs" || len(got.Buckets) != 0 {
		t.Errorf("text tally = %+v", got)
	}
}

func TestTallyOfNobody(t *testing.T) {
	got := TallyAnswers(agenda.Question{ID: "u", Kind: agenda.Scale, Min: 1, Max: 3}, nil, nil)
	if got.Respondents != 0 || !math.IsNaN(got.Mean) || len(got.Buckets) != 3 {
		t.Errorf("empty tally = %+v", got)
	}
}
