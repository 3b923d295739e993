package importer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// chart maps a chart panel's first visible PromQL target.
func (m *gfMapper) chart(p grafanaPanel, what string) {
	if t := datasourceType(p.Datasource); t != "" && !promLike(t) {
		m.skip(what, "it reads "+t+", not Prometheus")
		return
	}
	var exprs, refs []string
	for _, t := range p.Targets {
		dt := datasourceType(t.Datasource)
		if t.Hide || strings.TrimSpace(t.Expr) == "" || (dt != "" && !promLike(dt)) || isLogQL(t.Expr) {
			continue
		}
		exprs, refs = append(exprs, t.Expr), append(refs, t.RefID)
	}
	if len(exprs) == 0 {
		m.skip(what, "it has no PromQL query (expr)")
		return
	}
	expr, notes := m.query(exprs[0])
	g := guessPromQL(expr)
	out := Panel{From: what, Title: m.text(p.Title), Kind: g.kind, KindRule: g.rule, Query: expr, Notes: notes}
	if out.Title == "" {
		out.Title = "panel " + strconv.Itoa(p.ID)
	}
	if n := len(exprs) - 1; n > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("The panel draws %d more query(ies) (%s); nagame shows one query a panel: copy the panel for another.", n, strings.Join(refs[1:], ", ")))
	}
	if p.Repeat != "" {
		out.Notes = append(out.Notes, fmt.Sprintf("Grafana repeats this panel for each value of $%s; here it is one panel over the value(s) in vars.", p.Repeat))
	}
	if num, den, _, ok := splitRatio(expr); ok && g.kind == sources.KindErrors {
		out.Query, out.Total = num, den
		out.KindRule += "; the expression divides them by all requests: query and total"
	} else if g.kind == sources.KindErrors {
		if total, ok := promTotal(expr); ok {
			out.Total = total
			out.KindRule += "; total: the same query without the 5xx matcher (check it)"
		} else {
			out.NoRatio = true
		}
	}
	m.unit(&out, p)
	m.threshold(&out, p)
	m.notes.onPanel(&out)
	m.d.Panels = append(m.d.Panels, out)
}

