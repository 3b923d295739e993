package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
)

// The credentials of TestSecretsNeverLeak: long enough that a clip at 200 or
// 300 characters can fall inside them.
var padPattern = regexp.MustCompile(`pad(\d+)`)

var leakSecrets = map[string]string{
	"DD_API_KEY": "sekret0123456789abcdef0123456789ab",
	"DD_APP_KEY": "appkey9876543210fedcba9876543210fedcba98",
	"PROM_TOKEN": "tok3n-AbCdEfGhIjKlMnOpQrStUvWxYz-0123",
	"PROM_USER":  "basicuser-QwErTy",
	"PROM_PASS":  "passw0rd-ZxCvBnMlKjHgFdSa-4567",
}

// echoHeaders writes the request's headers the way a debugging proxy does,
// the credentials first, after pad characters (or as many as the query's
// "padNNN" says), so that a clip of the message falls inside a credential.
func echoHeaders(r *http.Request, pad int) string {
	if m := padPattern.FindStringSubmatch(r.Form.Get("query")); m != nil {
		pad, _ = strconv.Atoi(m[1])
	}
	var names []string
	for k := range r.Header {
		names = append(names, k)
	}
	first := func(k string) bool { return k == "Authorization" || strings.HasPrefix(k, "Dd-") }
	sort.Slice(names, func(i, j int) bool {
		if first(names[i]) != first(names[j]) {
			return first(names[i])
		}
		return names[i] < names[j]
	})
	var parts []string
	for _, k := range names {
		parts = append(parts, fmt.Sprintf("'%s': '%s'", k, strings.Join(r.Header[k], ",")))
	}
	return strings.Repeat("x", pad) + " request headers: {" + strings.Join(parts, ", ") + "}"
}

// echoingDatadog answers every call with an error that echoes the keys: a
// padded 400 (Datadog's JSON), an HTML 500 page, a 404 for SLOs, a 403 on
// validate.
func echoingDatadog(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		q := r.Form.Get("query")
		switch {
		case strings.Contains(q, "html.echo"):
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "<html><body><pre>%s</pre></body></html>", echoHeaders(r, 150))
		case strings.Contains(q, "status.echo"):
			// A 200 whose status is "error", the reason echoing the key.
			_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "error": echoHeaders(r, 40)})
		default:
			w.Header().Set("Content-Type", "application/json")
			status := http.StatusBadRequest
			switch {
			case strings.Contains(r.URL.Path, "/slo/"):
				status = http.StatusNotFound
			case strings.Contains(r.URL.Path, "/validate"):
				status = http.StatusForbidden
			}
			w.WriteHeader(status)
			// Padded so that Datadog's words, clipped at 300 characters,
			// are cut inside the API key.
			_ = json.NewEncoder(w).Encode(map[string]any{"errors": []string{echoHeaders(r, 262)}})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// echoingPrometheus answers range queries with a padded 400 echoing the
// Authorization header, a 401, or a 200 whose warnings echo it; the other
// endpoints (build info for check) with a 500 that echoes.
func echoingPrometheus(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		q := r.Form.Get("query")
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.Contains(q, "warn_echo"):
			_ = json.NewEncoder(w).Encode(map[string]any{"status": "success",
				"data":     map[string]any{"resultType": "matrix", "result": []any{}},
				"warnings": []string{echoHeaders(r, 250)}})
		case strings.Contains(q, "auth_echo"):
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, echoHeaders(r, 170))
		case r.URL.Path == "/api/v1/query_range":
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "errorType": "bad_data",
				"error": echoHeaders(r, 470)})
		default:
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, echoHeaders(r, 180))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// leakPanels are the panels of TestSecretsNeverLeak: for each way a
// backend's words are clipped (Datadog's errors at 300 characters,
// Prometheus' bad_data at 500, other bodies and warnings at 200 and 300),
// paddings that put the clip at several places inside a credential.
func leakPanels() string {
	var b strings.Builder
	add := func(id, kind, source, query string) {
		fmt.Fprintf(&b, "  - {id: %s, kind: %s, source: %s, query: %q}\n", id, kind, source, query)
	}
	for _, pad := range []int{240, 250, 255, 262} {
		add(fmt.Sprintf("dd-json-%d", pad), "latency", "dd", fmt.Sprintf("p95:json.echo.pad%d{*}", pad))
		add(fmt.Sprintf("dd-app-%d", pad), "load", "dd", fmt.Sprintf("sum:json.echo.pad%d{*}.as_count()", pad+60))
	}
	add("dd-html", "load", "dd", "sum:html.echo{*}.as_count()")
	add("dd-status", "load", "dd", "sum:status.echo{*}.as_count()")
	b.WriteString("  - {id: dd-slo, kind: slo, slo: abc123def456}\n")
	for _, pad := range []int{440, 445, 452, 460} {
		add(fmt.Sprintf("prom-bad-%d", pad), "load", "prom", fmt.Sprintf("sum(rate(bad_echo_pad%d[5m]))", pad))
		add(fmt.Sprintf("promb-bad-%d", pad), "load", "promb", fmt.Sprintf("sum(rate(bad_echo_pad%d[5m]))", pad))
	}
	for _, pad := range []int{140, 150, 160} {
		add(fmt.Sprintf("promb-auth-%d", pad), "load", "promb", fmt.Sprintf("sum(rate(auth_echo_pad%d[5m]))", pad))
		add(fmt.Sprintf("prom-warn-%d", pad+100), "load", "prom", fmt.Sprintf("sum(rate(warn_echo_pad%d[5m]))", pad+100))
	}
	return b.String()
}

