package examples_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

func TestDemoReturnsACopy(t *testing.T) {
	a := examples.Demo()
	a[0] = 'X'
	if b := examples.Demo(); b[0] == 'X' {
		t.Error("changing one Demo() result changed the next")
	}
}

func TestDemoPointsEditorsAtTheSchema(t *testing.T) {
	first, _, _ := bytes.Cut(examples.Demo(), []byte("\n"))
	if want := "# yaml-language-server: $schema=../agenda.schema.json"; string(first) != want {
		t.Errorf("first line %q, want %q", first, want)
	}
}

// TestDemoAgenda pins the demo party: the queries must be the ones the demo
// backend answers, and the timeboxes must fit the hour.
func TestDemoAgenda(t *testing.T) {
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "checkout — metrics viewing party (demo)" || a.Service != "checkout" ||
		a.Duration != time.Hour || a.Window.Last != 30*24*time.Hour || a.Compare.Mode != agenda.ComparePrevious {
		t.Errorf("header: %q %q %v %v %v", a.Title, a.Service, a.Duration, a.Window, a.Compare)
	}
	if want := []string{"Aiko", "Ben", "Chen", "Dana", "Eli"}; !reflect.DeepEqual(a.Participants, want) {
		t.Errorf("participants %v, want %v", a.Participants, want)
	}
	if d := a.Sources["demo"]; a.Source != "demo" || d.Type != sources.TypeDemo || d.Seed != 7 {
		t.Errorf("source %q: %+v, want demo with seed 7", a.Source, d)
	}
	type panel struct {
		id      string
		kind    sources.Kind
		query   string
		timebox time.Duration
	}
	want := []panel{
		{"latency", sources.KindLatency, "p95:trace.http.request{service:checkout,env:prod}", 12 * time.Minute},
		{"latency-by-endpoint", sources.KindLatency, "p95:trace.http.request{service:checkout,env:prod} by {resource_name}", 8 * time.Minute},
		{"errors", sources.KindErrors, "sum:trace.http.request.errors{service:checkout,env:prod}.as_count()", 12 * time.Minute},
		{"load", sources.KindLoad, "sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()", 8 * time.Minute},
		{"availability", sources.KindSLO, "", 6 * time.Minute},
		{"cpu", sources.KindCustom, "avg:system.cpu.user{service:checkout}", 5 * time.Minute},
	}
	var got []panel
	var sum time.Duration
	for _, p := range a.Panels {
		got = append(got, panel{p.ID, p.Kind, p.Query, p.Timebox})
		sum += p.Timebox
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("panels:\n  got  %+v\n  want %+v", got, want)
	}
	// 12 + 8 + 12 + 8 + 6 + 5 = 51 minutes, leaving 9 for opening and closing.
	if sum != 51*time.Minute {
		t.Errorf("timeboxes add up to %v, want 51m", sum)
	}

	lat, _ := a.Panel("latency")
	if o := lat.Objective; o == nil || o.Threshold != 0.3 || o.Target != 0.99 || len(lat.Questions) != 2 || !lat.Questions[1].Group {
		t.Errorf("latency: objective %+v, questions %+v", lat.Objective, lat.Questions)
	}
	errs, _ := a.Panel("errors")
	if o := errs.Objective; o == nil || o.Target < 0.99899 || o.Target > 0.99901 || errs.Total != "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()" {
		t.Errorf("errors: objective %+v, total %q", errs.Objective, errs.Total)
	}
	if len(errs.Questions) != 1 || errs.Questions[0].Kind != agenda.YesNo || errs.Questions[0].Ask != "Was the incident handled well?" {
		t.Errorf("errors questions %+v", errs.Questions)
	}
	if by, _ := a.Panel("latency-by-endpoint"); by.Top != 4 {
		t.Errorf("latency-by-endpoint top %d, want 4", by.Top)
	}
	if av, _ := a.Panel("availability"); av.SLO != "checkout-availability" {
		t.Errorf("availability slo %q", av.SLO)
	}
	if cpu, _ := a.Panel("cpu"); cpu.Unit != "%" || cpu.Better != "lower" {
		t.Errorf("cpu unit %q better %q", cpu.Unit, cpu.Better)
	}
	if load, _ := a.Panel("load"); load.Unit != "req/s" {
		t.Errorf("load unit %q", load.Unit)
	}
	if !a.Closing.Impressions || !reflect.DeepEqual(a.Closing.Survey, agenda.DefaultSurvey()) {
		t.Errorf("closing %+v, want impressions and the default survey", a.Closing)
	}
}
