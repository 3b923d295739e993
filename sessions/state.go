package sessions

import (
	"fmt"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// State is what a session's journal adds up to: replaying the same events
// always gives the same State. The TUI shows it, resume continues from it and
// the minutes are rendered from it.
type State struct {
	Start journal.StartInfo
	// Started is when the session began, Last when its latest event happened.
	Started time.Time
	Last    time.Time
	// Ended is set once the meeting reached its summary.
	Ended   bool
	EndedAt time.Time

	Phase string
	// Stage is the step within a phase (the closing's "impressions" or
	// "survey"), from the phase event's Value.
	Stage string
	// Panel is the id of the panel shown last.
	Panel string

	// Attendance in order: the agenda's participants, then late joiners.
	Attendance []Attendee

	// Notes by panel id ("" holds the meeting's general notes).
	Notes map[string]string
	// Answers by panel id, question id and person (GroupRespondent for the
	// room's consensus).
	Answers map[string]map[string]map[string]string
	// Impressions by person.
	Impressions map[string]string
	// Survey answers by question id and person.
	Survey map[string]map[string]string
	// FromDevice marks, by DeviceKey, the answers, impressions and survey
	// answers that came from a participant's own device (Event.Device)
	// and have not been replaced by a typed one since.
	FromDevice map[string]bool

	// Actions created in this session, in order of creation.
	Actions []ActionItem
	// Reviews of action items in this session, by ActionKey.
	Reviews map[string]Review

	// Data captured per panel.
	Data map[string]DataRef

	// Elapsed is the meeting's running time: the time between events while
	// the session was open, without the stops between a quit or crash and
	// the next resume. Spent is the same per panel.
	Elapsed time.Duration
	Spent   map[string]time.Duration
	// PhaseSpent is the running time per phase.
	PhaseSpent map[string]time.Duration

	// Resumes counts how often the session was taken up again.
	Resumes int
	// Events counts the events replayed.
	Events int

	active bool
}

// Attendee is one participant and whether they are present.
type Attendee struct {
	Name    string `json:"name"`
	Present bool   `json:"present"`
	Late    bool   `json:"late,omitempty"`
}

// ActionItem is a follow-up the team agreed on.
type ActionItem struct {
	// ID is unique within its session ("a1", "a2", …).
	ID    string `json:"id"`
	Text  string `json:"text"`
	Owner string `json:"owner,omitempty"`
	// Due date, YYYY-MM-DD, when set.
	Due string `json:"due,omitempty"`
	// Panel the item was raised on ("" for the closing).
	Panel   string    `json:"panel,omitempty"`
	Created time.Time `json:"created"`
	// Session is the folder name of the session that created the item.
	Session string `json:"session,omitempty"`
}

// Review is how a meeting marked an action item: done, still open or dropped.
type Review struct {
	// Key identifies the item across sessions (see ActionKey).
	Key    string    `json:"key"`
	Status string    `json:"status"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"at"`
}

// ActionKey identifies an action item across sessions: "<session>/<id>".
func ActionKey(session, id string) string { return session + "/" + id }

// DataRef records a panel's captured data.
type DataRef struct {
	At    time.Time `json:"at"`
	Error string    `json:"error,omitempty"`
}

// NewState returns the state before any event.
func NewState() State {
	return State{
		Notes:       map[string]string{},
		Answers:     map[string]map[string]map[string]string{},
		Impressions: map[string]string{},
		Survey:      map[string]map[string]string{},
		FromDevice:  map[string]bool{},
		Reviews:     map[string]Review{},
		Data:        map[string]DataRef{},
		Spent:       map[string]time.Duration{},
		PhaseSpent:  map[string]time.Duration{},
	}
}

// ReplayEvents folds events into a State.
func ReplayEvents(events []journal.Event) (State, error) {
	st := NewState()
	for _, e := range events {
		if err := st.Apply(e); err != nil {
			return st, fmt.Errorf("event %d (%s): %w", e.Seq, e.Type, err)
		}
	}
	return st, nil
}

// Apply folds one event into the state. It rejects events that make no
// sense in order (anything before start, a second start). Its strings are
// cleaned on the way in (see cleanEvent): the state holds no escape
// sequence or control character, whatever the journal holds.
func (st *State) Apply(e journal.Event) error {
	e = cleanEvent(e)
	if e.Type != journal.EvStart && st.Started.IsZero() {
		return fmt.Errorf("the journal does not begin with a start event")
	}
	st.tick(e)
	st.Events++
	switch e.Type {
	case journal.EvStart:
		if !st.Started.IsZero() {
			return fmt.Errorf("a second start event")
		}
		if e.Start == nil {
			return fmt.Errorf("start event without its details")
		}
		st.Start = *e.Start
		st.Started = e.Time
		st.Phase = journal.PhaseOpening
		st.active = true
		for _, p := range e.Start.Participants {
			st.Attendance = append(st.Attendance, Attendee{Name: p, Present: true})
		}
		if e.Start.Solo {
			st.Attendance = []Attendee{{Name: soloName(e.Start.As), Present: true}}
		}
	case journal.EvResume:
		st.Resumes++
		st.active = true
	case journal.EvPause:
		st.active = false
	case journal.EvClock:
	case journal.EvAttendance:
		st.setAttendance(e)
	case journal.EvPhase:
		st.Phase = e.Phase
		st.Stage = e.Value
	case journal.EvPanel:
		st.Panel = e.Panel
	case journal.EvData:
		st.Data[e.Panel] = DataRef{At: e.Time, Error: e.Error}
	case journal.EvNote:
		if e.Text == "" {
			delete(st.Notes, e.Panel)
		} else {
			st.Notes[e.Panel] = e.Text
		}
	case journal.EvAnswer:
		setNested(st.Answers, e.Panel, e.Question, e.Person, e.Value)
		st.markDevice(e, e.Value)
	case journal.EvImpression:
		if e.Text == "" {
			delete(st.Impressions, e.Person)
		} else {
			st.Impressions[e.Person] = e.Text
		}
		st.markDevice(e, e.Text)
	case journal.EvSurvey:
		set2(st.Survey, e.Question, e.Person, e.Value)
		st.markDevice(e, e.Value)
	case journal.EvAction:
		st.setAction(e)
	case journal.EvActionStatus:
		key := ActionKey(e.From, e.Action)
		st.Reviews[key] = Review{Key: key, Status: e.Status, Note: e.Text, At: e.Time}
	case journal.EvEnd:
		st.Ended = true
		st.EndedAt = e.Time
		st.Phase = journal.PhaseSummary
		st.active = false
	default:
		return fmt.Errorf("unknown event type %q", e.Type)
	}
	return nil
}

// tick advances the meeting clocks to e.Time. A resume after a crash or quit
// does not count the time the session was closed.
func (st *State) tick(e journal.Event) {
	if st.active && e.Type != journal.EvResume && !st.Last.IsZero() && e.Time.After(st.Last) {
		d := e.Time.Sub(st.Last)
		st.Elapsed += d
		st.PhaseSpent[st.Phase] += d
		if st.Phase == journal.PhasePanels && st.Panel != "" {
			st.Spent[st.Panel] += d
		}
	}
	if e.Time.After(st.Last) {
		st.Last = e.Time
	}
}

// DeviceKey names an answer in FromDevice: the event type (answer,
// impression, survey), the panel, the question and the person.
func DeviceKey(t journal.EventType, panel, question, person string) string {
	return string(t) + "\x00" + panel + "\x00" + question + "\x00" + person
}

// markDevice keeps whether the answer e sets (to value) came from a device.
func (st *State) markDevice(e journal.Event, value string) {
	k := DeviceKey(e.Type, e.Panel, e.Question, e.Person)
	if e.Device && value != "" {
		st.FromDevice[k] = true
	} else {
		delete(st.FromDevice, k)
	}
}

func (st *State) setAttendance(e journal.Event) {
	present := e.Present == nil || *e.Present
	for i := range st.Attendance {
		if st.Attendance[i].Name == e.Person {
			st.Attendance[i].Present = present
			return
		}
	}
	st.Attendance = append(st.Attendance, Attendee{Name: e.Person, Present: present, Late: e.Late})
}

func (st *State) setAction(e journal.Event) {
	if e.Status == journal.ActionDeleted {
		st.Actions = slices.DeleteFunc(st.Actions, func(a ActionItem) bool { return a.ID == e.Action })
		return
	}
	for i := range st.Actions {
		if st.Actions[i].ID == e.Action {
			a := &st.Actions[i]
			a.Text, a.Owner, a.Due = e.Text, e.Owner, e.Due
			if e.Panel != "" {
				a.Panel = e.Panel
			}
			return
		}
	}
	st.Actions = append(st.Actions, ActionItem{
		ID: e.Action, Text: e.Text, Owner: e.Owner, Due: e.Due, Panel: e.Panel, Created: e.Time,
	})
}

// ElapsedAt is the meeting's running time at now: Elapsed plus the time
// since the last event while the session is open.
func (st *State) ElapsedAt(now time.Time) time.Duration {
	return st.Elapsed + st.live(now)
}

// SpentAt is the time spent on a panel at now, counting the current stretch
// when the panel is on screen.
func (st *State) SpentAt(panel string, now time.Time) time.Duration {
	d := st.Spent[panel]
	if st.Phase == journal.PhasePanels && st.Panel == panel {
		d += st.live(now)
	}
	return d
}

func (st *State) live(now time.Time) time.Duration {
	if !st.active || now.Before(st.Last) {
		return 0
	}
	return now.Sub(st.Last)
}

// Present lists the names of the participants present, in order.
func (st *State) Present() []string {
	var out []string
	for _, a := range st.Attendance {
		if a.Present {
			out = append(out, a.Name)
		}
	}
	return out
}

// Answer returns person's answer to a panel's question ("" when none).
func (st *State) Answer(panel, question, person string) string {
	return st.Answers[panel][question][person]
}

// NextActionID returns an id for a new action item of this session.
func (st *State) NextActionID() string {
	n := len(st.Actions) + 1
	for {
		id := fmt.Sprintf("a%d", n)
		if !slices.ContainsFunc(st.Actions, func(a ActionItem) bool { return a.ID == id }) {
			return id
		}
		n++
	}
}

// soloName is who answers in a self-review.
func soloName(as string) string {
	if as == "" {
		return "me"
	}
	return as
}

func setNested(m map[string]map[string]map[string]string, a, b, c, v string) {
	inner, ok := m[a]
	if !ok {
		if v == "" {
			return
		}
		inner = map[string]map[string]string{}
		m[a] = inner
	}
	set2(inner, b, c, v)
}

func set2(m map[string]map[string]string, a, b, v string) {
	inner, ok := m[a]
	if !ok {
		if v == "" {
			return
		}
		inner = map[string]string{}
		m[a] = inner
	}
	if v == "" {
		delete(inner, b)
		return
	}
	inner[b] = v
}
