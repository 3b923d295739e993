package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// View draws the frame (header, footer, help) around the screen of the
// stop. It changes nothing and only joins strings prepared in Update:
// charts are rendered when data or size change (prepare), sizes are set on
// resize, never here.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "nagame — " + text.Line(m.agenda.Title)
	return v
}

func (m *Model) render() string {
	if m.width == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("Enlarge the terminal to at least %d×%d\n(it is %d×%d now).\n\nq quits; everything is saved.", minWidth, minHeight, m.width, m.height)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	header := m.headerView()
	footer := m.footerView()
	bodyH := m.height - lipgloss.Height(header) - lipgloss.Height(footer)
	var body string
	if m.focus == focusHelp {
		body = fit(m.fullHelpView(m.width, bodyH), m.width, bodyH)
	} else {
		inner := m.screenView()
		if m.focus == focusLateJoiner && m.at.Phase != journal.PhaseOpening {
			// A late joiner is being added: the input takes the last lines.
			inner = fit(inner, m.width-2, bodyH-2) + "\n\n" + m.attendance.lateLine()
		}
		// One space of margin each side; fit keeps every line inside.
		body = " " + strings.ReplaceAll(fit(inner, m.width-2, bodyH), "\n", "\n ")
	}
	return header + "\n" + body + "\n" + footer
}

// screenView is the screen of this stop.
func (m *Model) screenView() string {
	switch m.at.Phase {
	case journal.PhaseOpening:
		return m.attendance.View()
	case journal.PhaseActions:
		return m.review.View()
	case journal.PhasePanels:
		return m.panel.View()
	case journal.PhaseClosing:
		return m.closing.View()
	}
	return m.summary.View()
}

// headerView is two bars: the meeting (title, clock) and where it is
// (panel n/N, its title, its timebox).
func (m *Model) headerView() string {
	st := m.styles
	now := m.now()
	state := m.s.State()
	elapsed := state.ElapsedAt(now)
	planned := state.Start.Planned
	clock := fmt.Sprintf("⏱ %s / %s", clockText(elapsed), clockText(planned))
	switch {
	case planned > 0 && elapsed > planned:
		clock = st.Danger.Inherit(st.Header).Render(clock + " over")
	case planned > 0 && elapsed*5 >= planned*4:
		clock = st.Warn.Inherit(st.Header).Render(clock)
	default:
		clock = st.Header.Render(clock)
	}
	title := st.AppTitle.Render(" nagame ") + st.Header.Render("│ "+text.Line(m.agenda.Title))
	line1 := bar(st.Header, title, clock+st.Header.Render(" "), m.width)

	n, total := m.route.position(m.at)
	left := fmt.Sprintf(" %d/%d  ", n, total)
	right := ""
	switch m.at.Phase {
	case journal.PhaseOpening:
		left += "Opening · attendance"
	case journal.PhaseActions:
		left += "Opening · action items from last time"
	case journal.PhasePanels:
		p := m.agenda.Panels[m.at.Panel]
		left += fmt.Sprintf("Panel %d/%d · %s · %s", m.at.Panel+1, len(m.agenda.Panels), st.Title.Inherit(st.Header).Render(text.Line(p.Title)), p.Kind)
		right = m.timeboxText(p, state.SpentAt(p.ID, now))
	case journal.PhaseClosing:
		left += "Closing · " + m.at.Stage
	case journal.PhaseSummary:
		left += "Summary · minutes"
	}
	if state.Start.Solo {
		left += " · self-review"
	}
	line2 := bar(st.Header, st.Header.Render(left), right+st.Header.Render(" "), m.width)
	return line1 + "\n" + line2
}

// timeboxText counts a panel's timebox down: plain, amber from 80 %, red
// with the overrun past 100 %.
func (m *Model) timeboxText(p agenda.Panel, spent time.Duration) string {
	st := m.styles
	if p.Timebox <= 0 {
		return st.Header.Render("⌛ " + clockText(spent))
	}
	left := p.Timebox - spent
	switch {
	case left < 0:
		return st.Danger.Inherit(st.Header).Render(fmt.Sprintf("⌛ +%s over %s", clockText(-left), clockText(p.Timebox)))
	case spent*5 >= p.Timebox*4:
		return st.Warn.Inherit(st.Header).Render(fmt.Sprintf("⌛ %s left of %s", clockText(left), clockText(p.Timebox)))
	}
	return st.Header.Render(fmt.Sprintf("⌛ %s left of %s", clockText(left), clockText(p.Timebox)))
}

func (m *Model) footerView() string {
	st := m.styles
	helpLine := " " + m.help.View(m.helpFor(m.focus))
	loaded, busy, failedN := m.fetchCounts()
	left := fmt.Sprintf(" %d/%d panels loaded", loaded, len(m.panels))
	if busy > 0 {
		left += fmt.Sprintf(" · fetching %d", busy)
	}
	if failedN > 0 {
		left += " · " + st.Danger.Render(fmt.Sprintf("%d failed", failedN))
	}
	right := st.OK.Render("saved ✓ ")
	if m.save.Err != nil {
		right = st.StatusErr.Render(text.Line(m.save.String()) + " ")
	} else if m.fatal != nil {
		right = st.StatusErr.Render("NOT SAVED: " + text.Line(m.fatal.Error()) + " ")
	} else if m.saving() {
		right = st.Faint.Render("saving… ")
	}
	if m.flash != "" {
		style := st.Status
		if m.flashErr {
			style = st.StatusErr
		}
		left += " · " + style.Render(m.flash)
	}
	status := bar(lipgloss.NewStyle(), st.Status.Render(left), right, m.width)
	return helpLine + "\n" + status
}

func (m *Model) fullHelpView(w, h int) string {
	st := m.styles
	full := m.help // a copy: View changes nothing
	full.ShowAll = true
	keys := full.View(m.helpFor(m.focus))
	text := st.Section.Render("Keys") + "\n\n" + keys + "\n\n" +
		st.Subtle.Render("Everything is saved as you type: quit any time and continue with 'nagame resume'.\n"+
			"In answer mode, one key answers for the highlighted person and moves to the next;\n"+
			"g switches between everyone answering and one answer for the room.\n\n? or esc closes this help.")
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, st.Overlay.Render(text))
}

// screenTitle is a screen's title and the line under it that says what to do.
func screenTitle(st Styles, title, about string) string {
	return st.Section.Render(title) + "\n" + st.Subtle.Render(about) + "\n\n"
}

// bar lays left and right text on one line of width w.
func bar(bg lipgloss.Style, left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		left = text.Clip(left, max(0, w-lipgloss.Width(right)-1))
		gap = max(1, w-lipgloss.Width(left)-lipgloss.Width(right))
	}
	return left + bg.Render(strings.Repeat(" ", gap)) + right
}

// fit cuts or pads s to exactly h lines, none wider than w.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = text.Clip(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncate cuts plain or styled text to w cells.
func truncate(s string, w int) string {
	if w < 1 {
		return ""
	}
	return text.Clip(s, w)
}

// clockText writes a duration as m:ss (or h:mm:ss).
func clockText(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func secondsDuration(s int64) time.Duration { return time.Duration(s) * time.Second }
