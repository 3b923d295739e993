package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// row finds the table row that starts with name (the first column).
func row(t *testing.T, out, name string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` .*$`)
	r := re.FindString(out)
	if r == "" {
		t.Fatalf("no row %q in:\n%s", name, out)
	}
	return r
}

func TestCheckOfTheDemoIsAllOK(t *testing.T) {
	r := newCLI(t).run(t, "check")
	wantCode(t, r, exitOK)
	if r.err != "" {
		t.Errorf("stderr should be empty, got:\n%s", r.err)
	}
	for _, want := range []string{
		`demo agenda: ok: "checkout — metrics viewing party (demo)", 6 panel(s)`,
		"SOURCE  TYPE  STATUS  HINT",
		"window 2026-10-23 10:00 → 2026-11-22 10:00 UTC, compared with 2026-09-23 10:00 → 2026-10-23 10:00 UTC",
		"All panels answered for both windows.",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the check lacks %q:\n%s", want, r.out)
		}
	}
	if src := row(t, r.out, "demo"); !strings.Contains(src, " ok") {
		t.Errorf("source row: %q", src)
	}
	// The demo has a point every 30 minutes and the window ends on the
	// hour, its end excluded: 30 days × 48 = 1440 points in each window.
	// The endpoint panel draws the demo's four endpoints: 4 × 1440 = 5760.
	// The SLO's history has a point a day, the partial days at both ends
	// included: 31.
	for id, points := range map[string]string{
		"latency": "1440 / 1440", "latency-by-endpoint": "5760 / 5760", "errors": "1440 / 1440",
		"load": "1440 / 1440", "availability": "31 / 31", "cpu": "1440 / 1440",
	} {
		got := row(t, r.out, id)
		if !regexp.MustCompile(`^` + regexp.QuoteMeta(id) + ` +demo +` + regexp.QuoteMeta(points) + ` +ok\s*$`).MatchString(got) {
			t.Errorf("row %q, want source demo, %s points, ok", got, points)
		}
	}
}

func TestCheckOfAnUnreachablePrometheus(t *testing.T) {
	r := newCLI(t).run(t, "check", promDownAgenda(t))
	wantCode(t, r, exitError)
	src := row(t, r.out, "prom")
	for _, want := range []string{"prometheus", "error: prometheus: cannot reach Prometheus at http://127.0.0.1:", "connection refused", "is Prometheus running at"} {
		if !strings.Contains(src, want) {
			t.Errorf("source row lacks %q: %q", want, src)
		}
	}
	panel := row(t, r.out, "load")
	for _, want := range []string{"prom", "– / –", "error", "is Prometheus running at"} {
		if !strings.Contains(panel, want) {
			t.Errorf("panel row lacks %q: %q", want, panel)
		}
	}
	// What the backend said comes once under the table, with the query.
	said := "\nWhat the backends said:\n  load: prometheus: cannot reach Prometheus at http://127.0.0.1:"
	if strings.Count(r.out, said) != 1 || !strings.Contains(r.out, "(query `sum(rate(http_requests_total[5m]))`)") {
		t.Errorf("the backend's message is not listed once under the table:\n%s", r.out)
	}
	// One source and one panel failed.
	if !strings.Contains(r.out, "\n2 problem(s): fix them before the meeting.\n") {
		t.Errorf("no count of the problems:\n%s", r.out)
	}
	if r.err != "" {
		t.Errorf("the table says it all; stderr should be empty, got:\n%s", r.err)
	}
}

func TestCheckOfDatadogWithoutKeysNamesBothVariables(t *testing.T) {
	agenda := writeAgenda(t, "dd.yaml", `version: 1
title: "datadog without keys"
participants: [Aiko]
source: dd
sources:
  dd: {type: datadog, site: datadoghq.com}
panels:
  - id: load
    kind: load
    query: "sum:trace.http.request.hits{service:checkout}.as_rate()"
`)
	c := newCLI(t) // its environment holds no DD_API_KEY, no DD_APP_KEY
	r := c.run(t, "check", agenda)
	wantCode(t, r, exitError)
	src := row(t, r.out, "dd")
	for _, want := range []string{"datadog", "DD_API_KEY", "DD_APP_KEY", "never in the agenda"} {
		if !strings.Contains(src, want) {
			t.Errorf("source row lacks %q: %q", want, src)
		}
	}
	if panel := row(t, r.out, "load"); !strings.Contains(panel, "error") {
		t.Errorf("panel row does not say it failed: %q", panel)
	}
	if !strings.Contains(r.out, "\n  load: datadog: DD_API_KEY and DD_APP_KEY must be set") {
		t.Errorf("the panel's failure is not explained under the table:\n%s", r.out)
	}

	// With only one key set, the message still names what is missing.
	c.env["DD_API_KEY"] = "not-a-real-key"
	r = c.run(t, "check", agenda)
	wantCode(t, r, exitError)
	if src := row(t, r.out, "dd"); !strings.Contains(src, "DD_APP_KEY") {
		t.Errorf("with DD_API_KEY set, the source row does not name DD_APP_KEY: %q", src)
	}
	if strings.Contains(r.out+r.err, "not-a-real-key") {
		t.Error("the check printed the API key")
	}
}

