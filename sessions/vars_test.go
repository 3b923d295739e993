package sessions

import (
	"bytes"
	"testing"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/agenda"
)

const varsAgendaYAML = `version: 1
title: "${service} review"
vars: {service: checkout, env: prod}
panels:
  - {id: latency, kind: latency, query: "p95:trace.http.request{service:${service},env:${env}}"}
`

func TestASessionKeepsTheAgendaBytesAndTheVarsItRanWith(t *testing.T) {
	root := t.TempDir()
	a, err := agenda.Parse("v.yaml", []byte(varsAgendaYAML), "", agenda.WithVars(map[string]string{"env": "staging"}))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(root, a, StartOptions{Now: testclock.New(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Agenda.Raw, []byte(varsAgendaYAML)) {
		t.Errorf("the agenda copy changed:\n%s", r.Agenda.Raw)
	}
	if got := r.State.Start.Vars; got["env"] != "staging" || got["service"] != "checkout" {
		t.Errorf("start event vars = %v", got)
	}
	if q := r.Agenda.Panels[0].Query; q != "p95:trace.http.request{service:checkout,env:staging}" {
		t.Errorf("the record's agenda reads %q, not the values the session ran with", q)
	}
	res, err := Resume(dir, testclock.New(t0).Now)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Close() }()
	if q := res.Agenda().Panels[0].Query; q != "p95:trace.http.request{service:checkout,env:staging}" {
		t.Errorf("a resumed session reads %q", q)
	}
}
