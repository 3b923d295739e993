package agenda

import (
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// withPanel builds an agenda whose panels: list starts at line 4 with the
// given lines, each indented by two spaces ("- id: p" puts id at column 5
// and the panel's other keys, indented by two more, at column 5 too).
func withPanel(lines ...string) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ntitle: t\npanels:\n")
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return []byte(b.String())
}

func TestParseAgendaPanelErrors(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			name:  "unknown key in a panel suggests the close one",
			lines: []string{"- id: latency", "  kind: latency", "  quer: q"},
			want: []string{
				`x.yaml:4:5: panel "latency" has no query; add query: in the source's language`,
				`x.yaml:6:5: unknown key "quer" in panel "latency"; did you mean "query"?`,
			},
		},
		{
			name:  "objective keys written on the panel say where they belong",
			lines: []string{"- id: p", "  kind: latency", "  query: q", "  threshold: 300ms"},
			want:  []string{`x.yaml:7:5: unknown key "threshold" in panel "p"; threshold belongs under objective:`},
		},
		{
			name:  "panels must not be empty",
			lines: nil,
			want:  []string{`x.yaml:3:1: "panels" has no value; give it a value or remove the line`},
		},
		{
			name: "an empty list of panels",
			// "panels: " would need the list on line 3; an empty flow list
			// on its own line is the same value.
			lines: []string{"[]"},
			want:  []string{`x.yaml:4:3: panels is empty; add at least one panel (id, kind, query)`},
		},
		{
			name: "duplicate panel ids name both lines",
			lines: []string{
				"- {id: p, kind: load, query: q}",
				"- {id: p, kind: load, query: r}",
			},
			// "  - {id: " is 9 characters: the id's value at 10.
			want: []string{`x.yaml:5:10: duplicate panel id "p" at lines 4 and 5; give each panel its own id`},
		},
		{
			name:  "panel id is a slug",
			lines: []string{"- {id: P95 Latency, kind: load, query: q}"},
			want:  []string{`x.yaml:4:10: panel id "P95 Latency" is not a plain name; use lower-case letters, digits, - and _ (like p95-latency)`},
		},
		{
			name:  "panel without id or kind",
			lines: []string{"- {query: q}"},
			want: []string{
				`x.yaml:4:5: panel 1 has no id; add id: with a short name like latency`,
				`x.yaml:4:5: panel 1 has no kind; add kind: latency, errors, load, slo or custom`,
			},
		},
		{
			name: "unknown kind suggests the close one",
			// "  - {id: p, kind: " is 18 characters: the kind at 19.
			lines: []string{"- {id: p, kind: latncy, query: q}"},
			want:  []string{`x.yaml:4:19: unknown kind "latncy" in panel "p"; did you mean "latency"?`},
		},
		{
			name:  "kind slo takes slo, not query",
			lines: []string{"- id: a", "  kind: slo", "  query: q"},
			want: []string{
				`x.yaml:4:5: panel "a" is kind slo but has no slo; add slo: with the backend's SLO id`,
				`x.yaml:6:5: panel "a" is kind slo: it takes no query; remove query: (the SLO's id in slo: says what to read)`,
			},
		},
		{
			name:  "slo on a latency panel points at objective",
			lines: []string{"- id: a", "  kind: latency", "  query: q", "  slo: abc"},
			want:  []string{`x.yaml:7:5: slo: belongs to kind slo panels, and panel "a" is kind latency; for a backend SLO as this panel's objective write objective: {slo: "…"}, or use kind: slo`},
		},
		{
			name:  "errors need a total for a ratio",
			lines: []string{"- id: e", "  kind: errors", "  query: q"},
			want:  []string{`x.yaml:4:5: panel "e" (kind errors) has no total; add total: (the query of all requests) so errors show as a share, or set ratio: false`},
		},
		{
			name:  "ratio false and a total contradict",
			lines: []string{"- id: e", "  kind: errors", "  query: q", "  total: t", "  ratio: false"},
			want:  []string{`x.yaml:8:12: panel "e" sets ratio: false but also a total; remove ratio: false to show errors as a share of total, or remove total:`},
		},
		{
			name:  "total on another kind",
			lines: []string{"- id: l", "  kind: load", "  query: q", "  total: t"},
			want:  []string{`x.yaml:7:5: total: is for errors panels, and panel "l" is kind load; remove it`},
		},
		{
			name:  "better is for custom panels",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  better: lower"},
			want:  []string{`x.yaml:7:5: better: is for custom panels, and panel "l" is kind latency; remove it: kind latency already knows which way is better`},
		},
		{
			name:  "better is lower or higher",
			lines: []string{"- id: c", "  kind: custom", "  query: q", "  better: less"},
			want:  []string{`x.yaml:7:13: unknown better "less" in panel "c"; one of: lower or higher`},
		},
		{
			name:  "top is 1 to 20",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  top: 21"},
			want:  []string{`x.yaml:7:10: "top" in panel "l" must be between 1 and 20; a chart stays readable with 1 to 20 lines`},
		},
		{
			name:  "measure is one of three",
			lines: []string{"- id: l", "  kind: load", "  query: q", "  measure: gauges"},
			want:  []string{`x.yaml:7:14: unknown measure "gauges" in panel "l"; did you mean "gauge"?`},
		},
		{
			name:  "timebox is a duration",
			lines: []string{"- id: l", "  kind: load", "  query: q", "  timebox: 10 minutes"},
			want:  []string{`x.yaml:7:14: "timebox" in panel "l" is not a duration: "10 minutes"; write a duration like 90s, 10m, 1h30m, 30d or 2w`},
		},
		{
			name: "duplicate key in a flow mapping",
			// "  - {id: p, kind: load, query: q, " is 34 characters.
			lines: []string{"- {id: p, kind: load, query: q, kind: latency}"},
			want:  []string{`x.yaml:4:35: duplicate key "kind" in panel 1 (first at line 4); remove one of them`},
		},
		{
			name:  "a panel must be a mapping",
			lines: []string{"- latency"},
			want:  []string{`x.yaml:4:5: panel 1 must be a mapping of keys to values, not text`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, withPanel(tt.lines...), tt.want)
		})
	}
}

