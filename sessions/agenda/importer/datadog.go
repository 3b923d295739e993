package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// DatadogOptions say where a Datadog dashboard came from, so the agenda's
// source reads the same org.
type DatadogOptions struct {
	// ID of the dashboard; Site ("datadoghq.eu") or URL (a proxy's base URL)
	// go into the agenda's source when set.
	ID, Site, URL string
	// Service, when set, is the agenda's service.
	Service string
}

// datadogSourceName is the source every imported Datadog panel reads.
const datadogSourceName = "dd"

// FromDatadog maps a dashboard as GET /api/v1/dashboard/{id} returns it:
// widgets in groups are walked in order; timeseries, query value, change
// and toplist widgets become panels, SLO widgets kind slo panels, notes the
// prompt of the panel after them; template variables become agenda
// variables; events overlaid on charts are kept; everything else is listed
// with the reason it was left out.
func FromDatadog(dash datadogV1.Dashboard, o DatadogOptions) *Draft {
	id := o.ID
	if id == "" && dash.Id != nil {
		id = *dash.Id
	}
	d := &Draft{
		Origin: fmt.Sprintf("Datadog dashboard %q (%s)", strings.TrimSpace(dash.Title), id),
		Title:  strings.TrimSpace(dash.Title) + " — metrics viewing party",
		Window: "30d", WindowRule: "a Datadog dashboard keeps no time range of its own: the usual review window",
		Source: datadogSource(o),
	}
	m := &ddMapper{d: d, vars: ddVars(dash.TemplateVariables)}
	d.Vars = m.agendaVars(dash.TemplateVariables)
	d.Service = o.Service
	if d.Service == "" && slices.ContainsFunc(d.Vars, func(v Var) bool { return v.Name == "service" && v.Default != "*" }) {
		d.Service = "${service}"
	}
	m.walk(dash.Widgets, "")
	m.notes.finish(d.Panels)
	return d
}

func datadogSource(o DatadogOptions) Source {
	s := Source{Name: datadogSourceName, Type: sources.TypeDatadog, Site: o.Site, URL: o.URL}
	switch {
	case o.URL != "":
		s.Comment = "the base URL nagame init read the dashboard from; keys only from DD_API_KEY / DD_APP_KEY"
	case o.Site == "":
		s.Comment = "no site: DD_SITE applies, else datadoghq.com; keys only from DD_API_KEY / DD_APP_KEY"
	default:
		s.Comment = "keys only from DD_API_KEY / DD_APP_KEY, of an org on this site"
	}
	return s
}

// ddVar is a template variable as queries use it: $name is "prefix:value"
// in a scope, $name.value the bare value.
type ddVar struct{ name, agendaName, prefix string }

func ddVars(tvs []datadogV1.DashboardTemplateVariable) []ddVar {
	out := make([]ddVar, 0, len(tvs))
	for _, tv := range tvs {
		v := ddVar{name: tv.Name, agendaName: varName(tv.Name)}
		if p := tv.Prefix.Get(); p != nil {
			v.prefix = *p
		}
		out = append(out, v)
	}
	// Longest names first, so $env never eats the start of $environment.
	slices.SortStableFunc(out, func(a, b ddVar) int { return len(b.name) - len(a.name) })
	return out
}

func (m *ddMapper) agendaVars(tvs []datadogV1.DashboardTemplateVariable) []Var {
	var out []Var
	for _, tv := range tvs {
		def := "*"
		switch {
		case tv.Default.Get() != nil && *tv.Default.Get() != "":
			def = *tv.Default.Get()
		case len(tv.Defaults) > 0:
			def = tv.Defaults[0]
		}
		c := "template variable $" + tv.Name
		if p := tv.Prefix.Get(); p != nil && *p != "" {
			c += fmt.Sprintf(" (tag %s): $%s in a scope becomes %s:${%s}", *p, tv.Name, *p, varName(tv.Name))
		}
		if def == "*" {
			c += "; * matches every series that has the tag"
		}
		out = append(out, Var{Name: varName(tv.Name), Default: def, Comment: c})
	}
	return out
}

// expand rewrites template variables into agenda variables:
// "$env.value" → "${env}", "$env" → "env:${env}" (its tag and value).
func (m *ddMapper) expand(q string) string {
	for _, v := range m.vars {
		ref := regexp.MustCompile(`\$` + regexp.QuoteMeta(v.name) + `(\.value)?([^A-Za-z0-9_-]|$)`)
		q = ref.ReplaceAllStringFunc(q, func(s string) string {
			sub := ref.FindStringSubmatch(s)
			val := "${" + v.agendaName + "}"
			if sub[1] == "" && v.prefix != "" {
				val = v.prefix + ":" + val
			}
			return val + sub[2]
		})
	}
	return q
}

