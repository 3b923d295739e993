package agenda

import (
	"os"
	"reflect"
	"testing"
)

func TestEventsOfTheAgendaComeBeforeEachPanelsOwn(t *testing.T) {
	data, err := os.ReadFile("testdata/agendas/valid/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("events.yaml", data, "/agendas")
	if err != nil {
		t.Fatal(err)
	}
	agendaWide := []EventSpec{
		// No source: the agenda's source: dd.
		{Source: "dd", Query: "sources:github tags:service:checkout", Line: 10, Col: 5},
		{Source: "prom", Query: `changes(app_build_info{service="checkout"}[5m]) > 0`, Text: "{{service}} {{version}}", Line: 11, Col: 5},
		{Source: "files", Query: "deploys.csv", Line: 14, Col: 5},
	}
	if !reflect.DeepEqual(a.Events, agendaWide) {
		t.Errorf("agenda events:\n%+v\nwant\n%+v", a.Events, agendaWide)
	}
	latency := append(append([]EventSpec{}, agendaWide...),
		// No source in a panel: the panel's (the agenda's dd here).
		EventSpec{Source: "dd", Query: "sources:kubernetes tags:service:checkout", Line: 20, Col: 9})
	if got := a.Panels[0].Events; !reflect.DeepEqual(got, latency) {
		t.Errorf("panel latency marks:\n%+v\nwant\n%+v", got, latency)
	}
	// events: [] adds nothing and takes nothing away.
	if got := a.Panels[1].Events; !reflect.DeepEqual(got, agendaWide) {
		t.Errorf("panel cpu marks:\n%+v\nwant the agenda's", got)
	}
}

func TestEventsOfAPanelDefaultToItsSource(t *testing.T) {
	a, err := Parse("x.yaml", yamlText(`
version: 1
title: t
sources:
  dd: {type: datadog}
  prom: {type: prometheus, url: "http://localhost:9090"}
panels:
  - id: p
    kind: load
    source: prom
    query: up
    events:
      - {query: 'app_build_info', text: "v{{ version }}"}
`), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []EventSpec{{Source: "prom", Query: "app_build_info", Text: "v{{ version }}", Line: 12, Col: 9}}
	if got := a.Panels[0].Events; !reflect.DeepEqual(got, want) {
		t.Errorf("events %+v, want %+v", got, want)
	}
	if len(a.Events) != 0 {
		t.Errorf("agenda events %+v, want none", a.Events)
	}
}

func TestEventsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "a panel's events entry with an unknown key and a vars reference",
			src: `
version: 1
title: t
vars: {service: checkout}
panels:
  - id: p
    kind: load
    query: q
    events:
      - {query: "tags:service:${service}", txt: x}
`,
			want: []string{`x.yaml:9:44: unknown key "txt" in events entry 1 of panel "p"; did you mean "text"?`},
		},
		{
			name: "an entry that is not a mapping",
			src: `
version: 1
title: t
events: [deploys.csv]
panels:
  - {id: p, kind: load, query: q}
`,
			want: []string{`x.yaml:3:10: events entry 1 of the agenda must be a mapping of keys to values, not text`},
		},
		{
			name: "a blank query and text",
			src: `
version: 1
title: t
sources:
  prom: {type: prometheus, url: "http://localhost:9090"}
events:
  - {query: " ", text: "{{ }}"}
panels:
  - {id: p, kind: load, query: q}
`,
			want: []string{
				`x.yaml:6:13: "query" in events entry 1 of the agenda is blank`,
				`x.yaml:6:24: "text" in events entry 1 of the agenda: "{{ }}" is not a label name; write label names like {{version}} or {{service}} {{version}}`,
			},
		},
		{
			name: "too many queries",
			src: `
version: 1
title: t
events: [{query: a}, {query: b}, {query: c}, {query: d}, {query: e}, {query: f}, {query: g}, {query: h}, {query: i}, {query: j}, {query: k}]
panels:
  - {id: p, kind: load, query: q}
`,
			want: []string{`x.yaml:3:9: events of the agenda lists 11 queries, more than 10; merge queries (a Datadog filter takes several sources: and tags:)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, yamlText(tt.src), tt.want)
		})
	}
}
