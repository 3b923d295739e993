package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
)

// wideFrom is the width from which the panel screen puts its numbers, SLO,
// questions and action items in a column beside the chart.
const wideFrom = 120

// panelLayout is how the panel screen divides the body.
type panelLayout struct {
	wide         bool
	mainW, sideW int
	chartH       int
	lowerH       int
	bodyH        int
}

// layout sizes the panel screen for the body (w×h) and the mode.
func (m *Model) layout(w, h int) panelLayout {
	l := panelLayout{mainW: w, bodyH: h}
	if m.presenter {
		l.chartH = h - 2
		return l
	}
	if w >= wideFrom {
		l.wide = true
		l.sideW = min(48, w/3)
		l.mainW = w - l.sideW - 2
	}
	switch m.mode {
	case modeNotes:
		l.lowerH = max(6, h/3)
	case modeAnswer:
		l.lowerH = min(max(6, len(m.grid.rows())+3), h/2)
	case modeAction:
		l.lowerH = 6
	default:
		// The notes' last lines (1 to 4) under their label, and in the
		// narrow layout the questions and action items lines.
		l.lowerH = 1 + m.noteLines()
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

// panelParts are the parts of the panel screen that do not change while
// someone types: built in prepare (after Update), only joined in View.
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
	mode            mode
	presenter, dark bool
	data            *sessions.PanelData
	state           fetchState
	busy            bool
	lastErr         string
	events          int
	people          int
}

// noteLines is how many lines the current panel's notes take when shown
// under the chart (1 to 4; the last lines when there are more).
func (m *Model) noteLines() int {
	if m.at.Phase != journal.PhasePanels {
		return 1
	}
	notes := m.s.State().Notes[m.panel(m.at.Panel).ID]
	return min(4, max(1, strings.Count(notes, "\n")+1))
}

// prepare renders what View will show and is costly: the current panel's
// chart (when its data or the size changed) and the other parts that only
// change with data, size or the record. Called at the end of Update.
func (m *Model) prepare() {
	if m.at.Phase != journal.PhasePanels || m.width < minWidth || m.height < minHeight {
		return
	}
	i := m.at.Panel
	p := &m.panels[i]
	w, h := m.width-2, m.bodyHeight()
	l := m.layout(w, h)
	if m.mode == modeNotes {
		// The text box changes with every key: rendered once per Update.
		m.notesView = m.notes.View()
	}
	if p.data != nil && p.data.Current.Error == "" &&
		(p.chart == "" || p.chartW != l.mainW || p.chartH != l.chartH || p.chartPresent != m.presenter) {
		p.chartW, p.chartH, p.chartPresent = l.mainW, l.chartH, m.presenter
		p.chart = minutes.PanelChart(p.data, m.panel(i), minutes.ChartOptions{
			Width: l.mainW, Height: l.chartH, Color: true, AsOf: true,
		})
	}
	key := partsKey{
		panel: i, w: w, h: h, mode: m.mode, presenter: m.presenter, dark: m.styles.IsDark,
		data: p.data, state: p.state, busy: p.busy, lastErr: p.lastErr,
		events: m.s.State().Events, people: len(m.present()),
	}
	if m.parts.key == key && m.parts.chart != "" {
		return
	}
	pn := m.panel(i)
	m.parts = panelParts{key: key}
	m.parts.chart = m.chartArea(p, pn, l)
	if m.presenter {
		m.parts.below = m.figuresLine(p, l.mainW)
		return
	}
	if !l.wide {
		m.parts.below = fit(m.figuresLine(p, w)+"\n"+m.sloLine(p, w), w, 2)
	} else {
		m.parts.side = m.sideColumn(p, pn, l.sideW, h)
	}
	if pn.Prompt != "" {
		m.parts.prompt = m.styles.Prompt.Render("› " + truncate(agenda.CleanLine(pn.Prompt), l.mainW-2))
	}
}

func (m *Model) bodyHeight() int { return m.height - 4 }

// resize gives every component its size.
func (m *Model) resize() {
	w := m.width - 2
	l := m.layout(w, m.bodyHeight())
	notesW := l.mainW
	m.notes.SetWidth(max(20, notesW))
	m.notes.SetHeight(max(2, l.lowerH-1))
	m.action.setWidth(w)
	m.closing.input.SetWidth(max(20, w-24))
	m.help.SetWidth(max(20, m.width-2))
	m.summary.view.SetWidth(w)
	m.summary.view.SetHeight(max(3, m.bodyHeight()-4))
	m.prepare()
}

// applyStyles gives components the current styles.
func (m *Model) applyStyles() {
	m.notes.SetStyles(textarea.DefaultStyles(m.styles.IsDark))
	m.help.Styles.ShortKey = m.styles.HelpKey
	m.help.Styles.ShortDesc = m.styles.HelpDesc
	m.help.Styles.ShortSeparator = m.styles.HelpSep
	m.help.Styles.FullKey = m.styles.HelpKey
	m.help.Styles.FullDesc = m.styles.HelpDesc
	m.help.Styles.FullSeparator = m.styles.HelpSep
	for i := range m.panels {
		m.panels[i].chart = ""
	}
	m.prepare()
}

func newNotesArea(st Styles) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = "Notes for this panel: what the team sees, decides, wonders…"
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.SetStyles(textarea.DefaultStyles(st.IsDark))
	return ta
}

