package sessions

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

func demoSource(t *testing.T) sources.Source {
	t.Helper()
	s, err := demo.New(sources.Config{Type: "demo", Seed: 7}, func() time.Time { return t0 })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// failing is a source that always fails, like a backend that is down.
type failing struct{ err error }

func (f failing) Fetch(context.Context, sources.Query, sources.Window) ([]sources.Series, error) {
	return nil, f.err
}

func fetchRequest(t *testing.T, a *agenda.Agenda, id string, src sources.Source) FetchRequest {
	t.Helper()
	p, ok := a.Panel(id)
	if !ok {
		t.Fatalf("no panel %s", id)
	}
	w := a.Window.Resolve(t0)
	cw, _ := a.Compare.Of(w)
	return FetchRequest{Panel: p, Source: src, Window: w, Compare: cw, Columns: 100, Now: t0}
}

func TestFetchPanelSummarisesBothWindowsAndCompares(t *testing.T) {
	a := testAgenda(t)
	d := FetchPanel(context.Background(), fetchRequest(t, a, "latency", demoSource(t)))
	if d.Failed() {
		t.Fatalf("fetch failed: %v", d.Err())
	}
	if d.Previous == nil || d.Previous.Window.To != d.Current.Window.From {
		t.Fatalf("the comparison window must end where the window starts: %+v", d.Previous)
	}
	if d.Current.Summary.Headline != "p95" || d.Current.Summary.Empty() {
		t.Errorf("summary = %+v", d.Current.Summary)
	}
	if len(d.Changes) == 0 {
		t.Error("no changes against the previous window")
	}
	if d.Current.SLO == nil || d.Current.SLO.Method != "time-slice" || math.IsNaN(d.Current.SLO.SLI) {
		t.Errorf("SLO = %+v", d.Current.SLO)
	}
	for _, s := range d.Current.Series {
		if s.Len() > MaxStoredPoints {
			t.Errorf("stored series has %d points, max %d", s.Len(), MaxStoredPoints)
		}
	}
}

func TestFetchErrorsPanelChartsTheRatio(t *testing.T) {
	a := testAgenda(t)
	d := FetchPanel(context.Background(), fetchRequest(t, a, "errors", demoSource(t)))
	if d.Failed() {
		t.Fatalf("fetch failed: %v", d.Err())
	}
	if d.Unit != "%" || len(d.Current.Series) != 1 || d.Current.Series[0].Unit != "%" {
		t.Errorf("an errors panel with a total charts %% of requests: unit %q, %d series", d.Unit, len(d.Current.Series))
	}
	pct, ok := d.Current.Summary.Figure("error_pct")
	if !ok || pct.Value <= 0 || pct.Value > 1 {
		t.Errorf("error_pct = %+v, want a small share", pct)
	}
	if d.Current.SLO == nil || d.Current.SLO.Method != "request" {
		t.Errorf("SLO = %+v", d.Current.SLO)
	}
}

func TestFetchFailureIsKeptNotFatal(t *testing.T) {
	a := testAgenda(t)
	boom := &sources.Error{Backend: "datadog", Msg: "403 Forbidden", Hint: "check DD_API_KEY / DD_APP_KEY and site"}
	d := FetchPanel(context.Background(), fetchRequest(t, a, "latency", failing{boom}))
	if !d.Failed() || d.Current.Hint != boom.Hint || !strings.Contains(d.Current.Error, "403") {
		t.Errorf("current = %+v", d.Current)
	}
	if d.Changes != nil {
		t.Error("no comparison without data")
	}
	r := fetchRequest(t, a, "latency", nil)
	r.SourceErr = errors.New("source dd (datadog): DD_API_KEY is not set")
	d = FetchPanel(context.Background(), r)
	if !strings.Contains(d.Current.Error, "DD_API_KEY") {
		t.Errorf("a source that failed to open says why: %q", d.Current.Error)
	}
}

func TestFetchAllKeepsOrderAndBound(t *testing.T) {
	a := testAgenda(t)
	var reqs []FetchRequest
	for range 6 {
		reqs = append(reqs, fetchRequest(t, a, "latency", demoSource(t)), fetchRequest(t, a, "errors", demoSource(t)))
	}
	out := FetchAll(context.Background(), reqs, 4)
	for i, d := range out {
		if d == nil || d.Panel != reqs[i].Panel.ID {
			t.Fatalf("out[%d] = %+v, want panel %s", i, d, reqs[i].Panel.ID)
		}
	}
}

func TestDataRoundTripsThroughTheFolder(t *testing.T) {
	a := testAgenda(t)
	d := FetchPanel(context.Background(), fetchRequest(t, a, "errors", demoSource(t)))
	dir := t.TempDir()
	must(t, WriteData(dir, d))
	back, err := ReadData(dir, "errors")
	if err != nil {
		t.Fatal(err)
	}
	if back.Current.Summary.Head().Value != d.Current.Summary.Head().Value ||
		len(back.Current.Series[0].Points) != len(d.Current.Series[0].Points) ||
		back.Current.SLO.SLI != d.Current.SLO.SLI {
		t.Errorf("data changed on the way through the folder")
	}
	if none, err := ReadData(dir, "nothing"); none != nil || err != nil {
		t.Errorf("a panel never captured: %v, %v", none, err)
	}
}
