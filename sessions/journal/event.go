package journal

import (
	"time"
)

// EventType names what happened. The journal stores it as the "type" field.
type EventType string

// Event types of journal version 1. Replay ignores none of them and rejects
// unknown ones, so a newer journal is never half-understood silently.
const (
	// EvStart opens the session: agenda identity, window, participants, mode.
	EvStart EventType = "start"
	// EvResume marks a process taking the session up again after a stop.
	EvResume EventType = "resume"
	// EvPause marks a clean stop (quit); a crash leaves none.
	EvPause EventType = "pause"
	// EvClock is a heartbeat while the meeting runs, so a crash loses at
	// most a few seconds of the meeting clock.
	EvClock EventType = "clock"
	// EvAttendance sets whether Person is present (Late for a late joiner).
	EvAttendance EventType = "attendance"
	// EvPhase moves the meeting to Phase.
	EvPhase EventType = "phase"
	// EvPanel shows the panel Panel.
	EvPanel EventType = "panel"
	// EvData records that the panel's data was captured (or failed: Error).
	EvData EventType = "data"
	// EvNote sets the whole text of a panel's notes (Panel "" for the
	// meeting's general notes).
	EvNote EventType = "note"
	// EvAnswer sets Person's answer (Value) to Panel's Question; Person
	// GroupRespondent is the room's consensus answer. An empty Value clears.
	EvAnswer EventType = "answer"
	// EvImpression sets Person's one-line impression.
	EvImpression EventType = "impression"
	// EvSurvey sets Person's answer to a closing survey Question.
	EvSurvey EventType = "survey"
	// EvAction adds or edits action item Action (text, owner, due, panel);
	// with Status ActionDeleted it removes the item (a form cancelled after
	// its draft was saved).
	EvAction EventType = "action"
	// EvActionStatus reviews an action item, of this session or an earlier
	// one (From names that session): Status done, open or dropped, with Text
	// as the one-line note.
	EvActionStatus EventType = "action_status"
	// EvEnd closes the meeting: the summary was reached.
	EvEnd EventType = "end"
)

// GroupRespondent is the Person of a consensus answer given by the room.
const GroupRespondent = "@group"

// Meeting phases, in order. Actions is the review of action items still open
// from earlier sessions; it is skipped when there are none.
const (
	PhaseOpening = "opening"
	PhaseActions = "actions"
	PhasePanels  = "panels"
	PhaseClosing = "closing"
	PhaseSummary = "summary"
)

// Event is one line of journal.jsonl. Which fields are set depends on Type;
// unset fields are left out of the JSON.
type Event struct {
	// Seq numbers events from 1 in the order they were written.
	Seq int64 `json:"seq"`
	// Time the event happened (UTC, millisecond precision).
	Time time.Time `json:"t"`
	Type EventType `json:"type"`

	Person   string `json:"person,omitempty"`
	Panel    string `json:"panel,omitempty"`
	Question string `json:"question,omitempty"`
	Value    string `json:"value,omitempty"`
	Text     string `json:"text,omitempty"`
	Phase    string `json:"phase,omitempty"`

	// Present is the attendance flag; a pointer so "absent" is written.
	Present *bool `json:"present,omitempty"`
	// Late marks a participant added during the meeting.
	Late bool `json:"late,omitempty"`
	// Device marks an answer, impression or survey answer that a
	// participant gave on their own phone or laptop (the join server)
	// rather than the facilitator typing it. It says nothing about the
	// device: for an anonymous ballot, Person is the pseudonym the join
	// server derived ("anon-…"), never a name, an address or a browser.
	// A later event for the same person and question replaces the answer,
	// and with it this mark.
	Device bool `json:"device,omitempty"`

	// Action item fields.
	Action string     `json:"action,omitempty"` // the item's id
	Owner  string     `json:"owner,omitempty"`
	Due    string     `json:"due,omitempty"` // YYYY-MM-DD
	Status string     `json:"status,omitempty"`
	From   string     `json:"from,omitempty"` // session the item came from
	Start  *StartInfo `json:"start,omitempty"`

	// Error of a data capture that failed.
	Error string `json:"error,omitempty"`
}

// StartInfo is the payload of the start event: what the session is.
type StartInfo struct {
	// Title and Service of the agenda: sessions of the same agenda share them.
	Title   string `json:"title"`
	Service string `json:"service,omitempty"`
	// Window and CompareWindow are frozen at start, so a resumed or
	// re-exported session shows the same span of time.
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
	CompareFrom time.Time `json:"compare_from,omitzero"`
	CompareTo   time.Time `json:"compare_to,omitzero"`
	// Participants listed by the agenda (late joiners come as attendance).
	Participants []string `json:"participants"`
	// Solo is a self-review: one respondent, no roll call; As names them.
	Solo bool   `json:"solo,omitempty"`
	As   string `json:"as,omitempty"`
	// Planned is the agenda's duration.
	Planned time.Duration `json:"planned_ns"`
	// Previous names the earlier sessions whose open action items this one
	// carries over.
	Previous []string `json:"previous,omitempty"`
	// AgendaFile is the absolute path of the agenda that was run ("" for the
	// embedded demo): relative paths in it start at its folder.
	AgendaFile string `json:"agenda_file,omitempty"`
	// Version of nagame that started the session.
	Version string `json:"version,omitempty"`
	// Vars are the values of the agenda's variables the session runs with:
	// the agenda copy is read with them again on resume and export.
	Vars map[string]string `json:"vars,omitempty"`
}

// Action item statuses. ActionDeleted only marks an EvAction that removes
// the item; it is never an item's status.
const (
	ActionOpen    = "open"
	ActionDone    = "done"
	ActionDropped = "dropped"
	ActionDeleted = "deleted"
)
