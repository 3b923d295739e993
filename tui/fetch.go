package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// fetchState is what a panel shows about its data.
type fetchState int

const (
	// loading: fetching, nothing to show yet.
	loading fetchState = iota
	// ready: the data shown is the latest fetch.
	ready
	// stale: the data shown is older (saved by an earlier run, or kept when
	// a refetch failed); a refetch may be running.
	stale
	// failed: the fetch failed and there is nothing older to show.
	failed
)

// panelState is a panel's data and the chart drawn from it.
type panelState struct {
	state fetchState
	data  *sessions.PanelData
	// busy is set while a fetch runs (also over stale data).
	busy bool
	// gen numbers fetches so a late answer to an old one is dropped.
	gen int
	// lastErr is the latest fetch's error when older data is shown.
	lastErr string

	// chart caches the rendered chart for chartW×chartH.
	chart          string
	chartW, chartH int
	chartPresent   bool
	chartBudget    bool
}

// loadSaved shows the data an earlier run captured (a resumed session shows
// what the team saw, even offline); r refetches.
func (p *panelState) loadSaved(dir, id string) {
	d, err := sessions.ReadData(dir, id)
	if err != nil || d == nil {
		return
	}
	p.data = d
	p.state = stale
	if !d.Failed() {
		p.state = ready
	}
}

// fetchedMsg carries a panel's fetched data.
type fetchedMsg struct {
	index   int
	gen     int
	data    *sessions.PanelData
	saveErr error
}

// fetch starts fetching panel i; the command copies all it needs, waits for
// a slot (at most fetchParallel at once), and stores the data before
// returning it, so what the team sees is on disk.
func (m *Model) fetch(i int) tea.Cmd {
	p := &m.panels[i]
	p.gen++
	p.busy = true
	if p.data == nil {
		p.state = loading
	}
	gen, ctx, sem, s := p.gen, m.ctx, m.sem, m.s
	keepOld := p.data != nil && !p.data.Failed()
	req := m.srcs.Request(m.agenda.Panels[i], m.window, m.compare, sessions.ChartColumns(m.width), m.now())
	return func() tea.Msg {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return fetchedMsg{index: i, gen: gen, data: nil}
		}
		defer func() { <-sem }()
		d := sessions.FetchPanel(ctx, req)
		var err error
		if ctx.Err() == nil && (!d.Failed() || !keepOld) {
			err = s.SaveData(d) // kept and retried by the session if the disk refuses it
		}
		return fetchedMsg{index: i, gen: gen, data: d, saveErr: err}
	}
}

func (m *Model) onFetched(msg fetchedMsg) {
	if msg.index < 0 || msg.index >= len(m.panels) {
		return
	}
	p := &m.panels[msg.index]
	if msg.gen != p.gen || msg.data == nil || m.ctx.Err() != nil {
		return
	}
	p.busy = false
	d := msg.data
	pn := m.agenda.Panels[msg.index]
	id := pn.ID
	// A "Fetching …" of this panel becomes what the fetch did.
	if err := d.Err(); err != nil {
		m.replaceStatus("fetch:"+id, "Could not fetch "+pn.Title+": "+err.Error(), true)
	} else {
		m.replaceStatus("fetch:"+id, "Fetched "+pn.Title+".", false)
	}
	if msg.saveErr != nil {
		m.setFlash("could not save the data of "+id+": "+msg.saveErr.Error(), true)
	}
	if d.Failed() && p.data != nil && !p.data.Failed() {
		p.state = stale
		p.lastErr = d.Err().Error()
		m.post(journal.Event{Type: journal.EvData, Panel: id, Error: p.lastErr})
		return
	}
	p.data, p.lastErr = d, ""
	p.state = ready
	if d.Current.Error != "" {
		p.state = failed
	}
	p.chart = ""
	var errText string
	if err := d.Err(); err != nil {
		errText = err.Error()
	}
	m.post(journal.Event{Type: journal.EvData, Panel: id, Error: errText})
}

// fetchCounts sums the panels up for the status bar.
func (m *Model) fetchCounts() (loaded, busy, failedN int) {
	for _, p := range m.panels {
		switch {
		case p.state == failed:
			failedN++
		case p.data != nil:
			loaded++
		}
		if p.busy {
			busy++
		}
	}
	return loaded, busy, failedN
}