// panelView draws a panel: chart, numbers, prompt, and the lower area of the
// mode (notes, answers or a new action item). All but the lower area was
// prepared after the last Update.
func (m *Model) panelView(w, h int) string {
	p := m.panel(m.at.Panel)
	l := m.layout(w, h)
	parts := &m.parts
	if m.presenter {
		return parts.chart + "\n" + parts.below
	}
	var main strings.Builder
	main.WriteString(parts.chart)
	if !l.wide {
		main.WriteString("\n" + parts.below)
	}
	main.WriteString("\n" + parts.prompt + "\n")
	main.WriteString(m.lowerArea(p, l))
	if !l.wide {
		return main.String()
	}
	return joinColumns(main.String(), l.mainW, parts.side, h)
}

// joinColumns lays two blocks side by side: left padded to lw cells, two
// spaces, then right. Cheaper than lipgloss.JoinHorizontal, which measures
// every line of both blocks again.
func joinColumns(left string, lw int, right string, h int) string {
	ls := strings.Split(left, "\n")
	rs := strings.Split(right, "\n")
	var b strings.Builder
	for i := range h {
		l := ""
		if i < len(ls) {
			l = ls[i]
		}
		if w := lipgloss.Width(l); w > lw {
			l = truncate(l, lw)
		} else {
			l += strings.Repeat(" ", lw-w)
		}
		b.WriteString(l)
		if i < len(rs) {
			b.WriteString("  " + rs[i])
		}
		if i < h-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// chartArea is the chart, or what stands for it while there is none.
func (m *Model) chartArea(ps *panelState, p agenda.Panel, l panelLayout) string {
	st := m.styles
	var b strings.Builder
	switch {
	case ps.data == nil && ps.state == loading:
		msg := st.Subtle.Render(fmt.Sprintf("Loading %s from %s…", agenda.CleanLine(p.Title), p.Source))
		return lipgloss.Place(l.mainW, l.chartH, lipgloss.Center, lipgloss.Center, msg)
	case ps.data != nil && ps.data.Current.Error != "":
		d := ps.data.Current
		b.WriteString(st.Danger.Render("Could not fetch this panel") + "\n\n")
		b.WriteString(lipgloss.NewStyle().Width(l.mainW-4).Render(agenda.CleanText(d.Error)) + "\n")
		if d.Hint != "" {
			b.WriteString("\n" + st.Subtle.Render("Hint: "+agenda.CleanLine(d.Hint)) + "\n")
		}
		retry := "r retries"
		if ps.busy {
			retry = "retrying…"
		}
		b.WriteString("\n" + st.Accent.Render(retry) + st.Faint.Render(" · the meeting goes on: → next panel"))
		return fit(st.Box.Width(l.mainW).Render(b.String()), l.mainW, l.chartH)
	}
	chart := ps.chart
	note := ""
	switch {
	case ps.state == stale && ps.lastErr != "":
		note = st.Warn.Render("stale: refetch failed: "+agenda.CleanLine(ps.lastErr)) + st.Faint.Render(" · r retries")
	case ps.state == stale && ps.busy:
		note = st.Warn.Render("stale: showing the data of " + ps.data.FetchedAt.Local().Format("15:04") + " · refreshing…")
	case ps.state == stale:
		note = st.Warn.Render("saved data of "+ps.data.FetchedAt.Local().Format("Jan 2 15:04")) + st.Faint.Render(" · r refreshes")
	case ps.busy:
		note = st.Faint.Render("refreshing…")
	}
	if note != "" {
		return fit(chart, l.mainW, l.chartH-1) + "\n" + truncate(note, l.mainW)
	}
	return fit(chart, l.mainW, l.chartH)
}

// figuresLine is the panel's numbers in one line, the headline first, with
// the change against the previous window.
func (m *Model) figuresLine(ps *panelState, w int) string {
	st := m.styles
	if ps.data == nil || !ps.data.Current.OK() {
		return ""
	}
	cur := ps.data.Current
	if cur.Summary.Empty() {
		return st.Subtle.Render("No data in this window.")
	}
	changes := map[string]sources.Change{}
	for _, c := range ps.data.Changes {
		changes[c.Key] = c
	}
	var parts []string
	for _, f := range orderedFigures(cur.Summary) {
		s := st.Label.Render(f.Label) + " " + st.Bold.Render(sources.FormatValue(f.Value, f.Unit))
		if c, ok := changes[f.Key]; ok && f.Key == cur.Summary.Headline {
			s += " " + m.changeText(c)
		}
		if !f.At.IsZero() && !math.IsNaN(f.Value) {
			s += st.Faint.Render(" " + f.At.UTC().Format("Jan 2 15:04 UTC"))
		}
		parts = append(parts, s)
	}
	for _, warn := range cur.Warnings {
		parts = append(parts, st.Warn.Render("⚠ "+agenda.CleanLine(warn)))
	}
	return truncate(strings.Join(parts, st.Faint.Render(" · ")), w)
}

// orderedFigures puts the headline first.
func orderedFigures(s sources.Summary) []sources.Figure {
	out := make([]sources.Figure, 0, len(s.Figures))
	for _, f := range s.Figures {
		if f.Key == s.Headline {
			out = append([]sources.Figure{f}, out...)
		} else {
			out = append(out, f)
		}
	}
	return out
}

func (m *Model) changeText(c sources.Change) string {
	st := m.styles
	text := sources.FormatChange(c)
	switch c.Verdict {
	case sources.Better:
		return st.Better.Render(arrow(c) + " " + text)
	case sources.Worse:
		return st.Worse.Render(arrow(c) + " " + text)
	}
	return st.Subtle.Render(arrow(c) + " " + text)
}

func arrow(c sources.Change) string {
	switch {
	case math.IsNaN(c.Abs) || c.Abs == 0:
		return "="
	case c.Abs > 0:
		return "▲"
	}
	return "▼"
}

// sloLine is the objective's status.
func (m *Model) sloLine(ps *panelState, w int) string {
	st := m.styles
	if ps.data == nil || ps.data.Current.SLO == nil {
		if ps.data != nil && ps.data.Previous != nil && ps.data.Previous.Error != "" {
			return st.Warn.Render(truncate("previous window: "+agenda.CleanLine(ps.data.Previous.Error), w))
		}
		return ""
	}
	s := ps.data.Current.SLO
	text := minutes.SLOText(*s, ps.data.Current.SLOName)
	mark := st.OK.Render("✓ ")
	if math.IsNaN(s.SLI) {
		mark = st.Faint.Render("? ")
	} else if !s.Met {
		mark = st.Danger.Render("✗ ")
	}
	return mark + truncate(st.Subtle.Render("objective ")+text, w-2)
}

// lowerArea is the notes, the answer grid or the action form.
func (m *Model) lowerArea(p agenda.Panel, l panelLayout) string {
	st := m.styles
	w := l.mainW
	switch m.mode {
	case modeNotes:
		return st.Label.Render("Notes") + st.Faint.Render("  typing · saved as you type · esc when done") + "\n" + m.notesView
	case modeAnswer:
		answers := m.s.State().Answers[p.ID]
		get := func(q, person string) string { return answers[q][person] }
		return m.grid.View(st, get, l.lowerH)
	case modeAction:
		return m.action.View(st)
	}
	var b strings.Builder
	notes := m.s.State().Notes[p.ID]
	b.WriteString(st.Label.Render("Notes") + st.Faint.Render("  tab to write") + "\n")
	if notes == "" {
		b.WriteString(st.Faint.Render("│ (none yet)") + "\n")
	} else {
		lines := strings.Split(agenda.CleanText(notes), "\n")
		keep := m.noteLines()
		if len(lines) > keep {
			lines = append([]string{"…"}, lines[len(lines)-keep+1:]...)
		}
		for _, line := range lines {
			b.WriteString("│ " + truncate(line, w-2) + "\n")
		}
	}
	if !l.wide {
		b.WriteString(m.questionsLine(p, w) + "\n" + m.actionsLine(p, w))
	}
	return strings.TrimRight(b.String(), "\n")
}

// questionsLine tells how far the panel's questions are answered.
func (m *Model) questionsLine(p agenda.Panel, w int) string {
	st := m.styles
	if len(p.Questions) == 0 {
		return st.Faint.Render("No questions on this panel.")
	}
	people := len(m.present())
	answers := m.s.State().Answers[p.ID]
	var parts []string
	for _, q := range p.Questions {
		n := 0
		for person := range answers[q.ID] {
			if person != journal.GroupRespondent {
				n++
			}
		}
		part := fmt.Sprintf("%s %d/%d", q.ID, n, people)
		if g := answers[q.ID][journal.GroupRespondent]; g != "" {
			part = q.ID + " room: " + agenda.CleanLine(g)
		}
		parts = append(parts, part)
	}
	return truncate(st.Label.Render("Questions ")+strings.Join(parts, " · ")+st.Faint.Render("  a to answer"), w)
}

// questionsStatus is one line per question: how many answered, or the
// room's answer.
func (m *Model) questionsStatus(p agenda.Panel, w int) string {
	st := m.styles
	if len(p.Questions) == 0 {
		return st.Faint.Render("none on this panel")
	}
	people := len(m.present())
	answers := m.s.State().Answers[p.ID]
	var b strings.Builder
	for _, q := range p.Questions {
		n := 0
		for person := range answers[q.ID] {
			if person != journal.GroupRespondent {
				n++
			}
		}
		line := fmt.Sprintf("%s  %d/%d answered", agenda.CleanLine(q.Ask), n, people)
		if g := answers[q.ID][journal.GroupRespondent]; g != "" {
			line = agenda.CleanLine(q.Ask) + "  room: " + agenda.CleanLine(g)
		}
		b.WriteString(truncate(line, w) + "\n")
	}
	b.WriteString(st.Faint.Render("a to answer"))
	return b.String()
}

// actionsLine lists the panel's action items in one line.
func (m *Model) actionsLine(p agenda.Panel, w int) string {
	st := m.styles
	var items []string
	for _, a := range m.s.State().Actions {
		if a.Panel == p.ID {
			s := agenda.CleanLine(a.Text)
			if a.Owner != "" {
				s += " — " + agenda.CleanLine(a.Owner)
			}
			items = append(items, s)
		}
	}
	if len(items) == 0 {
		return st.Faint.Render("No action items yet · i to add")
	}
	return truncate(st.Label.Render(fmt.Sprintf("Actions (%d) ", len(items)))+strings.Join(items, " · "), w)
}

// sideColumn is the wide layout's right column: figures, objective,
// questions and action items.
func (m *Model) sideColumn(ps *panelState, p agenda.Panel, w, h int) string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Section.Render("Numbers") + "\n")
	switch {
	case ps.data == nil:
		b.WriteString(st.Faint.Render("loading…") + "\n")
	case !ps.data.Current.OK():
		b.WriteString(st.Danger.Render("fetch failed") + "\n")
	case ps.data.Current.Summary.Empty():
		b.WriteString(st.Subtle.Render("No data in this window.") + "\n")
	default:
		changes := map[string]sources.Change{}
		for _, c := range ps.data.Changes {
			changes[c.Key] = c
		}
		for _, f := range orderedFigures(ps.data.Current.Summary) {
			line := fmt.Sprintf("%-12s %s", truncate(f.Label, 12), st.Bold.Render(sources.FormatValue(f.Value, f.Unit)))
			if c, ok := changes[f.Key]; ok {
				line += " " + m.changeText(c)
			}
			b.WriteString(truncate(line, w) + "\n")
			if !f.At.IsZero() && !math.IsNaN(f.Value) {
				b.WriteString(st.Faint.Render("             at "+f.At.UTC().Format("Jan 2 15:04 UTC")) + "\n")
			}
		}
		for _, warn := range ps.data.Current.Warnings {
			b.WriteString(st.Warn.Render(truncate("⚠ "+agenda.CleanLine(warn), w)) + "\n")
		}
	}
	if s := m.sloLine(ps, 10*w); s != "" {
		b.WriteString("\n" + st.Section.Render("Objective") + "\n" + lipgloss.NewStyle().Width(w).Render(s) + "\n")
	}
	b.WriteString("\n" + st.Section.Render("Questions") + "\n" + m.questionsStatus(p, w) + "\n")
	b.WriteString("\n" + st.Section.Render("Action items") + "\n")
	n := 0
	for _, a := range m.s.State().Actions {
		if a.Panel != p.ID {
			continue
		}
		n++
		s := "☐ " + agenda.CleanLine(a.Text)
		if a.Owner != "" {
			s += st.Subtle.Render(" — " + agenda.CleanLine(a.Owner))
		}
		b.WriteString(lipgloss.NewStyle().Width(w).Render(s) + "\n")
	}
	if n == 0 {
		b.WriteString(st.Faint.Render("none yet · i to add") + "\n")
	}
	return fit(b.String(), w, h)
}
