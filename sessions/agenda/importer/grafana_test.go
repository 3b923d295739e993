package importer

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/sources"
)

func TestTheGrafanaOverviewExportBecomesAnAgenda(t *testing.T) {
	d, err := FromGrafana(readFixture(t, "grafana/grafana-overview.json"), GrafanaOptions{Name: "grafana-overview.json"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Write(d, "agenda.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out)
	a := parsed(t, out)
	checkPanels(t, a, []wantPanel{
		{id: "firing-alerts", kind: "custom", query: `grafana_alerting_result_total{job=~"default/grafana", instance=~".*", state="alerting"}`},
		{id: "dashboards", kind: "custom"},
		{id: "rps", kind: "load", unit: "req/s"},
		{id: "request-latency", kind: "latency", unit: "ms",
			query: `histogram_quantile(0.99, sum(irate(grafana_http_request_duration_seconds_bucket{instance=~".*", job=~"default/grafana"}[5m])) by (le)) * 1`},
	})
	if a.Window.String() != "6h" {
		t.Errorf("window %s, want the dashboard's 6h", a.Window)
	}
	if a.Vars["job"] != "default/grafana" || a.Vars["instance"] != ".*" || len(a.Vars) != 2 {
		t.Errorf("vars %v: want job and instance at their current values, no datasource", a.Vars)
	}
	for _, want := range []string{"Replaced Grafana's $__rate_interval → 5m.", "The panel says ms but its metric is in seconds",
		"table panel \"Build Info\": a table", `url: "http://localhost:9090"`, "change url: to your"} {
		if !strings.Contains(strings.ReplaceAll(string(out), "\n  # ", " "), want) {
			t.Errorf("the agenda lacks %q", want)
		}
	}
}

func TestGrafanaExportsNagameCannotUseSayWhy(t *testing.T) {
	d, err := FromGrafana(readFixture(t, "grafana/rows-after-free-panels.json"), GrafanaOptions{Name: "rows.json"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Write(d, "agenda.yaml", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), `timeseries panel "server = ${server}, pod = ${pod}" in row "Row for server ${server}": it reads testdata, not Prometheus`) ||
		!strings.Contains(err.Error(), "--template prometheus-red") {
		t.Errorf("rows: %v", err)
	}
	if d.Vars[0].Default != "(A|B)" || d.Vars[1].Default != "(1|2)" {
		t.Errorf("multi-value variables: %+v", d.Vars)
	}
	if _, err := FromGrafana(readFixture(t, "grafana/v2beta1-no-op.json"), GrafanaOptions{}); !errors.Is(err, ErrGrafanaV2) {
		t.Errorf("v2: %v", err)
	}
	for in, want := range map[string]string{`{"panels": [`: "is not JSON", `{"title": "x"}`: "neither panels nor rows", `[1]`: "not a Grafana dashboard"} {
		if _, err := FromGrafana([]byte(in), GrafanaOptions{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}

// grafanaPanels wraps panels in a minimal dashboard, the way the API's
// {"dashboard": …} answer does.
func grafanaPanels(panels string) []byte {
	return []byte(`{"dashboard": {"title": "t", "time": {"from": "now-7d", "to": "now"}, "panels": [` + panels + `]}, "meta": {}}`)
}

// These panels are written here: the recorded exports have Grafana's
// default thresholds only, and no 5xx panel.
func TestGrafanaUnitsThresholdsAndErrors(t *testing.T) {
	panels := `
 {"type": "timeseries", "title": "p99", "targets": [{"expr": "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"api\"}[$__rate_interval])))"}],
  "fieldConfig": {"defaults": {"unit": "s", "thresholds": {"mode": "absolute", "steps": [{"value": null}, {"value": 0.25}, {"value": 0.5}]}}}},
 {"type": "stat", "title": "5xx", "targets": [{"expr": "sum(rate(http_requests_total{job=\"api\", code=~\"5..\"}[5m]))"}]},
 {"type": "timeseries", "title": "error ratio", "targets": [{"expr": "sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"api\"}[5m])) * 100"}]},
 {"type": "gauge", "title": "cpu", "datasource": {"type": "prometheus", "uid": "p"}, "targets": [{"expr": "avg(node_load1)"}],
  "fieldConfig": {"defaults": {"unit": "percentunit", "thresholds": {"mode": "absolute", "steps": [{"value": null}, {"value": 0.9}]}}}},
 {"type": "graph", "title": "old graph", "targets": [{"expr": "up"}], "yaxes": [{"format": "short"}], "thresholds": [{"value": 3, "op": "gt"}]},
 {"type": "timeseries", "title": "logs", "datasource": {"type": "loki", "uid": "l"}, "targets": [{"expr": "{app=\"x\"} |= \"err\""}]}`
	d, err := FromGrafana(grafanaPanels(panels), GrafanaOptions{Name: "api", PrometheusURL: "http://prom:9090"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Write(d, "agenda.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkPanels(t, parsed(t, out), []wantPanel{
		{id: "p99", kind: "latency", unit: "s", threshold: "0.5", query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))`},
		{id: "5xx", kind: "errors", query: `sum(rate(http_requests_total{job="api", code=~"5.."}[5m]))`, total: `sum(rate(http_requests_total{job="api"}[5m]))`},
		{id: "error-ratio", kind: "errors", query: `sum(rate(http_requests_total{job="api",code=~"5.."}[5m]))`, total: `sum(rate(http_requests_total{job="api"}[5m]))`},
		{id: "cpu", kind: "custom", unit: "%", threshold: "90", query: "(avg(node_load1)) * 100"},
		{id: "old-graph", kind: "custom", threshold: "3"},
	})
	if !strings.Contains(out2(out), `url: "http://prom:9090"`) || !strings.Contains(out2(out), "window: 7d") {
		t.Errorf("source or window:\n%s", out)
	}
	if d.Skipped[0].Reason != "it reads loki, not Prometheus" {
		t.Errorf("skipped: %+v", d.Skipped)
	}
}

func out2(b []byte) string { return string(b) }

func TestPromQLKinds(t *testing.T) {
	tests := []struct {
		expr string
		kind sources.Kind
	}{
		{`histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))`, sources.KindLatency},
		{`sum(rate(http_requests_total{code=~"5.."}[5m]))`, sources.KindErrors},
		{`sum(rate(grpc_server_handled_total{grpc_code!="OK"}[5m]))`, sources.KindLoad},
		{`rate(app_errors_total[5m])`, sources.KindErrors},
		{`sum by (status_code) (irate(grafana_http_request_duration_seconds_count[1m]))`, sources.KindLoad},
		{`sum(rate(x_duration_seconds_sum[5m])) / sum(rate(x_duration_seconds_count[5m]))`, sources.KindLatency},
		{`max(scrape_duration_seconds) by (job)`, sources.KindLatency},
		{`process_resident_memory_bytes`, sources.KindCustom},
		{`up{job="error-budget"}`, sources.KindCustom},
	}
	for _, tt := range tests {
		if g := guessPromQL(tt.expr); g.kind != tt.kind {
			t.Errorf("%s: %s (%s), want %s", tt.expr, g.kind, g.rule, tt.kind)
		}
	}
}

func TestRatios(t *testing.T) {
	tests := []struct{ in, num, den string }{
		{"query1 / query2", "query1", "query2"},
		{"100 * query1 / query2", "query1", "query2"},
		{"(query1 / query2) * 100", "query1", "query2"},
		{"query1/query2*100", "query1", "query2"},
		{"sum(rate(a[5m])) / sum(rate(b[5m]))", "sum(rate(a[5m]))", "sum(rate(b[5m]))"},
		{`sum(x{path="/a/b"}) / sum(y)`, `sum(x{path="/a/b"})`, "sum(y)"},
		{"query1 + query2", "", ""},
		{"query1 / query2 / query3", "", ""},
		{"a / on(x) b", "", ""},
		{"query1", "", ""},
	}
	for _, tt := range tests {
		num, den, _, ok := splitRatio(tt.in)
		if num != tt.num || den != tt.den || ok != (tt.num != "") {
			t.Errorf("splitRatio(%q) = %q, %q, %v", tt.in, num, den, ok)
		}
	}
}

func TestGrafanaWindows(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"now-6h", "now"}: "6h", {"now-7d/d", "now"}: "7d", {"now-1M", "now"}: "30d", {"now-1y", "now"}: "365d",
		{"2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"}: "{from: 2026-10-01T00:00:00Z, to: 2026-11-01T00:00:00Z}",
		{"now-1d/d", "now-1d/d"}:                         "30d",
	} {
		if got, _ := grafanaWindow(in[0], in[1]); got != want {
			t.Errorf("%v: %s, want %s", in, got, want)
		}
	}
}

func TestGrafanaThroughItsAPI(t *testing.T) {
	body := readFixture(t, "grafana/grafana-overview.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get("Authorization") != "Bearer glsa_test":
			w.WriteHeader(http.StatusUnauthorized)
		case r.URL.Path == "/grafana/api/dashboards/uid/6be0s85Mk":
			_, _ = w.Write([]byte(`{"dashboard": ` + string(body) + `, "meta": {"slug": "grafana-overview"}}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ref, err := ParseGrafanaURL(srv.URL + "/grafana/d/6be0s85Mk/grafana-overview?orgId=1")
	if err != nil || ref.UID != "6be0s85Mk" || ref.Base != srv.URL+"/grafana" {
		t.Fatalf("%+v %v", ref, err)
	}
	data, err := FetchGrafana(context.Background(), srv.Client(), ref, "glsa_test")
	if err != nil {
		t.Fatal(err)
	}
	if d, err := FromGrafana(data, GrafanaOptions{}); err != nil || len(d.Panels) != 4 {
		t.Errorf("the API's answer: %v", err)
	}
	if _, err := FetchGrafana(context.Background(), srv.Client(), ref, ""); err == nil || !strings.Contains(err.Error(), "401 Unauthorized; set GRAFANA_TOKEN") {
		t.Errorf("no token: %v", err)
	}
	ref.UID = "nope"
	if _, err := FetchGrafana(context.Background(), srv.Client(), ref, "glsa_test"); err == nil || !strings.Contains(err.Error(), "no dashboard with uid nope") {
		t.Errorf("404: %v", err)
	}
	if _, err := ParseGrafanaURL("https://grafana.example.com/dashboards"); err == nil {
		t.Error("an address without a dashboard is refused")
	}
}

func TestTemplatesValidate(t *testing.T) {
	for _, tmpl := range Templates {
		t.Run(tmpl.Name, func(t *testing.T) {
			values := map[string]string{tmpl.ServiceVar: "payments"}
			if tmpl.EnvVar != "" {
				values[tmpl.EnvVar] = "staging"
			}
			out, err := tmpl.Render(values, "agenda.yaml", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			a := parsed(t, out)
			if a.Service != "payments" || !strings.Contains(a.Panels[0].Query+a.Panels[0].Title, "payments") {
				t.Errorf("service %q, panel %+v", a.Service, a.Panels[0])
			}
			if _, err := tmpl.Render(map[string]string{"nope": "x"}, "agenda.yaml", ""); err == nil || !strings.Contains(err.Error(), "has no variable nope") {
				t.Errorf("unknown variable: %v", err)
			}
		})
	}
}
