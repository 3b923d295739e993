package importer

import (
	"cmp"
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

// jsonHead is what nagame reads of any widget definition or formula query,
// the ones this client does not know included: a oneOf of the client keeps
// its fields in different places, its JSON in one.
type jsonHead struct {
	Type       string `json:"type"`
	Title      string `json:"title"`
	Name       string `json:"name"`
	DataSource string `json:"data_source"`
}

func headOf(v any) jsonHead {
	var h jsonHead
	if b, err := json.Marshal(v); err == nil {
		_ = json.Unmarshal(b, &h)
	}
	return h
}

// widgetTypeTitle reads the type and title of a widget definition.
func widgetTypeTitle(def datadogV1.WidgetDefinition) (typ, title string) {
	h := headOf(def)
	return cmp.Or(h.Type, "unknown"), strings.TrimSpace(h.Title)
}

// queryKind is the name and data source of a formula query ("query1",
// "logs").
func queryKind(q datadogV1.FormulaAndFunctionQueryDefinition) (name, source string) {
	h := headOf(q)
	return h.Name, cmp.Or(h.DataSource, "unknown")
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
