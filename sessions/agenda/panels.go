package agenda

import (
	"fmt"
	"regexp"

	"github.com/nagame-dev/nagame/sources"
)

// panelKeys are the keys of a panel.
var panelKeys = []string{
	"id", "title", "kind", "query", "total", "ratio", "measure", "unit", "source",
	"timebox", "objective", "slo", "prompt", "questions", "better", "top", "events",
}

// idPattern is the form of panel and question ids: they name data files and
// journal entries, so they stay plain.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

const (
	defaultTop = 5
	maxTop     = 20
)

// misplacedPanelKeys explains keys that belong one level down.
var misplacedPanelKeys = map[string]string{
	"threshold": "objective",
	"target":    "objective",
	"ask":       "questions",
	"choice":    "questions",
}

// panels reads panels:, at least one, with unique ids.
func (w *walker) panels(f field, defaultSource string, set sourceSet) []Panel {
	items, ok := w.items(f)
	if !ok {
		return nil
	}
	if len(items) == 0 {
		w.ps.add(f.at(), "add at least one panel (id, kind, query)", "panels is empty")
		return nil
	}
	out := make([]Panel, 0, len(items))
	first := map[string]pos{}
	for i, it := range items {
		p, idAt, ok := w.panel(it, i, defaultSource, set)
		if p.ID != "" {
			if prev, dup := first[p.ID]; dup {
				w.ps.add(idAt, "give each panel its own id", "duplicate panel id %q at lines %d and %d", p.ID, prev.line, idAt.line)
				ok = false
			} else {
				first[p.ID] = idAt
			}
		}
		if ok {
			out = append(out, p)
		}
	}
	return out
}

// panel reads one panel. idAt is where its id is written, for duplicates.
func (w *walker) panel(it field, index int, defaultSource string, set sourceSet) (p Panel, idAt pos, ok bool) {
	what := fmt.Sprintf("panel %d", index+1)
	o, ok := w.object(it.val, it.at(), what, what)
	if !ok {
		return Panel{}, pos{}, false
	}
	before := len(w.ps.list)
	p.Line, p.Col = o.at.line, o.at.col

	// The id names the panel in every later message, so read it first.
	if f, ok := o.get("id"); ok {
		idAt = f.at()
		if id, ok := w.nonEmpty(f); ok {
			if idPattern.MatchString(id) {
				p.ID = id
				what = "panel " + quote(id)
			} else {
				w.ps.add(f.at(), "use lower-case letters, digits, - and _ (like p95-latency)", "panel id %s is not a plain name", quote(id))
			}
		}
	} else {
		w.ps.add(o.at, "add id: with a short name like latency", "%s has no id", what)
	}
	for i := range o.fields {
		o.fields[i].where = what
	}
	o.where = what
	w.allow(o, what, panelKeys, func(f field) bool {
		if home, ok := misplacedPanelKeys[f.key]; ok {
			w.ps.add(f.keyPos, fmt.Sprintf("%s belongs under %s:", f.key, home), "unknown key %s in %s", quote(f.key), what)
			return true
		}
		return false
	})

	w.panelKind(o, &p)
	w.panelQuery(o, &p)
	w.panelSource(o, &p, defaultSource, set)
	w.panelDetails(o, &p)
	if f, ok := o.get("objective"); ok {
		p.Objective = w.objective(f, p, set)
	}
	if f, ok := o.get("questions"); ok {
		p.Questions = w.questions(f, "of "+what)
	}
	if f, ok := o.get("events"); ok {
		p.Events = w.events(f, what, p.Source, set)
	}
	return p, idAt, len(w.ps.list) == before
}

// panelKind reads the required kind.
func (w *walker) panelKind(o *object, p *Panel) {
	f, ok := o.get("kind")
	if !ok {
		w.ps.add(o.at, "add kind: "+joinOr(kindNames()), "%s has no kind", o.where)
		return
	}
	if k, ok := w.pick(f, kindNames(), "kind"); ok {
		p.Kind = sources.Kind(k)
	}
}

