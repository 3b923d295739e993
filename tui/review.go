package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// reviewScreen goes through the action items still open from earlier
// sessions: each is marked done, still open or dropped, with a note.
type reviewScreen struct {
	a     *app
	items []sessions.TrackedAction
	row   int
	// status is the mark waiting for its note.
	status string
	note   lineInput
	w, h   int
}

func newReview(a *app, items []sessions.TrackedAction) reviewScreen {
	km := a.keys
	// Either key saves the mark; esc keeps what was typed too.
	note := newLineInput(a.styles, "Note: ", "what happened to it, in one line (optional)", 200, km.Save, km.Leave, either(km.Save, km.Leave, "save"))
	return reviewScreen{a: a, items: items, note: note}
}

func (r *reviewScreen) SetSize(w, h int) {
	r.w, r.h = w, h
	r.note.SetWidth(max(10, w-30))
}

// Update handles a command key: a mark opens its note.
func (r *reviewScreen) Update(k tea.KeyPressMsg) (tea.Cmd, ask) {
	km := r.a.keys
	if row, ok := r.a.moveRow(k, r.row, len(r.items)); ok {
		r.row = row
		return nil, ask{}
	}
	status := ""
	switch {
	case key.Matches(k, km.Done):
		status = journal.ActionDone
	case key.Matches(k, km.KeepOpen):
		status = journal.ActionOpen
	case key.Matches(k, km.Drop):
		status = journal.ActionDropped
	case key.Matches(k, km.Continue):
		return nil, ask{move: 1}
	case key.Matches(k, km.Prev) && !r.a.state().Start.Solo:
		return nil, ask{move: -1}
	}
	if status == "" || r.row >= len(r.items) {
		return nil, ask{}
	}
	r.status = status
	r.note.SetValue(r.a.state().Reviews[r.items[r.row].Key].Note)
	return nil, ask{focus: focusReviewNote}
}

// onNote journals the mark and its note as it is typed; enter or esc saves
// both and moves to the next item.
func (r *reviewScreen) onNote(e edit) (tea.Cmd, ask) {
	ev := r.event(r.note.Value())
	if e == changed {
		return r.a.draft(ev), ask{focus: focusReviewNote}
	}
	r.a.save(ev)
	r.row = min(len(r.items)-1, r.row+1)
	return nil, ask{}
}

// event journals the review of the highlighted earlier item.
func (r *reviewScreen) event(note string) journal.Event {
	it := r.items[r.row]
	return journal.Event{
		Type: journal.EvActionStatus, Action: it.ID, From: it.Session,
		Status: r.status, Text: text.Line(note),
	}
}

func (r *reviewScreen) View() string {
	st := r.a.styles
	reviews := r.a.state().Reviews
	var b strings.Builder
	b.WriteString(screenTitle(st, r.w, "Action items from earlier sessions", "Still open from last time. Mark each: d done · o still open · x dropped, then a one-line note."))
	now := r.a.now()
	items := make([]string, len(r.items))
	for i, it := range r.items {
		rev, ok := reviews[it.Key]
		mark := st.Subtle.Render("·  not reviewed")
		if ok {
			switch rev.Status {
			case journal.ActionDone:
				mark = st.OK.Render("✓  done")
			case journal.ActionDropped:
				mark = st.Subtle.Render("✗  dropped")
			default:
				mark = st.Warn.Render("○  still open")
			}
		}
		cursor := "  "
		title := text.Line(it.Text)
		if i == r.row {
			cursor = st.Cursor.Render("▸ ")
			title = st.Bold.Render(title)
		}
		owner := ""
		if it.Owner != "" {
			owner = " — " + text.Line(it.Owner)
		}
		if it.Due != "" {
			due := "due " + it.Due
			if it.Due < now.Format(time.DateOnly) {
				due = st.Danger.Render("overdue since " + it.Due)
			}
			owner += " · " + due
		}
		if ok && rev.Note != "" {
			mark += st.Subtle.Render(": " + text.Line(rev.Note))
		}
		from := fmt.Sprintf("%d days old · from %s", it.AgeDays(now), it.Session)
		if it.PanelTitle != "" {
			from += " · " + text.Line(it.PanelTitle)
		}
		items[i] = fmt.Sprintf("%s%s%s\n    %s", cursor, truncate(title, r.w-6), owner, truncate(mark+"  "+st.Subtle.Render(from), r.w-4))
	}
	listH := r.h - strings.Count(b.String(), "\n") - 1
	if r.a.focus == focusReviewNote {
		listH -= 2
	}
	b.WriteString(listLines(st, items, r.row, 2, max(2, listH)) + "\n")
	if r.a.focus == focusReviewNote {
		b.WriteString("\n" + st.Label.Render("Marking "+r.status+". ") + r.note.View() + "\n")
	}
	return b.String()
}

func (r *reviewScreen) ShortHelp() []key.Binding {
	k := r.a.keys
	// A self-review begins here: there is no stop before it.
	return append([]key.Binding{k.Done, k.KeepOpen, k.Drop, k.Continue, k.Up, k.Down}, when(!r.a.state().Start.Solo, k.Prev)...)
}

func (r *reviewScreen) FullHelp() [][]key.Binding {
	k := r.a.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.First, k.Last},
		{k.Done, k.KeepOpen, k.Drop},
		append([]key.Binding{k.Continue}, when(!r.a.state().Start.Solo, k.Prev)...),
	}
}