// fakePrometheus answers like Prometheus 2.53.0: no_such_metric has no
// series at all, new_metric only from 30 days before the tests' clock
// (nothing in the previous window), every other query a point a step.
func fakePrometheus(t *testing.T) *httptest.Server {
	t.Helper()
	born := float64(testNow.Add(-30 * 24 * time.Hour).Unix())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		answer := func(data any) { _ = json.NewEncoder(w).Encode(map[string]any{"status": "success", "data": data}) }
		switch r.URL.Path {
		case "/api/v1/status/buildinfo":
			answer(map[string]any{"version": "2.53.0"})
		case "/api/v1/query":
			answer(map[string]any{"resultType": "vector", "result": []any{map[string]any{"metric": map[string]string{}, "value": []any{float64(testNow.Unix()), "1"}}}})
		case "/api/v1/query_range":
			start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
			end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
			step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
			q := r.Form.Get("query")
			var values []any
			for ts := start; ts <= end && step > 0; ts += step {
				if !strings.Contains(q, "no_such_metric") && (!strings.Contains(q, "new_metric") || ts > born) {
					values = append(values, []any{ts, "42"})
				}
			}
			result := []any{}
			if len(values) > 0 {
				result = append(result, map[string]any{"metric": map[string]string{}, "values": values})
			}
			answer(map[string]any{"resultType": "matrix", "result": result})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// promAgenda is an agenda of the load panels named by their queries'
// metrics, on fakePrometheus, over 30 days compared with the 30 before.
func promAgenda(t *testing.T, url string, metrics ...string) string {
	t.Helper()
	var b strings.Builder
	for _, m := range metrics {
		fmt.Fprintf(&b, "  - {id: %s, kind: load, query: \"sum(rate(%s[5m]))\"}\n", strings.ReplaceAll(m, "_", "-"), m)
	}
	return writeAgenda(t, "prom.yaml", fmt.Sprintf("version: 1\ntitle: prom\nwindow: 30d\ncompare: previous\nsource: prom\nsources:\n  prom: {type: prometheus, url: %q}\npanels:\n%s", url, b.String()))
}

// A source that can say what answered says it in its row.
func TestCheckSaysWhichPrometheusAnswered(t *testing.T) {
	srv := fakePrometheus(t)
	r := newCLI(t).run(t, "check", promAgenda(t, srv.URL, "http_requests_total"))
	wantCode(t, r, exitOK)
	if src := row(t, r.out, "prom"); !strings.Contains(src, "ok: Prometheus 2.53.0 at "+srv.URL+": queries work") {
		t.Errorf("source row: %q", src)
	}
	if !strings.Contains(r.out, "\nAll panels answered for both windows.\n") {
		t.Errorf("the check does not end with all answered:\n%s", r.out)
	}
}

// A panel with no data in the window the meeting will show is a problem to
// fix, with its hint; no data only in the previous window is not, but the
// check does not claim both windows answered.
func TestCheckCountsAPanelWithNoDataAsAProblem(t *testing.T) {
	srv := fakePrometheus(t)
	r := newCLI(t).run(t, "check", promAgenda(t, srv.URL, "http_requests_total", "no_such_metric"))
	wantCode(t, r, exitError)
	if got := row(t, r.out, "no-such-metric"); !regexp.MustCompile(` 0 / 0 +no data +no data in the window: is the query right\?$`).MatchString(got) {
		t.Errorf("the row of the panel without data: %q", got)
	}
	if !strings.Contains(r.out, "\n1 problem(s): fix them before the meeting.\n") || strings.Contains(r.out, "All panels answered") {
		t.Errorf("the check does not count the panel without data:\n%s", r.out)
	}

	r = newCLI(t).run(t, "check", promAgenda(t, srv.URL, "http_requests_total", "new_metric"))
	wantCode(t, r, exitOK)
	if got := row(t, r.out, "new-metric"); !strings.Contains(got, "no data in the previous window") {
		t.Errorf("the row of the panel without a previous window: %q", got)
	}
	if want := "\nAll panels answered for the window; 1 had no data in the previous window, so there is nothing to compare them with.\n"; !strings.Contains(r.out, want) {
		t.Errorf("the check lacks %q:\n%s", want, r.out)
	}
}

// An events query that fails is tried by check like every query: each
// panel it marks shows a warning, the backend's words are listed once, and
// the last line says there are warnings (the meeting can still run).
func TestCheckTriesTheEventsQueries(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "files"), os.DirFS(filepath.Join("..", "..", "examples", "files"))); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join("..", "..", "examples", "files.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(yaml), "query: deploys.csv", "query: deploys-gone.csv", 1)
	if broken == string(yaml) {
		t.Fatal("examples/files.yaml has no deploys.csv events query to break")
	}
	agendaPath := filepath.Join(dir, "files.yaml")
	if err := os.WriteFile(agendaPath, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newCLI(t).run(t, "check", agendaPath)
	wantCode(t, r, exitOK)
	if got := row(t, r.out, "latency"); !strings.Contains(got, "warning") {
		t.Errorf("the latency row: %q, want a warning", got)
	}
	for _, want := range []string{
		"latency, latency-by-endpoint, errors, load: events from files not shown: file: deploys-gone.csv: no such file",
		"All panels answered for both windows. 4 panel(s) with warnings: see what the backends said above.",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("check lacks %q:\n%s", want, r.out)
		}
	}

	r = newCLI(t).run(t, "check", filepath.Join("..", "..", "examples", "files.yaml"))
	wantCode(t, r, exitOK)
	if strings.Contains(r.out, "warning") {
		t.Errorf("the working events query warns:\n%s", r.out)
	}
}
