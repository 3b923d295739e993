package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestEightPeopleRateInEightKeys(t *testing.T) {
	people := []string{"Aiko", "Ben", "Chen", "Dana", "Eli", "Fumi", "Gus", "Hana"}
	q := agenda.Question{ID: "u", Kind: agenda.Scale, Min: 1, Max: 5}
	g := newAnswerGrid([]agenda.Question{q}, people, DefaultKeyMap())
	var got []answer
	for _, k := range []string{"4", "5", "3", "4", "4", "2", "5", "4"} {
		_, a := g.Update(press(k))
		if a == nil {
			t.Fatalf("key %s took no answer", k)
		}
		got = append(got, *a)
	}
	for i, p := range people {
		if got[i].person != p {
			t.Errorf("answer %d went to %s, want %s", i, got[i].person, p)
		}
	}
	if got[0].value != "4" || got[1].value != "5" || got[5].value != "2" {
		t.Errorf("values = %+v", got)
	}
}

func TestGridKeysPerQuestionKind(t *testing.T) {
	choice := agenda.Question{ID: "trend", Kind: agenda.Choice, Choices: []string{"better", "same", "worse"}}
	yn := agenda.Question{ID: "ok", Kind: agenda.YesNo}
	g := newAnswerGrid([]agenda.Question{choice, yn}, []string{"Aiko"}, DefaultKeyMap())
	cases := []struct {
		key       string
		wantQ     string
		wantValue string
	}{
		{"3", "trend", "worse"}, // the only person: moves on to the next question
		{"n", "ok", "no"},
	}
	for _, c := range cases {
		_, a := g.Update(press(c.key))
		if a == nil || a.question != c.wantQ || a.value != c.wantValue {
			t.Errorf("key %s: answer %+v, want %s=%s", c.key, a, c.wantQ, c.wantValue)
		}
	}
	if _, a := g.Update(press("7")); a != nil {
		t.Errorf("a key that is no option answered: %+v", a)
	}
}

func TestGroupModeAnswersForTheRoom(t *testing.T) {
	q := agenda.Question{ID: "agree", Kind: agenda.YesNo}
	g := newAnswerGrid([]agenda.Question{q}, []string{"Aiko", "Ben"}, DefaultKeyMap())
	g.Update(press("g"))
	_, a := g.Update(press("y"))
	if a == nil || a.person != journal.GroupRespondent || a.value != "yes" {
		t.Errorf("group answer = %+v", a)
	}
	// A question marked group starts in group mode.
	q.Group = true
	g = newAnswerGrid([]agenda.Question{q}, []string{"Aiko"}, DefaultKeyMap())
	if rows := g.rows(); len(rows) != 1 || rows[0] != journal.GroupRespondent {
		t.Errorf("rows = %v", rows)
	}
}

func TestTextAnswersAreTyped(t *testing.T) {
	q := agenda.Question{ID: "why", Kind: agenda.Text}
	g := newAnswerGrid([]agenda.Question{q}, []string{"Aiko", "Ben"}, DefaultKeyMap())
	if next, _ := g.Update(press("enter")); next.focus != focusAnswerText {
		t.Fatalf("enter on a text question gives the keys to %v, want the answer text", next.focus)
	}
	g.text.Focus()
	for _, r := range "pool\x1b[31m size" {
		g.text.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, e := g.text.Update(press("enter"))
	a := g.written(e)
	if a == nil || a.person != "Aiko" || a.value != "pool[31m size" {
		t.Errorf("text answer = %+v", a)
	}
	if g.row != 1 {
		t.Errorf("after an answer the next person is highlighted, row = %d", g.row)
	}
}