// panelQuery reads what the panel asks for: query (and total for errors),
// or slo for kind slo.
func (w *walker) panelQuery(o *object, p *Panel) {
	if p.Kind == sources.KindSLO {
		if f, ok := o.get("query"); ok {
			w.ps.add(f.keyPos, "remove query: (the SLO's id in slo: says what to read)", "%s is kind slo: it takes no query", o.where)
		}
		if f, ok := o.get("slo"); ok {
			p.SLO, _ = w.expanded(w.nonEmpty, f)
		} else {
			w.ps.add(o.at, "add slo: with the backend's SLO id", "%s is kind slo but has no slo", o.where)
		}
	} else {
		if f, ok := o.get("slo"); ok && p.Kind != "" {
			w.ps.add(f.keyPos, "for a backend SLO as this panel's objective write objective: {slo: "+quote("…")+"}, or use kind: slo",
				"slo: belongs to kind slo panels, and %s is kind %s", o.where, p.Kind)
		}
		if f, ok := o.get("query"); ok {
			p.Query, _ = w.expanded(w.nonEmpty, f)
		} else if p.Kind != "" {
			w.ps.add(o.at, "add query: in the source's language", "%s has no query", o.where)
		}
	}
	w.panelTotal(o, p)
}

// panelTotal reads total: and ratio:, which only errors panels have. An
// errors panel needs total (errors are judged as a share of all requests)
// unless it opts out with ratio: false.
func (w *walker) panelTotal(o *object, p *Panel) {
	tf, hasTotal := o.get("total")
	rf, hasRatio := o.get("ratio")
	if p.Kind != sources.KindErrors {
		if hasTotal && p.Kind != "" {
			w.ps.add(tf.keyPos, "remove it", "total: is for errors panels, and %s is kind %s", o.where, p.Kind)
		}
		if hasRatio && p.Kind != "" {
			w.ps.add(rf.keyPos, "remove it", "ratio: is for errors panels, and %s is kind %s", o.where, p.Kind)
		}
		return
	}
	ratio := true
	if hasRatio {
		r, ok := w.boolean(rf)
		if !ok {
			return
		}
		ratio = r
	}
	switch {
	case ratio && !hasTotal:
		w.ps.add(o.at, "add total: (the query of all requests) so errors show as a share, or set ratio: false",
			"%s (kind errors) has no total", o.where)
	case !ratio && hasTotal:
		w.ps.add(rf.at(), "remove ratio: false to show errors as a share of total, or remove total:",
			"%s sets ratio: false but also a total", o.where)
	case hasTotal:
		p.Total, _ = w.expanded(w.nonEmpty, tf)
	}
}

// panelSource resolves the panel's source, the agenda's default when absent.
func (w *walker) panelSource(o *object, p *Panel, defaultSource string, set sourceSet) {
	f, ok := o.get("source")
	if !ok {
		if defaultSource == "" && len(set.names) > 1 && !set.broken {
			w.ps.add(o.at, "add source: to the panel, or a default source: at the top ("+joinOr(set.names)+")",
				"%s names no source and the agenda has several", o.where)
		}
		p.Source = defaultSource
		return
	}
	name, ok := w.nonEmpty(f)
	if ok && w.knownSource(f, name, set) {
		p.Source = name
	}
}

// panelDetails reads the optional keys that need no other context than the
// kind: title, measure, unit, timebox, prompt, better, top.
func (w *walker) panelDetails(o *object, p *Panel) {
	p.Title = p.ID
	if f, ok := o.get("title"); ok {
		p.Title, _ = w.expanded(w.nonEmptyLine, f)
	}
	p.Measure = sources.InferMeasure(p.Kind, p.Query)
	if f, ok := o.get("measure"); ok {
		if m, ok := w.pick(f, []string{string(sources.Gauge), string(sources.Rate), string(sources.Count)}, "measure"); ok {
			p.Measure = sources.Measure(m)
		}
	}
	switch p.Kind {
	case sources.KindLatency:
		p.Unit = "s"
	case sources.KindSLO:
		p.Unit = "%"
	}
	if f, ok := o.get("unit"); ok {
		p.Unit, _ = w.line(f)
		p.DeclaredUnit = p.Unit
	}
	if f, ok := o.get("timebox"); ok {
		p.Timebox, _ = w.positiveDuration(f)
	}
	if f, ok := o.get("prompt"); ok {
		p.Prompt, _ = w.expanded(w.block, f)
	}
	if f, ok := o.get("better"); ok {
		if p.Kind != sources.KindCustom && p.Kind != "" {
			w.ps.add(f.keyPos, "remove it: kind "+string(p.Kind)+" already knows which way is better",
				"better: is for custom panels, and %s is kind %s", o.where, p.Kind)
		} else if b, ok := w.pick(f, []string{"lower", "higher"}, "better"); ok {
			p.Better = b
		}
	}
	p.Top = defaultTop
	if f, ok := o.get("top"); ok {
		if n, ok := w.integer(f); ok {
			if n < 1 || n > maxTop {
				w.ps.add(f.at(), fmt.Sprintf("a chart stays readable with 1 to %d lines", maxTop), "%s must be between 1 and %d", f.name(), maxTop)
			} else {
				p.Top = int(n)
			}
		}
	}
}
