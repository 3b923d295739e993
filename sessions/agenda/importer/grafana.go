package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// GrafanaOptions say how to read a Grafana dashboard.
type GrafanaOptions struct {
	// Name is what messages call the dashboard's file or address.
	Name string
	// PrometheusURL is the server the panels read; DefaultPrometheusURL
	// when empty (a Grafana export does not say where its data source is).
	PrometheusURL string
	// Service, when set, is the agenda's service.
	Service string
}

// DefaultPrometheusURL is the Prometheus an imported agenda reads until
// its url: is changed.
const DefaultPrometheusURL = "http://localhost:9090"

// ErrGrafanaV2 is returned for a dashboard in Grafana's v2 schema
// (apiVersion dashboard.grafana.app/v2…, panels under spec.elements),
// which nagame does not read.
var ErrGrafanaV2 = errors.New("a Grafana v2 (schema v2) dashboard")

// grafanaDashboard is the part of Grafana's classic dashboard JSON model
// nagame reads.
type grafanaDashboard struct {
	Title      string         `json:"title"`
	UID        string         `json:"uid"`
	Panels     []grafanaPanel `json:"panels"`
	Rows       []grafanaRow   `json:"rows"` // before schema 16
	Templating struct {
		List []grafanaVar `json:"list"`
	} `json:"templating"`
	Annotations struct {
		List []grafanaAnnotation `json:"list"`
	} `json:"annotations"`
	Time struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"time"`
}

type grafanaRow struct {
	Title  string         `json:"title"`
	Panels []grafanaPanel `json:"panels"`
}

type grafanaPanel struct {
	ID          int                       `json:"id"`
	Type        string                    `json:"type"`
	Title       string                    `json:"title"`
	Datasource  json.RawMessage           `json:"datasource"`
	Targets     []grafanaTarget           `json:"targets"`
	Panels      []grafanaPanel            `json:"panels"` // a collapsed row's
	Repeat      string                    `json:"repeat"`
	Content     string                    `json:"content"` // text panels before Grafana 7
	Format      string                    `json:"format"`  // singlestat
	Thresholds  json.RawMessage           `json:"thresholds"`
	Yaxes       []struct{ Format string } `json:"yaxes"`
	FieldConfig struct {
		Defaults struct {
			Unit       string `json:"unit"`
			Thresholds *struct {
				Mode  string `json:"mode"`
				Steps []struct {
					Value *float64 `json:"value"`
				} `json:"steps"`
			} `json:"thresholds"`
		} `json:"defaults"`
	} `json:"fieldConfig"`
	Options struct {
		Content string `json:"content"`
	} `json:"options"`
}

type grafanaTarget struct {
	Expr       string          `json:"expr"`
	Hide       bool            `json:"hide"`
	RefID      string          `json:"refId"`
	Datasource json.RawMessage `json:"datasource"`
}

type grafanaVar struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Current struct {
		Value json.RawMessage `json:"value"`
	} `json:"current"`
	AllValue string          `json:"allValue"`
	Multi    bool            `json:"multi"`
	Query    json.RawMessage `json:"query"`
}

type grafanaAnnotation struct {
	Name       string          `json:"name"`
	BuiltIn    int             `json:"builtIn"`
	Enable     bool            `json:"enable"`
	Expr       string          `json:"expr"`
	Datasource json.RawMessage `json:"datasource"`
}

// decodeGrafana reads a dashboard export, a dashboard as Grafana's HTTP API
// returns it ({"dashboard": …, "meta": …}) or a v0/v1 dashboard resource
// (its spec is the classic model). A v2 dashboard is ErrGrafanaV2.
func decodeGrafana(data []byte) (*grafanaDashboard, error) {
	var probe struct {
		APIVersion string          `json:"apiVersion"`
		Kind       string          `json:"kind"`
		Spec       json.RawMessage `json:"spec"`
		Dashboard  json.RawMessage `json:"dashboard"`
		Panels     json.RawMessage `json:"panels"`
		Rows       json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("is not JSON (byte %d: %w)", se.Offset, se)
		}
		return nil, fmt.Errorf("is not a Grafana dashboard's JSON: %w", err)
	}
	var spec struct {
		Elements json.RawMessage `json:"elements"`
	}
	_ = json.Unmarshal(probe.Spec, &spec)
	switch {
	case strings.HasPrefix(probe.APIVersion, "dashboard.grafana.app/v2") || len(spec.Elements) > 0:
		return nil, ErrGrafanaV2
	case len(probe.Spec) > 0 && probe.Kind == "Dashboard":
		return decodeGrafana(probe.Spec)
	case len(probe.Dashboard) > 0 && bytes.HasPrefix(bytes.TrimSpace(probe.Dashboard), []byte("{")):
		return decodeGrafana(probe.Dashboard)
	case len(probe.Panels) == 0 && len(probe.Rows) == 0:
		return nil, errors.New("is not a Grafana dashboard: it has neither panels nor rows")
	}
	var d grafanaDashboard
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("is not a Grafana dashboard's JSON: %w", err)
	}
	return &d, nil
}

// FromGrafana maps a Grafana dashboard whose panels query Prometheus (or a
// compatible store): rows are walked, collapsed ones too; the first
// visible target of each time series, stat, gauge or graph panel becomes a
// panel's query, its unit and thresholds the panel's; text panels become
// prompts; templating variables agenda variables at their current values;
// Grafana's interval macros fixed values; the dashboard's time range the
// window; annotations with a query events.
func FromGrafana(data []byte, o GrafanaOptions) (*Draft, error) {
	g, err := decodeGrafana(data)
	if err != nil {
		return nil, err
	}
	url := o.PrometheusURL
	src := Source{Name: "prom", Type: sources.TypePrometheus, URL: url,
		Comment: "the Prometheus (or Thanos, Mimir, VictoriaMetrics) the panels read"}
	if url == "" {
		src.URL = DefaultPrometheusURL
		src.Comment = "a Grafana export does not say where its Prometheus is: change url: to your server's (credentials: token_env, or username_env and password_env)"
	}
	title := strings.TrimSpace(g.Title)
	if title == "" {
		title = "Grafana dashboard"
	}
	d := &Draft{
		Origin:  fmt.Sprintf("Grafana dashboard %q (%s)", title, o.Name),
		Title:   title + " — metrics viewing party",
		Service: o.Service,
		Source:  src,
	}
	d.Window, d.WindowRule = grafanaWindow(g.Time.From, g.Time.To)
	m := &gfMapper{d: d}
	m.variables(g.Templating.List)
	// In the flat layout an expanded row is a header: the panels after it,
	// up to the next row, are its own.
	row := ""
	for _, p := range g.Panels {
		if p.Type == "row" && len(p.Panels) == 0 {
			row = p.Title
			continue
		}
		m.panel(p, row)
	}
	for _, r := range g.Rows {
		for _, p := range r.Panels {
			m.panel(p, r.Title)
		}
	}
	m.notes.finish(d.Panels)
	m.annotations(g.Annotations.List)
	if m.macros {
		d.Notes = append(d.Notes, macroRule)
	}
	return d, nil
}

// gfMapper walks one Grafana dashboard into d.
type gfMapper struct {
	d     *Draft
	vars  map[string]string // Grafana name → agenda name
	notes noteQueue
	// macros: some query used Grafana's interval macros.
	macros bool
}

// chartPanels are the panel types that draw one or a few values over time.
var chartPanels = map[string]bool{
	"timeseries": true, "graph": true, "stat": true, "gauge": true, "bargauge": true, "singlestat": true,
}

var grafanaReasons = map[string]string{
	"table":          "a table; nagame draws one query over time",
	"heatmap":        "a heat map of a distribution; nagame draws lines",
	"logs":           "a list of log lines",
	"piechart":       "a pie chart of parts of a whole",
	"alertlist":      "a list of alerts",
	"dashlist":       "a list of dashboards",
	"news":           "a news feed",
	"nodeGraph":      "a node graph",
	"traces":         "traces",
	"histogram":      "a histogram across values, not over time",
	"state-timeline": "a timeline of states",
	"status-history": "a history of states",
	"barchart":       "a bar chart of grouped values",
	"xychart":        "an x/y chart of two values against each other",
	"canvas":         "a canvas",
	"geomap":         "a map",
}

func (m *gfMapper) panel(p grafanaPanel, row string) {
	where := ""
	if row != "" {
		where = " in row " + quoteTitle(m.text(row))
	}
	what := fmt.Sprintf("%s panel %s%s", p.Type, quoteTitle(m.text(p.Title)), where)
	switch {
	case p.Type == "row":
		for _, c := range p.Panels {
			m.panel(c, p.Title)
		}
	case p.Type == "text":
		m.notes.add(firstNonEmpty(p.Options.Content, p.Content))
	case chartPanels[p.Type]:
		m.chart(p, what)
	default:
		reason, ok := grafanaReasons[p.Type]
		if !ok {
			reason = "nagame has no way to show a " + p.Type + " panel"
		}
		m.skip(what, reason)
	}
}

func (m *gfMapper) skip(what, reason string) {
	m.d.Skipped = append(m.d.Skipped, Skipped{What: what, Reason: reason})
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
