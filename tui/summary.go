package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/text"
)

// summaryScreen shows the minutes rendered in the terminal, and where they
// are.
type summaryScreen struct {
	a        *app
	path     string
	minutes  *minutes.Minutes
	md       []byte
	err      error
	rendered string
	// renderedW and renderedDark are the width and style the rendering
	// was made for.
	renderedW    int
	renderedDark bool
	view         viewport.Model
	w, h         int
	// publish is the offer to publish the minutes (publish.go).
	publish publishing
}

func newSummary(a *app) summaryScreen {
	k := a.keys
	vp := viewport.New()
	// The viewport scrolls by our keys, so the help says all it answers to.
	vp.KeyMap = viewport.KeyMap{
		Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: k.HalfPageUp, HalfPageDown: k.HalfPageDown,
	}
	return summaryScreen{a: a, view: vp}
}

// minutesMsg carries minutes written to the session folder.
type minutesMsg struct {
	path    string
	minutes *minutes.Minutes
	md      []byte
	err     error
	auto    bool
}

// writeMinutes builds the minutes from the journal on disk (never from the
// live state, which only the UI goroutine may read) and writes minutes.md
// and minutes.json to the session folder through the session.
func writeMinutes(s *sessions.Session, hist []*sessions.Record, auto bool) tea.Cmd {
	dir := s.Dir()
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

// onMinutes keeps the minutes written; render renders them.
func (s *summaryScreen) onMinutes(msg minutesMsg) {
	if msg.err != nil {
		s.a.setStatus("minutes", "Could not write the minutes: "+msg.err.Error(), true)
		s.err = msg.err
		return
	}
	s.path, s.minutes, s.md, s.err = msg.path, msg.minutes, msg.md, nil
	s.renderedW = 0
	if !msg.auto {
		s.a.setStatus("minutes", "Minutes written to "+msg.path, false)
	}
	s.SetSize(s.w, s.h) // the lines above the minutes may have changed
}

// render draws the minutes for the current width and background when
// either changed (renderMarkdown is ours and fast: a few milliseconds for a
// long meeting, so it runs in Update, never in View).
func (s *summaryScreen) render() {
	w := max(36, s.w-2)
	dark := s.a.styles.IsDark
	if s.md == nil || (s.renderedW == w && s.renderedDark == dark) {
		return
	}
	s.renderedW, s.renderedDark = w, dark
	s.rendered = renderMarkdown(string(s.md), w, s.a.styles)
	s.view.SetContent(s.rendered)
}

func (s *summaryScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.view.SetWidth(w)
	s.view.SetHeight(max(3, h-len(s.head())-1))
	s.render()
}

// Update scrolls the minutes; ← goes back to the closing.
func (s *summaryScreen) Update(k tea.KeyPressMsg) (tea.Cmd, ask) {
	km := s.a.keys
	switch {
	case key.Matches(k, km.Prev):
		return nil, ask{move: -1}
	case key.Matches(k, km.First):
		s.view.GotoTop()
		return nil, ask{}
	case key.Matches(k, km.Last):
		s.view.GotoBottom()
		return nil, ask{}
	case key.Matches(k, km.Publish) && s.canPublish():
		cmd := s.publish.start(s.a)
		s.SetSize(s.w, s.h)
		return cmd, ask{}
	}
	var cmd tea.Cmd
	s.view, cmd = s.view.Update(k)
	return cmd, ask{}
}

// head is the lines above the minutes: where they are, and advice.
func (s *summaryScreen) head() []string {
	st := s.a.styles
	var top []string
	switch {
	case s.err != nil:
		top = append(top, st.Danger.Render("Could not write the minutes: "+text.Line(s.err.Error())))
	case s.path == "":
		top = append(top, st.Subtle.Render("Writing the minutes…"))
	default:
		line := st.OK.Render("✓ ") + "Minutes: " + st.Accent.Render(s.path) + st.Subtle.Render("  (and minutes.json)")
		if text.Width(line) <= s.w {
			top = append(top, line)
			break
		}
		// A long path on a line of its own, its end kept: the folder's name
		// and the file are what people look for.
		path := s.path
		if text.Width(path) > s.w {
			path = clipLeft(path, s.w)
		}
		top = append(top, st.OK.Render("✓ ")+"Minutes:"+st.Subtle.Render(" (and minutes.json beside them)"), st.Accent.Render(path))
	}
	top = append(top, s.publish.head(s.a, s.path != "")...)
	if s.minutes != nil && s.minutes.Trends != nil {
		for _, o := range s.minutes.Trends.Overruns {
			top = append(top, st.Warn.Render(fmt.Sprintf("%s ran over its timebox twice running: try timebox: %s in the agenda.",
				text.Line(o.Title), agenda.FormatDuration(secondsDuration(o.SuggestSeconds)))))
		}
	}
	return top
}

// clipLeft keeps the last w cells of s, after an ellipsis.
func clipLeft(s string, w int) string {
	r := []rune(s)
	for len(r) > 0 && text.Width(string(r))+1 > w {
		r = r[1:]
	}
	return text.Ellipsis + string(r)
}

func (s *summaryScreen) View() string {
	body := s.view.View()
	if s.rendered == "" && s.path != "" {
		body = s.a.styles.Subtle.Render("Rendering…")
	}
	return strings.Join(s.head(), "\n") + "\n\n" + body
}

func (s *summaryScreen) ShortHelp() []key.Binding {
	k := s.a.keys
	keys := []key.Binding{k.Up, k.Down, k.PageDown, k.PageUp, k.First, k.Last, k.Prev}
	keys = append(keys, when(s.canPublish(), k.Publish)...)
	return append(keys, k.Export)
}

// canPublish reports whether P publishes now: offered, and none running.
func (s *summaryScreen) canPublish() bool {
	return s.publish.offered(s.path != "") && !s.publish.running
}

func (s *summaryScreen) FullHelp() [][]key.Binding {
	k := s.a.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.HalfPageUp, k.HalfPageDown, k.First, k.Last}, append([]key.Binding{k.Prev}, when(s.canPublish(), k.Publish)...)}
}
