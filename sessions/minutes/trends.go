package minutes

import (
	"math"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// Trends compare a session with the earlier sessions of the same agenda, so
// the team sees whether it and the service get better from one session to
// the next.
type Trends struct {
	// Sessions compared, oldest first; the last one is this session.
	Sessions []string `json:"sessions"`
	// Survey follows the mean of scale questions and the share of "yes".
	Survey []Trend `json:"survey"`
	// Panels follow each panel's headline figure.
	Panels []Trend `json:"panels"`
	// Overruns are panels that ran over their timebox in this session and
	// the one before.
	Overruns []Overrun `json:"overruns,omitempty"`
}

// Trend is one number across sessions.
type Trend struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Unit  string `json:"unit,omitempty"`
	// Values per session in Trends.Sessions order; null where a session has
	// none (not asked, no data, or hidden for anonymity).
	Values []*float64 `json:"values"`
	// Verdict of the last step, for panels (better/worse/same/changed).
	Verdict sources.Verdict `json:"verdict,omitempty"`
}

// Last two known values of the trend: the latest earlier one and this
// session's. ok is false unless both exist.
func (t Trend) Last() (prev, cur float64, ok bool) {
	n := len(t.Values)
	if n < 2 || t.Values[n-1] == nil {
		return 0, 0, false
	}
	for i := n - 2; i >= 0; i-- {
		if t.Values[i] != nil {
			return *t.Values[i], *t.Values[n-1], true
		}
	}
	return 0, 0, false
}

// Overrun is a panel that ran over twice running, with a timebox to try.
type Overrun struct {
	Panel          string  `json:"panel"`
	Title          string  `json:"title"`
	TimeboxSeconds int64   `json:"timebox_seconds"`
	SpentSeconds   []int64 `json:"spent_seconds"`
	SuggestSeconds int64   `json:"suggest_seconds"`
}

// buildTrends compares r with its history; nil when there is none.
func buildTrends(r *sessions.Record, m *Minutes, history []*sessions.Record) *Trends {
	if len(history) == 0 {
		return nil
	}
	all := append(append([]*sessions.Record(nil), history...), r)
	t := &Trends{}
	for _, rec := range all {
		t.Sessions = append(t.Sessions, rec.Name)
	}
	for _, q := range r.Agenda.Closing.Survey {
		if q.Kind != agenda.Scale && q.Kind != agenda.YesNo {
			continue
		}
		tr := Trend{ID: q.ID, Label: q.ID}
		if q.Kind == agenda.YesNo {
			tr.Unit = "%"
		}
		for _, rec := range all {
			tr.Values = append(tr.Values, surveyValue(rec, q))
		}
		t.Survey = append(t.Survey, tr)
	}
	for _, p := range r.Agenda.Panels {
		tr := Trend{ID: p.ID, Label: p.Title}
		for _, rec := range all {
			v, head := headlineOf(rec, p.ID)
			tr.Values = append(tr.Values, v)
			if head.Label != "" {
				tr.Label = p.Title + " " + head.Label
				tr.Unit = head.Unit
			}
		}
		if prev, cur, ok := tr.Last(); ok {
			tr.Verdict = stepVerdict(prev, cur, sources.DirectionOf(p.Kind, p.Better))
		}
		t.Panels = append(t.Panels, tr)
	}
	t.Overruns = overruns(r, history[len(history)-1])
	return t
}

// surveyValue is a session's mean (scale) or yes share in % (yes/no) of a
// survey question with the same id and kind; nil when it has none or too
// few answered an anonymous survey.
func surveyValue(rec *sessions.Record, q agenda.Question) *float64 {
	var rq *agenda.Question
	for i := range rec.Agenda.Closing.Survey {
		if s := rec.Agenda.Closing.Survey[i]; s.ID == q.ID && s.Kind == q.Kind {
			rq = &rec.Agenda.Closing.Survey[i]
		}
	}
	if rq == nil {
		return nil
	}
	tally := TallyAnswers(*rq, rec.State.Survey[q.ID], attendanceOrder(&rec.State))
	if rec.Agenda.Closing.Anonymous && tally.Respondents < MinRespondents {
		return nil
	}
	if q.Kind == agenda.YesNo {
		return finite(tally.YesShare * 100)
	}
	return finite(tally.Mean)
}

// headlineOf reads a session's captured headline figure of a panel.
func headlineOf(rec *sessions.Record, panel string) (*float64, sources.Figure) {
	d, err := rec.Data(panel)
	if err != nil || d == nil || !d.Current.OK() {
		return nil, sources.Figure{}
	}
	f := d.Current.Summary.Head()
	return finite(f.Value), f
}

func stepVerdict(prev, cur float64, dir sources.Direction) sources.Verdict {
	cs := sources.Compare(
		sources.Summary{Headline: "x", Figures: []sources.Figure{{Key: "x", Value: cur}}},
		sources.Summary{Headline: "x", Figures: []sources.Figure{{Key: "x", Value: prev}}}, dir)
	if len(cs) == 0 {
		return sources.Undecided
	}
	return cs[0].Verdict
}

// overruns lists the panels over their timebox in both r and prev, with a
// suggested timebox: the mean of the two, rounded up to 5 minutes.
func overruns(r, prev *sessions.Record) []Overrun {
	var out []Overrun
	for _, p := range r.Agenda.Panels {
		if p.Timebox <= 0 {
			continue
		}
		a, b := prev.State.Spent[p.ID], r.State.Spent[p.ID]
		if a <= p.Timebox || b <= p.Timebox {
			continue
		}
		out = append(out, Overrun{
			Panel: p.ID, Title: p.Title, TimeboxSeconds: seconds(p.Timebox),
			SpentSeconds:   []int64{seconds(a), seconds(b)},
			SuggestSeconds: seconds(SuggestTimebox(a, b)),
		})
	}
	return out
}

// SuggestTimebox is a new timebox for a panel that took a and b: their mean
// rounded up to the next 5 minutes.
func SuggestTimebox(a, b time.Duration) time.Duration {
	const step = 5 * time.Minute
	mean := (a + b) / 2
	return time.Duration(math.Ceil(float64(mean)/float64(step))) * step
}
