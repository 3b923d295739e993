package agenda

import (
	"errors"
	"strings"
	"testing"
)

// yamlText drops the newline after the opening backquote, so that line 1 of
// the agenda is the first line of the literal and positions can be counted
// by eye in the test source.
func yamlText(s string) []byte { return []byte(strings.TrimPrefix(s, "\n")) }

// agendaErrorLines parses src as x.yaml and returns its problems, one line
// each, failing the test if the agenda was accepted.
func agendaErrorLines(t *testing.T, src []byte) []string {
	t.Helper()
	_, err := Parse("x.yaml", src, "/agendas")
	if err == nil {
		t.Fatalf("agenda accepted, want errors:\n%s", src)
	}
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want Errors: %v", err, err)
	}
	return strings.Split(list.Error(), "\n")
}

func checkErrorLines(t *testing.T, src []byte, want []string) {
	t.Helper()
	got := agendaErrorLines(t, src)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n  got  %s\n  want %s", strings.Join(got, "\n       "), strings.Join(want, "\n       "))
	}
}

// Positions in these cases are 1-based line:column, counted by hand: a key at
// the start of a line is column 1; "  - id: p" puts id at column 5; a value
// after "key: " starts at len("key: ")+1 past the key's column.
func TestParseAgendaTopLevelErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "missing version names the supported one",
			src: `
title: t
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:1:1: the agenda has no version; this nagame reads version 1 only: write version: 1`},
		},
		{
			name: "other version is refused at its value",
			// "version: " is 9 characters: the 2 is at column 10.
			src: `
version: 2
title: t
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:1:10: agenda version 2 is not supported; this nagame reads version 1 only: write version: 1`},
		},
		{
			name: "quoted version is not the number",
			src: `
version: "1"
title: t
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:1:10: version must be the number 1, not text; this nagame reads version 1 only: write version: 1`},
		},
		{
			name: "unknown top-level key suggests the close one",
			src: `
version: 1
titel: t
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{
				`x.yaml:1:1: the agenda has no title; add a line like title: "checkout — metrics viewing party"`,
				`x.yaml:2:1: unknown key "titel" in the agenda; did you mean "title"?`,
			},
		},
		{
			name: "unknown key far from any lists the known ones",
			src: `
version: 1
title: t
colour: red
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:1: unknown key "colour" in the agenda; known keys: version, title, service, lang, duration, window, compare, participants, source, sources, events, panels, closing, vars, publish, github`},
		},
		{
			name: "duplicate key names the first line",
			src: `
version: 1
title: t
title: u
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:1: duplicate key "title" in the agenda (first at line 2); remove one of them`},
		},
		{
			name: "missing title and panels",
			src: `
version: 1
`,
			want: []string{
				`x.yaml:1:1: the agenda has no title; add a line like title: "checkout — metrics viewing party"`,
				`x.yaml:1:1: the agenda has no panels; add panels: with at least one panel (id, kind, query)`,
			},
		},
		{
			name: "a number where text is wanted says how to quote it",
			// "title: " is 7 characters: 2026 starts at column 8.
			src: `
version: 1
title: 2026
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:2:8: "title" must be text, not a number; quote it: "2026"`},
		},
		{
			name: "empty value is reported at its key",
			src: `
version: 1
title: t
service:
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:1: "service" has no value; give it a value or remove the line`},
		},
		{
			name: "top level must be a mapping",
			src: `
- version: 1
`,
			want: []string{`x.yaml:1:1: the agenda must be a mapping of keys to values, not a list`},
		},
		{
			name: "empty file",
			src:  "# nothing yet\n",
			want: []string{`x.yaml:1:1: the agenda is empty; start with version: 1, a title: and a panels: list (see examples/minimal.yaml)`},
		},
		{
			name: "two documents",
			src: `
version: 1
title: t
panels:
  - {id: p, kind: latency, query: q}
---
version: 1
`,
			want: []string{`x.yaml:6:1: the file holds 2 YAML documents (separated by ---); keep one agenda per file`},
		},
		{
			name: "YAML syntax error carries its position",
			// The unclosed flow sequence is noticed where the next key starts.
			src: `
version: 1
title: [a, b
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:1: YAML syntax: ',' or ']' must be specified`},
		},
		{
			name: "duration without a unit",
			// "duration: " is 10 characters: 60 at column 11.
			src: `
version: 1
title: t
duration: 60
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:11: "duration" needs a unit; add a unit: "60m" for minutes, "60s" for seconds`},
		},
		{
			name: "duration that does not parse",
			src: `
version: 1
title: t
duration: an hour
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:11: "duration" is not a duration: "an hour"; write a duration like 90s, 10m, 1h30m, 30d or 2w`},
		},
		{
			name: "zero duration",
			src: `
version: 1
title: t
duration: 0m
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{`x.yaml:3:11: "duration" must be longer than zero; write a duration like 90s, 10m, 1h30m, 30d or 2w`},
		},
		{
			name: "participants listed twice or blank",
			// [Aiko, Ben, Aiko, " "]: "participants: [" is 15 characters, so
			// Aiko is at 16, Ben at 22, the second Aiko at 27, " " at 33.
			src: `
version: 1
title: t
participants: [Aiko, Ben, Aiko, " "]
panels:
  - {id: p, kind: latency, query: q}
`,
			want: []string{
				`x.yaml:3:27: participant "Aiko" is listed twice (first at line 3); list each participant once`,
				`x.yaml:3:33: item 4 of "participants" is blank`,
			},
		},
		{
			name: "timeboxes far beyond the meeting",
			// 60m + 31m = 91m (1h31m) > 1.5 × 60m = 90m.
			src: `
version: 1
title: t
duration: 60m
panels:
  - {id: a, kind: load, query: q, timebox: 60m}
  - {id: b, kind: load, query: q, timebox: 31m}
`,
			want: []string{`x.yaml:4:1: the panels' timeboxes add up to 1h31m, more than one and a half times the 1h meeting; shorten the timeboxes or raise duration:`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, yamlText(tt.src), tt.want)
		})
	}
}

