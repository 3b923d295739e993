package minutes

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
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

// Build gathers the minutes of a session from its record.
func Build(r *sessions.Record, opt Options) (*Minutes, error) {
	if opt.ChartWidth == 0 {
		opt.ChartWidth = 72
	}
	if opt.ChartHeight == 0 {
		opt.ChartHeight = 12
	}
	st := &r.State
	a := r.Agenda
	m := &Minutes{
		Version: Version, Session: r.Name,
		Title: st.Start.Title, Service: st.Start.Service,
		Started: st.Started, Ended: st.EndedAt, Finished: st.Ended,
		PlannedSeconds: seconds(st.Start.Planned), ActualSeconds: seconds(st.Elapsed),
		Window:     sources.Window{From: st.Start.From, To: st.Start.To},
		WindowSpec: a.Window.String(), CompareMode: a.Compare.Mode,
		Solo: st.Start.Solo, Participants: st.Attendance,
		Notes: st.Notes[""],
		// One respondent who knows who they are: nothing to keep from them.
		Anonymous:   a.Closing.Anonymous && !st.Start.Solo,
		ShownHidden: opt.ShowHidden,
		loc:         opt.Location,
	}
	if m.loc == nil {
		m.loc = time.Local
	}
	if a.Compare.Mode == agenda.CompareShift {
		m.CompareMode = agenda.FormatDuration(a.Compare.Shift) + " earlier"
	}
	if !st.Start.CompareFrom.IsZero() {
		m.Compare = &sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo}
	}
	for _, name := range a.SourceNames {
		m.Sources = append(m.Sources, sourceInfo(a.Sources[name]))
	}
	order := attendanceOrder(st)
	titles := map[string]string{}
	for _, p := range a.Panels {
		titles[p.ID] = p.Title
	}
	for _, act := range st.Actions {
		am := actionMinutes(act, titles, st.Reviews[sessions.ActionKey(r.Name, act.ID)])
		m.Actions = append(m.Actions, am)
	}
	for _, p := range a.Panels {
		pm, err := panelMinutes(r, p, order, m.Actions, opt)
		if err != nil {
			return nil, err
		}
		m.Panels = append(m.Panels, pm)
	}
	m.Reviews = reviewsOf(r, opt.History)
	for _, name := range order {
		if text, ok := st.Impressions[name]; ok {
			m.Impressions = append(m.Impressions, Response{Person: name, Value: text})
			if st.FromDevice[sessions.DeviceKey(journal.EvImpression, "", "", name)] {
				m.ImpressionsFromDevices++
			}
		}
	}
	for _, q := range sessions.SurveyOf(a, st.Start.Solo) {
		sm := surveyMinutes(q, TallyAnswers(q, st.Survey[q.ID], order), m.Anonymous, opt.ShowHidden)
		sm.Devices = fromDevices(st, journal.EvSurvey, "", q.ID, st.Survey[q.ID])
		m.Survey = append(m.Survey, sm)
	}
	m.Trends = buildTrends(r, m, opt.History)
	if m.Actions == nil {
		m.Actions = []Action{}
	}
	if m.Impressions == nil {
		m.Impressions = []Response{}
	}
	if m.Survey == nil {
		m.Survey = []Survey{}
	}
	return m, nil
}

func panelMinutes(r *sessions.Record, p agenda.Panel, order []string, actions []Action, opt Options) (Panel, error) {
	st := &r.State
	pm := Panel{
		ID: p.ID, Title: p.Title, Kind: p.Kind, Query: p.Query, Total: p.Total, SLO: p.SLO,
		Unit: p.Unit, Source: p.Source, Prompt: p.Prompt,
		TimeboxSeconds: seconds(p.Timebox), SpentSeconds: seconds(st.Spent[p.ID]),
		Notes:     st.Notes[p.ID],
		Objective: ObjectiveText(p),
		Questions: []Question{},
		Actions:   []Action{},
	}
	d, err := r.Data(p.ID)
	if err != nil {
		return pm, err
	}
	if ref, shown := st.Data[p.ID]; d == nil && shown && ref.Error == "" {
		pm.DataLost = true
	}
	if d != nil {
		pm.FetchedAt = d.FetchedAt
		pm.Current = windowMinutes(&d.Current)
		if d.Previous != nil {
			pm.Previous = windowMinutes(d.Previous)
		}
		pm.Changes = d.Changes
		dr := PanelDrawing(d, p, ChartOptions{Width: opt.ChartWidth, Height: opt.ChartHeight, NoEventList: true})
		pm.chart, pm.markers = dr.String(), dr.Markers
		pm.burn, _ = BurnChart(d, p, ChartOptions{Width: opt.ChartWidth, Height: max(8, opt.ChartHeight*2/3), NoEventList: true})
	}
	for _, q := range p.Questions {
		t := TallyAnswers(q, st.Answers[p.ID][q.ID], order)
		qm := Question{
			ID: q.ID, Ask: q.Ask, Kind: string(q.Kind), Respondents: t.Respondents,
			Devices: fromDevices(st, journal.EvAnswer, p.ID, q.ID, st.Answers[p.ID][q.ID]),
			Group:   t.Group, Answers: t.Responses,
		}
		if q.Kind != agenda.Text {
			qm.Tally = t.Buckets
		}
		qm.Mean = finite(t.Mean)
		if qm.Answers == nil {
			qm.Answers = []Response{}
		}
		pm.Questions = append(pm.Questions, qm)
	}
	for _, a := range actions {
		if a.Panel == p.ID {
			pm.Actions = append(pm.Actions, a)
		}
	}
	return pm, nil
}

