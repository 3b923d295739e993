package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/text"
)

// The parts of the panel screen, rendered in prepare (panel.go): the chart
// or what stands for it, the figures, the objective, the questions and the
// action items.

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
func (p *panelScreen) chartArea(ps *panelState, pn agenda.Panel, l panelLayout) string {
	st := p.a.styles
	var b strings.Builder
	switch {
	case ps.data == nil && ps.state == loading:
		msg := st.Subtle.Render(fmt.Sprintf("Loading %s from %s…", text.Line(pn.Title), pn.Source))
		return lipgloss.Place(l.mainW, l.chartH, lipgloss.Center, lipgloss.Center, msg)
	case ps.data != nil && ps.data.Current.Error != "":
		d := ps.data.Current
		b.WriteString(st.Danger.Render("Could not fetch this panel") + "\n\n")
		b.WriteString(lipgloss.NewStyle().Width(l.mainW-4).Render(text.Clean(d.Error)) + "\n")
		if d.Hint != "" {
			b.WriteString("\n" + st.Subtle.Render("Hint: "+text.Line(d.Hint)) + "\n")
		}
		retry := "r retries"
		if ps.busy {
			retry = "retrying…"
		}
		b.WriteString("\n" + st.Accent.Render(retry) + st.Subtle.Render(" · the meeting goes on: → next panel"))
		return fit(st.Box.Width(l.mainW).Render(b.String()), l.mainW, l.chartH)
	}
	chart := ps.chart
	note := ""
	switch {
	case ps.state == stale && ps.lastErr != "":
		note = st.Warn.Render("stale: refetch failed: "+text.Line(ps.lastErr)) + st.Subtle.Render(" · r retries")
	case ps.state == stale && ps.busy:
		note = st.Warn.Render("stale: showing the data of " + ps.data.FetchedAt.Local().Format("15:04") + " · refreshing…")
	case ps.state == stale:
		note = st.Warn.Render("saved data of "+ps.data.FetchedAt.Local().Format("Jan 2 15:04")) + st.Subtle.Render(" · r refreshes")
	case ps.busy:
		note = st.Subtle.Render("refreshing…")
	}
	if note != "" {
		return fit(chart, l.mainW, l.chartH-1) + "\n" + truncate(note, l.mainW)
	}
	return fit(chart, l.mainW, l.chartH)
}

// figuresLine is the panel's numbers in one line, the headline first, with
// the change against the previous window.
func (p *panelScreen) figuresLine(ps *panelState, w int) string {
	st := p.a.styles
	if ps.data == nil || !ps.data.Current.OK() {
		return ""
	}
	cur := ps.data.Current
	if cur.Summary.Empty() {
		return st.Subtle.Render("No data in this window.")
	}
	var parts []string
	for _, f := range minutes.HeadlineFirst(minutes.Figures(cur.Summary, nil, ps.data.Changes)) {
		s := st.Label.Render(f.Label) + " " + st.Bold.Render(f.Value)
		if f.Change != nil && f.Headline {
			s += " " + p.changeText(*f.Change)
		}
		if f.At != "" {
			s += st.Subtle.Render(" " + f.At + " UTC")
		}
		parts = append(parts, s)
	}
	for _, warn := range cur.Warnings {
		parts = append(parts, st.Warn.Render("⚠ "+text.Line(warn)))
	}
	return strings.Join(packLines(parts, st.Subtle.Render(" · "), w, 1), "\n")
}

// figuresLines is figuresLine over as many as two lines of w cells.
func (p *panelScreen) figuresLines(ps *panelState, w int) []string {
	line := p.figuresLine(ps, 1<<20)
	if line == "" {
		return nil
	}
	return packLines(strings.Split(line, p.a.styles.Subtle.Render(" · ")), p.a.styles.Subtle.Render(" · "), w, 2)
}

