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
	if m.focus == focusJoin && m.height < joinFullFrom {
		// The QR code needs every row of a small screen.
		return fit(m.joinView(m.width, m.height), m.width, m.height)
	}
	header := m.headerView()
	footer := m.footerView()
	bodyH := m.height - lipgloss.Height(header) - lipgloss.Height(footer)
	var body string
	switch m.focus {
	case focusHelp:
		body = fit(m.fullHelpView(m.width, bodyH), m.width, bodyH)
	case focusJoin:
		body = fit(m.joinView(m.width, bodyH), m.width, bodyH)
	default:
		inner := m.screenView()
		if m.lateLineShown() {
			// A late joiner is being added: the input takes the last lines,
			// and the screen was sized for the rest (resize).
			inner = fit(inner, m.width-2, bodyH-2) + "\n\n" + m.attendance.lateLine()
		}
		// One space of margin each side; fit keeps every line inside.
		body = " " + strings.ReplaceAll(fit(inner, m.width-2, bodyH), "\n", "\n ")
	}
	return header + "\n" + body + "\n" + footer
}

// lateLineShown reports whether the late joiner's name is typed on the
// last lines of another screen than the roll call.
func (m *Model) lateLineShown() bool {
	return m.focus == focusLateJoiner && m.at.Phase != journal.PhaseOpening
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
// (panel n/N, its title, its timebox). The frame's own words use no East
// Asian Ambiguous character (no ⏱, ⌛, │ or ·), so its right edge lines up
// however the terminal counts them.
func (m *Model) headerView() string {
	st := m.styles
	on := func(s lipgloss.Style) lipgloss.Style { return s.Inherit(st.Header) }
	now := m.now()
	state := m.s.State()
	elapsed := state.ElapsedAt(now)
	planned := state.Start.Planned
	clock := "meeting " + clockText(elapsed)
	if planned > 0 {
		clock += " of " + clockText(planned)
	}
	switch {
	case planned > 0 && elapsed > planned:
		clock = on(st.Danger).Render(clock + " (over)")
	case planned > 0 && elapsed*5 >= planned*4:
		clock = on(st.Warn).Render(clock)
	default:
		clock = st.Header.Render(clock)
	}
	title := st.AppTitle.Render(" nagame ") + st.Header.Render("| "+text.Line(m.agenda.Title))
	clock += st.Header.Render(" ")
	solo := st.Header.Render(" | self-review")
	if !state.Start.Solo {
		solo = ""
	}
	// A self-review says so where there is room: after the title, else
	// after where the meeting is.
	if solo != "" && text.Width(title+solo)+text.Width(clock)+1 <= m.width {
		title += solo
		solo = ""
	}
	line1 := bar(st.Header, title, clock, m.width)

	n, total := m.route.position(m.at)
	left := st.Header.Render(fmt.Sprintf(" %d/%d  ", n, total))
	right := ""
	kind := ""
	switch m.at.Phase {
	case journal.PhaseOpening:
		left += st.Header.Render("Opening | attendance")
	case journal.PhaseActions:
		left += st.Header.Render("Opening | action items from last time")
	case journal.PhasePanels:
		p := m.agenda.Panels[m.at.Panel]
		// Each piece on the band's background: a style's reset inside
		// another style's text would end the band there.
		left += st.Header.Render(fmt.Sprintf("Panel %d/%d | ", m.at.Panel+1, len(m.agenda.Panels))) +
			on(st.Title).Render(text.Line(p.Title))
		kind = st.Header.Render(" | " + string(p.Kind))
		right = m.timeboxText(p, state.SpentAt(p.ID, now))
	case journal.PhaseClosing:
		left += st.Header.Render("Closing | " + m.at.Stage)
	case journal.PhaseSummary:
		left += st.Header.Render("Summary | minutes")
	}
	right += st.Header.Render(" ")
	// The panel's kind goes first when the line is short of room.
	for _, more := range []string{kind, solo} {
		if more != "" && text.Width(left+more)+text.Width(right)+1 <= m.width {
			left += more
		}
	}
	line2 := bar(st.Header, left, right, m.width)
	return line1 + "\n" + line2
}

// timeboxText counts a panel's timebox down: plain, amber from 80 %, red
// with the overrun past 100 %; a panel without one counts its time up.
func (m *Model) timeboxText(p agenda.Panel, spent time.Duration) string {
	st := m.styles
	on := func(s lipgloss.Style) lipgloss.Style { return s.Inherit(st.Header) }
	if p.Timebox <= 0 {
		return st.Header.Render(clockText(spent) + " on this panel")
	}
	left := p.Timebox - spent
	switch {
	case left < 0:
		return on(st.Danger).Render(fmt.Sprintf("panel +%s over %s", clockText(-left), clockText(p.Timebox)))
	case spent*5 >= p.Timebox*4:
		return on(st.Warn).Render(fmt.Sprintf("panel %s left of %s", clockText(left), clockText(p.Timebox)))
	}
	return st.Header.Render(fmt.Sprintf("panel %s left of %s", clockText(left), clockText(p.Timebox)))
}

// footerView is the keys of the focus and the status bar: panels loaded,
// the join link, the status message, and whether everything is saved.
func (m *Model) footerView() string {
	st := m.styles
	helpLine := " " + footerKeys(st, m.keys, m.helpFor(m.focus), m.width-2)
	loaded, busy, failedN := m.fetchCounts()
	left := fmt.Sprintf(" %d/%d panels loaded", loaded, len(m.panels))
	if busy > 0 {
		left += fmt.Sprintf(", fetching %d", busy)
	}
	left = st.Status.Render(left)
	if failedN > 0 {
		left += st.Status.Render(", ") + st.Danger.Render(fmt.Sprintf("%d failed", failedN))
	}
	if j := m.joinStatus(); j != "" {
		left += st.Status.Render(" | ") + j
	}
	right := st.OK.Render("saved ✓ ")
	if m.save.Err != nil {
		right = st.StatusErr.Render(text.Line(m.save.String()) + " ")
	} else if m.fatal != nil {
		right = st.StatusErr.Render("NOT SAVED: " + text.Line(m.fatal.Error()) + " ")
	} else if m.saving() {
		right = st.Subtle.Render("saving ")
	}
	if msg := m.status; msg.text != "" {
		style := st.Status
		if msg.isErr {
			style = st.StatusErr
		}
		left += st.Status.Render(" | ") + style.Render(msg.text)
	}
	status := bar(lipgloss.NewStyle(), left, right, m.width)
	return helpLine + "\n" + status
}

// fullHelpView is the help overlay: every key of the focus, in groups,
// and what the keys cannot say; it fits the screen at any size from 80×24.
func (m *Model) fullHelpView(w, h int) string {
	st := m.styles
	inner := overlayInner(st, w, h)
	keys := keyColumns(st, m.helpFor(m.back).FullHelp(), inner)
	about := "Everything is saved as you type: quit any time and continue with 'nagame resume'."
	if m.state().Start.Solo {
		about += " In answer mode, one key answers and moves to the next question."
	} else {
		about += " In answer mode, one key answers for the highlighted person and moves to the next;" +
			" g switches between everyone answering and one answer for the room."
	}
	body := st.Section.Render("Keys") + "\n\n" + keys + "\n\n" +
		wrapped(st.Subtle, about, inner) + "\n\n" + st.Subtle.Render("? or esc closes this help.")
	return overlay(st, body, w, h)
}

// screenTitle is a screen's title and the lines under it, wrapped to w,
// that say what to do.
func screenTitle(st Styles, w int, title, about string) string {
	return st.Section.Render(title) + "\n" + wrapped(st.Subtle, about, w) + "\n\n"
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
