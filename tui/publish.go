package tui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/text"
)

// PublishFunc publishes the session in dir to the agenda's publish:
// targets (what nagame publish does) and returns what each made, a line a
// target, links included. The caller builds it with the keys and the HTTP
// client; the app only asks for it from the summary.
type PublishFunc func(ctx context.Context, dir string) ([]string, error)

// publishing is the summary's publish offer: the targets the agenda names,
// whether a publish runs, and what the last one said.
type publishing struct {
	fn      PublishFunc
	ctx     context.Context
	targets []agenda.Target
	running bool
	lines   []string
	err     error
}

// publishedMsg carries what a publish made.
type publishedMsg struct {
	lines []string
	err   error
}

// offered reports whether the summary offers publishing: the agenda names
// a target and the minutes are written.
func (p *publishing) offered(minutesWritten bool) bool {
	return p.fn != nil && len(p.targets) > 0 && minutesWritten
}

// targetList is the targets as the agenda writes them.
func (p *publishing) targetList() string {
	names := make([]string, len(p.targets))
	for i, t := range p.targets {
		names[i] = t.String()
	}
	return strings.Join(names, ", ")
}

// start publishes in the background; the session is flushed first so the
// record read from disk holds everything said.
func (p *publishing) start(a *app) tea.Cmd {
	p.running, p.err = true, nil
	a.setStatus("publish", "Publishing to "+p.targetList()+"…", false)
	fn, ctx, s := p.fn, p.ctx, a.s
	return func() tea.Msg {
		if err := s.Flush(); err != nil {
			return publishedMsg{err: err}
		}
		lines, err := fn(ctx, s.Dir())
		return publishedMsg{lines: lines, err: err}
	}
}

// done keeps what a publish made and says it on the status line.
func (p *publishing) done(a *app, msg publishedMsg) {
	p.running = false
	p.lines, p.err = msg.lines, msg.err
	if msg.err != nil {
		a.setStatus("publish", "Publishing failed: "+text.Line(msg.err.Error()), true)
		return
	}
	a.setStatus("publish", "Published to "+p.targetList(), false)
}

// head is the summary's lines about publishing.
func (p *publishing) head(a *app, minutesWritten bool) []string {
	if !p.offered(minutesWritten) {
		return nil
	}
	st := a.styles
	var out []string
	for _, l := range p.lines {
		out = append(out, st.OK.Render("✓ ")+text.Line(l))
	}
	switch {
	case p.running:
		out = append(out, st.Subtle.Render("Publishing to "+p.targetList()+"…"))
	case p.err != nil:
		out = append(out, st.Danger.Render("Publishing failed: "+text.Line(p.err.Error())),
			st.Subtle.Render(a.keys.Publish.Help().Key+" tries again; nagame publish does the same later."))
	case p.lines == nil:
		out = append(out, a.keys.Publish.Help().Key+" publishes the minutes to "+st.Accent.Render(p.targetList())+st.Subtle.Render(" (the agenda's publish:)"))
	}
	return out
}