func TestParseAgendaWindowAndCompareErrors(t *testing.T) {
	const panels = "panels:\n  - {id: p, kind: latency, query: q}\n"
	tests := []struct {
		name string
		line string // line 3 of the agenda
		want string
	}{
		// "window: {from: " is 15 characters: from's value at column 16;
		// "window: {from: 2026-11-01, to: " is 31: to's value at column 32.
		{"window ends before it starts", "window: {from: 2026-11-01, to: 2026-10-01}",
			`x.yaml:3:32: window ends (2026-10-01T00:00:00Z) before it starts (2026-11-01T00:00:00Z); the window runs from the earlier date to the later one`},
		{"window needs both ends", "window: {from: 2026-11-01}",
			`x.yaml:3:9: window has no "to"; write a date like 2026-10-01 or a time like 2026-10-01T09:00:00Z`},
		{"window date that is not one", "window: {from: 2026-13-01, to: 2026-12-01}",
			`x.yaml:3:16: "from" in window is not a date: "2026-13-01"; write a date like 2026-10-01 or a time like 2026-10-01T09:00:00Z`},
		{"window unknown key", "window: {from: 2026-10-01, until: 2026-12-01}",
			`x.yaml:3:9: window has no "to"; write a date like 2026-10-01 or a time like 2026-10-01T09:00:00Z`},
		{"window lookback without unit", "window: 30",
			`x.yaml:3:9: "window" needs a unit; add a unit: "30m" for minutes, "30s" for seconds`},
		{"compare typo", "compare: previus",
			`x.yaml:3:10: unknown compare "previus"; did you mean "previous"?`},
		{"compare nonsense", "compare: yesterday",
			`x.yaml:3:10: unknown compare "yesterday"; write none, previous, or how far back to compare, like 180d`},
		{"compare boolean", "compare: false",
			`x.yaml:3:10: compare must be text, not true/false; write none, previous, or how far back to compare, like 180d`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "version: 1\ntitle: t\n" + tt.line + "\n" + panels
			got := agendaErrorLines(t, []byte(src))
			if got[0] != tt.want {
				t.Errorf("first error:\n  got  %s\n  want %s", got[0], tt.want)
			}
		})
	}
}
