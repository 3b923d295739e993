package agenda

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Agenda is a validated agenda (version 1): what Load returns.
type Agenda struct {
	Version int
	Title   string
	Service string
	// Lang is the agenda's lang: ("en", "ja"; "" when it sets none): the
	// meeting's language unless --lang says otherwise.
	Lang string
	// Duration is the planned length of the meeting (default 60m).
	Duration time.Duration
	Window   WindowSpec
	Compare  CompareSpec
	// Participants in the order they were listed.
	Participants []string
	// Source is the name of the default source of panels.
	Source string
	// Sources by name, as the agenda configured them; SourceNames keeps the
	// order of the file.
	Sources     map[string]sources.Config
	SourceNames []string
	Panels      []Panel
	// Events are the agenda's events: list, which every panel marks.
	Events  []EventSpec
	Closing Closing
	// Publish lists where nagame publish sends the session by default
	// (and what the summary screen offers); GitHub says how action items
	// become issues.
	Publish []Target
	GitHub  GitHubOptions
	// Vars are the values of the agenda's variables this load used (its
	// defaults, or what the caller set), by name; VarNames keeps the order
	// of the file.
	Vars     map[string]string
	VarNames []string

	// File is where the agenda was read from ("" when embedded); Name is what
	// messages call it ("checkout.yaml", "demo agenda").
	File string
	Name string
	// Raw is the file's bytes as read: the session folder keeps this exact
	// copy (comments included); nagame never rewrites an agenda.
	Raw []byte
}

// WindowSpec is the agenda's window: either the last Last of time before the
// meeting, or a fixed From–To.
type WindowSpec struct {
	Last time.Duration
	From time.Time
	To   time.Time
}

// Resolve returns the window the meeting looks at when it starts at now.
// A relative window ends at now truncated to the minute, so every panel and
// every refetch of a session sees the same span.
func (s WindowSpec) Resolve(now time.Time) sources.Window {
	if s.Last > 0 {
		to := now.UTC().Truncate(time.Minute)
		return sources.Window{From: to.Add(-s.Last), To: to}
	}
	return sources.Window{From: s.From, To: s.To}
}

// String renders the spec for people, as precisely as it was written: "30d";
// "2026-10-01 to 2026-11-01" for whole days; "2026-12-02 15:41 to 15:51 UTC"
// when a bound has a time of day (the date once when both share it), with
// seconds when a bound has them: "15:41:10 to 15:41:30 UTC".
func (s WindowSpec) String() string {
	if s.Last > 0 {
		return FormatDuration(s.Last)
	}
	return FormatSpan(s.From, s.To)
}

