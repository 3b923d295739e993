package importer

import (
	"encoding/json"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"
)

// metricRequest is what the request types of timeseries, query value,
// change and toplist widgets share.
type metricRequest interface {
	HasQ() bool
	GetQ() string
	GetQueries() []datadogV1.FormulaAndFunctionQueryDefinition
	GetFormulas() []datadogV1.WidgetFormula
	HasLogQuery() bool
	HasApmQuery() bool
	HasEventQuery() bool
	HasRumQuery() bool
	HasProcessQuery() bool
	HasNetworkQuery() bool
	HasSecurityQuery() bool
	HasProfileMetricsQuery() bool
}

// requests reads a widget's requests.
func requests[T any, P interface {
	*T
	metricRequest
}](rs []T) []ddRequest {
	out := make([]ddRequest, 0, len(rs))
	for i := range rs {
		r := P(&rs[i])
		d := ddRequest{queries: r.GetQueries(), formulas: r.GetFormulas()}
		if r.HasQ() {
			q := r.GetQ()
			d.q = &q
		}
		for _, o := range []struct {
			set  bool
			name string
		}{
			{r.HasLogQuery(), "logs"}, {r.HasApmQuery(), "APM traces"}, {r.HasEventQuery(), "events"},
			{r.HasRumQuery(), "RUM"}, {r.HasProcessQuery(), "processes"}, {r.HasNetworkQuery(), "network data"},
			{r.HasSecurityQuery(), "security signals"}, {r.HasProfileMetricsQuery(), "profiles"},
		} {
			if o.set {
				d.other = o.name
				break
			}
		}
		out = append(out, d)
	}
	return out
}

// widgetTypeTitle reads the type and title of any widget definition, the
// ones this client does not know included.
func widgetTypeTitle(def datadogV1.WidgetDefinition) (typ, title string) {
	var v struct {
		Type  string `json:"type"`
		Title string `json:"title"`
	}
	if b, err := json.Marshal(def); err == nil {
		_ = json.Unmarshal(b, &v)
	}
	if v.Type == "" {
		v.Type = "unknown"
	}
	return v.Type, strings.TrimSpace(v.Title)
}

// queryKind is the name and data source of a formula query ("query1",
// "logs").
func queryKind(q datadogV1.FormulaAndFunctionQueryDefinition) (name, source string) {
	var v struct {
		Name       string `json:"name"`
		DataSource string `json:"data_source"`
	}
	if b, err := json.Marshal(q); err == nil {
		_ = json.Unmarshal(b, &v)
	}
	if v.DataSource == "" {
		v.DataSource = "unknown"
	}
	return v.Name, v.DataSource
}

// widgetReasons say why a widget type is left out.
var widgetReasons = map[string]string{
	"alert_graph":     "it draws a monitor's state, not a metric query; the monitor's own query can become a panel",
	"alert_value":     "it shows a monitor's value, not a metric query",
	"check_status":    "it shows service check states, not a time series",
	"distribution":    "a distribution across values, not over time",
	"event_stream":    "a list of events (kept as events where a chart overlays them)",
	"event_timeline":  "a timeline of events (kept as events where a chart overlays them)",
	"geomap":          "a map",
	"hostmap":         "a map of hosts, not a time series",
	"iframe":          "an embedded web page",
	"image":           "an image",
	"list_stream":     "a list of logs, spans or events",
	"log_stream":      "a list of logs",
	"manage_status":   "a list of monitors",
	"query_table":     "a table; nagame draws one query over time",
	"scatterplot":     "a scatter plot of two metrics against each other",
	"servicemap":      "a service map",
	"slo_list":        "a list of SLOs; add each SLO you review as a kind slo panel",
	"sunburst":        "a sunburst of parts of a whole",
	"treemap":         "a tree map of parts of a whole",
	"trace_service":   "an APM service summary; its latency, errors and hits are in the datadog-apm template",
	"funnel":          "a funnel",
	"powerpack":       "a powerpack: its widgets are not in the dashboard's definition",
	"split_group":     "a split graph: one graph per tag value",
	"topology_map":    "a topology map",
	"run_workflow":    "a workflow button",
	"unknown":         "this nagame's Datadog client does not know the widget's type",
	"bar_chart":       "a bar chart of grouped values",
	"heatmap":         "a heat map of a distribution; nagame draws lines",
	"free_text":       "text",
	"note":            "text",
	"monitor_summary": "a list of monitors",
}

func skipReason(typ string) string {
	if r, ok := widgetReasons[typ]; ok {
		return r
	}
	return "nagame has no way to show a " + typ + " widget"
}
