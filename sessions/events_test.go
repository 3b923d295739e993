package sessions

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// listing is an events source with fixed events, or a fixed failure.
type listing struct {
	failing
	list sources.EventList
	err  error
}

func (l listing) Events(_ context.Context, _ sources.EventQuery, w sources.Window) (sources.EventList, error) {
	if l.err != nil {
		return sources.EventList{}, l.err
	}
	out := sources.LimitEvents(l.list.Events, w, 0)
	out.Warnings = l.list.Warnings
	return out, nil
}

// withEventQueries gives a request events queries answered by srcs, by name.
func withEventQueries(r FetchRequest, srcs map[string]sources.Source, specs ...agenda.EventSpec) FetchRequest {
	for _, s := range specs {
		r.Events = append(r.Events, EventRequest{Spec: s, Source: srcs[s.Source]})
	}
	return r
}

func TestFetchPanelListsTheEventsOfBothWindows(t *testing.T) {
	a := testAgenda(t)
	src := demoSource(t)
	r := withEventQueries(fetchRequest(t, a, "latency", src), map[string]sources.Source{"demo": src},
		agenda.EventSpec{Source: "demo", Query: "sources:github tags:service:checkout"},
		// The same deploys again, and the config change: each event once.
		agenda.EventSpec{Source: "demo", Query: "tags:service:checkout"})
	d := FetchPanel(context.Background(), r)
	if d.Failed() {
		t.Fatal(d.Err())
	}
	var got []string
	for _, e := range d.Current.Events {
		got = append(got, e.At.Format("Jan 2 15:04")+" "+e.Text+" ("+e.Source+")")
	}
	want := []string{
		"Nov 3 15:30 deploy checkout v2.13.2 (demo)",
		"Nov 10 14:10 deploy checkout v2.14.0 (demo)",
		"Nov 14 10:30 deploy checkout v2.14.1 (connection pool fix) (demo)",
		"Nov 19 14:02 config: payment-gateway timeout 5s → 1s (demo)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("current events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Previous == nil || len(d.Previous.Events) != 2 {
		t.Errorf("previous window events %+v, want the two deploys of October", d.Previous)
	}
	if len(d.Current.Warnings) != 0 {
		t.Errorf("warnings %q, want none", d.Current.Warnings)
	}
}

func TestAFailingEventsSourceLeavesTheChartAndWarns(t *testing.T) {
	a := testAgenda(t)
	src := demoSource(t)
	down := listing{err: &sources.Error{Backend: "datadog", Msg: "rate limited by Datadog; retry in 37 s", Hint: "fewer panels at once"}}
	r := withEventQueries(fetchRequest(t, a, "latency", src), map[string]sources.Source{"demo": src, "dd": down},
		agenda.EventSpec{Source: "dd", Query: "sources:github"},
		agenda.EventSpec{Source: "demo", Query: "sources:github tags:service:checkout"},
		// A source the agenda names but that could not be opened.
		agenda.EventSpec{Source: "prom", Query: "app_build_info"})
	r.Events[2].SourceErr = errors.New("prometheus: source \"prom\": set PROM_TOKEN")
	d := FetchPanel(context.Background(), r)
	if d.Failed() || len(d.Current.Series) == 0 || d.Current.Summary.Empty() {
		t.Fatalf("the chart is gone: failed %v, %d series", d.Err(), len(d.Current.Series))
	}
	if len(d.Current.Events) != 3 {
		t.Errorf("%d events, want the demo's 3 deploys", len(d.Current.Events))
	}
	want := []string{
		"events from dd not shown: datadog: rate limited by Datadog; retry in 37 s; fewer panels at once",
		`events from prom not shown: prometheus: source "prom": set PROM_TOKEN`,
	}
	if strings.Join(d.Current.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(d.Current.Warnings, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Previous.Warnings) != 2 {
		t.Errorf("the comparison window's warnings %q, want the same two", d.Previous.Warnings)
	}
}

func TestEventsAreCleanedCappedAndCounted(t *testing.T) {
	a := testAgenda(t)
	src := demoSource(t)
	w := a.Window.Resolve(t0)
	var many []sources.Event
	for i := range 70 {
		many = append(many, sources.Event{At: w.From.Add(time.Duration(i) * time.Hour), Text: "deploy\x1b[31m v1." + strings.Repeat("9", i%3) + "\n(red)"})
	}
	many = append(many, sources.Event{At: w.To.Add(-time.Minute), Text: strings.Repeat("long ", 100)}, sources.Event{At: w.To.Add(-time.Second), Text: "\x00"})
	r := withEventQueries(fetchRequest(t, a, "latency", src), map[string]sources.Source{
		"files": listing{list: sources.EventList{Events: many, Warnings: []string{"line 3: no text; the event is shown without one"}}},
	}, agenda.EventSpec{Source: "files", Query: "deploys.csv"})
	d := FetchPanel(context.Background(), r)
	cur := d.Current
	// 72 in the window; the source keeps the latest 50, the fetch too.
	if len(cur.Events) != sources.MaxEvents || cur.EventsMore != 72-sources.MaxEvents || cur.EventsMoreAtLeast {
		t.Fatalf("%d events, %d more (at least: %v); want %d and %d", len(cur.Events), cur.EventsMore, cur.EventsMoreAtLeast, sources.MaxEvents, 72-sources.MaxEvents)
	}
	for _, e := range cur.Events[:len(cur.Events)-2] {
		if strings.ContainsAny(e.Text, "\x1b\n") || !strings.HasPrefix(e.Text, "deploy v1.") {
			t.Errorf("text %q is not one clean line", e.Text)
		}
	}
	if last := cur.Events[len(cur.Events)-1]; last.Text != "(no text)" {
		t.Errorf("an empty text reads %q", last.Text)
	}
	if long := cur.Events[len(cur.Events)-2].Text; len([]rune(long)) > maxEventText || !strings.HasSuffix(long, "…") {
		t.Errorf("a long text is %d runes: %q", len([]rune(long)), long)
	}
	if len(cur.Warnings) != 1 || cur.Warnings[0] != "events from files: line 3: no text; the event is shown without one" {
		t.Errorf("warnings %q, want the source's own, named", cur.Warnings)
	}
}

func TestRequestPairsEventQueriesWithTheirSources(t *testing.T) {
	a := testAgenda(t)
	p := a.Panels[0]
	p.Events = []agenda.EventSpec{{Source: "demo", Query: "q"}, {Source: "dd", Query: "q"}, {Source: "none", Query: "q"}}
	src := demoSource(t)
	s := Sources{Open: map[string]sources.Source{"demo": src}, Failed: map[string]error{"dd": errors.New("no keys")}}
	r := s.Request(p, a.Window.Resolve(t0), sources.Window{}, 80, t0)
	if len(r.Events) != 3 || r.Events[0].Source != src || r.Events[1].SourceErr == nil || r.Events[2].Source != nil || r.Events[2].SourceErr != nil {
		t.Fatalf("events requests %+v", r.Events)
	}
	d := FetchPanel(context.Background(), r)
	if w := d.Current.Warnings; len(w) != 3 || w[2] != `events from none not shown: source "none" is not available` {
		t.Errorf("warnings %q", w)
	}
}

func TestEventsRoundTripThroughTheFolder(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 10, 14, 10, 0, 0, time.UTC)
	d := &PanelData{Version: DataVersion, Panel: "latency", Current: Window{
		Events:     []sources.Event{{At: at, Text: "deploy checkout v2.14.0", Source: "demo"}},
		EventsMore: 3, EventsMoreAtLeast: true,
	}}
	if err := WriteData(dir, d); err != nil {
		t.Fatal(err)
	}
	got, err := ReadData(dir, "latency")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Current.Events) != 1 || !got.Current.Events[0].At.Equal(at) || got.Current.Events[0].Text != "deploy checkout v2.14.0" ||
		got.Current.EventsMore != 3 || !got.Current.EventsMoreAtLeast {
		t.Errorf("read back %+v", got.Current)
	}
}
