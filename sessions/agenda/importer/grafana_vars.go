package importer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Grafana's interval macros have no value outside Grafana: it computes
// them from the panel's width and the scrape interval. nagame picks its own
// step and looks inside every step for spikes, so a fixed range is enough.
var grafanaMacros = []struct{ name, value string }{
	{"__rate_interval_ms", "300000"},
	{"__rate_interval", "5m"},
	{"__interval_ms", "60000"},
	{"__interval", "1m"},
	{"__range_ms", "86400000"},
	{"__range_s", "86400"},
	{"__range", "1d"},
}

const macroRule = "Grafana's macros: $__rate_interval becomes 5m (four 15 s scrapes and margin; nagame finds spikes inside each step), $__interval 1m, $__range 1d (a value \"over the range\" becomes a daily value on a chart)."

// variables turns the dashboard's templating into agenda variables at their
// current values.
func (m *gfMapper) variables(list []grafanaVar) {
	m.vars = map[string]string{}
	for _, v := range list {
		switch v.Type {
		case "datasource":
			m.d.Notes = append(m.d.Notes, fmt.Sprintf("The dashboard's data source variable $%s is the source below.", v.Name))
			continue
		case "adhoc":
			m.d.Notes = append(m.d.Notes, fmt.Sprintf("The ad hoc filter $%s is left out: add its label matchers to the queries.", v.Name))
			continue
		}
		name := varName(v.Name)
		m.vars[v.Name] = name
		val, how := currentValue(v)
		c := fmt.Sprintf("Grafana variable $%s (%s)%s", v.Name, v.Type, how)
		if def := queryText(v.Query); def != "" && v.Type == "query" {
			c += "; its values came from " + clipText(def, 80)
		}
		m.d.Vars = append(m.d.Vars, Var{Name: name, Default: val, Comment: c})
	}
}

// currentValue is a variable's current value as a PromQL matcher wants it:
// one value as it is, several as a regex alternation, All as the
// variable's allValue or ".*".
func currentValue(v grafanaVar) (string, string) {
	var one string
	var many []string
	if json.Unmarshal(v.Current.Value, &one) != nil {
		_ = json.Unmarshal(v.Current.Value, &many)
	} else {
		many = []string{one}
	}
	switch {
	case slices.Contains(many, "$__all"):
		all := v.AllValue
		if all == "" {
			all = ".*"
		}
		return all, ", All: " + all + " matches every value in a =~ matcher"
	case len(many) == 0:
		return "", ", no current value: set one"
	case len(many) == 1:
		return many[0], ""
	}
	esc := make([]string, len(many))
	for i, s := range many {
		esc[i] = regexp.QuoteMeta(s)
	}
	return "(" + strings.Join(esc, "|") + ")", ", several values: a regex for a =~ matcher"
}

// queryText is a variable's query, whether Grafana stored it as text or as
// {"query": …}.
func queryText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var q struct {
		Query string `json:"query"`
	}
	_ = json.Unmarshal(raw, &q)
	return q.Query
}

var (
	// grafanaRef finds $name, ${name}, ${name:format} and [[name]].
	grafanaRef = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]|\$([A-Za-z0-9_]+)`)
)

// replaceVars writes Grafana's variable references as agenda ones:
// $job, ${job}, ${job:regex} and [[job]] all become ${job}. Macros are
// replaced first by query; anything else is left as written.
func (m *gfMapper) replaceVars(s string) string {
	return grafanaRef.ReplaceAllStringFunc(s, func(ref string) string {
		sub := grafanaRef.FindStringSubmatch(ref)
		name := sub[1] + sub[2] + sub[3]
		if agendaName, ok := m.vars[name]; ok {
			return "${" + agendaName + "}"
		}
		return ref
	})
}

// query converts a target's expression: macros to fixed ranges, variables
// to agenda variables. The notes say what was replaced and what was not.
func (m *gfMapper) query(expr string) (string, []string) {
	var notes []string
	var replaced []string
	for _, mac := range grafanaMacros {
		for _, form := range []string{"${" + mac.name + "}", "$" + mac.name} {
			if strings.Contains(expr, form) {
				expr = strings.ReplaceAll(expr, form, mac.value)
				replaced = append(replaced, "$"+mac.name+" → "+mac.value)
			}
		}
	}
	if len(replaced) > 0 {
		m.macros = true
		notes = append(notes, "Replaced Grafana's "+strings.Join(replaced, ", ")+".")
	}
	expr = m.replaceVars(expr)
	var unknown []string
	for _, sub := range grafanaRef.FindAllStringSubmatch(expr, -1) {
		if sub[3] != "" && !slices.Contains(unknown, "$"+sub[3]) {
			unknown = append(unknown, "$"+sub[3])
		}
	}
	if len(unknown) > 0 {
		notes = append(notes, "The query uses "+strings.Join(unknown, ", ")+", which the dashboard does not define: replace it.")
	}
	return strings.TrimSpace(expr), notes
}

var relativeTime = regexp.MustCompile(`^now-([0-9]+)([smhdwMy])(/[smhdwMy])?$`)

// grafanaWindow maps the dashboard's time range: now-6h to now is the last
// 6h; fixed times are a from–to window; anything else the usual 30 days.
func grafanaWindow(from, to string) (string, string) {
	rule := fmt.Sprintf("the dashboard's time range (%s to %s)", from, to)
	if m := relativeTime.FindStringSubmatch(from); m != nil && (to == "now" || to == "") {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "M":
			return fmt.Sprintf("%dd", n*30), rule + "; a month is 30 days"
		case "y":
			return fmt.Sprintf("%dd", n*365), rule + "; a year is 365 days"
		}
		return m[1] + m[2], rule
	}
	f, errF := time.Parse(time.RFC3339, from)
	t, errT := time.Parse(time.RFC3339, to)
	if errF == nil && errT == nil && t.After(f) {
		return fmt.Sprintf("{from: %s, to: %s}", f.UTC().Format(time.RFC3339), t.UTC().Format(time.RFC3339)), rule
	}
	return "30d", "the dashboard's time range (" + from + " to " + to + ") is not a span nagame reads: the usual review window"
}

// annotations keeps the queries of the dashboard's annotations as events;
// Grafana's built-in ones live in Grafana's own database and are left out.
func (m *gfMapper) annotations(list []grafanaAnnotation) {
	for _, a := range list {
		if a.BuiltIn == 1 || strings.TrimSpace(a.Expr) == "" {
			continue
		}
		q, _ := m.query(a.Expr)
		m.d.Events = append(m.d.Events, Event{Query: q, From: "Grafana annotation " + quoteTitle(a.Name)})
	}
}
