package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/text"
)

// wideFrom is the width from which the panel screen puts its numbers, SLO,
// questions and action items in a column beside the chart.
const wideFrom = 120

// panelScreen is one panel of the agenda: its chart and numbers, the
// prompt, and below them the notes, the answer grid or a new action item.
// The shell shows it a panel (show) with that panel's fetch state.
type panelScreen struct {
	a     *app
	index int
	ps    *panelState
	w, h  int
	// presenter shows only the chart and its figures, as large as they go.
	presenter bool
	notes     notesInput
	grid      answerGrid
	action    actionForm
	// l and parts are what View shows, prepared after each Update.
	l     panelLayout
	parts panelParts
}

func newPanelScreen(a *app) panelScreen {
	return panelScreen{a: a, notes: newNotesInput(a.styles, a.keys), action: actionForm{a: a}}
}

func (p *panelScreen) panel() agenda.Panel { return p.a.agenda.Panels[p.index] }

// show shows panel i, whose data is ps: its saved notes, a fresh grid.
func (p *panelScreen) show(i int, ps *panelState) {
	p.index, p.ps = i, ps
	pn := p.panel()
	p.notes.Blur()
	p.notes.SetValue(p.a.state().Notes[pn.ID])
	p.grid = newAnswerGrid(pn.Questions, p.a.present(), p.a.keys)
	p.grid.panel, p.grid.leavable = pn.ID, true
}

// hide leaves the panels: presenter mode ends with them.
func (p *panelScreen) hide() { p.presenter = false }

// SetSize gives the screen the body's size and its inputs theirs.
func (p *panelScreen) SetSize(w, h int) {
	p.w, p.h = w, h
	if p.ps == nil {
		return
	}
	l := p.layout()
	p.notes.SetWidth(max(20, l.mainW))
	p.notes.SetHeight(max(2, l.lowerH-1))
	p.action.SetWidth(w)
}

// Update handles a command key, or an answer while the grid has the keys.
func (p *panelScreen) Update(k tea.KeyPressMsg) (tea.Cmd, ask) {
	if p.a.focus == focusAnswers {
		return p.grid.onKey(p.a, k)
	}
	km := p.a.keys
	pn := p.panel()
	switch {
	case key.Matches(k, km.Next):
		return nil, ask{move: 1}
	case key.Matches(k, km.Prev):
		return nil, ask{move: -1}
	case key.Matches(k, km.Edit):
		p.presenter = false
		return nil, ask{focus: focusNotes}
	case key.Matches(k, km.Answer):
		if len(pn.Questions) == 0 {
			p.a.setFlash("This panel has no questions (add questions: to it in the agenda).", false)
			return nil, ask{}
		}
		p.presenter = false
		p.grid.people = p.a.present()
		return nil, ask{focus: focusAnswers}
	case key.Matches(k, km.Action):
		p.presenter = false
		p.action = newActionForm(p.a, pn.ID)
		p.action.SetWidth(p.w)
		return nil, ask{focus: focusAction}
	case key.Matches(k, km.Present):
		p.presenter = !p.presenter
		p.SetSize(p.w, p.h)
	case key.Matches(k, km.Refetch):
		p.a.setFlash("Fetching "+pn.Title+"…", false)
		return nil, ask{fetch: true}
	}
	return nil, ask{}
}

// onNotes journals the notes as they are typed (only typing makes them a
// draft: an empty box at start-up never overwrites saved notes).
func (p *panelScreen) onNotes(e edit) (tea.Cmd, ask) {
	if e != changed {
		return nil, ask{} // esc: leaving the field journals the draft
	}
	id := p.panel().ID
	typed := p.notes.Value()
	if typed == p.a.state().Notes[id] {
		p.a.drop()
		return nil, ask{focus: focusNotes}
	}
	return p.a.draft(journal.Event{Type: journal.EvNote, Panel: id, Text: typed}), ask{focus: focusNotes}
}

// panelLayout is how the panel screen divides the body.
type panelLayout struct {
	wide         bool
	mainW, sideW int
	chartH       int
	lowerH       int
}

// layout sizes the screen for its body and focus.
func (p *panelScreen) layout() panelLayout {
	w, h := p.w, p.h
	l := panelLayout{mainW: w}
	if p.presenter {
		l.chartH = h - 2
		return l
	}
	if w >= wideFrom {
		l.wide = true
		l.sideW = min(48, w/3)
		l.mainW = w - l.sideW - 2
	}
	switch p.a.screenFocus() {
	case focusNotes:
		l.lowerH = max(6, h/3)
	case focusAnswers, focusAnswerText:
		l.lowerH = min(max(6, len(p.grid.rows())+3), h/2)
	case focusAction:
		l.lowerH = 6
	default:
		// The notes' last lines (1 to 4) under their label, and in the
		// narrow layout the questions and action items lines.
		l.lowerH = 1 + p.noteLines()
		if !l.wide {
			l.lowerH += 2
		}
	}
	fixed := 1 // the prompt
	if !l.wide {
		fixed += 2 // summary lines under the chart
	}
	l.chartH = max(6, h-l.lowerH-fixed)
	return l
}