// TestSecretsNeverLeak points every backend that holds credentials at
// servers that echo them back in every error (padded so that nagame's clips
// fall inside a key), runs check, snapshot, a recorded session and export,
// and greps the session folder, the minutes, stdout and stderr for each
// secret and for every six-character piece of it.
func TestSecretsNeverLeak(t *testing.T) {
	dd, prom := echoingDatadog(t), echoingPrometheus(t)
	agendaFile := writeAgenda(t, "leak.yaml", fmt.Sprintf(`version: 1
title: leak
duration: 30m
window: 2d
compare: previous
participants: [Aiko, Ben]
source: dd
sources:
  dd: {type: datadog, url: %q}
  prom: {type: prometheus, url: %q, token_env: PROM_TOKEN}
  promb: {type: prometheus, url: %q, username_env: PROM_USER, password_env: PROM_PASS}
panels:
%s`, dd.URL, prom.URL, prom.URL, leakPanels()))

	c := newCLI(t)
	for k, v := range leakSecrets {
		c.env[k] = v
	}
	var outputs []string
	for _, args := range [][]string{
		{"check", agendaFile},
		{"snapshot", agendaFile, "--width", "200"},
		{"snapshot", agendaFile, "--width", "60"},
		{"validate", agendaFile},
	} {
		r := c.run(t, args...)
		outputs = append(outputs, r.out, r.err)
	}

	// A session of the same agenda, its panels fetched through the same
	// sources, as the TUI records them.
	a, err := agenda.Load(agendaFile)
	if err != nil {
		t.Fatal(err)
	}
	f := &factory{Getenv: func(k string) string { return c.env[k] }, Now: func() time.Time { return c.now }}
	srcs, srcErrs := openSources(a, f)
	if len(srcErrs) > 0 {
		t.Fatalf("sources: %v", srcErrs)
	}
	root := c.env["NAGAME_SESSIONS"]
	s, err := sessions.Start(root, a, sessions.StartOptions{Now: f.Now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	st := s.State()
	post := func(e journal.Event) {
		if err := s.Post(e); err != nil {
			t.Fatal(err)
		}
	}
	post(journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
	for _, p := range a.Panels {
		d := sessions.FetchPanel(context.Background(), sessions.FetchRequest{
			Panel: p, Source: srcs[p.Source],
			Window:  sources.Window{From: st.Start.From, To: st.Start.To},
			Compare: sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo},
			Columns: 72, Now: c.now,
		})
		if d.Current.Error == "" && !strings.HasPrefix(p.ID, "prom-warn") {
			t.Errorf("panel %s: no error; the echo never reached the record", p.ID)
		}
		if err := sessions.WriteData(s.Dir(), d); err != nil {
			t.Fatal(err)
		}
		post(journal.Event{Type: journal.EvPanel, Panel: p.ID})
		post(journal.Event{Type: journal.EvData, Panel: p.ID})
	}
	post(journal.Event{Type: journal.EvPhase, Phase: journal.PhaseSummary})
	post(journal.Event{Type: journal.EvEnd})
	name := s.Name()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", name, "-o", filepath.Join(root, name, "minutes.md")},
		{"export", name, "--format", "json", "-o", filepath.Join(root, name, "minutes.json")},
		{"export", name},
		{"sessions"},
	} {
		r := c.run(t, args...)
		wantCode(t, r, 0)
		outputs = append(outputs, r.out, r.err)
	}

	kept := map[string]string{}
	for i, o := range outputs {
		kept[fmt.Sprintf("output %d", i)] = o
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		kept[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := kept[filepath.Join(root, name, "minutes.md")]; !ok {
		t.Fatal("no minutes.md was written")
	}
	all := strings.Join(outputs, "\n")
	if !strings.Contains(all, sources.Redacted) || !strings.Contains(kept[filepath.Join(root, name, "minutes.md")], sources.Redacted) {
		t.Fatalf("no output mentions %s: the echo never reached them; this test could not fail\n%s", sources.Redacted, all)
	}
	for where, text := range kept {
		for env, secret := range leakSecrets {
			for i := 0; i+6 <= len(secret); i++ {
				if piece := secret[i : i+6]; strings.Contains(text, piece) {
					at := strings.Index(text, piece)
					t.Errorf("%s holds %q, a piece of $%s: …%s…", where, piece, env, text[max(0, at-60):min(len(text), at+60)])
					break
				}
			}
		}
	}
}
