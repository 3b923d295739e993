package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// attendance is the roll call: who is present, and late joiners.
type attendance struct {
	row    int
	adding bool
	input  textinput.Model
}

func newAttendance() attendance {
	in := textinput.New()
	in.Prompt = "Name: "
	in.Placeholder = "a late joiner"
	in.CharLimit = 60
	return attendance{input: in}
}

func (a *attendance) updateAdding(k tea.KeyPressMsg) (string, tea.Cmd) {
	switch k.String() {
	case "esc":
		a.adding = false
		a.input.Blur()
		return "", nil
	case "enter":
		name := agenda.CleanLine(a.input.Value())
		a.adding = false
		a.input.Blur()
		return name, nil
	}
	var cmd tea.Cmd
	a.input, cmd = a.input.Update(k)
	return "", cmd
}

func (m *Model) onOpeningKey(k tea.KeyPressMsg) tea.Cmd {
	att := m.s.State().Attendance
	a := &m.attendance
	switch {
	case key.Matches(k, m.keys.Up):
		a.row = max(0, a.row-1)
	case key.Matches(k, m.keys.Down):
		a.row = min(len(att)-1, a.row+1)
	case key.Matches(k, m.keys.Toggle):
		if a.row < len(att) {
			present := !att[a.row].Present
			m.post(journal.Event{Type: journal.EvAttendance, Person: att[a.row].Name, Present: &present})
		}
	case key.Matches(k, m.keys.Continue):
		if len(m.present()) == 0 && len(att) > 0 {
			m.setFlash("Nobody is marked present: mark someone with space, or add people with +.", true)
			return nil
		}
		return m.goTo(m.route.next(m.at))
	case key.Matches(k, m.keys.Prev):
		return nil
	}
	return nil
}

// addLate adds a participant who joined after the start (or marks a known
// one present again).
func (m *Model) addLate(name string) {
	if name == "" || name == journal.GroupRespondent {
		return
	}
	yes := true
	for _, at := range m.s.State().Attendance {
		if strings.EqualFold(at.Name, name) {
			m.post(journal.Event{Type: journal.EvAttendance, Person: at.Name, Present: &yes})
			return
		}
	}
	late := m.s.State().Phase != journal.PhaseOpening
	m.post(journal.Event{Type: journal.EvAttendance, Person: name, Present: &yes, Late: late})
	m.attendance.row = len(m.s.State().Attendance) - 1
	m.grid.people = m.present()
}

func (m *Model) openingView(w, h int) string {
	st := m.styles
	att := m.s.State().Attendance
	var b strings.Builder
	b.WriteString(st.Section.Render("Who is here?") + "\n")
	b.WriteString(st.Subtle.Render("Mark who is present: they answer the questions and give an impression at the end.") + "\n\n")
	if len(att) == 0 {
		b.WriteString(st.Faint.Render("The agenda lists no participants: add everyone with +.") + "\n")
	}
	first, last := visibleRange(len(att), m.attendance.row, max(3, h-8))
	for i := first; i < last; i++ {
		a := att[i]
		box := "[ ]"
		name := st.Faint.Render(agenda.CleanLine(a.Name))
		if a.Present {
			box = st.OK.Render("[✓]")
			name = agenda.CleanLine(a.Name)
		}
		if a.Late {
			name += st.Faint.Render("  (joined late)")
		}
		cursor := "  "
		if i == m.attendance.row {
			cursor = st.Cursor.Render("▸ ")
			name = st.Bold.Render(name)
		}
		fmt.Fprintf(&b, "%s%s %s\n", cursor, box, name)
	}
	if m.attendance.adding {
		b.WriteString("\n" + m.attendance.input.View() + "\n")
	}
	n := len(m.present())
	fmt.Fprintf(&b, "\n%s", st.Subtle.Render(fmt.Sprintf("%d of %d present · enter to begin", n, len(att))))
	return b.String()
}

// review is the phase that goes through action items still open from
// earlier sessions: each is marked done, still open or dropped, with a note.
type review struct {
	items   []sessions.TrackedAction
	row     int
	noting  bool
	pending string // the status waiting for its note
	input   textinput.Model
}

func newReview(items []sessions.TrackedAction) review {
	in := textinput.New()
	in.Prompt = "Note: "
	in.Placeholder = "one line (enter to save, esc to skip)"
	in.CharLimit = 200
	return review{items: items, input: in}
}

