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
)

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