// ddMapper walks one dashboard's widgets into d.
type ddMapper struct {
	d     *Draft
	vars  []ddVar
	notes noteQueue
	seen  map[string]bool // event queries already kept
}

func (m *ddMapper) walk(ws []datadogV1.Widget, group string) {
	for _, w := range ws {
		m.widget(w, group)
	}
}

// ddRequest is what nagame reads of one request of a widget, whatever its type.
type ddRequest struct {
	q        *string
	queries  []datadogV1.FormulaAndFunctionQueryDefinition
	formulas []datadogV1.WidgetFormula
	// other names the query of another product the request reads instead.
	other string
}

func (m *ddMapper) widget(w datadogV1.Widget, group string) {
	def := w.Definition
	where := ""
	if group != "" {
		where = " in group " + quoteTitle(group)
	}
	switch {
	case def.GroupWidgetDefinition != nil:
		m.walk(def.GroupWidgetDefinition.Widgets, deref(def.GroupWidgetDefinition.Title))
	case def.NoteWidgetDefinition != nil:
		m.notes.add(def.NoteWidgetDefinition.Content)
	case def.FreeTextWidgetDefinition != nil:
		m.notes.add(def.FreeTextWidgetDefinition.Text)
	case def.TimeseriesWidgetDefinition != nil:
		t := def.TimeseriesWidgetDefinition
		p, ok := m.metricPanel("timeseries", deref(t.Title), where, requests(t.Requests), "")
		m.events(t.Events, deref(t.Title))
		if ok {
			m.markers(p, t.Markers)
		}
	case def.QueryValueWidgetDefinition != nil:
		t := def.QueryValueWidgetDefinition
		m.metricPanel("query value", deref(t.Title), where, requests(t.Requests), deref(t.CustomUnit))
	case def.ChangeWidgetDefinition != nil:
		t := def.ChangeWidgetDefinition
		m.metricPanel("change", deref(t.Title), where, requests(t.Requests), "")
	case def.ToplistWidgetDefinition != nil:
		t := def.ToplistWidgetDefinition
		m.metricPanel("toplist", deref(t.Title), where, requests(t.Requests), "")
	case def.SLOWidgetDefinition != nil:
		m.sloPanel(def.SLOWidgetDefinition, where)
	default:
		if h := def.HeatMapWidgetDefinition; h != nil {
			m.events(h.Events, deref(h.Title))
		}
		typ, title := widgetTypeTitle(def)
		m.skip(typ+" widget "+quoteTitle(title)+where, skipReason(typ))
	}
}

// metricPanel makes a panel of a widget's first request nagame can read.
func (m *ddMapper) metricPanel(typ, title, where string, reqs []ddRequest, customUnit string) (*Panel, bool) {
	what := typ + " widget " + quoteTitle(title) + where
	if title == "" {
		what = typ + " widget" + where
	}
	var reason string
	for i, r := range reqs {
		p, why := m.fromRequest(r)
		if why != "" {
			reason = why
			continue
		}
		p.From = what
		p.Title = m.expand(title)
		if p.Title == "" {
			p.Title = untitled(p.Query, p.Kind)
		}
		if customUnit != "" && p.Unit == "" {
			p.Unit, p.UnitRule = customUnit, "the widget's custom unit"
		}
		if n := len(reqs) - 1; n > 0 {
			p.Notes = append(p.Notes, fmt.Sprintf("The widget draws %d request(s) more; nagame shows one query a panel (request %d of %d).", n, i+1, len(reqs)))
		}
		m.notes.onPanel(&p)
		m.d.Panels = append(m.d.Panels, p)
		return &m.d.Panels[len(m.d.Panels)-1], true
	}
	if reason == "" {
		reason = "it has no request"
	}
	m.skip(what, reason)
	return nil, false
}

