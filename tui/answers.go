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
	// text is a text answer being written for the highlighted row
	// (focusAnswerText).
	text lineInput
}

func newAnswerGrid(qs []agenda.Question, people []string, km KeyMap) answerGrid {
	g := answerGrid{km: km, questions: qs, people: people, group: map[string]bool{}}
	g.text = newLineInput("", "", 500, km.Save, km.Leave, relabel(km.Save, "save & next"), relabel(km.Leave, "save"))
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
	case key.Matches(k, g.km.Up):
		g.row = max(0, g.row-1)
	case key.Matches(k, g.km.Down):
		g.row = min(len(rows)-1, g.row+1)
	case key.Matches(k, g.km.NextQuestion):
		g.moveQuestion(1)
	case key.Matches(k, g.km.PrevQuestion):
		g.moveQuestion(-1)
	case key.Matches(k, g.km.Group):
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

// answerKeys is the help entry of the current question's answer keys.
func (g *answerGrid) answerKeys() key.Binding {
	q, ok := g.question()
	if !ok {
		return key.NewBinding(key.WithDisabled())
	}
	if q.Kind == agenda.Text {
		return relabel(g.km.Save, "answer & next")
	}
	var keys []string
	if q.Kind == agenda.YesNo {
		keys = append(keys, g.km.Yes.Keys()...)
		keys = append(keys, g.km.No.Keys()...)
	}
	opts := q.Options()
	for i := range opts {
		if d := optionDigit(q, i); d >= 0 {
			keys = append(keys, g.km.Digit[d].Keys()...)
		}
	}
	hint := optionKey(q, 0) + "–" + optionKey(q, len(opts)-1)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(hint, "answer & next"))
}

func (g *answerGrid) ShortHelp() []key.Binding {
	k := g.km
	return append([]key.Binding{g.answerKeys(), k.Up, k.Down, k.Group, k.Clear, k.NextQuestion}, when(g.leavable, k.Leave)...)
}

func (g *answerGrid) FullHelp() [][]key.Binding {
	k := g.km
	return [][]key.Binding{
		{g.answerKeys(), k.Up, k.Down},
		{k.Group, k.Clear},
		append([]key.Binding{k.NextQuestion, k.PrevQuestion}, when(g.leavable, k.Leave)...),
		{k.ArrowNext, k.ArrowPrev},
	}
}

// View draws the current question and its rows; get reads the recorded
// answers, writing says a text answer is being typed. height bounds the
// rows shown (the highlighted row stays visible).
func (g *answerGrid) View(st Styles, get func(question, person string) string, height int, writing bool) string {
	q, ok := g.question()
	if !ok {
		return st.Faint.Render("No questions.")
	}
	var b strings.Builder
	title := fmt.Sprintf("Question %d/%d  ", g.q+1, len(g.questions))
	b.WriteString(st.Label.Render(title) + st.Title.Render(text.Line(q.Ask)) + "\n")
	b.WriteString(st.Faint.Render(g.optionsLine(q)) + "\n")
	rows := g.rows()
	nameW := 8
	for _, p := range rows {
		nameW = max(nameW, lipgloss.Width(personLabel(p)))
	}
	first, last := visibleRange(len(rows), g.row, max(1, height-2))
	for i := first; i < last; i++ {
		p := rows[i]
		v := get(q.ID, p)
		cursor := "  "
		name := lipgloss.NewStyle().Width(nameW).Render(text.Line(personLabel(p)))
		val := st.Faint.Render("–")
		if v != "" {
			val = st.Accent.Render(text.Line(v))
		}
		if writing && i == g.row {
			val = g.text.View()
		}
		line := name + "  " + val
		if i == g.row {
			cursor = st.Cursor.Render("▸ ")
			line = st.Bold.Render(name) + "  " + val
		}
		b.WriteString(cursor + line + "\n")
	}
	if last < len(rows) {
		b.WriteString(st.Faint.Render(fmt.Sprintf("  … %d more", len(rows)-last)) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (g *answerGrid) optionsLine(q agenda.Question) string {
	mode := "each person"
	if g.group[q.ID] {
		mode = "the room as one"
	}
	if q.Kind == agenda.Text {
		return "enter: write an answer · " + mode + " · g switches"
	}
	var parts []string
	for i, o := range q.Options() {
		k := optionKey(q, i)
		if k == o {
			parts = append(parts, o)
		} else {
			parts = append(parts, "["+k+"] "+text.Line(o))
		}
	}
	return strings.Join(parts, "  ") + " · " + mode + " · g switches"
}

func personLabel(p string) string {
	if p == journal.GroupRespondent {
		return "The room"
	}
	return p
}

// visibleRange is the window of n rows of height h that keeps row cur in
// view.
func visibleRange(n, cur, h int) (int, int) {
	if n <= h {
		return 0, n
	}
	first := min(max(0, cur-h/2), n-h)
	return first, first + h
}
