package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// attendanceScreen is the roll call: who is present. It also owns the late
// joiner's name, which the shell opens over any screen.
type attendanceScreen struct {
	a    *app
	row  int
	late lineInput
	w, h int
}

func newAttendance(a *app) attendanceScreen {
	km := a.keys
	late := newLineInput(a.styles, "Name: ", "who came in, as the minutes should name them", 60, km.Save, km.Cancel,
		relabel(km.Save, "add"), relabel(km.Cancel, "cancel"))
	return attendanceScreen{a: a, late: late}
}

func (s *attendanceScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	// A width, or the input shows only the first letter of its hint.
	s.late.SetWidth(max(10, w-30))
}

// Update handles a command key of the roll call.
func (s *attendanceScreen) Update(k tea.KeyPressMsg) (tea.Cmd, ask) {
	att := s.a.state().Attendance
	km := s.a.keys
	if row, ok := s.a.moveRow(k, s.row, len(att)); ok {
		s.row = row
		return nil, ask{}
	}
	switch {
	case key.Matches(k, km.Toggle):
		if s.row < len(att) {
			present := !att[s.row].Present
			s.a.post(journal.Event{Type: journal.EvAttendance, Person: att[s.row].Name, Present: &present})
		}
	case key.Matches(k, km.Continue):
		if len(s.a.present()) == 0 && len(att) > 0 {
			s.a.setFlash("Nobody is marked present: mark someone with space, or add people with +.", true)
			return nil, ask{}
		}
		return nil, ask{move: 1}
	}
	return nil, ask{}
}

// addLate adds the participant whose name was entered, who joined after
// the start (or marks a known one present again).
func (s *attendanceScreen) addLate() {
	name := text.Line(s.late.Value())
	if name == "" || name == journal.GroupRespondent {
		return
	}
	yes := true
	for _, at := range s.a.state().Attendance {
		if strings.EqualFold(at.Name, name) {
			s.a.post(journal.Event{Type: journal.EvAttendance, Person: at.Name, Present: &yes})
			return
		}
	}
	late := s.a.state().Phase != journal.PhaseOpening
	s.a.post(journal.Event{Type: journal.EvAttendance, Person: name, Present: &yes, Late: late})
	s.row = len(s.a.state().Attendance) - 1
}

// lateLine is the late joiner's name being typed over another screen.
func (s *attendanceScreen) lateLine() string {
	return s.a.styles.Label.Render("Someone joined? ") + s.late.View()
}

func (s *attendanceScreen) View() string {
	st := s.a.styles
	att := s.a.state().Attendance
	var b strings.Builder
	b.WriteString(screenTitle(st, s.w, "Who is here?", "Mark who is present: they answer the questions and give an impression at the end."))
	if len(att) == 0 {
		b.WriteString(st.Subtle.Render("The agenda lists no participants: add everyone with +.") + "\n")
	}
	rows := make([]string, len(att))
	for i, a := range att {
		box := st.Subtle.Render("[ ]")
		name := st.Subtle.Render(text.Line(a.Name) + "  (absent)")
		if a.Present {
			box = st.OK.Render("[✓]")
			name = text.Line(a.Name)
		}
		if a.Late {
			name += st.Subtle.Render("  (joined late)")
		}
		cursor := "  "
		if i == s.row {
			cursor = st.Cursor.Render("▸ ")
			name = st.Bold.Render(name)
		}
		rows[i] = cursor + box + " " + name
	}
	listH := s.h - strings.Count(b.String(), "\n") - 2
	if s.a.focus == focusLateJoiner {
		listH -= 2
	}
	b.WriteString(listLines(st, rows, s.row, 1, max(3, listH)) + "\n")
	if s.a.focus == focusLateJoiner {
		b.WriteString("\n" + s.late.View() + "\n")
	}
	n := len(s.a.present())
	fmt.Fprintf(&b, "\n%s", st.Subtle.Render(fmt.Sprintf("%d of %d present · enter to begin", n, len(att))))
	return b.String()
}

func (s *attendanceScreen) ShortHelp() []key.Binding {
	k := s.a.keys
	return []key.Binding{k.Toggle, k.Continue, k.Up, k.Down, k.AddLate, k.Join}
}

func (s *attendanceScreen) FullHelp() [][]key.Binding {
	k := s.a.keys
	return [][]key.Binding{{k.Up, k.Down, k.First, k.Last}, {k.Toggle, k.Continue}}
}