// fromRequest maps one request, or says why it cannot.
func (m *ddMapper) fromRequest(r ddRequest) (Panel, string) {
	if r.q != nil && strings.TrimSpace(*r.q) != "" {
		return m.fromQuery(m.expand(*r.q)), ""
	}
	if len(r.queries) == 0 {
		if r.other != "" {
			return Panel{}, "it reads " + r.other + ", not metrics"
		}
		return Panel{}, "it has no query"
	}
	metrics := map[string]string{}
	others := map[string]string{} // name → data source of the other queries
	for _, q := range r.queries {
		if mq := q.FormulaAndFunctionMetricQueryDefinition; mq != nil {
			metrics[mq.Name] = m.expand(mq.Query)
			continue
		}
		name, source := queryKind(q)
		others[name] = source
	}
	formulas := make([]string, 0, len(r.formulas))
	for _, f := range r.formulas {
		formulas = append(formulas, f.Formula)
	}
	if len(formulas) == 0 {
		// No formula: the widget draws each query.
		for _, q := range r.queries {
			if mq := q.FormulaAndFunctionMetricQueryDefinition; mq != nil {
				formulas = append(formulas, mq.Name)
				break
			}
		}
	}
	for i, f := range formulas {
		p, ok := m.fromFormula(f, metrics)
		if !ok {
			continue
		}
		if i < len(r.formulas) {
			p.Unit, p.UnitRule = formulaUnit(r.formulas[i], p.Unit, p.UnitRule)
		}
		return p, ""
	}
	for _, f := range formulas {
		for _, n := range formulaName.FindAllString(f, -1) {
			if src, ok := others[n]; ok {
				return Panel{}, fmt.Sprintf("its formula %q uses %s, a %s query: nagame reads metrics only", f, n, src)
			}
		}
	}
	return Panel{}, fmt.Sprintf("its formula %q uses functions nagame cannot pass to Datadog's metrics API (nagame draws the comparison window itself)", strings.Join(formulas, ", "))
}

var formulaName = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// fromFormula maps a formula over metric queries: a single query, a ratio
// (errors over requests become an errors panel's query and total), or
// arithmetic that Datadog's metrics API evaluates as written. Functions
// (hour_before, timeshift, …) are refused: nagame draws the comparison
// window itself.
func (m *ddMapper) fromFormula(formula string, metrics map[string]string) (Panel, bool) {
	names := formulaName.FindAllString(formula, -1)
	if len(names) == 0 {
		return Panel{}, false
	}
	for _, n := range names {
		if _, ok := metrics[n]; !ok {
			return Panel{}, false
		}
	}
	if num, den, scaled, ok := splitRatio(formula); ok {
		nq, okN := metrics[strings.TrimSpace(num)]
		dq, okD := metrics[strings.TrimSpace(den)]
		if okN && okD {
			if g := guessDatadog(nq); g.kind == sources.KindErrors {
				return Panel{Kind: sources.KindErrors, Query: nq, Total: dq,
					KindRule: fmt.Sprintf("the formula %q divides errors (%s) by all requests: errors as a share of total", formula, g.rule[len("the metric "):])}, true
			}
			p := Panel{Kind: sources.KindCustom, Query: substitute(formula, metrics),
				KindRule: fmt.Sprintf("the formula %q is a ratio of two queries, not of errors", formula)}
			if scaled {
				p.Unit, p.UnitRule = "%", "the ratio is multiplied by 100"
			}
			return p, true
		}
	}
	if len(names) == 1 && strings.TrimSpace(formula) == names[0] {
		return m.fromQuery(metrics[names[0]]), true
	}
	p := m.fromQuery(substitute(formula, metrics))
	p.KindRule += fmt.Sprintf(" (the formula %q, evaluated by Datadog)", formula)
	return p, true
}

// substitute writes a formula's query names as their queries.
func substitute(formula string, metrics map[string]string) string {
	return formulaName.ReplaceAllStringFunc(formula, func(n string) string { return metrics[n] })
}

// fromQuery maps one metric query by its kind.
func (m *ddMapper) fromQuery(q string) Panel {
	g := guessDatadog(q)
	p := Panel{Kind: g.kind, KindRule: g.rule, Query: q}
	_, metric := datadogMetric(q)
	switch g.kind {
	case sources.KindErrors:
		if total, ok := apmTotal(q); ok {
			p.Total = total
			p.KindRule += "; total: the same span's hits (APM's errors / hits)"
		} else {
			p.NoRatio = true
		}
	case sources.KindLatency:
		p.Unit, p.UnitRule = "s", "assumed: check the metric's unit in Datadog's Metrics Summary"
		if strings.HasPrefix(metric, "trace.") {
			p.UnitRule = "APM latency metrics are in seconds"
		}
	case sources.KindLoad:
		if strings.Contains(q, ".as_rate()") {
			p.Unit, p.UnitRule = "req/s", ".as_rate() is per second"
		}
	}
	return p
}
