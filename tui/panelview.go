package tui

import (
	"strings"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/text"
)

// The panel screen's layout and drawing. What the room must read is never
// cut: the prompt is wrapped over as many lines as it needs and the chart
// gives up rows first, down to minChart; then the notes and the answer grid
// give up theirs (a list says how many rows it hides).

// panelLayout is how the panel screen divides the body.
type panelLayout struct {
	wide         bool
	mainW, sideW int
	chartH       int
	lowerH       int
	// prompt is the prompt wrapped to the main column; below is how many
	// lines the figures and the objective take under the chart (narrow).
	prompt []string
	below  int
	// notes is how many lines of notes the default lower area shows.
	notes int
}

// layout sizes the screen for its body and focus.
func (p *panelScreen) layout() panelLayout {
	w, h := p.w, p.h
	l := panelLayout{mainW: w}
	if !p.presenter && w >= wideFrom {
		l.wide = true
		l.sideW = min(48, w/3)
		l.mainW = w - l.sideW - 2
	}
	l.prompt = promptLines(p.a.styles, p.panel().Prompt, l.mainW)
	if p.presenter {
		l.below = len(p.figuresLines(p.ps, w))
		l.chartH = max(minChart, h-l.below-len(l.prompt))
		return l
	}
	fixed := len(l.prompt)
	answering := p.a.screenFocus() == focusAnswers || p.a.screenFocus() == focusAnswerText
	if !l.wide {
		l.below = max(1, len(p.figuresLines(p.ps, w))+len(p.sloLines(p.ps, w)))
		if answering && h-fixed-l.below-p.grid.height() < minChart {
			// While the room answers, the grid needs the rows more than the
			// objective does: the figures keep one line.
			l.below = 1
		}
		fixed += l.below
	}
	notes := p.a.state().Notes[p.panel().ID]
	l.notes = min(4, max(1, len(text.Wrap(text.Clean(notes), max(1, l.mainW-2)))))
	want := 0
	switch p.a.screenFocus() {
	case focusNotes:
		want = max(6, h/3)
	case focusAnswers, focusAnswerText:
		want = p.grid.height()
	case focusAction:
		want = 6
	default:
		want = 1 + l.notes
		if !l.wide {
			want += max(1, len(p.panel().Questions)) + 1
		}
		// The notes give up lines before the chart goes under its least.
		for l.notes > 1 && h-fixed-want < minChart {
			l.notes--
			want--
		}
	}
	l.lowerH = want
	l.chartH = h - fixed - want
	if l.chartH < minChart {
		l.chartH = minChart
		l.lowerH = max(3, h-fixed-minChart)
		l.chartH = max(3, h-fixed-l.lowerH)
	}
	return l
}

// promptLines is a prompt wrapped to w cells: "› " before the first line,
// the others under it.
func promptLines(st Styles, prompt string, w int) []string {
	if prompt == "" {
		return nil
	}
	var out []string
	for i, l := range text.Wrap(text.Clean(strings.TrimSpace(prompt)), max(10, w-2)) {
		lead := "  "
		if i == 0 {
			lead = "› "
		}
		out = append(out, st.Prompt.Render(lead+l))
	}
	return out
}

// panelParts are the parts of the panel screen that do not change while
// someone types: built in prepare, only joined in View.
type panelParts struct {
	key   partsKey
	chart string
	below string // figures and objective under the chart (narrow layout)
	side  string // the right column (wide layout)
}