// noteLines is how many lines the panel's notes take when shown under the
// chart (1 to 4; the last lines when there are more).
func (p *panelScreen) noteLines() int {
	notes := p.a.state().Notes[p.panel().ID]
	return min(4, max(1, strings.Count(notes, "\n")+1))
}

// panelParts are the parts of the panel screen that do not change while
// someone types: built in prepare, only joined in View.
type panelParts struct {
	key    partsKey
	chart  string
	below  string // figures and objective under the chart (narrow layout)
	side   string // the right column (wide layout)
	prompt string
}

// partsKey is everything the parts depend on.
type partsKey struct {
	panel, w, h     int
	focus           focus
	presenter, dark bool
	data            *sessions.PanelData
	state           fetchState
	busy            bool
	lastErr         string
	events          int
	people          int
}

// prepare renders, after every Update, what View shows and is costly: the
// chart when the panel's data or size changed, and the parts that change
// only with data, size, focus or the record. View never renders them.
func (p *panelScreen) prepare() {
	if p.ps == nil {
		return
	}
	ps, pn := p.ps, p.panel()
	p.l = p.layout()
	l := p.l
	if ps.data != nil && ps.data.Current.Error == "" &&
		(ps.chart == "" || ps.chartW != l.mainW || ps.chartH != l.chartH || ps.chartPresent != p.presenter) {
		ps.chartW, ps.chartH, ps.chartPresent = l.mainW, l.chartH, p.presenter
		ps.chart = minutes.PanelChart(ps.data, pn, minutes.ChartOptions{
			Width: l.mainW, Height: l.chartH, Color: true, AsOf: true,
		})
	}
	key := partsKey{
		panel: p.index, w: p.w, h: p.h, focus: p.a.screenFocus(), presenter: p.presenter, dark: p.a.styles.IsDark,
		data: ps.data, state: ps.state, busy: ps.busy, lastErr: ps.lastErr,
		events: p.a.state().Events, people: len(p.a.present()),
	}
	if p.parts.key == key && p.parts.chart != "" {
		return
	}
	p.parts = panelParts{key: key}
	p.parts.chart = p.chartArea(ps, pn, l)
	if p.presenter {
		p.parts.below = p.figuresLine(ps, l.mainW)
		return
	}
	if !l.wide {
		p.parts.below = fit(p.figuresLine(ps, p.w)+"\n"+p.sloLine(ps, p.w), p.w, 2)
	} else {
		p.parts.side = p.sideColumn(ps, pn, l.sideW, p.h)
	}
	if pn.Prompt != "" {
		p.parts.prompt = p.a.styles.Prompt.Render("› " + truncate(text.Line(pn.Prompt), l.mainW-2))
	}
}

// View joins the parts prepared after the last Update with the lower area
// of the focus (notes, answers or a new action item).
func (p *panelScreen) View() string {
	parts, l := &p.parts, p.l
	if p.presenter {
		return parts.chart + "\n" + parts.below
	}
	var main strings.Builder
	main.WriteString(parts.chart)
	if !l.wide {
		main.WriteString("\n" + parts.below)
	}
	main.WriteString("\n" + parts.prompt + "\n")
	main.WriteString(p.lowerArea(l))
	if !l.wide {
		return main.String()
	}
	return joinColumns(main.String(), l.mainW, parts.side, p.h)
}

// lowerArea is the notes, the answer grid or the action form.
func (p *panelScreen) lowerArea(l panelLayout) string {
	st := p.a.styles
	pn := p.panel()
	w := l.mainW
	switch f := p.a.screenFocus(); f {
	case focusNotes:
		return st.Label.Render("Notes") + st.Faint.Render("  typing · saved as you type · esc when done") + "\n" + p.notes.View()
	case focusAnswers, focusAnswerText:
		answers := p.a.state().Answers[pn.ID]
		get := func(q, person string) string { return answers[q][person] }
		return p.grid.View(st, get, l.lowerH, f == focusAnswerText)
	case focusAction:
		return p.action.View()
	}
	var b strings.Builder
	notes := p.a.state().Notes[pn.ID]
	b.WriteString(st.Label.Render("Notes") + st.Faint.Render("  tab to write") + "\n")
	if notes == "" {
		b.WriteString(st.Faint.Render("│ (none yet)") + "\n")
	} else {
		lines := strings.Split(text.Clean(notes), "\n")
		keep := p.noteLines()
		if len(lines) > keep {
			lines = append([]string{"…"}, lines[len(lines)-keep+1:]...)
		}
		for _, line := range lines {
			b.WriteString("│ " + truncate(line, w-2) + "\n")
		}
	}
	if !l.wide {
		b.WriteString(p.questionsLine(pn, w) + "\n" + p.actionsLine(pn, w))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p *panelScreen) ShortHelp() []key.Binding {
	k := p.a.keys
	return []key.Binding{k.Next, k.Prev, k.Edit, k.Answer, k.Action, k.Present, k.Refetch, k.Help, k.Quit}
}

func (p *panelScreen) FullHelp() [][]key.Binding {
	k := p.a.keys
	solo := p.a.state().Start.Solo
	return [][]key.Binding{
		{k.Next, k.Prev, k.Present, k.Refetch},
		{k.Edit, k.Leave, k.Answer, k.Action},
		append(when(!solo, k.AddLate), k.Export, k.Help, k.Quit),
	}
}