func TestParseAgendaObjectiveErrors(t *testing.T) {
	prom := "sources:\n  prom: {type: prometheus, url: \"http://p:9090\"}\n"
	tests := []struct {
		name  string
		head  string // between title and panels; shifts lines
		lines []string
		want  []string
	}{
		{
			name:  "threshold objective on an errors panel",
			lines: []string{"- id: e", "  kind: errors", "  query: q", "  total: t", "  objective: {threshold: 1, target: 99%}"},
			// "    objective: {" is 16 characters: threshold at 17.
			want: []string{`x.yaml:8:17: a threshold objective is for latency and custom panels, and panel "e" is kind errors; an errors panel's objective is {target: 99.9%}: the share of good requests`},
		},
		{
			name:  "target without threshold on a latency panel",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  objective: {target: 99%}"},
			want:  []string{`x.yaml:7:16: the objective of panel "l" has a target but no threshold; add the threshold the target applies to: {threshold: 300ms, target: 99.5%}`},
		},
		{
			name:  "threshold without target",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  objective: {threshold: 300ms}"},
			want:  []string{`x.yaml:7:16: the objective of panel "l" has a threshold but no target; add target: like 99.5% (the share of time under the threshold)`},
		},
		{
			name:  "request-based target needs the panel's total",
			lines: []string{"- id: e", "  kind: errors", "  query: q", "  ratio: false", "  objective: {target: 99.9%}"},
			want:  []string{`x.yaml:8:17: the objective of panel "e" needs the panel's total; add total: to the panel (a request-based objective counts errors against all requests)`},
		},
		{
			name:  "backend SLO objective needs a datadog or demo source",
			head:  prom,
			lines: []string{"- id: e", "  kind: errors", "  query: q", "  total: t", "  objective: {slo: abc}"},
			want:  []string{`x.yaml:10:17: a backend SLO objective needs a datadog or demo source, and panel "e" reads "prom" (type prometheus); use {threshold: …, target: …} or {target: …} to compute the objective from the query`},
		},
		{
			name:  "backend SLO objective takes no target",
			lines: []string{"- id: e", "  kind: errors", "  query: q", "  total: t", "  objective: {slo: abc, target: 99%}"},
			// "    objective: {slo: abc, " is 26 characters: target at 27.
			want: []string{`x.yaml:8:27: the objective of panel "e" names a backend SLO and also a target; remove target: (the backend's SLO has its own)`},
		},
		{
			name:  "backend SLO objective on a custom panel",
			lines: []string{"- id: c", "  kind: custom", "  query: q", "  objective: {slo: abc}"},
			want:  []string{`x.yaml:7:17: a backend SLO objective is for errors and latency panels, and panel "c" is kind custom`},
		},
		{
			name:  "a target of 100 % leaves no budget",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  objective: {threshold: 300ms, target: 100%}"},
			// "    objective: {threshold: 300ms, target: " is 42 characters.
			want: []string{`x.yaml:7:43: "target" in the objective of panel "l" must be above 0% and below 100%; a target lies between 0% and 100%, like 99.9%`},
		},
		{
			name:  "target that is not a percentage",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  objective: {threshold: 300ms, target: high}"},
			want:  []string{`x.yaml:7:43: "target" in the objective of panel "l" is not a percentage: "high"; write a percentage like 99.5%`},
		},
		{
			name:  "a type error deep in the second panel's objective",
			lines: []string{"- {id: a, kind: latency, query: q}", "- id: b", "  kind: latency", "  query: q", "  objective:", "    threshold: 300ms", "    target: [99]"},
			// "      target: " is 14 characters: the list at 15.
			want: []string{`x.yaml:10:15: "target" in the objective of panel "b" must be a percentage, not a list; write a percentage like 99.5%`},
		},
		{
			name:  "threshold in a unit that does not convert",
			lines: []string{"- id: c", "  kind: custom", "  query: q", "  unit: req/s", "  objective: {threshold: 300ms, target: 99%}"},
			// "    objective: {threshold: " is 27 characters: the value at 28.
			want: []string{`x.yaml:8:28: "threshold" in the objective of panel "c": threshold "300ms" is in ms, which does not convert to the panel's unit req/s: write it in req/s or as a plain number; write a number in the panel's unit, or with a unit like 300ms`},
		},
		{
			name:  "objective on a kind slo panel",
			lines: []string{"- id: a", "  kind: slo", "  slo: abc", "  objective: {target: 99%}"},
			want:  []string{`x.yaml:7:5: panel "a" is kind slo: its objective is the backend's; remove objective: (a kind slo panel reads target and budget from the backend)`},
		},
		{
			name:  "objective on a load panel",
			lines: []string{"- id: l", "  kind: load", "  query: q", "  objective: {target: 99%}"},
			want:  []string{`x.yaml:7:17: panel "l" is kind load: it takes no objective; load has no good or bad requests; put the objective on an errors or latency panel`},
		},
		{
			name:  "unknown key in an objective",
			lines: []string{"- id: l", "  kind: latency", "  query: q", "  objective: {treshold: 300ms, target: 99%}"},
			want: []string{
				`x.yaml:7:16: the objective of panel "l" has a target but no threshold; add the threshold the target applies to: {threshold: 300ms, target: 99.5%}`,
				`x.yaml:7:17: unknown key "treshold" in the objective of panel "l"; did you mean "threshold"?`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := withPanel(tt.lines...)
			if tt.head != "" {
				src = []byte(strings.Replace(string(src), "panels:\n", tt.head+"panels:\n", 1))
			}
			checkErrorLines(t, src, tt.want)
		})
	}
}

