package join

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/text"
)

// Stage is the part of the meeting a ballot belongs to. It says which
// journal event an answer becomes.
type Stage string

// Stages of a ballot.
const (
	// StagePanel asks a panel's questions (journal: answer events).
	StagePanel Stage = "panel"
	// StageImpression asks each person's one-line impression (journal:
	// impression events). It has no questions: the page asks for one line.
	StageImpression Stage = "impression"
	// StageSurvey asks the closing survey (journal: survey events).
	StageSurvey Stage = "survey"
)

// Kind is the form of a question's answer. The values are the agenda's.
type Kind string

// Kinds of question, as in the agenda.
const (
	Choice Kind = "choice" // one of the options, listed one under another
	Scale  Kind = "scale"  // one of the options, whole numbers in a row
	YesNo  Kind = "yesno"  // "yes" or "no", shown in the meeting's language
	Text   Kind = "text"   // one line of free text
)

// Question is one question of a ballot, made from the agenda's question:
// join.Question{ID: q.ID, Ask: q.Ask, Kind: join.Kind(q.Kind), Options:
// q.Options()}. A group question (one consensus answer for the room) does
// not belong on a ballot.
type Question struct {
	// ID is the question's id, unique within the ballot.
	ID string
	// Ask is the question as people read it.
	Ask  string
	Kind Kind
	// Options are the answers the question takes, in order, exactly as an
	// Answer carries them: a choice question's choices, a scale's steps
	// ("1" … "5"), "yes" and "no" (nil means the same for a yes/no
	// question); none for text.
	Options []string
}

// options are the answers q takes (nil for text).
func (q Question) options() []string {
	if q.Kind == YesNo && q.Options == nil {
		return []string{"yes", "no"}
	}
	return q.Options
}

// MinRespondents is the number of answers an anonymous question needs before
// the minutes show more than the count (sessions/minutes uses the same rule).
const MinRespondents = 3

// Ballot is what participants can answer now. The zero Ballot has nothing
// open: the pages say to wait for the next question.
type Ballot struct {
	Stage Stage
	// Panel is the panel's id (StagePanel only).
	Panel string
	// Title heads the page: the panel's title, "Impressions", "Survey".
	// Empty: a heading by stage in the meeting's language.
	Title string
	// Questions open for answers (StagePanel, StageSurvey), in order.
	Questions []Question
	// Anonymous ballots ask no name: each device answers under a
	// pseudonym (see Answer.Respondent) and the Answer carries no name.
	Anonymous bool
	// Rule is what the page says, before anyone answers, about what the
	// minutes will show. Empty: built from Anonymous and MinRespondents.
	Rule string
	// Answers so far, by question id ("" for the impression) and
	// respondent, as the journal has them: each device sees its own
	// selected. Nil keeps the answers the server already has for these
	// questions (what it received since it started); non-nil replaces them.
	Answers map[string]map[string]string
}

// key names the ballot in forms, so an answer to a ballot that has closed
// is refused rather than taken for the one open now.
func (b *Ballot) key() string {
	if b.Stage == StagePanel {
		return string(b.Stage) + "/" + b.Panel
	}
	return string(b.Stage)
}

// open reports whether anything is open.
func (b *Ballot) open() bool { return b.Stage != "" }

// questions are what the page asks: the ballot's questions, or the one line
// of an impression (id "").
func (b *Ballot) questions() []Question {
	if b.Stage == StageImpression {
		return []Question{{Kind: Text}}
	}
	return b.Questions
}

// clone copies b deeply, so the caller may reuse its slices and maps.
func (b Ballot) clone() Ballot {
	qs := make([]Question, len(b.Questions))
	for i, q := range b.Questions {
		q.Options = slices.Clone(q.Options)
		qs[i] = q
	}
	b.Questions = qs
	if b.Answers != nil {
		as := make(map[string]map[string]string, len(b.Answers))
		for q, m := range b.Answers {
			as[q] = maps.Clone(m)
		}
		b.Answers = as
	}
	return b
}

