package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/chart"
	"github.com/nagame-dev/nagame/text"
)

// wideFrom is the body width (a 120-column terminal less its margins) from
// which the panel screen puts its numbers, SLO, questions and action items
// in a column beside the chart.
const wideFrom = 120 - 2

// minChart is the fewest rows the chart keeps: below it, the lower area
// (the notes, the answer grid) gives up rows instead.
const minChart = 6

// panelScreen is one panel of the agenda: its chart and numbers, the
// prompt, and below them the notes, the answer grid or a new action item.
// The shell shows it a panel (show) with that panel's fetch state.
type panelScreen struct {
	a     *app
	index int
	ps    *panelState
	w, h  int
	// presenter shows only the chart, its figures and the prompt, as large
	// as they go; budget shows the error budget's burn-down for the chart.
	presenter, budget bool
	notes             notesInput
	grid              answerGrid
	action            actionForm
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
	p.grid = p.a.newGrid(pn.Questions, p.a.present())
	p.grid.panel, p.grid.leavable = pn.ID, true
	p.budget = false
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
	p.grid.width = l.mainW
}

// hasBudget reports whether the panel has a burn-down to switch to: an
// objective on a latency or errors panel (an SLO panel's chart is one).
func (p *panelScreen) hasBudget() bool {
	d := p.ps.data
	return d != nil && d.Current.OK() && d.Current.Burn != nil && d.Current.SLO != nil && p.panel().Kind != sources.KindSLO
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
	case key.Matches(k, km.Answer) && len(pn.Questions) > 0:
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
	case key.Matches(k, km.Budget) && p.hasBudget():
		p.budget = !p.budget
	case key.Matches(k, km.Refetch):
		p.a.setStatus("fetch:"+pn.ID, "Fetching "+text.Line(pn.Title)+"…", false)
		return nil, ask{fetch: true}
	case key.Matches(k, p.jumpKeys()):
		for d := 1; d <= len(p.a.agenda.Panels); d++ {
			if key.Matches(k, km.Digit[d%10]) {
				return nil, ask{panel: d}
			}
		}
	}
	return nil, ask{}
}

// jumpKeys are the digits that go to a panel by its number: every panel
// but this one, nine at most.
func (p *panelScreen) jumpKeys() key.Binding {
	n := min(9, len(p.a.agenda.Panels))
	if n < 2 {
		return key.NewBinding(key.WithDisabled())
	}
	b := p.a.keys.digits(1, n, "go to panel n")
	keys := []string{}
	for _, k := range b.Keys() {
		if k != p.a.keys.Digit[(p.index+1)%10].Keys()[0] {
			keys = append(keys, k)
		}
	}
	b.SetKeys(keys...)
	return b
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

// chartOptions are the options of the panel's charts on screen.
//
// Events is the hook for event markers (deploys, incidents): when
// sessions.PanelData carries the events of its window, panelEvents returns
// them and the charts on screen mark them as the minutes' do.
func chartOptions(d *sessions.PanelData, w, h int) minutes.ChartOptions {
	return minutes.ChartOptions{
		Width: w, Height: h, Color: true, AsOf: true,
		// Times on screen are UTC, as the figures say ("… UTC").
		Location: nil,
		Events:   panelEvents(d),
	}
}

// panelEvents are the events to mark on a panel's chart: none until the
// panel data carries them.
func panelEvents(*sessions.PanelData) []chart.Event { return nil }

func (p *panelScreen) ShortHelp() []key.Binding {
	k := p.a.keys
	pn := p.panel()
	out := []key.Binding{k.Next, k.Prev}
	out = append(out, when(len(pn.Questions) > 0, k.Answer)...)
	out = append(out, k.Edit, k.Action, k.Present)
	out = append(out, when(p.hasBudget(), k.Budget)...)
	return append(out, k.Join, k.Refetch, p.jumpKeys())
}

func (p *panelScreen) FullHelp() [][]key.Binding {
	k := p.a.keys
	pn := p.panel()
	return [][]key.Binding{
		{k.Next, k.Prev, p.jumpKeys(), k.Refetch},
		append([]key.Binding{k.Present}, when(p.hasBudget(), k.Budget)...),
		append(append([]key.Binding{k.Edit}, when(len(pn.Questions) > 0, k.Answer)...), k.Action),
	}
}

// notesLines are the panel's notes wrapped to w, the last n of them, the
// first saying how many lines came before.
func notesLines(st Styles, notes string, w, n int) []string {
	lines := text.Wrap(text.Clean(notes), max(1, w))
	if len(lines) <= n {
		return lines
	}
	more := len(lines) - n + 1
	return append([]string{st.Subtle.Render(fmt.Sprintf("(%d lines above: tab shows them all)", more))}, lines[more:]...)
}
