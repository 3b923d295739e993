package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitFromATemplateValidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checkout.yaml")
	c := newCLI(t)
	r := c.run(t, "init", "--template", "datadog-apm", "--service", "checkout", path)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.err, "Next: read its comments, then run: nagame check "+path) {
		t.Errorf("no next step:\n%s", r.err)
	}
	r = c.run(t, "validate", path)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, `"checkout — metrics viewing party", 3 panel(s), 1 source(s), 1h`) {
		t.Errorf("validate:\n%s", r.out)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=agenda.schema.json\n")) || !bytes.Contains(data, []byte("vars: {service: checkout, env: prod}")) {
		t.Errorf("the agenda's head:\n%s", data[:400])
	}
	// Another environment for one run, and a typo in a variable's name.
	wantCode(t, c.run(t, "validate", "--var", "env=staging", path), exitOK)
	r = c.run(t, "validate", "--var", "evn=staging", path)
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, `--var evn: the agenda has no variable "evn" (its variables: service, env); did you mean "env"?`) {
		t.Errorf("unknown --var:\n%s", r.err)
	}
}

func TestInitNeverReplacesAnAgendaWithoutForce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agenda.yaml")
	if err := os.WriteFile(path, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	r := c.run(t, "init", "--template", "prometheus-red", path)
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "exists: nagame init never replaces an agenda; add --force to replace it") {
		t.Errorf("stderr:\n%s", r.err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine\n" {
		t.Error("the file was changed")
	}
	wantCode(t, c.run(t, "init", "--template", "prometheus-red", "--force", path), exitOK)
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte("prometheus")) {
		t.Error("--force did not replace it")
	}
}

func TestInitUsageMistakes(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "-"}, "nagame init needs --from (datadog:ID, grafana:FILE or grafana:URL) or --template (datadog-apm, prometheus-red, files)"},
		{[]string{"init", "--template", "nope", "-"}, `no template "nope"; the templates are: datadog-apm, prometheus-red, files`},
		{[]string{"init", "--template", "prometheus-red", "--env", "prod", "-"}, "template prometheus-red has no env"},
		{[]string{"init", "--from", "datadog:abc", "-"}, `"abc" is not a Datadog dashboard id`},
		{[]string{"init", "--from", "splunk:x", "-"}, `--from "splunk:x": want datadog:ID`},
	} {
		r := c.run(t, tt.args...)
		wantCode(t, r, exitUsage)
		if !strings.Contains(r.err, tt.want) {
			t.Errorf("%v: stderr lacks %q:\n%s", tt.args, tt.want, r.err)
		}
	}
}

func TestInitToStdoutAndSchema(t *testing.T) {
	c := newCLI(t)
	r := c.run(t, "init", "--template", "files", "--service", "billing", "-")
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, `vars: {service: billing}`) || r.err != "" {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.out, r.err)
	}
	r = c.run(t, "schema")
	wantCode(t, r, exitOK)
	want, err := os.ReadFile(filepath.Join("..", "..", "agenda.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if r.out != string(want) {
		t.Error("nagame schema is not agenda.schema.json")
	}
}

// datadogServer serves recorded GET /api/v1/dashboard/{id} bodies to the
// real datadogV1 client and remembers the keys it was sent.
func datadogServer(t *testing.T) (*httptest.Server, chan string) {
	t.Helper()
	bodies := map[string][]byte{}
	for _, name := range []string{"lifecycle-ordered", "get-403", "get-404"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "sessions", "agenda", "importer", "testdata", "datadog", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		bodies[name] = b
	}
	seen := make(chan string, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Method + " " + r.URL.Path + " " + r.Header.Get("DD-API-KEY") + " " + r.Header.Get("DD-APPLICATION-KEY")
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v1/dashboard/rxt-arj-vh9":
			_, _ = w.Write(bodies["lifecycle-ordered"])
		case "/api/v1/dashboard/sco-ped-key":
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write(bodies["get-403"])
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(bodies["get-404"])
		}
	}))
	t.Cleanup(srv.Close)
	return srv, seen
}

func TestInitFromADatadogDashboardThroughTheClient(t *testing.T) {
	srv, seen := datadogServer(t)
	c := newCLI(t)
	c.env["DD_API_KEY"], c.env["DD_APP_KEY"] = "api-key-for-tests", "app-key-for-tests"
	path := filepath.Join(t.TempDir(), "lifecycle.yaml")
	r := c.run(t, "init", "--from", "datadog:rxt-arj-vh9", "--url", srv.URL, path)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.err, `Wrote `+path+`: 5 panel(s) from Datadog dashboard "Test-TestDashboardLifecycle-1686335842-ordered" (rxt-arj-vh9); 19 widget(s) left out`) {
		t.Errorf("stderr:\n%s", r.err)
	}
	if got := <-seen; got != "GET /api/v1/dashboard/rxt-arj-vh9 api-key-for-tests app-key-for-tests" || len(seen) != 0 {
		t.Errorf("request: %s (and %d more)", got, len(seen))
	}
	wantCode(t, c.run(t, "validate", path), exitOK)
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("dd: {type: datadog, url: \""+srv.URL+"\"}")) {
		t.Errorf("the source does not read where the dashboard came from:\n%s", data)
	}
	for id, want := range map[string]string{
		"sco-ped-key": "refused to show dashboard sco-ped-key (403 Forbidden: Forbidden); check DD_API_KEY / DD_APP_KEY and the site (datadoghq.com here); a scoped application key needs dashboards_read",
		"abc-def-ghi": "dashboard abc-def-ghi not found on 127.0.0.1",
	} {
		r := c.run(t, "init", "--from", "datadog:"+id, "--url", srv.URL, filepath.Join(t.TempDir(), "x.yaml"))
		wantCode(t, r, exitError)
		lines := strings.Split(strings.TrimSpace(r.err), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], want) {
			t.Errorf("%s: want one line with %q, got:\n%s", id, want, r.err)
		}
	}
	delete(c.env, "DD_APP_KEY")
	r = c.run(t, "init", "--from", "https://app.datadoghq.eu/dashboard/rxt-arj-vh9/x", "-")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "DD_APP_KEY must be set") {
		t.Errorf("missing key:\n%s", r.err)
	}
}

func TestInitFromGrafanaFiles(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join("..", "..", "sessions", "agenda", "importer", "testdata", "grafana")
	path := filepath.Join(t.TempDir(), "overview.yaml")
	r := c.run(t, "init", "--from", "grafana:"+filepath.Join(dir, "grafana-overview.json"), "--prometheus", "http://127.0.0.1:9091", path)
	wantCode(t, r, exitOK)
	wantCode(t, c.run(t, "validate", "--var", "job=prometheus", path), exitOK)
	for file, want := range map[string]string{
		"missing.json":       "cannot read the Grafana export " + filepath.Join(dir, "missing.json") + ": no such file or directory; export it in Grafana",
		"v2beta1-no-op.json": "is a Grafana v2 (schema v2) dashboard, which nagame does not read yet; export the classic JSON model",
	} {
		r := c.run(t, "init", "--from", "grafana:"+filepath.Join(dir, file), "-")
		wantCode(t, r, exitError)
		if lines := strings.Split(strings.TrimSpace(r.err), "\n"); len(lines) != 1 || !strings.Contains(r.err, want) {
			t.Errorf("%s: want one line with %q, got:\n%s", file, want, r.err)
		}
	}
}
