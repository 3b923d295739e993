package sessions

import (
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// cleanEvent is e with every string cleaned as people will read it: notes
// keep their lines (text.Clean), everything else is one line (text.Line).
// The State is built from cleaned events only, so that nothing a journal
// holds (written by an older nagame, edited by hand, pasted into a field)
// reaches a terminal, the minutes, the JSON or a folder name as an escape
// sequence. Clean text is returned without copying.
func cleanEvent(e journal.Event) journal.Event {
	for _, s := range []*string{&e.Person, &e.Panel, &e.Question, &e.Value, &e.Phase,
		&e.Action, &e.Owner, &e.Due, &e.Status, &e.From, &e.Error} {
		*s = text.Line(*s)
	}
	if e.Type == journal.EvNote {
		e.Text = text.Clean(e.Text)
	} else {
		e.Text = text.Line(e.Text)
	}
	if e.Start != nil {
		st := *e.Start
		st.Title, st.Service, st.As = text.Line(st.Title), text.Line(st.Service), text.Line(st.As)
		if len(st.Participants) > 0 {
			st.Participants = make([]string, len(e.Start.Participants))
			for i, p := range e.Start.Participants {
				st.Participants[i] = text.Line(p)
			}
		}
		e.Start = &st
	}
	return e
}