// packLines puts parts on lines of at most w cells, sep between two parts
// of a line, in at most n lines (the last one cut if it must).
func packLines(parts []string, sep string, w, n int) []string {
	var lines []string
	cur := ""
	for _, part := range parts {
		switch {
		case cur == "":
			cur = part
		case text.Width(cur+sep+part) <= w || len(lines) == n-1:
			cur += sep + part
		default:
			lines = append(lines, cur)
			cur = part
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = truncate(l, w)
	}
	return lines
}

// sloLines is sloLine wrapped to w cells, in at most two lines.
func (p *panelScreen) sloLines(ps *panelState, w int) []string {
	line := p.sloLine(ps, 1<<20)
	if line == "" {
		return nil
	}
	lines := text.Wrap(line, w)
	if len(lines) > 2 {
		lines = append(lines[:1], truncate(strings.Join(lines[1:], " "), w))
	}
	return lines
}

func (p *panelScreen) changeText(c minutes.ChangeWords) string {
	st := p.a.styles
	words := c.Arrow + " " + c.Text
	switch c.Verdict {
	case sources.Better:
		return st.Better.Render(words)
	case sources.Worse:
		return st.Worse.Render(words)
	}
	return st.Subtle.Render(words)
}

// sloLine is the objective's status.
func (p *panelScreen) sloLine(ps *panelState, w int) string {
	st := p.a.styles
	if ps.data == nil || !ps.data.Current.OK() {
		return "" // the error box says what failed
	}
	if ps.data.Current.SLO == nil {
		if ps.data.Previous != nil && ps.data.Previous.Error != "" {
			return st.Warn.Render("previous window not fetched: no comparison") + st.Subtle.Render(" · r retries")
		}
		return ""
	}
	s := ps.data.Current.SLO
	text := minutes.SLOText(*s, ps.data.Current.SLOName)
	mark := st.OK.Render("✓ ")
	if math.IsNaN(s.SLI) {
		mark = st.Subtle.Render("? ")
	} else if !s.Met {
		mark = st.Danger.Render("✗ ")
	}
	return mark + truncate(st.Subtle.Render("objective ")+text, w-2)
}

// questionsLines is a line per question of the panel: its id, how many
// of those present answered, and the tally (or the room's answer).
func (p *panelScreen) questionsLines(pn agenda.Panel, w int) []string {
	st := p.a.styles
	if len(pn.Questions) == 0 {
		return []string{st.Subtle.Render("No questions on this panel.")}
	}
	people := p.a.present()
	answers := p.a.state().Answers[pn.ID]
	idW := 0
	for _, q := range pn.Questions {
		idW = max(idW, text.Width(q.ID))
	}
	idW = min(idW, 16)
	solo := p.a.state().Start.Solo
	var out []string
	for i, q := range pn.Questions {
		t := tallyOf(q, answers[q.ID], people)
		id := st.Label.Render(text.PadRight(text.Clip(q.ID, idW), idW)) + "  "
		head := id
		if t.Group == "" && !solo {
			head = id[:len(id)-1] + st.Count.Render(answeredText(t, len(people))) + "  "
		}
		line := head + tallyLine(st, t, len(people), w-text.Width(head), true)
		switch {
		case t.Group == "" && (p.grid.group[q.ID] || solo && t.Respondents == 0):
			line = id + st.Subtle.Render(notYet(len(people)))
		case solo && t.Group == "":
			line = id + st.Label.Render("your answer: ") + st.Count.Render(text.Line(t.Responses[0].Value))
		case t.Group == "" && t.Respondents == 0:
			line = head + st.Subtle.Render("no answers yet")
		}
		if i == 0 {
			line += st.Subtle.Render("  a answers")
		}
		out = append(out, truncate(line, w))
	}
	return out
}

// questionsStatus is each question of the panel with its tally, a line
// per option, for the side column.
func (p *panelScreen) questionsStatus(pn agenda.Panel, w int) string {
	st := p.a.styles
	if len(pn.Questions) == 0 {
		return st.Subtle.Render("none on this panel")
	}
	people := p.a.present()
	answers := p.a.state().Answers[pn.ID]
	var b []string
	for _, q := range pn.Questions {
		b = append(b, strings.Split(wrapped(st.Bold, text.Line(q.Ask), w), "\n")...)
		t := tallyOf(q, answers[q.ID], people)
		if t.Group == "" && p.grid.group[q.ID] {
			b = append(b, st.Subtle.Render(notYet(len(people))))
			continue
		}
		b = append(b, tallyBlock(st, t, len(people), w, true)...)
	}
	b = append(b, st.Subtle.Render("a answers"))
	return strings.Join(b, "\n")
}

// actionsLine lists the panel's action items in one line.
func (p *panelScreen) actionsLine(pn agenda.Panel, w int) string {
	st := p.a.styles
	var items []string
	for _, a := range p.a.state().Actions {
		if a.Panel == pn.ID {
			items = append(items, minutes.ActionWords{Text: a.Text, Owner: a.Owner}.Plain())
		}
	}
	if len(items) == 0 {
		return st.Subtle.Render("No action items yet · i adds one")
	}
	return truncate(st.Label.Render(fmt.Sprintf("Actions (%d) ", len(items)))+strings.Join(items, " · "), w)
}

// sideColumn is the wide layout's right column: figures, objective,
// questions and action items.
func (p *panelScreen) sideColumn(ps *panelState, pn agenda.Panel, w, h int) string {
	st := p.a.styles
	var b strings.Builder
	b.WriteString(st.Section.Render("Numbers") + "\n")
	switch {
	case ps.data == nil:
		b.WriteString(st.Subtle.Render("loading…") + "\n")
	case !ps.data.Current.OK():
		b.WriteString(st.Danger.Render("fetch failed") + "\n")
	case ps.data.Current.Summary.Empty():
		b.WriteString(st.Subtle.Render("No data in this window.") + "\n")
	default:
		for _, f := range minutes.HeadlineFirst(minutes.Figures(ps.data.Current.Summary, nil, ps.data.Changes)) {
			line := text.PadRight(text.Clip(f.Label, 12), 12) + " " + st.Bold.Render(f.Value)
			if f.Change != nil {
				line += " " + p.changeText(*f.Change)
			}
			b.WriteString(truncate(line, w) + "\n")
			if f.At != "" {
				b.WriteString(st.Subtle.Render("             at "+f.At+" UTC") + "\n")
			}
		}
		for _, warn := range ps.data.Current.Warnings {
			b.WriteString(st.Warn.Render(truncate("⚠ "+text.Line(warn), w)) + "\n")
		}
	}
	if s := p.sloLine(ps, 10*w); s != "" && ps.data.Current.SLO != nil {
		b.WriteString("\n" + st.Section.Render("Objective") + "\n" + lipgloss.NewStyle().Width(w).Render(s) + "\n")
	}
	if d := ps.data; d != nil && d.Current.OK() && d.Previous != nil && d.Previous.Error != "" {
		b.WriteString("\n" + st.Section.Render("Previous window") + "\n" + wrapped(st.Warn, "not fetched: "+text.Line(d.Previous.Error), w) + "\n")
	}
	b.WriteString("\n" + st.Section.Render("Questions") + "\n" + p.questionsStatus(pn, w) + "\n")
	b.WriteString("\n" + st.Section.Render("Action items") + "\n")
	n := 0
	for _, a := range p.a.state().Actions {
		if a.Panel != pn.ID {
			continue
		}
		n++
		s := "☐ " + text.Line(a.Text)
		if a.Owner != "" {
			s += st.Subtle.Render(" — " + text.Line(a.Owner))
		}
		b.WriteString(lipgloss.NewStyle().Width(w).Render(s) + "\n")
	}
	if n == 0 {
		b.WriteString(st.Subtle.Render("none yet · i adds one") + "\n")
	}
	return fit(b.String(), w, h)
}
