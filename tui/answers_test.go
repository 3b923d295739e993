package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestEightPeopleRateInEightKeys(t *testing.T) {
	people := []string{"Aiko", "Ben", "Chen", "Dana", "Eli", "Fumi", "Gus", "Hana"}
	q := agenda.Question{ID: "u", Kind: agenda.Scale, Min: 1, Max: 5}
	g := newAnswerGrid([]agenda.Question{q}, people)
	var got []answer
	for _, k := range []string{"4", "5", "3", "4", "4", "2", "5", "4"} {
		var a *answer
		g, _, a = g.Update(press(k), DefaultKeyMap())
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
	km := DefaultKeyMap()
	choice := agenda.Question{ID: "trend", Kind: agenda.Choice, Choices: []string{"better", "same", "worse"}}
	yn := agenda.Question{ID: "ok", Kind: agenda.YesNo}
	g := newAnswerGrid([]agenda.Question{choice, yn}, []string{"Aiko"})
	cases := []struct {
		key       string
		wantQ     string
		wantValue string
	}{
		{"3", "trend", "worse"}, // the only person: moves on to the next question
		{"n", "ok", "no"},
	}
	for _, c := range cases {
		var a *answer
		g, _, a = g.Update(press(c.key), km)
		if a == nil || a.question != c.wantQ || a.value != c.wantValue {
			t.Errorf("key %s: answer %+v, want %s=%s", c.key, a, c.wantQ, c.wantValue)
		}
	}
	if _, _, a := g.Update(press("7"), km); a != nil {
		t.Errorf("a key that is no option answered: %+v", a)
	}
}

func TestGroupModeAnswersForTheRoom(t *testing.T) {
	q := agenda.Question{ID: "agree", Kind: agenda.YesNo}
	g := newAnswerGrid([]agenda.Question{q}, []string{"Aiko", "Ben"})
	g, _, _ = g.Update(press("g"), DefaultKeyMap())
	_, _, a := g.Update(press("y"), DefaultKeyMap())
	if a == nil || a.person != journal.GroupRespondent || a.value != "yes" {
		t.Errorf("group answer = %+v", a)
	}
	// A question marked group starts in group mode.
	q.Group = true
	g = newAnswerGrid([]agenda.Question{q}, []string{"Aiko"})
	if rows := g.rows(); len(rows) != 1 || rows[0] != journal.GroupRespondent {
		t.Errorf("rows = %v", rows)
	}
}

func TestTextAnswersAreTyped(t *testing.T) {
	q := agenda.Question{ID: "why", Kind: agenda.Text}
	g := newAnswerGrid([]agenda.Question{q}, []string{"Aiko", "Ben"})
	km := DefaultKeyMap()
	g, _, _ = g.Update(press("enter"), km)
	for _, r := range "pool\x1b[31m size" {
		g, _, _ = g.Update(tea.KeyPressMsg{Code: r, Text: string(r)}, km)
	}
	g, _, a := g.Update(press("enter"), km)
	if a == nil || a.person != "Aiko" || a.value != "pool[31m size" {
		t.Errorf("text answer = %+v", a)
	}
	if g.row != 1 {
		t.Errorf("after an answer the next person is highlighted, row = %d", g.row)
	}
}