func TestParseAgendaObjectiveForms(t *testing.T) {
	a, err := Parse("x.yaml", withPanel(
		"- {id: slice, kind: latency, query: q, objective: {threshold: 300ms, target: 99.5%}}",
		"- {id: ms, kind: latency, query: q, unit: ms, objective: {threshold: 0.25s, target: 99}}",
		"- {id: cpu, kind: custom, query: q, unit: '%', objective: {threshold: 80, target: 95%}}",
		"- {id: requests, kind: errors, query: q, total: t, objective: {target: 99.9%}}",
		"- {id: backend, kind: errors, query: q, total: t, objective: {slo: abc123}}",
		"- {id: backend-latency, kind: latency, query: q, objective: {slo: lat1}}",
		"- {id: none, kind: latency, query: q}",
	), "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		want *Objective
	}{
		// 300ms on a panel in seconds (the latency default) is 0.3.
		{"slice", &Objective{Threshold: 0.3, HasThreshold: true, ThresholdText: "300ms", Target: 0.995}},
		// 0.25s in ms is 250; a bare 99 is read as 99 %.
		{"ms", &Objective{Threshold: 250, HasThreshold: true, ThresholdText: "0.25s", Target: 0.99}},
		// A bare threshold is in the panel's unit.
		{"cpu", &Objective{Threshold: 80, HasThreshold: true, ThresholdText: "80", Target: 0.95}},
		{"requests", &Objective{Target: 0.999}},
		{"backend", &Objective{SLO: "abc123"}},
		{"backend-latency", &Objective{SLO: "lat1"}},
		{"none", nil},
	}
	for _, tt := range tests {
		p, ok := a.Panel(tt.id)
		if !ok {
			t.Fatalf("no panel %s", tt.id)
		}
		switch {
		case tt.want == nil && p.Objective != nil:
			t.Errorf("%s: objective %+v, want none", tt.id, *p.Objective)
		case tt.want != nil && (p.Objective == nil || !closeObjective(*p.Objective, *tt.want)):
			t.Errorf("%s: objective %+v, want %+v", tt.id, p.Objective, *tt.want)
		}
	}
}