// validate checks that b can be shown and answered.
func (b *Ballot) validate() error {
	switch b.Stage {
	case "":
		return nil
	case StagePanel:
		if b.Panel == "" {
			return errors.New("join: a panel ballot needs the panel's id")
		}
	case StageImpression:
		if len(b.Questions) > 0 {
			return errors.New("join: an impression ballot has no questions (it asks one line)")
		}
		return nil
	case StageSurvey:
	default:
		return fmt.Errorf("join: unknown ballot stage %q", b.Stage)
	}
	if len(b.Questions) == 0 {
		return fmt.Errorf("join: the %s ballot has no questions", b.Stage)
	}
	seen := map[string]bool{}
	for i, q := range b.Questions {
		if q.ID == "" {
			return fmt.Errorf("join: question %d has no id", i+1)
		}
		if seen[q.ID] {
			return fmt.Errorf("join: question id %q is used twice", q.ID)
		}
		seen[q.ID] = true
		if err := q.validate(); err != nil {
			return err
		}
	}
	return nil
}

// maxOptions bounds a question's options: more do not fit a phone's
// screen as answers people pick from.
const maxOptions = 20

func (q Question) validate() error {
	opts := q.options()
	switch q.Kind {
	case Choice, Scale:
		if len(opts) < 2 || len(opts) > maxOptions {
			return fmt.Errorf("join: question %q needs 2 to %d options, not %d", q.ID, maxOptions, len(opts))
		}
		for i, o := range opts {
			if text.Line(o) == "" || slices.ContainsFunc(opts[:i], func(p string) bool { return text.Line(p) == text.Line(o) }) {
				return fmt.Errorf("join: question %q has a blank or repeated option %q", q.ID, o)
			}
		}
	case YesNo:
		if !slices.Equal(opts, []string{"yes", "no"}) {
			return fmt.Errorf("join: yes/no question %q takes the options yes and no", q.ID)
		}
	case Text:
		if len(opts) > 0 {
			return fmt.Errorf("join: text question %q takes no options", q.ID)
		}
	default:
		return fmt.Errorf("join: question %q has unknown kind %q", q.ID, q.Kind)
	}
	return nil
}

// Limits of a submitted value, in display cells: a longer one is clipped.
const (
	// MaxImpression bounds a one-line impression.
	MaxImpression = 280
	// MaxText bounds the answer to a text question.
	MaxText = 1000
	// maxName bounds a name from the attendance list in a cookie.
	maxName = 200
)

// accept turns a submitted value into the answer q takes: cleaned to one
// line and clipped for text, or exactly one of the options. ok is false for
// a value the question does not take. An empty text is "" with ok true: it
// withdraws an earlier answer.
func accept(q Question, impression bool, raw string) (value string, ok bool) {
	v := text.Line(raw)
	if q.Kind == Text {
		limit := MaxText
		if impression {
			limit = MaxImpression
		}
		return text.Clip(v, limit), true
	}
	for _, o := range q.options() {
		if v == text.Line(o) {
			return o, true
		}
	}
	return "", false
}

// Answer is one respondent's answer to one question, as it reaches the Sink.
// The caller journals it: StagePanel as an answer event (Panel, Question,
// Person = Respondent, Value), StageImpression as an impression event
// (Person, Text = Value), StageSurvey as a survey event (Question, Person,
// Value); the facilitator's typed answers use the same events, so a later
// one of either replaces the earlier.
type Answer struct {
	Stage Stage
	// Panel is the panel's id (StagePanel only).
	Panel string
	// Question is the question's id ("" for an impression).
	Question string
	// Respondent is who answered: the name picked from the attendance
	// list, or for an anonymous ballot a pseudonym "anon-…" that is the
	// same for one device and question every time (so a second answer
	// replaces the first) and tells nothing about the device or the person.
	Respondent string
	// Anonymous is set when the ballot was anonymous: Respondent is a
	// pseudonym and the answer carries no name.
	Anonymous bool
	// Value is the answer: an option of the question, or a cleaned and
	// clipped line of text. "" withdraws an earlier text answer.
	Value string
}

// Sink receives the answers people submit. Submit is called from the
// server's goroutines, one call at a time, in the order the answers were
// accepted; it must still be safe to use alongside the caller's own
// goroutines (the TUI's event loop), and should return promptly: the
// participant's page waits for it. ctx ends when the request does or the
// server shuts down. An error tells the participant the answer was not saved
// (nothing else is said), and the server forgets that answer.
type Sink interface {
	Submit(ctx context.Context, a Answer) error
}

// SinkFunc adapts a function to a Sink.
type SinkFunc func(ctx context.Context, a Answer) error

// Submit calls f.
func (f SinkFunc) Submit(ctx context.Context, a Answer) error { return f(ctx, a) }

// coord locates a question in the meeting: what an answer replaces.
type coord struct {
	stage    Stage
	panel    string
	question string
}

func (c coord) String() string {
	return strings.Join([]string{string(c.stage), c.panel, c.question}, "\x00")
}
