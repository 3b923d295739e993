package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// answer is one answer the grid took.
type answer struct {
	question string
	person   string
	value    string
}

// answerGrid takes the answers of a room fast: one row per present
// participant, one key sets the highlighted person's answer and moves to the
// next person (and after the last, to the next question). A group question
// has a single row for the room's consensus; g switches between the two.
// The panel screen has one for its questions, the closing one for the
// survey; while it has the focus (focusAnswers) keys are answers.
type answerGrid struct {
	km KeyMap
	// panel is the panel whose questions these are, "" for the survey.
	panel     string
	questions []agenda.Question
	people    []string
	q, row    int
	// group marks the questions answered by the room as one.
	group map[string]bool
	// leavable: esc gives the keys back to the screen (on a panel; the
	// survey is nothing but the grid).
	leavable bool
	// solo: one respondent, so no "room" to answer as one.
	solo bool
	// width is how wide the grid is drawn.
	width int
	// text is a text answer being written for the highlighted row
	// (focusAnswerText).
	text lineInput
}

func newAnswerGrid(qs []agenda.Question, people []string, km KeyMap) answerGrid {
	g := answerGrid{km: km, questions: qs, people: people, group: map[string]bool{}}
	g.text = newLineInput(NewStyles(true), "", "the answer, in one line", 500, km.Save, km.Leave, relabel(km.Save, "save & next"), relabel(km.Leave, "save"))
	for _, q := range qs {
		g.group[q.ID] = q.Group
	}
	return g
}

func (g *answerGrid) question() (agenda.Question, bool) {
	if g.q < 0 || g.q >= len(g.questions) {
		return agenda.Question{}, false
	}
	return g.questions[g.q], true
}

// newGrid is an answer grid for the app: its styles, and no group
// answers in a self-review.
func (a *app) newGrid(qs []agenda.Question, people []string) answerGrid {
	g := newAnswerGrid(qs, people, a.keys)
	g.solo = a.state().Start.Solo
	g.text.SetStyles(a.styles)
	g.text.SetWidth(40)
	return g
}

// rows are who answers the current question: the people, or the room.
func (g *answerGrid) rows() []string {
	q, ok := g.question()
	if ok && g.group[q.ID] {
		return []string{journal.GroupRespondent}
	}
	return g.people
}

// target is the question and person the grid is on.
func (g *answerGrid) target() (question, person string) {
	q, ok := g.question()
	rows := g.rows()
	if !ok || g.row >= len(rows) {
		return "", ""
	}
	return q.ID, rows[g.row]
}

// optionDigit is the digit that picks option i: the option itself when it
// is a digit (scales), else its position (1–9, then 0 for the tenth); -1
// when no digit is left for it.
func optionDigit(q agenda.Question, i int) int {
	opts := q.Options()
	if q.Kind == agenda.Scale && len(opts[i]) == 1 {
		if d, err := strconv.Atoi(opts[i]); err == nil {
			return d
		}
	}
	switch {
	case i < 9:
		return i + 1
	case i == 9:
		return 0
	}
	return -1
}

// optionKey is optionDigit as shown.
func optionKey(q agenda.Question, i int) string {
	if d := optionDigit(q, i); d >= 0 {
		return strconv.Itoa(d)
	}
	return strconv.Itoa(i + 1)
}

// valueFor maps a key to an option of q; y and n also answer yes/no
// questions.
func (g *answerGrid) valueFor(q agenda.Question, k tea.KeyPressMsg) (string, bool) {
	if q.Kind == agenda.YesNo {
		switch {
		case key.Matches(k, g.km.Yes):
			return "yes", true
		case key.Matches(k, g.km.No):
			return "no", true
		}
	}
	for i, o := range q.Options() {
		if d := optionDigit(q, i); d >= 0 && key.Matches(k, g.km.Digit[d]) {
			return o, true
		}
	}
	return "", false
}