// promLike reports a data source type that speaks PromQL.
func promLike(t string) bool {
	t = strings.ToLower(t)
	for _, s := range []string{"prometheus", "mimir", "cortex", "thanos", "victoria"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// datasourceType is a panel's or target's data source type when it says
// one ({"type": "prometheus", "uid": …}); "" for a name or a variable,
// which could be anything.
func datasourceType(raw json.RawMessage) string {
	var ds struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &ds) != nil || ds.Type == "datasource" {
		return ""
	}
	return ds.Type
}

// isLogQL tells a Loki query from PromQL when the data source does not.
func isLogQL(expr string) bool {
	e := strings.TrimSpace(expr)
	return strings.HasPrefix(e, "{") || strings.Contains(e, "|=") || strings.Contains(e, "|~") || strings.Contains(e, "| json")
}

// grafanaUnits maps Grafana unit ids to nagame's units; "" is no unit.
var grafanaUnits = map[string]string{
	"s": "s", "ms": "ms", "µs": "us", "us": "us", "ns": "ns", "m": "m", "h": "h",
	"percent": "%", "percentunit": "%",
	"reqps": "req/s", "rps": "req/s", "ops": "ops/s", "opm": "ops/min", "wps": "writes/s", "iops": "io/s", "cps": "/s",
	"bytes": "B", "decbytes": "B", "bits": "bit", "Bps": "B/s", "binBps": "B/s", "bps": "bit/s",
	"short": "", "none": "",
}

// unit maps the panel's unit (fieldConfig.defaults.unit, else the old
// graph's first y axis, else a singlestat's format). percentunit, a share
// from 0 to 1, is read as a percentage: the query is multiplied by 100.
func (m *gfMapper) unit(out *Panel, p grafanaPanel) {
	raw, from := p.FieldConfig.Defaults.Unit, "the panel's unit"
	if raw == "" && len(p.Yaxes) > 0 {
		raw, from = p.Yaxes[0].Format, "the panel's y-axis format"
	}
	if raw == "" && p.Format != "" {
		raw, from = p.Format, "the panel's format"
	}
	if raw == "" {
		if out.Kind == sources.KindLatency {
			out.Unit, out.UnitRule = "s", "assumed: Prometheus durations are in seconds"
		}
		return
	}
	u, known := grafanaUnits[raw]
	switch {
	case !known:
		out.Notes = append(out.Notes, fmt.Sprintf("The panel's unit %s has no nagame equivalent; it is left out.", raw))
		return
	case raw == "percentunit":
		out.Query = "(" + out.Query + ") * 100"
		out.UnitRule = "percentunit (0 to 1) in the panel, as a percentage: the query is multiplied by 100"
	default:
		out.UnitRule = from + " " + raw
	}
	if out.Kind == sources.KindErrors {
		// An errors panel counts; its share is nagame's.
		out.UnitRule = ""
		return
	}
	out.Unit = u
	if u == "" {
		out.UnitRule = ""
		if out.Kind == sources.KindLatency {
			out.Unit, out.UnitRule = "s", "assumed: the panel's unit is "+raw+" and Prometheus durations are in seconds"
		}
	}
	if u == "ms" && strings.Contains(out.Query, "_seconds") && !strings.Contains(out.Query, "1000") {
		out.Notes = append(out.Notes, "The panel says ms but its metric is in seconds and the query does not multiply by 1000: check the unit.")
	}
}

// threshold takes the panel's highest absolute threshold step (the line
// into red) as a time-slice objective of latency and custom panels.
// Grafana's default thresholds (80, on every new panel) say nothing and are
// left out.
func (m *gfMapper) threshold(out *Panel, p grafanaPanel) {
	v, from, ok := grafanaThreshold(p)
	if !ok {
		return
	}
	if out.Kind != sources.KindLatency && out.Kind != sources.KindCustom {
		out.Notes = append(out.Notes, fmt.Sprintf("The panel's threshold %s is not an objective a %s panel takes.", formatNumber(v), out.Kind))
		return
	}
	if strings.HasSuffix(out.Query, ") * 100") && out.Unit == "%" {
		v *= 100
	}
	out.Threshold, out.ThresholdRule = formatNumber(v), from
}

var legacyThreshold = regexp.MustCompile(`[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?`)

func grafanaThreshold(p grafanaPanel) (float64, string, bool) {
	if t := p.FieldConfig.Defaults.Thresholds; t != nil && t.Mode != "percentage" {
		var vals []float64
		for _, s := range t.Steps {
			if s.Value != nil {
				vals = append(vals, *s.Value)
			}
		}
		switch {
		case len(vals) == 0:
		case len(vals) == 1 && vals[0] == 80:
			return 0, "", false // Grafana's default
		default:
			return vals[len(vals)-1], "the panel's last threshold step", true
		}
	}
	// The old graph panel: [{"value": 300, "op": "gt", …}]; singlestat: "0.1,1".
	var graph []struct {
		Value *float64 `json:"value"`
		Op    string   `json:"op"`
	}
	if json.Unmarshal(p.Thresholds, &graph) == nil {
		for _, t := range graph {
			if t.Value != nil && t.Op != "lt" {
				return *t.Value, "the graph's threshold line", true
			}
		}
	}
	var single string
	if json.Unmarshal(p.Thresholds, &single) == nil {
		if nums := legacyThreshold.FindAllString(single, -1); len(nums) > 0 {
			if v, err := strconv.ParseFloat(nums[len(nums)-1], 64); err == nil {
				return v, "the singlestat's last threshold", true
			}
		}
	}
	return 0, "", false
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// text converts Grafana variables in a title or prompt to agenda ones.
func (m *gfMapper) text(s string) string {
	return m.replaceVars(strings.TrimSpace(s))
}
