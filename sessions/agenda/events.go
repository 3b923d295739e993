package agenda

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// EventSpec is one entry of an events: list: a query that lists events
// (deploys, config changes, incidents) for the charts to mark.
type EventSpec struct {
	// Source is the name of the source that lists the events.
	Source string
	// Query in the source's language: a Datadog event filter ("sources:github
	// tags:service:checkout"), a PromQL expression whose rise marks an event,
	// a file of the file source, or one of the demo's events queries.
	Query string
	// Text names a Prometheus event from its series' labels ("{{version}}");
	// "" for every other source.
	Text string
	// Line and Col locate the entry in the agenda file.
	Line, Col int
}

// eventKeys are the keys of an events: entry.
var eventKeys = []string{"source", "query", "text"}

// maxEventSpecs bounds one events: list: each entry is a request per panel
// and window.
const maxEventSpecs = 10

// eventSourceTypes are the source types that can list events.
var eventSourceTypes = []string{sources.TypeDatadog, sources.TypePrometheus, sources.TypeFile, sources.TypeDemo}

// textTemplate is the form of a Prometheus event's text: words and
// {{label}} references.
var (
	labelRef     = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)
	labelPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// events reads an events: list, at the top (what is "the agenda", every
// panel marks it) or in a panel (what names it), whose entries read
// defaultSource when they name none: the agenda's source: at the top, the
// panel's source in a panel. A panel without a source has been told so.
func (w *walker) events(f field, what, defaultSource string, set sourceSet) []EventSpec {
	items, ok := w.items(f)
	if !ok {
		return nil
	}
	if len(items) > maxEventSpecs {
		w.ps.add(f.at(), "merge queries (a Datadog filter takes several sources: and tags:)",
			"events of %s lists %d queries, more than %d", what, len(items), maxEventSpecs)
		return nil
	}
	out := make([]EventSpec, 0, len(items))
	for i, it := range items {
		if e, ok := w.eventSpec(it, what, fmt.Sprintf("events entry %d of %s", i+1, what), defaultSource, set); ok {
			out = append(out, e)
		}
	}
	return out
}

// eventSpec reads one entry of an events: list.
func (w *walker) eventSpec(it field, what, where, defaultSource string, set sourceSet) (EventSpec, bool) {
	o, ok := w.object(it.val, it.at(), where, where)
	if !ok {
		return EventSpec{}, false
	}
	before := len(w.ps.list)
	e := EventSpec{Line: o.at.line, Col: o.at.col, Source: defaultSource}
	w.allow(o, where, eventKeys, nil)
	srcAt := o.at
	if f, ok := o.get("source"); ok {
		srcAt = f.at()
		e.Source = ""
		if name, ok := w.nonEmpty(f); ok && w.knownSource(f, name, set) {
			e.Source = name
		}
	} else if defaultSource == "" && what == "the agenda" && !set.broken {
		w.ps.add(o.at, "add source: with one of "+joinOr(set.names), "%s names no source, and the agenda sets no default source", where)
	}
	cfg, known := set.configs[e.Source]
	if known && !slices.Contains(eventSourceTypes, cfg.Type) {
		w.ps.add(srcAt, "use a "+joinOr(eventSourceTypes)+" source", "source %q (type %s) cannot list events", e.Source, cfg.Type)
	}
	if f, ok := o.get("query"); ok {
		e.Query, _ = w.expanded(w.nonEmpty, f)
	} else {
		w.ps.add(o.at, eventQueryHint(cfg.Type), "%s has no query", where)
	}
	if f, ok := o.get("text"); ok {
		switch {
		case known && cfg.Type != sources.TypePrometheus:
			w.ps.add(f.keyPos, "remove it: events from a "+cfg.Type+" source come with their own text",
				"text: is for events from a prometheus source, and %s reads %q (type %s)", where, e.Source, cfg.Type)
		default:
			if s, ok := w.expanded(w.nonEmpty, f); ok && w.labelTemplate(f, s) {
				e.Text = s
			}
		}
	}
	return e, len(w.ps.list) == before
}

// eventQueryHint says what an events query looks like for a source type.
func eventQueryHint(typ string) string {
	switch typ {
	case sources.TypeDatadog:
		return `add query: with a Datadog event filter, like "sources:github tags:service:checkout"`
	case sources.TypePrometheus:
		return `add query: with an expression whose rise marks an event, like 'changes(app_build_info{service="checkout"}[5m]) > 0'`
	case sources.TypeFile:
		return "add query: with a CSV (time,text) or JSON lines file of the source's folder, like deploys.csv"
	}
	return "add query: in the source's language"
}

// labelTemplate checks a Prometheus event's text: every {{…}} names a
// label, and braces stand only around them.
func (w *walker) labelTemplate(f field, s string) bool {
	for _, m := range labelRef.FindAllStringSubmatch(s, -1) {
		if !labelPattern.MatchString(m[1]) {
			w.ps.add(f.at(), "write label names like {{version}} or {{service}} {{version}}",
				"%s: %s is not a label name", f.name(), quote(m[0]))
			return false
		}
	}
	if rest := labelRef.ReplaceAllString(s, ""); strings.ContainsAny(rest, "{}") {
		w.ps.add(f.at(), "write labels as {{version}}: braces are for them only", "%s has a { or } outside a {{label}}", f.name())
		return false
	}
	return true
}

// withAgendaEvents puts the agenda's events before each panel's own: a
// panel marks both.
func withAgendaEvents(a *Agenda) {
	if len(a.Events) == 0 {
		return
	}
	for i := range a.Panels {
		a.Panels[i].Events = append(slices.Clone(a.Events), a.Panels[i].Events...)
	}
}