// Update handles a key while the grid has the focus: it returns what the
// shell is asked (where keys go next, a move along the route) and the
// answer taken, if any.
func (g *answerGrid) Update(k tea.KeyPressMsg) (ask, *answer) {
	stay := ask{focus: focusAnswers}
	switch {
	case key.Matches(k, g.km.ArrowNext):
		return ask{focus: focusAnswers, move: 1}, nil
	case key.Matches(k, g.km.ArrowPrev):
		return ask{focus: focusAnswers, move: -1}, nil
	case g.leavable && key.Matches(k, g.km.Leave):
		return ask{focus: focusNone}, nil
	}
	q, ok := g.question()
	if !ok {
		return stay, nil
	}
	rows := g.rows()
	switch {
	case key.Matches(k, g.km.Up) && len(rows) > 1:
		g.row = max(0, g.row-1)
	case key.Matches(k, g.km.Down) && len(rows) > 1:
		g.row = min(len(rows)-1, g.row+1)
	case key.Matches(k, g.km.NextQuestion) && len(g.questions) > 1:
		g.moveQuestion(1)
	case key.Matches(k, g.km.PrevQuestion) && len(g.questions) > 1:
		g.moveQuestion(-1)
	case key.Matches(k, g.km.Group) && !g.solo:
		g.group[q.ID] = !g.group[q.ID]
		g.row = 0
	case key.Matches(k, g.km.Clear):
		return stay, &answer{question: q.ID, person: rows[g.row]}
	case q.Kind == agenda.Text && key.Matches(k, g.km.Save):
		g.text.SetValue("")
		return ask{focus: focusAnswerText}, nil
	case q.Kind != agenda.Text:
		if v, ok := g.valueFor(q, k); ok {
			a := &answer{question: q.ID, person: rows[g.row], value: v}
			g.advance()
			return stay, a
		}
	}
	return stay, nil
}

// written finishes the text answer: enter keeps it and moves on, esc keeps
// it and stays on the person. An empty text takes no answer (its draft, if
// typed, still journals the answer cleared).
func (g *answerGrid) written(e edit) *answer {
	q, person := g.target()
	var a *answer
	if v := text.Line(g.text.Value()); v != "" {
		a = &answer{question: q, person: person, value: v}
	}
	if e == submitted {
		g.advance()
	}
	return a
}

// onKey gives a key to the grid and journals the answer it takes; writing
// a text answer starts from the person's answer so far, to edit it.
func (g *answerGrid) onKey(a *app, k tea.KeyPressMsg) (tea.Cmd, ask) {
	next, ans := g.Update(k)
	if ans != nil {
		a.save(g.event(*ans))
	}
	if next.focus == focusAnswerText {
		q, person := g.target()
		g.text.SetValue(g.current(a, q, person))
	}
	return nil, next
}

// onText journals a text answer as it is written.
func (g *answerGrid) onText(a *app, e edit) (tea.Cmd, ask) {
	if e == changed {
		q, person := g.target()
		return a.draft(g.event(answer{question: q, person: person, value: text.Line(g.text.Value())})), ask{focus: focusAnswerText}
	}
	if ans := g.written(e); ans != nil {
		a.save(g.event(*ans))
	}
	return nil, ask{focus: focusAnswers}
}

// event is the event that journals an answer: a panel's question, or a
// survey question.
func (g *answerGrid) event(a answer) journal.Event {
	if g.panel == "" {
		return journal.Event{Type: journal.EvSurvey, Question: a.question, Person: a.person, Value: a.value}
	}
	return journal.Event{Type: journal.EvAnswer, Panel: g.panel, Question: a.question, Person: a.person, Value: a.value}
}

// current is what a person answered to a question of the grid so far.
func (g *answerGrid) current(a *app, question, person string) string {
	if g.panel == "" {
		return a.state().Survey[question][person]
	}
	return a.state().Answer(g.panel, question, person)
}

// advance moves to the next person, or after the last to the next question.
func (g *answerGrid) advance() {
	if g.row+1 < len(g.rows()) {
		g.row++
		return
	}
	if g.q+1 < len(g.questions) {
		g.q++
		g.row = 0
	}
}

func (g *answerGrid) moveQuestion(d int) {
	g.q = (g.q + d + len(g.questions)) % len(g.questions)
	g.row = 0
}

// answerKeys is the help entry of the current question's answer keys:
// "1–3", "y/n/1–2", or enter for a text answer.
func (g *answerGrid) answerKeys() key.Binding {
	q, ok := g.question()
	if !ok {
		return key.NewBinding(key.WithDisabled())
	}
	if q.Kind == agenda.Text {
		return relabel(g.km.Save, "write the answer")
	}
	var keys []string
	hint := ""
	if q.Kind == agenda.YesNo {
		keys = append(keys, g.km.Yes.Keys()...)
		keys = append(keys, g.km.No.Keys()...)
		hint = g.km.Yes.Help().Key + "/" + g.km.No.Help().Key + "/"
	}
	opts := q.Options()
	for i := range opts {
		if d := optionDigit(q, i); d >= 0 {
			keys = append(keys, g.km.Digit[d].Keys()...)
		}
	}
	hint += optionKey(q, 0) + "–" + optionKey(q, len(opts)-1)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(hint, "answer & next"))
}

