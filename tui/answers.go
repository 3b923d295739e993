package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// answer is one answer the grid took: the root journals it.
type answer struct {
	question string
	person   string
	value    string
}

// answerGrid takes the answers of a room fast: one row per present
// participant, one key sets the highlighted person's answer and moves to the
// next person (and after the last, to the next question). A group question
// has a single row for the room's consensus; g switches between the two.
type answerGrid struct {
	questions []agenda.Question
	people    []string
	q, row    int
	// group marks the questions answered by the room as one.
	group map[string]bool
	// typing is a text answer being written for the highlighted row.
	typing bool
	input  textinput.Model
}

func newAnswerGrid(qs []agenda.Question, people []string) answerGrid {
	g := answerGrid{questions: qs, people: people, group: map[string]bool{}, input: textinput.New()}
	for _, q := range qs {
		g.group[q.ID] = q.Group
	}
	g.input.Prompt = ""
	g.input.CharLimit = 500
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

// keysHint is the answer keys of the current question, for the help footer.
func (g *answerGrid) keysHint() string {
	q, ok := g.question()
	if !ok {
		return ""
	}
	if q.Kind == agenda.Text {
		return "enter"
	}
	opts := q.Options()
	return optionKey(q, 0) + "–" + optionKey(q, len(opts)-1)
}

// optionKey is the key that picks option i: the option itself when it is a
// digit (scales), else its position (1–9, then 0 for the tenth); y and n
// also answer yes/no questions.
func optionKey(q agenda.Question, i int) string {
	opts := q.Options()
	if q.Kind == agenda.Scale && len(opts[i]) == 1 {
		return opts[i]
	}
	if i == 9 {
		return "0"
	}
	return strconv.Itoa(i + 1)
}

// valueForKey maps a key to an option of q.
func valueForKey(q agenda.Question, k string) (string, bool) {
	opts := q.Options()
	if q.Kind == agenda.YesNo {
		switch k {
		case "y":
			return "yes", true
		case "n":
			return "no", true
		}
	}
	for i := range opts {
		if optionKey(q, i) == k {
			return opts[i], true
		}
	}
	return "", false
}

// Update handles a key; it returns the answer taken, if any.
func (g answerGrid) Update(msg tea.Msg, km KeyMap) (answerGrid, tea.Cmd, *answer) {
	q, ok := g.question()
	if !ok {
		return g, nil, nil
	}
	rows := g.rows()
	if g.typing {
		return g.updateTyping(msg, q, rows)
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return g, nil, nil
	}
	switch {
	case key.Matches(k, km.Up):
		g.row = max(0, g.row-1)
	case key.Matches(k, km.Down):
		g.row = min(len(rows)-1, g.row+1)
	case key.Matches(k, km.NextQuestion):
		g.moveQuestion(1)
	case key.Matches(k, km.PrevQuestion):
		g.moveQuestion(-1)
	case key.Matches(k, km.Group):
		g.group[q.ID] = !g.group[q.ID]
		g.row = 0
	case key.Matches(k, km.Clear):
		return g, nil, &answer{question: q.ID, person: rows[g.row]}
	case q.Kind == agenda.Text && k.String() == "enter":
		g.typing = true
		g.input.SetValue("")
		return g, g.input.Focus(), nil
	default:
		if v, ok := valueForKey(q, k.String()); ok && q.Kind != agenda.Text {
			a := &answer{question: q.ID, person: rows[g.row], value: v}
			g.advance()
			return g, nil, a
		}
	}
	return g, nil, nil
}

func (g answerGrid) updateTyping(msg tea.Msg, q agenda.Question, rows []string) (answerGrid, tea.Cmd, *answer) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			// Stop typing, keeping what was typed (it is journaled as it
			// grows anyway); the highlighted person stays.
			g.typing = false
			g.input.Blur()
			if text := agenda.CleanLine(g.input.Value()); text != "" {
				return g, nil, &answer{question: q.ID, person: rows[g.row], value: text}
			}
			return g, nil, nil
		case "enter":
			g.typing = false
			g.input.Blur()
			text := agenda.CleanLine(g.input.Value())
			if text == "" {
				g.advance()
				return g, nil, nil
			}
			a := &answer{question: q.ID, person: rows[g.row], value: text}
			g.advance()
			return g, nil, a
		}
	}
	var cmd tea.Cmd
	g.input, cmd = g.input.Update(msg)
	return g, cmd, nil
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

// View draws the current question and its rows; get reads the recorded
// answers. height bounds the rows shown (the highlighted row stays visible).
func (g answerGrid) View(st Styles, get func(question, person string) string, height int) string {
	q, ok := g.question()
	if !ok {
		return st.Faint.Render("No questions.")
	}
	var b strings.Builder
	title := fmt.Sprintf("Question %d/%d  ", g.q+1, len(g.questions))
	b.WriteString(st.Label.Render(title) + st.Title.Render(agenda.CleanLine(q.Ask)) + "\n")
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
		name := lipgloss.NewStyle().Width(nameW).Render(agenda.CleanLine(personLabel(p)))
		val := st.Faint.Render("–")
		if v != "" {
			val = st.Accent.Render(agenda.CleanLine(v))
		}
		if g.typing && i == g.row {
			val = g.input.View()
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

func (g answerGrid) optionsLine(q agenda.Question) string {
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
			parts = append(parts, "["+k+"] "+agenda.CleanLine(o))
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

// target is the question and person the grid is on.
func (g *answerGrid) target() (question, person string) {
	q, ok := g.question()
	rows := g.rows()
	if !ok || g.row >= len(rows) {
		return "", ""
	}
	return q.ID, rows[g.row]
}