func (r *review) updateNoting(k tea.KeyPressMsg) (string, bool, tea.Cmd) {
	switch k.String() {
	case "esc", "enter":
		// Either way the mark is saved; esc keeps what was typed too.
		return agenda.CleanLine(r.input.Value()), true, nil
	}
	var cmd tea.Cmd
	r.input, cmd = r.input.Update(k)
	return "", false, cmd
}

func (m *Model) onReviewKey(k tea.KeyPressMsg) tea.Cmd {
	r := &m.review
	status := ""
	switch {
	case key.Matches(k, m.keys.Up):
		r.row = max(0, r.row-1)
	case key.Matches(k, m.keys.Down):
		r.row = min(len(r.items)-1, r.row+1)
	case key.Matches(k, m.keys.Done):
		status = journal.ActionDone
	case key.Matches(k, m.keys.KeepOpen):
		status = journal.ActionOpen
	case key.Matches(k, m.keys.Drop):
		status = journal.ActionDropped
	case key.Matches(k, m.keys.Next), k.String() == "enter":
		return m.goTo(m.route.next(m.at))
	case key.Matches(k, m.keys.Prev):
		return m.goTo(m.route.prev(m.at))
	}
	if status == "" || r.row >= len(r.items) {
		return nil
	}
	r.pending = status
	r.noting = true
	r.input.SetValue(m.s.State().Reviews[r.items[r.row].Key].Note)
	return r.input.Focus()
}

func (m *Model) saveReviewNote(note string) {
	r := &m.review
	r.noting = false
	r.input.Blur()
	m.commitDraft(m.reviewEvent(note))
	r.row = min(len(r.items)-1, r.row+1)
}

// reviewEvent journals the review of the highlighted earlier item.
func (m *Model) reviewEvent(note string) journal.Event {
	r := &m.review
	it := r.items[r.row]
	return journal.Event{
		Type: journal.EvActionStatus, Action: it.ID, From: it.Session,
		Status: r.pending, Text: agenda.CleanLine(note),
	}
}

func (m *Model) reviewView(w, h int) string {
	st := m.styles
	r := m.review
	reviews := m.s.State().Reviews
	var b strings.Builder
	b.WriteString(st.Section.Render("Action items from earlier sessions") + "\n")
	b.WriteString(st.Subtle.Render("Still open from last time. Mark each: d done · o still open · x dropped, then a one-line note.") + "\n\n")
	now := m.now()
	first, last := visibleRange(len(r.items), r.row, max(2, (h-8)/2))
	for i := first; i < last; i++ {
		it := r.items[i]
		rev, ok := reviews[it.Key]
		mark := st.Faint.Render("·  not reviewed")
		if ok {
			switch rev.Status {
			case journal.ActionDone:
				mark = st.OK.Render("✓  done")
			case journal.ActionDropped:
				mark = st.Faint.Render("✗  dropped")
			default:
				mark = st.Warn.Render("○  still open")
			}
		}
		cursor := "  "
		text := agenda.CleanLine(it.Text)
		if i == r.row {
			cursor = st.Cursor.Render("▸ ")
			text = st.Bold.Render(text)
		}
		owner := ""
		if it.Owner != "" {
			owner = " — " + agenda.CleanLine(it.Owner)
		}
		if it.Due != "" {
			due := "due " + it.Due
			if it.Due < now.Format(time.DateOnly) {
				due = st.Danger.Render("overdue since " + it.Due)
			}
			owner += " · " + due
		}
		fmt.Fprintf(&b, "%s%s%s\n", cursor, truncate(text, w-6), owner)
		if ok && rev.Note != "" {
			mark += st.Subtle.Render(": " + agenda.CleanLine(rev.Note))
		}
		from := fmt.Sprintf("%d days old · from %s", it.AgeDays(now), it.Session)
		if it.PanelTitle != "" {
			from += " · " + agenda.CleanLine(it.PanelTitle)
		}
		fmt.Fprintf(&b, "    %s  %s\n", mark, st.Faint.Render(from))
	}
	if r.noting {
		b.WriteString("\n" + st.Label.Render("Marking "+r.pending+". ") + r.input.View() + "\n")
	}
	return b.String()
}