func windowMinutes(w *sessions.Window) *Window {
	return &Window{
		Window: w.Window, Summary: w.Summary, SLO: w.SLO, SLOName: w.SLOName,
		Events: w.Events, EventsMore: w.EventsMore, EventsMoreAtLeast: w.EventsMoreAtLeast,
		Warnings: w.Warnings, Error: w.Error,
	}
}

func actionMinutes(a sessions.ActionItem, titles map[string]string, rev sessions.Review) Action {
	status := journal.ActionOpen
	if rev.Status != "" {
		status = rev.Status
	}
	return Action{
		ID: a.ID, Text: a.Text, Owner: a.Owner, Due: a.Due,
		Panel: a.Panel, PanelTitle: titles[a.Panel], Status: status,
	}
}

// fromDevices counts the answers to a question that came from devices.
func fromDevices(st *sessions.State, t journal.EventType, panel, question string, answers map[string]string) int {
	n := 0
	for person := range answers {
		if person != journal.GroupRespondent && st.FromDevice[sessions.DeviceKey(t, panel, question, person)] {
			n++
		}
	}
	return n
}

func surveyMinutes(q agenda.Question, t Tally, anonymous, showHidden bool) Survey {
	sm := Survey{ID: q.ID, Ask: q.Ask, Kind: string(q.Kind), Respondents: t.Respondents}
	if anonymous && t.Respondents < MinRespondents {
		sm.Hidden = t.Respondents > 0
		if !sm.Hidden || !showHidden {
			return sm
		}
		sm.Shown = true
	}
	if q.Kind == agenda.Text {
		for _, r := range t.Texts {
			sm.Texts = append(sm.Texts, r.Value)
		}
	} else {
		sm.Tally = t.Buckets
	}
	sm.Mean = finite(t.Mean)
	sm.YesShare = finite(t.YesShare)
	if !anonymous {
		sm.Answers = t.Responses
	}
	return sm
}

// attendanceOrder lists everyone who attended, present first, for ordering
// answers; absent people may still have answered before leaving.
func attendanceOrder(st *sessions.State) []string {
	var out []string
	for _, a := range st.Attendance {
		out = append(out, a.Name)
	}
	return out
}

func sourceInfo(c sources.Config) SourceInfo {
	s := SourceInfo{Name: c.Name, Type: c.Type}
	switch c.Type {
	case sources.TypeDatadog:
		s.Where = c.Site
		if c.URL != "" {
			s.Where = c.URL
		}
	case sources.TypePrometheus:
		s.Where = c.URL
	case sources.TypeFile:
		s.Where = c.Path
	case sources.TypeDemo:
		s.Where = fmt.Sprintf("seed %d", c.Seed)
	}
	return s
}

// ObjectiveText describes a panel's objective for people.
func ObjectiveText(p agenda.Panel) string {
	o := p.Objective
	if p.Kind == sources.KindSLO {
		return "SLO " + p.SLO
	}
	if o == nil {
		return ""
	}
	target := sources.FormatValue(o.Target*100, "%")
	switch {
	case o.SLO != "":
		return "SLO " + o.SLO
	case o.HasThreshold:
		return fmt.Sprintf("%s ≤ %s in %s of the time", p.Kind, sources.FormatValue(o.Threshold, p.Unit), target)
	default:
		return fmt.Sprintf("%s of requests succeed", target)
	}
}

// JSON renders the minutes in their documented shape.
func (m *Minutes) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func seconds(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

func finite(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

// reviewsOf lists the carried-over items of r's history with r's review of
// each (still open when r did not review it).
func reviewsOf(r *sessions.Record, history []*sessions.Record) []Review {
	var out []Review
	for _, t := range sessions.OpenActions(history) {
		rm := Review{
			Key: t.Key, Text: t.Text, Owner: t.Owner, Session: t.Session, Panel: t.PanelTitle,
			AgeDays: t.AgeDays(r.State.Started), Status: journal.ActionOpen,
		}
		if rev, ok := r.State.Reviews[t.Key]; ok {
			rm.Status, rm.Note = rev.Status, rev.Note
		}
		out = append(out, rm)
	}
	return out
}
