package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

// summary shows the minutes rendered in the terminal, and where they are.
type summary struct {
	path     string
	minutes  *minutes.Minutes
	md       []byte
	err      error
	rendered string
	// renderedFor is the width and style the rendering was made for.
	renderedW    int
	renderedDark bool
	view         viewport.Model
}

// minutesMsg carries minutes written to the session folder.
type minutesMsg struct {
	path    string
	minutes *minutes.Minutes
	md      []byte
	err     error
	auto    bool
}

// renderedMsg carries minutes rendered for the terminal.
type renderedMsg struct {
	width  int
	isDark bool
	text   string
	err    error
}

// writeMinutes builds the minutes from the journal on disk (never from the
// live state, which only the UI goroutine may read) and writes minutes.md
// and minutes.json to the session folder.
func (m *Model) writeMinutes(auto bool) tea.Cmd {
	s, dir, hist := m.s, m.s.Dir(), m.history
	return func() tea.Msg {
		if err := s.Flush(); err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		rec, err := sessions.OpenRecord(dir)
		if err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		mins, err := minutes.Build(rec, minutes.Options{History: hist})
		if err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		md := mins.Markdown()
		js, err := mins.JSON()
		if err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		if err := s.WriteFile(sessions.MinutesFile, md); err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		if err := s.WriteFile(sessions.MinutesJSON, js); err != nil {
			return minutesMsg{err: err, auto: auto}
		}
		return minutesMsg{path: filepath.Join(dir, sessions.MinutesFile), minutes: mins, md: md, auto: auto}
	}
}

func (m *Model) onMinutes(msg minutesMsg) tea.Cmd {
	if msg.err != nil {
		m.setFlash("Could not write the minutes: "+msg.err.Error(), true)
		m.summary.err = msg.err
		return nil
	}
	m.summary.path, m.summary.minutes, m.summary.md, m.summary.err = msg.path, msg.minutes, msg.md, nil
	m.summary.renderedW = 0
	if !msg.auto {
		m.setFlash("Minutes written to "+msg.path, false)
	}
	return m.summaryRender()
}

// summaryRender renders the minutes with glamour for the current width and
// background, in a command: glamour is far too slow for View.
func (m *Model) summaryRender() tea.Cmd {
	s := &m.summary
	// The body is width-2 wide; glamour adds a margin of 2 on each side.
	w := max(36, m.width-2-4)
	if m.at.Phase != journal.PhaseSummary || s.md == nil || (s.renderedW == w && s.renderedDark == m.styles.IsDark) {
		return nil
	}
	s.renderedW, s.renderedDark = w, m.styles.IsDark
	md, dark := string(s.md), m.styles.IsDark
	return func() tea.Msg {
		style := styles.LightStyle
		if dark {
			style = styles.DarkStyle
		}
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(w))
		if err != nil {
			return renderedMsg{width: w, isDark: dark, err: err}
		}
		out, err := r.Render(md)
		return renderedMsg{width: w, isDark: dark, text: out, err: err}
	}
}

func (s *summary) onRendered(msg renderedMsg) {
	if msg.width != s.renderedW || msg.isDark != s.renderedDark {
		return
	}
	if msg.err != nil {
		s.rendered = string(s.md)
	} else {
		lines := strings.Split(strings.TrimRight(msg.text, "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		s.rendered = strings.Join(lines, "\n")
	}
	s.view.SetContent(s.rendered)
}

func (m *Model) onSummaryKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Prev):
		return m.goTo(m.route.prev(m.at))
	}
	var cmd tea.Cmd
	m.summary.view, cmd = m.summary.view.Update(k)
	return cmd
}

func (m *Model) summaryView(w, h int) string {
	st := m.styles
	s := &m.summary
	var top []string
	switch {
	case s.err != nil:
		top = append(top, st.Danger.Render("Could not write the minutes: "+agenda.CleanLine(s.err.Error())))
	case s.path == "":
		top = append(top, st.Subtle.Render("Writing the minutes…"))
	default:
		top = append(top, st.OK.Render("✓ ")+"Minutes: "+st.Accent.Render(s.path)+st.Faint.Render("  (and minutes.json)"))
	}
	if s.minutes != nil && s.minutes.Trends != nil {
		for _, o := range s.minutes.Trends.Overruns {
			top = append(top, st.Warn.Render(fmt.Sprintf("%s ran over its timebox twice running: try timebox: %s in the agenda.",
				agenda.CleanLine(o.Title), agenda.FormatDuration(secondsDuration(o.SuggestSeconds)))))
		}
	}
	head := strings.Join(top, "\n")
	s.view.SetWidth(w)
	s.view.SetHeight(max(3, h-len(top)-1))
	body := s.view.View()
	if s.rendered == "" && s.path != "" {
		body = st.Faint.Render("Rendering…")
	}
	return head + "\n\n" + body
}