// FormatSpan writes the span from–to (taken in UTC) with the precision its
// bounds need: dates alone when both are midnight, else minutes, else
// seconds; the second date is left out when it is the first's.
func FormatSpan(from, to time.Time) string {
	from, to = from.UTC(), to.UTC()
	if from.Equal(from.Truncate(24*time.Hour)) && to.Equal(to.Truncate(24*time.Hour)) {
		return fmt.Sprintf("%s to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	clock := "15:04"
	if from.Second() != 0 || to.Second() != 0 || from.Nanosecond() != 0 || to.Nanosecond() != 0 {
		clock = "15:04:05"
	}
	end := to.Format(time.DateOnly + " " + clock)
	if to.Format(time.DateOnly) == from.Format(time.DateOnly) {
		end = to.Format(clock)
	}
	return fmt.Sprintf("%s to %s UTC", from.Format(time.DateOnly+" "+clock), end)
}

// Compare modes.
const (
	CompareNone     = "none"
	ComparePrevious = "previous"
	CompareShift    = "shift"
)

// CompareSpec is the agenda's compare: key.
type CompareSpec struct {
	// Mode is none, previous (the window just before) or shift (the same
	// window Shift earlier: "180d").
	Mode  string
	Shift time.Duration
}

// Of returns the comparison window for w, and false when comparing is off.
func (c CompareSpec) Of(w sources.Window) (sources.Window, bool) {
	switch c.Mode {
	case ComparePrevious:
		return w.Previous(), true
	case CompareShift:
		return w.Shift(c.Shift), true
	default:
		return sources.Window{}, false
	}
}

// Offset is how far the comparison window lies before the current one (0
// when comparing is off): shift a previous series by it to overlay it.
func (c CompareSpec) Offset(w sources.Window) time.Duration {
	cw, ok := c.Of(w)
	if !ok {
		return 0
	}
	return w.From.Sub(cw.From)
}

// Panel is one step of the agenda: a chart and what the team does with it.
type Panel struct {
	ID    string
	Title string
	Kind  sources.Kind
	// Query in the source's language; for the file source, a file name.
	Query string
	// Total is the denominator of an errors panel: errors / total.
	Total string
	// Unit of the query's values ("s", "ms", "%", "req/s"): the agenda's
	// unit:, else the kind's default (latency s, slo %). Thresholds are in it.
	Unit string
	// DeclaredUnit is the agenda's unit: as written, "" when it has none:
	// then the unit the backend reports wins over the kind's default.
	DeclaredUnit string
	// Measure is how values add up (explicit, or inferred from the query).
	Measure sources.Measure
	// Source is the name of the source the panel reads (the agenda's default
	// when the panel names none).
	Source string
	// Timebox is the panel's share of the meeting (0: no timebox).
	Timebox   time.Duration
	Objective *Objective
	// SLO is the backend's SLO id of a kind: slo panel.
	SLO       string
	Prompt    string
	Questions []Question
	// Better is which direction is good for a custom panel: "lower",
	// "higher" or "" (neither).
	Better string
	// Top caps the lines a grouped query shows (default 5).
	Top int
	// Events are the events the panel's chart marks: the agenda's events:
	// first, then the panel's own.
	Events []EventSpec
	// Line and Col locate the panel in the agenda file.
	Line, Col int
}

// Objective is a panel's SLO.
type Objective struct {
	// Threshold in the panel's unit, for a time-slice SLO (latency under
	// 300ms in 99.5 % of the buckets); HasThreshold tells whether it is set.
	Threshold     float64
	HasThreshold  bool
	ThresholdText string // as written: "300ms"
	// Target is a fraction: 0.995 for 99.5%.
	Target float64
	// SLO is a backend SLO id to read instead of computing (Datadog).
	SLO string
}

// QuestionKind is the form of an answer.
type QuestionKind string

// Question kinds.
const (
	Scale  QuestionKind = "scale"  // a number from Min to Max
	Choice QuestionKind = "choice" // one of Choices
	YesNo  QuestionKind = "yesno"  // yes or no
	Text   QuestionKind = "text"   // free text
)

// Question is asked of each present participant (or of the room, when Group).
type Question struct {
	ID   string
	Ask  string
	Kind QuestionKind
	// Min and Max bound a scale question.
	Min, Max int
	// Choices of a choice question, in order.
	Choices []string
	// Group questions take one consensus answer for the room.
	Group bool
}

// Closing is the end of the meeting.
type Closing struct {
	// Impressions asks one line of each present participant.
	Impressions bool
	// Survey questions; DefaultSurvey when the agenda has none.
	Survey []Question
	// Anonymous survey results show only aggregates, and only counts below
	// three respondents. On unless the agenda sets anonymous: false.
	Anonymous bool
}

// DefaultSurvey is the closing survey of an agenda that does not set one.
func DefaultSurvey() []Question {
	return []Question{
		{ID: "understanding", Ask: "How well did you understand today's metrics?", Kind: Scale, Min: 1, Max: 5},
		{ID: "again", Ask: "Would you join a session like this again?", Kind: YesNo},
		{ID: "comments", Ask: "Anything else?", Kind: Text},
	}
}

// Panel returns the panel with the given id.
func (a *Agenda) Panel(id string) (Panel, bool) {
	for _, p := range a.Panels {
		if p.ID == id {
			return p, true
		}
	}
	return Panel{}, false
}

// FormatDuration writes d the way an agenda would: "30d", "2w", "90s", "1h30m".
func FormatDuration(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d <= 0:
		return "0s"
	case d%(7*day) == 0:
		return fmt.Sprintf("%dw", d/(7*day))
	case d%day == 0:
		return fmt.Sprintf("%dd", d/day)
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0 && d < time.Hour:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	s := d.String()
	// time.Duration writes "1h30m0s": drop the zero tail.
	for _, tail := range []string{"m0s", "h0m"} {
		if len(s) > len(tail) && s[len(s)-len(tail):] == tail {
			s = s[:len(s)-len(tail)+1]
		}
	}
	return s
}

// Options lists the answers a question takes, in order: scale steps, the
// choices, yes and no; nil for a text question.
func (q Question) Options() []string {
	switch q.Kind {
	case Scale:
		out := make([]string, 0, q.Max-q.Min+1)
		for v := q.Min; v <= q.Max; v++ {
			out = append(out, strconv.Itoa(v))
		}
		return out
	case Choice:
		return q.Choices
	case YesNo:
		return []string{"yes", "no"}
	}
	return nil
}

// Valid reports whether v is an answer the question takes.
func (q Question) Valid(v string) bool {
	if q.Kind == Text {
		return strings.TrimSpace(v) != ""
	}
	return slices.Contains(q.Options(), v)
}
