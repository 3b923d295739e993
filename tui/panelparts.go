package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
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
		b.WriteString("\n" + st.Accent.Render(retry) + st.Faint.Render(" · the meeting goes on: → next panel"))
		return fit(st.Box.Width(l.mainW).Render(b.String()), l.mainW, l.chartH)
	}
	chart := ps.chart
	note := ""
	switch {
	case ps.state == stale && ps.lastErr != "":
		note = st.Warn.Render("stale: refetch failed: "+text.Line(ps.lastErr)) + st.Faint.Render(" · r retries")
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
			s += st.Faint.Render(" " + f.At + " UTC")
		}
		parts = append(parts, s)
	}
	for _, warn := range cur.Warnings {
		parts = append(parts, st.Warn.Render("⚠ "+text.Line(warn)))
	}
	return truncate(strings.Join(parts, st.Faint.Render(" · ")), w)
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
	if ps.data == nil || ps.data.Current.SLO == nil {
		if ps.data != nil && ps.data.Previous != nil && ps.data.Previous.Error != "" {
			return st.Warn.Render(truncate("previous window: "+text.Line(ps.data.Previous.Error), w))
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

// answered counts the people who answered a question and gives the room's
// answer, if it gave one.
func answered(byPerson map[string]string) (n int, room string) {
	for person := range byPerson {
		if person != journal.GroupRespondent {
			n++
		}
	}
	return n, byPerson[journal.GroupRespondent]
}

// questionsLine tells how far the panel's questions are answered.
func (p *panelScreen) questionsLine(pn agenda.Panel, w int) string {
	st := p.a.styles
	if len(pn.Questions) == 0 {
		return st.Faint.Render("No questions on this panel.")
	}
	people := len(p.a.present())
	answers := p.a.state().Answers[pn.ID]
	var parts []string
	for _, q := range pn.Questions {
		n, room := answered(answers[q.ID])
		part := fmt.Sprintf("%s %d/%d", q.ID, n, people)
		if room != "" {
			part = q.ID + " room: " + text.Line(room)
		}
		parts = append(parts, part)
	}
	return truncate(st.Label.Render("Questions ")+strings.Join(parts, " · ")+st.Faint.Render("  a to answer"), w)
}

// questionsStatus is one line per question: how many answered, or the
// room's answer.
func (p *panelScreen) questionsStatus(pn agenda.Panel, w int) string {
	st := p.a.styles
	if len(pn.Questions) == 0 {
		return st.Faint.Render("none on this panel")
	}
	people := len(p.a.present())
	answers := p.a.state().Answers[pn.ID]
	var b strings.Builder
	for _, q := range pn.Questions {
		n, room := answered(answers[q.ID])
		line := fmt.Sprintf("%s  %d/%d answered", text.Line(q.Ask), n, people)
		if room != "" {
			line = text.Line(q.Ask) + "  room: " + text.Line(room)
		}
		b.WriteString(truncate(line, w) + "\n")
	}
	b.WriteString(st.Faint.Render("a to answer"))
	return b.String()
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
		return st.Faint.Render("No action items yet · i to add")
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
		b.WriteString(st.Faint.Render("loading…") + "\n")
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
				b.WriteString(st.Faint.Render("             at "+f.At+" UTC") + "\n")
			}
		}
		for _, warn := range ps.data.Current.Warnings {
			b.WriteString(st.Warn.Render(truncate("⚠ "+text.Line(warn), w)) + "\n")
		}
	}
	if s := p.sloLine(ps, 10*w); s != "" {
		b.WriteString("\n" + st.Section.Render("Objective") + "\n" + lipgloss.NewStyle().Width(w).Render(s) + "\n")
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
		b.WriteString(st.Faint.Render("none yet · i to add") + "\n")
	}
	return fit(b.String(), w, h)
}
