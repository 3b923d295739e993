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
}

// PanelChart draws a panel's captured data: the current window's lines, the
// comparison window laid over it (dim), and the objective's threshold. The
// same function draws the TUI, snapshot and minutes charts, so they agree.
func PanelChart(d *sessions.PanelData, p agenda.Panel, opt ChartOptions) string {
	var lines []chart.Line
	cur := d.Current
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
	o := chart.Options{
		Width: opt.Width, Height: opt.Height,
		Window: cur.Window, Unit: d.Unit,
		Pick:  sources.PickExtreme,
		Color: opt.Color,
	}
	if p.Kind == sources.KindLatency {
		o.Pick = sources.PickMax
	}
	if opt.AsOf {
		o.AsOf = d.FetchedAt
	}
	return chart.Render(lines, o)
}

// thresholdOf is the line an objective draws on the chart: the latency
// threshold, or for an errors panel the share of failures the target allows.
func thresholdOf(p agenda.Panel, d *sessions.PanelData) (float64, string, bool) {
	o := p.Objective
	switch {
	case o == nil || o.SLO != "":
		return 0, "", false
	case o.HasThreshold:
		return o.Threshold, "SLO " + sources.FormatValue(o.Threshold, p.Unit), true
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
