package tui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
)

// publishingAgenda is the demo agenda with publish: [datadog, github:acme/checkout].
func publishingAgenda(t testing.TB) *agenda.Agenda {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	a.Publish = []agenda.Target{{Kind: agenda.TargetDatadog}, {Kind: agenda.TargetGitHub, Repo: "acme/checkout"}}
	return a
}

// toSummary walks a fresh meeting to its summary, the minutes written.
func toSummary(t *testing.T, o appOptions) *Model {
	t.Helper()
	m := quickApp(t, 100, 30, o)
	keys(m, append(slices.Clone(toClosing), "right", "right")...)
	m.Update(m.writeMinutes(true)())
	return m
}

// The summary offers publishing when the agenda names a target: P
// publishes the session on disk (everything said flushed first), the
// screen says what each target made, and a failure says how to retry.
func TestTheSummaryPublishesToTheAgendasTargets(t *testing.T) {
	var (
		mu    sync.Mutex
		calls []string
		fail  = errors.New("datadog: 403 Forbidden: the application key lacks notebooks_write")
	)
	pub := func(_ context.Context, dir string) ([]string, error) {
		mu.Lock()
		defer mu.Unlock()
		rec, err := sessions.OpenRecord(dir)
		if err != nil {
			return nil, err
		}
		calls = append(calls, rec.Name)
		if len(calls) == 1 {
			return nil, fail
		}
		return []string{"datadog: notebook created: https://app.datadoghq.com/notebook/42", "github:acme/checkout: 2 created, 0 found, 0 already published, 0 skipped (done or dropped): https://github.com/acme/checkout/issues"}, nil
	}
	m := toSummary(t, appOptions{agenda: publishingAgenda(t), publish: pub})
	if got := screen(m); !strings.Contains(got, "P publishes the minutes to datadog, github:acme/checkout") {
		t.Fatalf("the summary does not offer publishing:\n%s", got)
	}
	if !strings.Contains(m.View().Content, "P publish") && !strings.Contains(screen(m), "P publish") {
		t.Errorf("the footer does not list P publish:\n%s", screen(m))
	}
	cmd, _ := m.summary.Update(press("P"))
	if cmd == nil {
		t.Fatal("P started nothing")
	}
	if got := screen(m); !strings.Contains(got, "Publishing to datadog, github:acme/checkout…") {
		t.Errorf("while publishing the screen does not say so:\n%s", got)
	}
	if _, again := m.summary.Update(press("P")); m.summary.canPublish() {
		t.Errorf("P is live while a publish runs (%v)", again)
	}
	m.Update(cmd())
	got := screen(m)
	if !strings.Contains(got, "Publishing failed: datadog: 403 Forbidden") || !strings.Contains(got, "P tries again") {
		t.Fatalf("a failed publish is not said with its retry:\n%s", got)
	}
	cmd, _ = m.summary.Update(press("P"))
	m.Update(cmd())
	got = screen(m)
	for _, want := range []string{"✓ datadog: notebook created: https://app.datadoghq.com/notebook/42", "✓ github:acme/checkout: 2 created"} {
		if !strings.Contains(got, want) {
			t.Errorf("after publishing the summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Publishing failed") {
		t.Errorf("the old failure stays after a publish that worked:\n%s", got)
	}
	if len(calls) != 2 || calls[0] != m.s.Name() {
		t.Errorf("published %q, want the meeting's session %q twice", calls, m.s.Name())
	}
}

// Without a target in the agenda, or without a publisher, nothing is
// offered and P does nothing.
func TestNoPublishOfferWithoutATarget(t *testing.T) {
	pub := func(context.Context, string) ([]string, error) { t.Error("published"); return nil, nil }
	for name, o := range map[string]appOptions{
		"no target":    {publish: pub},
		"no publisher": {agenda: publishingAgenda(t)},
	} {
		t.Run(name, func(t *testing.T) {
			m := toSummary(t, o)
			if got := screen(m); strings.Contains(got, "publishes") || strings.Contains(got, "P publish") {
				t.Errorf("publishing offered:\n%s", got)
			}
			if cmd, _ := m.summary.Update(press("P")); cmd != nil {
				t.Error("P acted")
			}
		})
	}
}
