package minutes

import (
	"fmt"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/chart"
)

// ChartOptions size and style a panel's chart.
type ChartOptions struct {
	Width, Height int
	// Color draws with ANSI colours (the TUI); minutes and pipes use none.
	Color bool
	// AsOf adds the "as of HH:MM" caption (fetch time).
	AsOf bool
	// Location is the time zone of the chart's times; nil is UTC.
	Location *time.Location
	// Events are marked under the time axis (deploys, incidents); nil marks
	// the data's own (ChartEvents), an empty list none.
	Events []chart.Event
	// NoEventList marks the events without listing them under the chart:
	// the caller lists the drawing's markers itself.
	NoEventList bool
}

// PanelChart draws a panel's captured data: the current window's lines
// (each column's typical value over its min–max band), the comparison
// window laid over it (dim), the objective's threshold, and the window's
// events as lettered markers under the time axis, listed below; an SLO
// panel draws its error budget's burn-down. The same function draws the
// TUI, snapshot and minutes charts, so they agree.
func PanelChart(d *sessions.PanelData, p agenda.Panel, opt ChartOptions) string {
	return PanelDrawing(d, p, opt).String()
}

// PanelDrawing is PanelChart with the markers it drew, for a caller that
// lists the events itself (ChartOptions.NoEventList).
func PanelDrawing(d *sessions.PanelData, p agenda.Panel, opt ChartOptions) chart.Drawing {
	cur := d.Current
	o := chartOptions(d, p, opt)
	if p.Kind == sources.KindSLO && cur.SLO != nil {
		return chart.BurnDown(sloBurn(cur), o)
	}
	var lines []chart.Line
	for i, s := range cur.Series {
		role := chart.Current
		label := "this window"
		if len(cur.Series) > 1 {
			role = chart.Extra
			if i == 0 {
				role = chart.Current
			}
			label = s.Name
		}
		lines = append(lines, chart.Line{Series: s, Label: label, Role: role})
	}
	if len(cur.Series) > 0 {
		o.Hidden = cur.Series[0].Hidden
	}
	if prev := d.Previous; prev != nil && prev.OK() && len(prev.Series) == 1 && len(cur.Series) <= 1 {
		offset := cur.Window.From.Sub(prev.Window.From)
		lines = append(lines, chart.Line{
			Series: prev.Series[0].Shift(offset),
			Label:  "previous (" + shortSpan(prev.Window) + ")",
			Role:   chart.Previous,
		})
	}
	if th, label, ok := thresholdOf(p, d); ok {
		lines = append(lines, chart.Line{
			Series: constant(cur.Window, th),
			Label:  label,
			Role:   chart.Threshold,
		})
	}
	return chart.Draw(lines, o)
}

// BurnChart draws the error budget's burn-down of a latency or errors
// panel's objective (from 100 % at the window's start to what is left, the
// zero line marked); ok is false when the panel has none.
func BurnChart(d *sessions.PanelData, p agenda.Panel, opt ChartOptions) (string, bool) {
	cur := d.Current
	if cur.Burn == nil || cur.SLO == nil || p.Kind == sources.KindSLO {
		return "", false
	}
	b := sources.Burn{
		Method: cur.SLO.Method, Target: cur.SLO.Target, SLI: cur.SLO.SLI,
		Left: *cur.Burn, Remaining: cur.SLO.BudgetRemaining, Window: cur.Window,
	}
	return chart.BurnDown(b, chartOptions(d, p, opt)).String(), true
}

// sloBurn is a backend SLO's burn-down from its stored SLI history.
func sloBurn(w sessions.Window) sources.Burn {
	st := sources.SLOStatus{Target: w.SLO.Target, SLI: w.SLO.SLI, BudgetRemaining: w.SLO.BudgetRemaining, History: w.Series}
	return sources.BurnOfSLO(st, w.Window)
}

func chartOptions(d *sessions.PanelData, p agenda.Panel, opt ChartOptions) chart.Options {
	o := chart.Options{
		Width: opt.Width, Height: opt.Height,
		Window: d.Current.Window, Unit: d.Unit,
		Trend:       sources.TrendOf(p.Kind, p.Measure),
		Color:       opt.Color,
		Location:    opt.Location,
		Events:      opt.Events,
		NoEventList: opt.NoEventList,
	}
	if o.Events == nil {
		o.Events = ChartEvents(d)
	}
	if opt.AsOf {
		o.AsOf = d.FetchedAt
	}
	return o
}

// thresholdOf is the line an objective draws on the chart: the latency
// threshold, or for an errors panel the share of failures the target allows.
func thresholdOf(p agenda.Panel, d *sessions.PanelData) (float64, string, bool) {
	o := p.Objective
	switch {
	case o == nil || o.SLO != "":
		return 0, "", false
	case o.HasThreshold:
		// The threshold is in the agenda's unit; the chart is in the data's.
		th, _ := sources.ConvertUnit(o.Threshold, p.Unit, d.Unit)
		return th, "SLO " + sources.FormatValue(th, d.Unit), true
	case p.Kind == sources.KindErrors && d.Unit == "%":
		allowed := (1 - o.Target) * 100
		return allowed, "budget " + sources.FormatValue(allowed, "%"), true
	}
	return 0, "", false
}

// constant is a two-point series across the window at v.
func constant(w sources.Window, v float64) sources.Series {
	return sources.Series{Points: []sources.Point{{T: w.From, V: v}, {T: w.To.Add(-time.Second), V: v}}}
}

// shortSpan writes a window as "Sep 23–Oct 23".
func shortSpan(w sources.Window) string {
	if w.Duration() < 48*time.Hour {
		return fmt.Sprintf("%s–%s", w.From.UTC().Format("Jan 2 15:04"), w.To.UTC().Format("15:04"))
	}
	return fmt.Sprintf("%s–%s", w.From.UTC().Format("Jan 2"), w.To.UTC().Format("Jan 2"))
}
