package publishtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// T0 is when the meeting RecordSession records starts.
var T0 = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)

// Secrets the tests hand the publishers: none may appear in any file,
// message or body.
const (
	APIKey = "dd-api-key-0123456789abcdef"
	AppKey = "dd-app-key-fedcba9876543210"
	Token  = "ghp_testtoken0123456789ABCDEFGHIJ"
)

// AgendaYAML is a party with Datadog panels (two with metric queries, one
// SLO) and one demo panel; DDURL is replaced by the fake Datadog's URL.
const AgendaYAML = `version: 1
title: "checkout — metrics viewing party"
service: checkout
duration: 60m
window: 30d
compare: previous
participants: [Aiko, Ben, Chen]
source: dd
sources:
  dd: {type: datadog, site: datadoghq.eu, url: "DDURL"}
  demo: {type: demo, seed: 7}
panels:
  - id: latency
    title: Checkout latency (p95)
    kind: latency
    query: "p95:trace.http.request{service:checkout,env:prod}"
    unit: s
    timebox: 10m
    objective: {threshold: 300ms, target: 99.5%}
    prompt: What moved p95 since last time?
    questions:
      - {id: trend, ask: "Compared with last time latency is", choice: [better, same, worse]}
  - id: errors
    title: Checkout errors
    kind: errors
    query: "sum:trace.http.request.errors{service:checkout,env:prod}.as_count()"
    total: "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()"
    objective: {target: 99.9%}
  - id: availability
    title: Checkout availability SLO
    kind: slo
    slo: checkout-availability
  - id: cpu
    title: Checkout CPU (user)
    kind: custom
    source: demo
    query: "avg:system.cpu.user{service:checkout}"
    unit: "%"
    better: lower
publish: [datadog, "github:acme/checkout"]
github:
  assignees: {Aiko: aiko-gh, Chen: chen-gh}
`

// RecordSession runs a meeting of AgendaYAML under root, its Datadog source
// pointing at ddURL, and returns it read back. The action items:
//
//	a1 latency, Aiko (aiko-gh), due 2026-12-01: raise the pool size
//	a2 errors, Ben (no login): page on error budget burn
//	a3 closing, Chen (chen-gh): share the minutes — done in the meeting
//	a4 closing, Dana (no login): a runbook
func RecordSession(t *testing.T, root, ddURL string) *sessions.Record {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "checkout.yaml")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(AgendaYAML, "DDURL", ddURL)), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := agenda.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// The meeting's clock, moved by post only; the session's writer reads it
	// from its own goroutine.
	var mu sync.Mutex
	at := T0
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return at
	}
	s, err := sessions.Start(root, a, sessions.StartOptions{Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := demo.New(sources.Config{Type: sources.TypeDemo, Seed: 7}, now)
	if err != nil {
		t.Fatal(err)
	}
	all := sessions.Sources{Open: map[string]sources.Source{"dd": src, "demo": src}}
	post := func(d time.Duration, e journal.Event) {
		t.Helper()
		mu.Lock()
		at = at.Add(d)
		mu.Unlock()
		if err := s.Post(e); err != nil {
			t.Fatal(err)
		}
	}
	st := s.State()
	w := sources.Window{From: st.Start.From, To: st.Start.To}
	cw := sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo}
	show := func(id string) {
		t.Helper()
		p, _ := a.Panel(id)
		if err := sessions.WriteData(s.Dir(), sessions.FetchPanel(context.Background(), all.Request(p, w, cw, 72, now()))); err != nil {
			t.Fatal(err)
		}
		if s.State().Phase != journal.PhasePanels {
			post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
		}
		post(time.Minute, journal.Event{Type: journal.EvPanel, Panel: id})
		post(0, journal.Event{Type: journal.EvData, Panel: id})
	}
	show("latency")
	post(3*time.Minute, journal.Event{Type: journal.EvNote, Panel: "latency", Text: "p95 regressed after the 14:10 deploy\n- the pool fix helped"})
	post(20*time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Aiko", Value: "better"})
	post(20*time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "worse"})
	post(time.Minute, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Raise the pool size", Owner: "Aiko", Due: "2026-12-01"})
	show("errors")
	post(2*time.Minute, journal.Event{Type: journal.EvAction, Action: "a2", Panel: "errors", Text: "Page on error budget burn over 2×", Owner: "Ben"})
	show("availability")
	show("cpu")
	post(2*time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "impressions"})
	post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Aiko", Text: "The latency story was clear"})
	post(20*time.Second, journal.Event{Type: journal.EvAction, Action: "a3", Text: "Share the minutes in #checkout", Owner: "Chen"})
	post(20*time.Second, journal.Event{Type: journal.EvAction, Action: "a4", Text: "Write the incident runbook", Owner: "Dana"})
	post(10*time.Second, journal.Event{Type: journal.EvActionStatus, From: s.Name(), Action: "a3", Status: journal.ActionDone, Text: "posted"})
	post(10*time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	for _, who := range []string{"Aiko", "Ben", "Chen"} {
		post(5*time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: who, Value: "4"})
	}
	post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseSummary})
	post(0, journal.Event{Type: journal.EvEnd})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := sessions.OpenRecord(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Env is a fake environment: keys and token, and the GitHub API base.
func Env(ghURL string) func(string) string {
	vars := map[string]string{
		"DD_API_KEY": APIKey, "DD_APP_KEY": AppKey,
		"GITHUB_TOKEN": Token, "GITHUB_API_URL": ghURL,
	}
	return func(k string) string { return vars[k] }
}

// NoSecrets fails the test when any key or token, or a piece of one,
// appears in text.
func NoSecrets(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range []string{APIKey, AppKey, Token, Token[:12], APIKey[6:18]} {
		if strings.Contains(text, s) {
			t.Errorf("%s holds a secret (%q…):\n%s", what, s[:6], text)
		}
	}
}
