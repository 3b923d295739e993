package importer

import (
	"strings"
	"testing"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// wantPanel is what a generated panel must hold; empty fields are not checked.
type wantPanel struct {
	id, kind, query, total, unit, threshold, slo string
}

func checkPanels(t *testing.T, a *agenda.Agenda, want []wantPanel) {
	t.Helper()
	if len(a.Panels) != len(want) {
		t.Fatalf("%d panels, want %d: %+v", len(a.Panels), len(want), a.Panels)
	}
	for i, w := range want {
		p := a.Panels[i]
		threshold := ""
		if p.Objective != nil {
			threshold = p.Objective.ThresholdText
		}
		for _, c := range []struct{ name, got, want string }{
			{"id", p.ID, w.id}, {"kind", string(p.Kind), w.kind}, {"query", p.Query, w.query}, {"total", p.Total, w.total},
			{"unit", p.Unit, w.unit}, {"threshold", threshold, w.threshold}, {"slo", p.SLO, w.slo},
		} {
			if c.want != "" && c.got != c.want {
				t.Errorf("panel %d %s = %q, want %q", i+1, c.name, c.got, c.want)
			}
		}
	}
}

func TestRecordedDatadogDashboardsBecomeAgendas(t *testing.T) {
	tests := []struct {
		fixture string
		site    string
		panels  []wantPanel
		skipped int
	}{
		{"lifecycle-ordered.json", "datadoghq.eu", []wantPanel{
			{id: "test-change-widget", kind: "custom", query: "avg:system.load.1{*}"},
			{id: "test-query-value-widget", kind: "custom", unit: "ns"},
			{id: "test-slo-widget", kind: "slo", slo: "0643d2afe45c58589e0dbb4712341207"},
			{id: "test-timeseries-widget", kind: "custom", threshold: "15"},
			{id: "test-toplist-widget", kind: "custom", query: "avg:system.load.1{*}"},
		}, 19},
		{"query-value-percentile.json", "", []wantPanel{
			{id: "dist-dd-dogweb-latency-p90", kind: "latency", query: "p90:dist.dd.dogweb.latency{*}", unit: "s"},
		}, 0},
		{"toplist-sorted-by-group.json", "", []wantPanel{
			{id: "system-cpu-user", kind: "custom", query: "avg:system.cpu.user{*} by {service}"},
		}, 0},
		{"timeseries-formula-native.json", "", []wantPanel{
			{id: "system-cpu-user", kind: "custom", query: "avg:system.cpu.user{*}"},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			d := FromDatadog(readDashboard(t, tt.fixture), DatadogOptions{Site: tt.site})
			out, err := Write(d, "agenda.yaml", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, out)
			checkPanels(t, parsed(t, out), tt.panels)
			if len(d.Skipped) != tt.skipped {
				t.Errorf("%d widgets left out, want %d: %+v", len(d.Skipped), tt.skipped, d.Skipped)
			}
		})
	}
}

func TestTheLifecycleDashboardKeepsVarsEventsNotesAndReasons(t *testing.T) {
	d := FromDatadog(readDashboard(t, "lifecycle-ordered.json"), DatadogOptions{})
	out, err := Write(d, "agenda.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := parsed(t, out)
	if a.Vars["test_template_var"] != "*" {
		t.Errorf("template variable: vars = %v", a.Vars)
	}
	if len(d.Events) != 1 || d.Events[0].Query != "Build succeeded" {
		t.Errorf("events = %+v", d.Events)
	}
	// Both notes (one in the group) go to the first panel after them.
	if p, _ := a.Panel("test-query-value-widget"); p.Prompt != "Test Note Inside Group Test Note Widget Example" {
		t.Errorf("prompt from the notes = %q", p.Prompt)
	}
	for _, want := range []string{
		"#   - hostmap widget \"Test HostMap Widget\": a map of hosts",
		"uses errors, a logs query: nagame reads metrics only",
		"it reads logs, not metrics",
		"#   - {query: \"Build succeeded\"}",
		"# yaml-language-server: $schema=agenda.schema.json",
		"nagame schema > agenda.schema.json",
	} {
		if !strings.Contains(strings.ReplaceAll(string(out), "\n#     ", " "), want) {
			t.Errorf("the agenda lacks %q", want)
		}
	}
}

func TestADashboardOfOnlyLogsWidgetsSaysWhatToDo(t *testing.T) {
	d := FromDatadog(readDashboard(t, "change-logs-formula.json"), DatadogOptions{ID: "8ap-qaz-qge"})
	_, err := Write(d, "agenda.yaml", t.TempDir())
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"(8ap-qaz-qge) has no widget nagame can show", "uses query1, a logs query", "nagame init --template datadog-apm"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// The recorded dashboards have no metric ratio, so these requests are
// written here, in the shape the API returns them.
func formulaDashboard(formula string, queries ...string) datadogV1.Dashboard {
	var qs []datadogV1.FormulaAndFunctionQueryDefinition
	for i, q := range queries {
		qs = append(qs, datadogV1.FormulaAndFunctionMetricQueryDefinitionAsFormulaAndFunctionQueryDefinition(
			datadogV1.NewFormulaAndFunctionMetricQueryDefinition(datadogV1.FORMULAANDFUNCTIONMETRICDATASOURCE_METRICS, "query"+string(rune('1'+i)), q)))
	}
	title := "Ratio"
	req := datadogV1.TimeseriesWidgetRequest{Queries: qs, Formulas: []datadogV1.WidgetFormula{{Formula: formula}}}
	def := datadogV1.TimeseriesWidgetDefinitionAsWidgetDefinition(&datadogV1.TimeseriesWidgetDefinition{
		Title: &title, Type: datadogV1.TIMESERIESWIDGETDEFINITIONTYPE_TIMESERIES, Requests: []datadogV1.TimeseriesWidgetRequest{req}})
	return datadogV1.Dashboard{Title: "t", Widgets: []datadogV1.Widget{{Definition: def}}}
}

func TestFormulaRatiosOfErrorsBecomeErrorsPanels(t *testing.T) {
	errs := "sum:trace.web.request.errors{service:web}.as_count()"
	hits := "sum:trace.web.request.hits{service:web}.as_count()"
	for _, formula := range []string{"query1 / query2", "100 * query1 / query2", "(query1 / query2) * 100", "query1 / query2 * 100", "100 * (query1 / query2)"} {
		t.Run(formula, func(t *testing.T) {
			d := FromDatadog(formulaDashboard(formula, errs, hits), DatadogOptions{})
			out, err := Write(d, "agenda.yaml", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			checkPanels(t, parsed(t, out), []wantPanel{{kind: "errors", query: errs, total: hits}})
		})
	}
	// A ratio of other things stays one query Datadog evaluates.
	d := FromDatadog(formulaDashboard("100 * (query1 / query2)", "avg:system.disk.used{*}", "avg:system.disk.total{*}"), DatadogOptions{})
	if p := d.Panels[0]; p.Kind != sources.KindCustom || p.Query != "100 * (avg:system.disk.used{*} / avg:system.disk.total{*})" || p.Unit != "%" {
		t.Errorf("disk ratio: %+v", p)
	}
	// hour_before is nagame's comparison window: the plain formula is taken.
	d = FromDatadog(formulaDashboard("hour_before(query1)", "avg:system.load.1{*}"), DatadogOptions{})
	if len(d.Panels) != 0 || !strings.Contains(d.Skipped[0].Reason, "uses functions") {
		t.Errorf("a function formula: %+v %+v", d.Panels, d.Skipped)
	}
}

func TestAPMErrorsGetHitsAsTheirTotal(t *testing.T) {
	p := (&ddMapper{d: &Draft{}}).fromQuery("sum:trace.http.request.errors{service:checkout,env:prod}.as_count()")
	if p.Kind != sources.KindErrors || p.Total != "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()" {
		t.Errorf("%+v", p)
	}
}

func TestTemplateVariablesBecomeAgendaVariables(t *testing.T) {
	def, prefix := "prod", "env"
	tv := datadogV1.DashboardTemplateVariable{Name: "env"}
	tv.Default.Set(&def)
	tv.Prefix.Set(&prefix)
	m := &ddMapper{vars: ddVars([]datadogV1.DashboardTemplateVariable{tv, {Name: "environment"}})}
	got := m.expand("avg:x{$env,service:web} by {host} / $env.value $environment")
	if want := "avg:x{env:${env},service:web} by {host} / ${env} ${environment}"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMarkersAreUpperLines(t *testing.T) {
	for in, want := range map[string]string{"y = 300": "300", "y=15": "15", "0 < y < 300": "300", "y < 0.5": "0.5", "y > 300": "", "x = 3": ""} {
		if got, _ := markerLine(in); got != want {
			t.Errorf("markerLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDatadogReferences(t *testing.T) {
	tests := []struct{ in, id, site, err string }{
		{"abc-def-ghi", "abc-def-ghi", "", ""},
		{"https://app.datadoghq.eu/dashboard/abc-def-ghi/checkout-overview?from_ts=1", "abc-def-ghi", "datadoghq.eu", ""},
		{"https://us5.datadoghq.com/dashboard/abc-def-ghi", "abc-def-ghi", "us5.datadoghq.com", ""},
		{"https://acme.datadoghq.com/dashboard/abc-def-ghi/x", "abc-def-ghi", "datadoghq.com", ""},
		{"abc", "", "", "not a Datadog dashboard id"},
		{"https://app.datadoghq.com/monitors/123", "", "", "not a dashboard's address"},
	}
	for _, tt := range tests {
		id, site, err := ParseDatadogRef(tt.in)
		if id != tt.id || site != tt.site || (tt.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseDatadogRef(%q) = %q, %q, %v", tt.in, id, site, err)
		}
	}
}