// partsKey is everything the parts depend on.
type partsKey struct {
	panel, w, h             int
	focus                   focus
	presenter, budget, dark bool
	data                    *sessions.PanelData
	state                   fetchState
	busy                    bool
	lastErr                 string
	events                  int
	people                  int
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
	budget := p.budget && p.hasBudget()
	if ps.data != nil && ps.data.Current.Error == "" &&
		(ps.chart == "" || ps.chartW != l.mainW || ps.chartH != l.chartH || ps.chartPresent != p.presenter || ps.chartBudget != budget) {
		ps.chartW, ps.chartH, ps.chartPresent, ps.chartBudget = l.mainW, l.chartH, p.presenter, budget
		o := chartOptions(ps.data, l.mainW, l.chartH)
		ps.chart = minutes.PanelChart(ps.data, pn, o)
		if budget {
			ps.chart, _ = minutes.BurnChart(ps.data, pn, o)
		}
	}
	key := partsKey{
		panel: p.index, w: p.w, h: p.h, focus: p.a.screenFocus(), presenter: p.presenter, budget: budget,
		dark: p.a.styles.IsDark, data: ps.data, state: ps.state, busy: ps.busy, lastErr: ps.lastErr,
		events: p.a.state().Events, people: len(p.a.present()),
	}
	if p.parts.key == key && p.parts.chart != "" {
		return
	}
	p.parts = panelParts{key: key}
	p.parts.chart = p.chartArea(ps, pn, l)
	switch {
	case p.presenter:
		p.parts.below = strings.Join(p.figuresLines(ps, l.mainW), "\n")
	case !l.wide && l.below == 1:
		p.parts.below = truncate(p.figuresLine(ps, 1<<20), p.w)
	case !l.wide:
		below := append(p.figuresLines(ps, p.w), p.sloLines(ps, p.w)...)
		p.parts.below = fit(strings.Join(below, "\n"), p.w, l.below)
	default:
		p.parts.side = p.sideColumn(ps, pn, l.sideW, p.h)
	}
}

// View joins the parts prepared after the last Update with the lower area
// of the focus (notes, answers or a new action item).
func (p *panelScreen) View() string {
	parts, l := &p.parts, p.l
	prompt := strings.Join(l.prompt, "\n")
	if p.presenter {
		return joinBlocks(parts.chart, parts.below, prompt)
	}
	if l.wide {
		main := joinBlocks(parts.chart, prompt, p.lowerArea(l))
		return joinColumns(main, l.mainW, parts.side, p.h)
	}
	// parts.below has exactly l.below lines, even empty ones: the layout
	// counted them.
	return joinBlocks(parts.chart+"\n"+parts.below, prompt, p.lowerArea(l))
}

// joinBlocks joins the non-empty blocks with newlines.
func joinBlocks(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if b != "" {
			out = append(out, b)
		}
	}
	return strings.Join(out, "\n")
}

// lowerArea is the notes, the answer grid or the action form, in lowerH
// lines.
func (p *panelScreen) lowerArea(l panelLayout) string {
	st := p.a.styles
	pn := p.panel()
	w := l.mainW
	switch f := p.a.screenFocus(); f {
	case focusNotes:
		return st.Label.Render("Notes") + st.Subtle.Render("  typing, saved as you type; esc when done") + "\n" + p.notes.View()
	case focusAnswers, focusAnswerText:
		return fit(p.grid.View(st, p.a.state().Answers[pn.ID], l.lowerH, f == focusAnswerText, true), w, l.lowerH)
	case focusAction:
		return p.action.View()
	}
	var b []string
	notes := p.a.state().Notes[pn.ID]
	b = append(b, st.Label.Render("Notes")+st.Subtle.Render("  tab to write"))
	if notes == "" {
		b = append(b, st.Faint.Render("│ ")+st.Subtle.Render("(none yet)"))
	} else {
		for _, line := range notesLines(st, notes, w-2, l.notes) {
			b = append(b, st.Faint.Render("│ ")+line)
		}
	}
	if !l.wide {
		b = append(b, p.questionsLines(pn, w)...)
		b = append(b, p.actionsLine(pn, w))
	}
	return strings.Join(b, "\n")
}

// height is how many lines the grid needs: its question, options and
// tally, and a row per person.
func (g *answerGrid) height() int {
	q, ok := g.question()
	if !ok {
		return 3
	}
	return len(g.askLines(Styles{}, q, max(20, g.width))) + 2 + len(g.rows())
}
