package agenda

import (
	"reflect"
	"strings"
	"testing"
)

// withQuestions builds an agenda whose one panel's questions start at line
// 8, each line indented by six spaces: "- {id: " puts a flow question's
// brace at column 9 and its id's value at column 15.
func withQuestions(lines ...string) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ntitle: t\npanels:\n  - id: p\n    kind: load\n    query: q\n    questions:\n")
	for _, l := range lines {
		b.WriteString("      " + l + "\n")
	}
	return []byte(b.String())
}

func TestParseAgendaQuestionErrors(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			name:  "a question needs a form",
			lines: []string{"- {id: q, ask: Why?}"},
			want:  []string{`x.yaml:8:9: question "q" of panel "p" says no kind of answer; give it one of: choice: [a, b, c], scale: [1, 5], yesno: true or text: true`},
		},
		{
			name: "only one form",
			// "      - {id: q, ask: Why?, yesno: true, " is 40 characters.
			lines: []string{"- {id: q, ask: Why?, yesno: true, text: true}"},
			want:  []string{`x.yaml:8:41: question "q" of panel "p" has yesno and text: a question takes one kind of answer; keep one`},
		},
		{
			name:  "yesno: false is no form",
			lines: []string{"- {id: q, ask: Why?, yesno: false}"},
			// "      - {id: q, ask: Why?, yesno: " is 34 characters.
			want: []string{`x.yaml:8:35: yesno: false is not a kind of answer; write yesno: true, or another form`},
		},
		{
			name: "duplicate question ids in a panel",
			lines: []string{
				"- {id: q, ask: A?, text: true}",
				"- {id: q, ask: B?, text: true}",
			},
			want: []string{`x.yaml:9:14: duplicate question id "q" of panel "p" (first at line 8); give each question its own id`},
		},
		{
			name:  "choices are unique",
			lines: []string{"- {id: q, ask: A?, choice: [up, down, up]}"},
			// "      - {id: q, ask: A?, choice: [" is 34 characters: up at 35,
			// down at 39, the second up at 45.
			want: []string{`x.yaml:8:45: choice "up" is listed twice (first at line 8); list each choice once`},
		},
		{
			name:  "one choice is no choice",
			lines: []string{"- {id: q, ask: A?, choice: [yes]}"},
			want:  []string{`x.yaml:8:34: "choice" in question "q" of panel "p" needs at least two choices; list at least two choices, like [better, same, worse]`},
		},
		{
			name:  "blank choice",
			lines: []string{`- {id: q, ask: A?, choice: [a, ""]}`},
			want:  []string{`x.yaml:8:38: item 2 of "choice" in question "q" of panel "p" is blank`},
		},
		{
			name:  "scale runs low to high",
			lines: []string{"- {id: q, ask: A?, scale: [5, 1]}"},
			want:  []string{`x.yaml:8:33: "scale" in question "q" of panel "p" must go from low to high; write scale: [1, 5]`},
		},
		{
			name:  "scale of at most ten steps",
			lines: []string{"- {id: q, ask: A?, scale: [0, 11]}"},
			// 11 − 0 = 11 steps > 10.
			want: []string{`x.yaml:8:33: "scale" in question "q" of panel "p" spans 11 steps; at most 10; a scale of 1 to 5 or 0 to 10 is answered consistently`},
		},
		{
			name:  "scale of two whole numbers",
			lines: []string{"- {id: q, ask: A?, scale: [1, 2.5]}"},
			// "      - {id: q, ask: A?, scale: [1, " is 36 characters.
			want: []string{`x.yaml:8:37: item 2 of "scale" in question "q" of panel "p" must be a whole number, not a number`},
		},
		{
			name:  "a question needs ask",
			lines: []string{"- {id: q, text: true}"},
			want:  []string{`x.yaml:8:9: question "q" of panel "p" has no ask; add ask: with the question people answer`},
		},
		{
			name:  "unknown key in a question",
			lines: []string{"- {id: q, ask: A?, text: true, grup: true}"},
			// "      - {id: q, ask: A?, text: true, " is 37 characters.
			want: []string{`x.yaml:8:38: unknown key "grup" in question "q" of panel "p"; did you mean "group"?`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, withQuestions(tt.lines...), tt.want)
		})
	}
}

func TestParseAgendaQuestionForms(t *testing.T) {
	a, err := Parse("x.yaml", withQuestions(
		"- {id: trend, ask: Trend?, choice: [better, same, worse]}",
		"- {id: stars, ask: Stars?, scale: [1, 5]}",
		"- {id: ok, ask: OK?, yesno: true, group: true}",
		"- {id: notes, ask: Notes?, text: true}",
		"- {id: pick, ask: Pick?, choice: [1, 2, 3]}",
	), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []Question{
		{ID: "trend", Ask: "Trend?", Kind: Choice, Choices: []string{"better", "same", "worse"}},
		{ID: "stars", Ask: "Stars?", Kind: Scale, Min: 1, Max: 5},
		{ID: "ok", Ask: "OK?", Kind: YesNo, Group: true},
		{ID: "notes", Ask: "Notes?", Kind: Text},
		// Numbers as choices are taken as written.
		{ID: "pick", Ask: "Pick?", Kind: Choice, Choices: []string{"1", "2", "3"}},
	}
	if got := a.Panels[0].Questions; !reflect.DeepEqual(got, want) {
		t.Errorf("questions:\n  got  %+v\n  want %+v", got, want)
	}
}

func TestParseAgendaClosing(t *testing.T) {
	const head = "version: 1\ntitle: t\npanels:\n  - {id: p, kind: load, query: q}\n"
	tests := []struct {
		name string
		tail string
		want Closing
	}{
		{"defaults when absent", "", Closing{Impressions: true, Survey: DefaultSurvey(), Anonymous: true}},
		{"an empty survey is no survey", "closing: {survey: []}", Closing{Impressions: true, Survey: []Question{}, Anonymous: true}},
		{"settings", "closing: {impressions: false, anonymous: false}", Closing{Survey: DefaultSurvey()}},
		{"own survey", "closing:\n  survey:\n    - {id: nps, ask: Recommend?, scale: [0, 10]}",
			Closing{Impressions: true, Anonymous: true, Survey: []Question{{ID: "nps", Ask: "Recommend?", Kind: Scale, Min: 0, Max: 10}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("x.yaml", []byte(head+tt.tail+"\n"), "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Closing, tt.want) {
				t.Errorf("closing:\n  got  %+v\n  want %+v", a.Closing, tt.want)
			}
		})
	}
}

func TestParseAgendaClosingErrors(t *testing.T) {
	const head = "version: 1\ntitle: t\npanels:\n  - {id: p, kind: load, query: q}\n"
	tests := []struct {
		name string
		tail string
		want []string
	}{
		{"unknown key", "closing: {impresions: true}",
			[]string{`x.yaml:5:11: unknown key "impresions" in closing; did you mean "impressions"?`}},
		{"not a boolean", "closing: {anonymous: yes}",
			// "closing: {anonymous: " is 21 characters.
			[]string{`x.yaml:5:22: "anonymous" in closing must be true or false, not text`}},
		{"duplicate survey ids", "closing:\n  survey:\n    - {id: a, ask: A?, text: true}\n    - {id: a, ask: B?, text: true}",
			[]string{`x.yaml:8:12: duplicate question id "a" of the survey (first at line 7); give each question its own id`}},
		{"survey: with no value", "closing:\n  survey:",
			[]string{`x.yaml:6:3: "survey" in closing has no value; give it a value or remove the line`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, []byte(head+tt.tail+"\n"), tt.want)
		})
	}
}
