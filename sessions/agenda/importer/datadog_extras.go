package importer

// The parts of a Datadog widget beside its queries: units of formulas,
// markers, events, SLOs, and the names of what has none.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// formulaUnit reads a formula's number format: a canonical unit
// ("percent", "millisecond") or a custom label.
func formulaUnit(f datadogV1.WidgetFormula, unit, rule string) (string, string) {
	if f.NumberFormat == nil || f.NumberFormat.Unit == nil {
		return unit, rule
	}
	u := f.NumberFormat.Unit
	switch {
	case u.NumberFormatUnitCanonical != nil && u.NumberFormatUnitCanonical.UnitName != nil:
		name := *u.NumberFormatUnitCanonical.UnitName
		if v, ok := datadogUnits[name]; ok {
			return v, "the formula's unit " + name
		}
	case u.NumberFormatUnitCustom != nil && u.NumberFormatUnitCustom.Label != nil:
		return *u.NumberFormatUnitCustom.Label, "the formula's unit label"
	}
	return unit, rule
}

// datadogUnits maps Datadog's canonical unit names to nagame's.
var datadogUnits = map[string]string{
	"nanosecond": "ns", "microsecond": "us", "millisecond": "ms", "second": "s", "minute": "m", "hour": "h",
	"percent": "%", "request": "req", "byte": "B", "kibibyte": "KiB", "mebibyte": "MiB", "gibibyte": "GiB",
}

// markers turn a widget's horizontal lines into the panel's time-slice
// objective: "y = 300", "y < 300" or "0 < y < 300" mark 300 as the line to
// stay under. Only latency and custom panels take one.
func (m *ddMapper) markers(p *Panel, ms []datadogV1.WidgetMarker) {
	for _, mk := range ms {
		v, ok := markerLine(mk.Value)
		if !ok {
			continue
		}
		label := ""
		if mk.Label != nil && *mk.Label != "" {
			label = " (" + *mk.Label + ")"
		}
		if p.Kind != sources.KindLatency && p.Kind != sources.KindCustom {
			p.Notes = append(p.Notes, fmt.Sprintf("The widget's marker %q%s is not an objective nagame can take on a %s panel.", mk.Value, label, p.Kind))
			return
		}
		p.Threshold, p.ThresholdRule = v, fmt.Sprintf("from the widget's marker %q%s", mk.Value, label)
		return
	}
}

var (
	markerEq    = regexp.MustCompile(`^\s*y\s*(=|<=?)\s*([-+]?[0-9.]+(?:e[-+]?[0-9]+)?)\s*$`)
	markerRange = regexp.MustCompile(`^\s*[-+]?[0-9.]+\s*<=?\s*y\s*<=?\s*([-+]?[0-9.]+(?:e[-+]?[0-9]+)?)\s*$`)
)

// markerLine is the upper line of a marker, when it has one.
func markerLine(v string) (string, bool) {
	if m := markerEq.FindStringSubmatch(v); m != nil {
		return m[2], true
	}
	if m := markerRange.FindStringSubmatch(v); m != nil {
		return m[1], true
	}
	return "", false
}

// events keeps a widget's event overlays. The client marks WidgetEvent
// deprecated (Datadog moved overlays to event queries), but dashboards
// still carry them, and they are what the team sees on the chart.
func (m *ddMapper) events(es []datadogV1.WidgetEvent, title string) { //nolint:staticcheck // see above
	if m.seen == nil {
		m.seen = map[string]bool{}
	}
	for _, e := range es {
		q := m.expand(strings.TrimSpace(e.Q))
		if q == "" || m.seen[q] {
			continue
		}
		m.seen[q] = true
		m.d.Events = append(m.d.Events, Event{Query: q, From: "overlaid on " + quoteTitle(title)})
	}
}

func (m *ddMapper) sloPanel(s *datadogV1.SLOWidgetDefinition, where string) {
	title := deref(s.Title)
	what := "SLO widget " + quoteTitle(title) + where
	if s.SloId == nil || *s.SloId == "" {
		m.skip(what, "it names no SLO")
		return
	}
	if title == "" {
		title = "SLO " + *s.SloId
	}
	p := Panel{From: what, Title: m.expand(title), Kind: sources.KindSLO, SLO: *s.SloId,
		KindRule: "an SLO widget: nagame reads the SLO's SLI, target and error budget from Datadog"}
	if len(s.TimeWindows) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("The widget shows the %s window(s); the panel reads the agenda's window.", joinWindows(s.TimeWindows)))
	}
	m.notes.onPanel(&p)
	m.d.Panels = append(m.d.Panels, p)
}

func joinWindows(ws []datadogV1.WidgetTimeWindows) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(w)
	}
	return strings.Join(out, ", ")
}

func (m *ddMapper) skip(what, reason string) {
	m.d.Skipped = append(m.d.Skipped, Skipped{What: what, Reason: reason})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func quoteTitle(t string) string {
	if t == "" {
		return "(untitled)"
	}
	return fmt.Sprintf("%q", clipText(t, 60))
}

// untitled names a panel whose widget has no title by its metric.
func untitled(q string, k sources.Kind) string {
	aggr, metric := datadogMetric(q)
	switch {
	case metric == "":
		return string(k)
	case ddPercentile.MatchString(aggr):
		return metric + " (" + aggr + ")"
	}
	return metric
}