// moves are the grid's keys that move along the meeting: while answering,
// letters are answers, so only the arrows go to the next stop.
func (g *answerGrid) moves() []key.Binding {
	next, prev := "next panel", "previous panel"
	if g.panel == "" {
		next, prev = "finish the survey", "back to the impressions"
	}
	return []key.Binding{relabel(g.km.ArrowNext, next), relabel(g.km.ArrowPrev, prev)}
}

// rowKeys are the keys that choose whose answer it is: none when one row
// answers (a self-review, a question the room answers as one).
func (g *answerGrid) rowKeys() []key.Binding {
	return when(len(g.rows()) > 1, g.km.Up, g.km.Down)
}

func (g *answerGrid) ShortHelp() []key.Binding {
	k := g.km
	out := append([]key.Binding{g.answerKeys()}, g.rowKeys()...)
	out = append(out, when(len(g.questions) > 1, k.NextQuestion)...)
	out = append(out, g.moves()[0])
	out = append(out, when(g.leavable, k.Leave)...)
	return append(out, when(!g.solo, k.Group)...)
}

func (g *answerGrid) FullHelp() [][]key.Binding {
	k := g.km
	return [][]key.Binding{
		append([]key.Binding{g.answerKeys(), k.Clear}, g.rowKeys()...),
		append(append(when(len(g.questions) > 1, k.NextQuestion, k.PrevQuestion), when(!g.solo, k.Group)...), when(g.leavable, k.Leave)...),
		g.moves(),
	}
}

// View draws the current question, its options, its tally so far and its
// rows; answers are the recorded ones (question → person → answer),
// writing says a text answer is being typed. height bounds what is shown
// (the highlighted row stays visible); dist false (an anonymous survey)
// shows counts without the distribution.
func (g *answerGrid) View(st Styles, answers map[string]map[string]string, height int, writing, dist bool) string {
	q, ok := g.question()
	if !ok {
		return st.Subtle.Render("No questions.")
	}
	w := max(20, g.width)
	head := g.askLines(st, q, w)
	head = append(head, truncate(g.optionsLine(st, q), w))
	t := tallyOf(q, answers[q.ID], g.people)
	head = append(head, tallyLine(st, t, len(g.people), w, dist))
	rows := g.rows()
	nameW := 8
	for _, p := range rows {
		nameW = max(nameW, lipgloss.Width(g.personLabel(p)))
	}
	lines := make([]string, len(rows))
	for i, p := range rows {
		v := answers[q.ID][p]
		name := lipgloss.NewStyle().Width(nameW).Render(text.Line(g.personLabel(p)))
		val := st.Faint.Render("–")
		if v != "" {
			val = st.Accent.Render(text.Line(v))
		}
		if writing && i == g.row {
			val = g.text.View()
		}
		cursor, line := "  ", name+"  "+val
		if i == g.row {
			cursor = st.Cursor.Render("▸ ")
			line = st.Bold.Render(name) + "  " + val
		}
		lines[i] = cursor + line
	}
	return strings.Join(head, "\n") + "\n" + listLines(st, lines, g.row, 1, max(1, height-len(head)))
}

// askLines is the question, wrapped after its number.
func (g *answerGrid) askLines(st Styles, q agenda.Question, w int) []string {
	title := fmt.Sprintf("Question %d/%d  ", g.q+1, len(g.questions))
	var out []string
	for i, l := range text.Wrap(text.Line(q.Ask), max(10, w-text.Width(title))) {
		if i == 0 {
			out = append(out, st.Label.Render(title)+st.Title.Render(l))
		} else {
			out = append(out, strings.Repeat(" ", text.Width(title))+st.Title.Render(l))
		}
	}
	return out
}

// optionsLine is the legend of the answer keys, in the text's own weight:
// the room reads it to know what a key meant.
func (g *answerGrid) optionsLine(st Styles, q agenda.Question) string {
	mode := ""
	if !g.solo {
		mode = " · each person · g: the room as one"
		if g.group[q.ID] {
			mode = " · the room as one · g: each person"
		}
	}
	if q.Kind == agenda.Text {
		return st.Bold.Render("enter") + " writes the answer" + st.Subtle.Render(mode)
	}
	var parts []string
	for i, o := range q.Options() {
		k := optionKey(q, i)
		if q.Kind == agenda.YesNo {
			k = string(o[0]) + "/" + k
		}
		if k == o {
			parts = append(parts, st.Bold.Render(o))
		} else {
			parts = append(parts, st.Bold.Render(k)+" "+text.Line(o))
		}
	}
	return strings.Join(parts, "   ") + st.Subtle.Render(mode)
}

// personLabel is how a row is named: a person, or the room (in a
// self-review, "you").
func (g *answerGrid) personLabel(p string) string {
	if p == journal.GroupRespondent {
		return roomWord(len(g.people))
	}
	return p
}