// closeObjective compares objectives, their floats to 1e-12: 0.995 comes
// from 99.5/100, which need not be the literal 0.995 to the last bit.
func closeObjective(a, b Objective) bool {
	near := func(x, y float64) bool { return x-y < 1e-12 && y-x < 1e-12 }
	return near(a.Threshold, b.Threshold) && near(a.Target, b.Target) &&
		a.HasThreshold == b.HasThreshold && a.ThresholdText == b.ThresholdText && a.SLO == b.SLO
}

func TestParseAgendaPanelDefaults(t *testing.T) {
	a, err := Parse("x.yaml", withPanel(
		"- {id: lat, kind: latency, query: q}",
		"- {id: err, kind: errors, query: 'sum:e{*}', total: t}",
		"- {id: raw, kind: errors, query: q, ratio: false}",
		"- {id: load, kind: load, query: q}",
		"- {id: count, kind: load, query: 'sum:x{*}.as_count()'}",
		"- {id: avail, kind: slo, slo: s1}",
		"- {id: cpu, kind: custom, query: q, measure: rate, unit: '%', better: lower, top: 3, title: CPU, timebox: 5m, prompt: Why?}",
	), "")
	if err != nil {
		t.Fatal(err)
	}
	type view struct {
		Title, Unit, Total, Better, Prompt string
		Measure                            sources.Measure
		Top                                int
		Timebox                            time.Duration
	}
	want := map[string]view{
		// Titles default to ids; units to s for latency and % for slo;
		// measures follow InferMeasure: errors count, load rates, the rest
		// gauges, unless the query says .as_count().
		"lat":   {Title: "lat", Unit: "s", Measure: sources.Gauge, Top: 5},
		"err":   {Title: "err", Total: "t", Measure: sources.Count, Top: 5},
		"raw":   {Title: "raw", Measure: sources.Count, Top: 5},
		"load":  {Title: "load", Measure: sources.Rate, Top: 5},
		"count": {Title: "count", Measure: sources.Count, Top: 5},
		"avail": {Title: "avail", Unit: "%", Measure: sources.Gauge, Top: 5},
		"cpu":   {Title: "CPU", Unit: "%", Better: "lower", Prompt: "Why?", Measure: sources.Rate, Top: 3, Timebox: 5 * time.Minute},
	}
	for id, w := range want {
		p, _ := a.Panel(id)
		got := view{p.Title, p.Unit, p.Total, p.Better, p.Prompt, p.Measure, p.Top, p.Timebox}
		if got != w {
			t.Errorf("panel %s:\n  got  %+v\n  want %+v", id, got, w)
		}
	}
	if p, _ := a.Panel("avail"); p.SLO != "s1" || p.Query != "" {
		t.Errorf("slo panel: SLO %q query %q, want s1 and none", p.SLO, p.Query)
	}
	// Each panel's position is its first key (flow mappings: the brace):
	// "  - {" puts the brace at column 5, panels start on line 4.
	for i, p := range a.Panels {
		if p.Line != 4+i || p.Col != 5 {
			t.Errorf("panel %s at %d:%d, want %d:5", p.ID, p.Line, p.Col, 4+i)
		}
	}
}

func TestParseAgendaPromptDropsTheBlockScalarNewline(t *testing.T) {
	a, err := Parse("x.yaml", withPanel(
		"- id: p",
		"  kind: load",
		"  query: q",
		"  prompt: |",
		"    First line.",
		"    Second line.",
	), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Panels[0].Prompt; got != "First line.\nSecond line." {
		t.Errorf("prompt = %q", got)
	}
}
