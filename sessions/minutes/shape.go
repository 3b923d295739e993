package minutes

// The minutes' shape: what Build gathers, as the JSON minutes carry it.

import (
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/chart"
)

// Version is the version of the JSON minutes shape (docs/minutes.md).
const Version = 1

// Minutes is everything the minutes say, in the documented, versioned JSON
// shape; the Markdown is rendered from it. It is built from a Record only,
// so minutes regenerate offline and identically.
type Minutes struct {
	Version int    `json:"version"`
	Session string `json:"session"`
	Title   string `json:"title"`
	Service string `json:"service,omitempty"`

	Started time.Time `json:"started"`
	// Ended is when the summary was reached; zero while the meeting runs.
	Ended          time.Time `json:"ended,omitzero"`
	Finished       bool      `json:"finished"`
	PlannedSeconds int64     `json:"planned_seconds"`
	ActualSeconds  int64     `json:"actual_seconds"`

	Window      sources.Window  `json:"window"`
	WindowSpec  string          `json:"window_spec"`
	Compare     *sources.Window `json:"compare,omitempty"`
	CompareMode string          `json:"compare_mode"`

	Solo         bool                `json:"solo,omitempty"`
	Participants []sessions.Attendee `json:"participants"`
	Sources      []SourceInfo        `json:"sources"`

	// Notes are the meeting's general notes.
	Notes  string  `json:"notes,omitempty"`
	Panels []Panel `json:"panels"`
	// Actions created in this session.
	Actions []Action `json:"actions"`
	// Reviews of action items carried over from earlier sessions.
	Reviews []Review `json:"reviews,omitempty"`

	Impressions []Response `json:"impressions"`
	// ImpressionsFromDevices counts the impressions participants gave on
	// their own devices.
	ImpressionsFromDevices int      `json:"impressions_from_devices,omitempty"`
	Anonymous              bool     `json:"anonymous"`
	Survey                 []Survey `json:"survey"`
	// ShownHidden is set when the minutes were built with ShowHidden: the
	// results the anonymity rule hides are in them.
	ShownHidden bool `json:"shown_hidden,omitempty"`

	// Trends compare this session with earlier ones of the same agenda.
	Trends *Trends `json:"trends,omitempty"`

	// loc is the time zone the Markdown shows times in.
	loc *time.Location
}

// SourceInfo names a source without any secret.
type SourceInfo struct {
	Name string `json:"name"`
	Type string `json:"type"`
	// Where is the site, URL or folder, whichever the type has.
	Where string `json:"where,omitempty"`
}

// Panel is one panel as discussed.
type Panel struct {
	ID     string       `json:"id"`
	Title  string       `json:"title"`
	Kind   sources.Kind `json:"kind"`
	Query  string       `json:"query,omitempty"`
	Total  string       `json:"total,omitempty"`
	SLO    string       `json:"slo,omitempty"`
	Unit   string       `json:"unit,omitempty"`
	Source string       `json:"source"`
	Prompt string       `json:"prompt,omitempty"`

	TimeboxSeconds int64 `json:"timebox_seconds,omitempty"`
	SpentSeconds   int64 `json:"spent_seconds"`

	// FetchedAt is when the data was fetched (zero when never).
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	// DataLost: the journal says the panel's data was shown, but its data
	// file is not in the folder (the disk refused it and it was never
	// written): the panel was fetched, its numbers are gone.
	DataLost  bool             `json:"data_lost,omitempty"`
	Current   *Window          `json:"current,omitempty"`
	Previous  *Window          `json:"previous,omitempty"`
	Changes   []sources.Change `json:"changes,omitempty"`
	Objective string           `json:"objective,omitempty"`

	Notes     string     `json:"notes,omitempty"`
	Questions []Question `json:"questions"`
	Actions   []Action   `json:"actions"`

	// chart is the plain-text chart of the Markdown minutes; burn the
	// objective's burn-down, when it has one; markers the events the chart
	// marks, listed under it.
	chart, burn string
	markers     []chart.Marker
}

// Window is a panel's numbers over one window.
type Window struct {
	Window  sources.Window     `json:"window"`
	Summary sources.Summary    `json:"summary"`
	SLO     *sources.SLOResult `json:"slo,omitempty"`
	SLOName string             `json:"slo_name,omitempty"`
	// Events are what the panel's events queries found in the window, in
	// time order (at most 50; EventsMore counts the earlier ones left out,
	// at least that many when EventsMoreAtLeast).
	Events            []sources.Event `json:"events,omitempty"`
	EventsMore        int             `json:"events_more,omitempty"`
	EventsMoreAtLeast bool            `json:"events_more_at_least,omitempty"`
	// Warnings are what the backend said besides the data, and the events
	// queries that failed.
	Warnings []string `json:"warnings,omitempty"`
	Error    string   `json:"error,omitempty"`
}

// Question is a question with its answers. Panel questions are a
// discussion, not a survey: who said what is kept.
type Question struct {
	ID          string `json:"id"`
	Ask         string `json:"ask"`
	Kind        string `json:"kind"`
	Respondents int    `json:"respondents"`
	// Devices counts the answers given on participants' own devices.
	Devices int        `json:"devices,omitempty"`
	Group   string     `json:"group,omitempty"`
	Tally   []Bucket   `json:"distribution,omitempty"`
	Mean    *float64   `json:"mean,omitempty"`
	Answers []Response `json:"answers"`
}

// Action is an action item as the minutes list it.
type Action struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Owner      string `json:"owner,omitempty"`
	Due        string `json:"due,omitempty"`
	Panel      string `json:"panel,omitempty"`
	PanelTitle string `json:"panel_title,omitempty"`
	Status     string `json:"status"`
}

// Review is an earlier session's action item as reviewed today.
type Review struct {
	Key     string `json:"key"`
	Text    string `json:"text"`
	Owner   string `json:"owner,omitempty"`
	Session string `json:"session"`
	Panel   string `json:"panel,omitempty"`
	// AgeDays is how old the item is at this session.
	AgeDays int    `json:"age_days"`
	Status  string `json:"status"`
	Note    string `json:"note,omitempty"`
}

// Survey is one survey question's result. With an anonymous survey,
// Answers is empty and, below MinRespondents, so are the distribution, mean
// and texts: only the count is shown (Hidden), unless the minutes were
// built with ShowHidden (Hidden and Shown then).
type Survey struct {
	ID          string `json:"id"`
	Ask         string `json:"ask"`
	Kind        string `json:"kind"`
	Respondents int    `json:"respondents"`
	// Devices counts the answers given on participants' own devices.
	Devices  int        `json:"devices,omitempty"`
	Hidden   bool       `json:"hidden,omitempty"`
	Shown    bool       `json:"shown,omitempty"`
	Tally    []Bucket   `json:"distribution,omitempty"`
	Mean     *float64   `json:"mean,omitempty"`
	YesShare *float64   `json:"yes_share,omitempty"`
	Texts    []string   `json:"texts,omitempty"`
	Answers  []Response `json:"answers,omitempty"`
}

// Options shape the minutes.
type Options struct {
	// ChartWidth and ChartHeight size the plain-text charts (72×12 when 0).
	ChartWidth, ChartHeight int
	// History holds earlier sessions of the same agenda, oldest first, for
	// carried-over action items and trends.
	History []*sessions.Record
	// Location is the time zone of the times in the Markdown (time.Local
	// when nil).
	Location *time.Location
	// ShowHidden puts in what the anonymity rule hides (an anonymous
	// survey's results below MinRespondents), for the facilitator: nothing
	// typed is ever dropped from the record, only from what is shared.
	ShowHidden bool
}
