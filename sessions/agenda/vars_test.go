package agenda

import (
	"errors"
	"strings"
	"testing"
)

const varsAgenda = `version: 1
title: "${service} review"
service: ${service}
vars: {service: checkout, env: prod}
panels:
  - id: latency
    title: "${service} p95"
    kind: latency
    query: "p95:trace.http.request{service:${service},env:${env}}"
    prompt: |
      What moved in ${env}? Literal $${env} stays.
  - id: errors
    kind: errors
    query: "sum:trace.http.request.errors{service:${service}}.as_count()"
    total: "sum:trace.http.request.hits{service:${service}}.as_count()"
`

func TestVarsStandForTheirDefaults(t *testing.T) {
	a, err := Parse("v.yaml", []byte(varsAgenda), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "checkout review" || a.Service != "checkout" {
		t.Errorf("title %q, service %q", a.Title, a.Service)
	}
	p := a.Panels[0]
	if p.Query != "p95:trace.http.request{service:checkout,env:prod}" || p.Title != "checkout p95" {
		t.Errorf("panel: %q %q", p.Query, p.Title)
	}
	if p.Prompt != "What moved in prod? Literal ${env} stays." {
		t.Errorf("prompt %q", p.Prompt)
	}
	if a.Panels[1].Total != "sum:trace.http.request.hits{service:checkout}.as_count()" {
		t.Errorf("total %q", a.Panels[1].Total)
	}
	if a.Vars["env"] != "prod" || strings.Join(a.VarNames, ",") != "service,env" {
		t.Errorf("vars %v %v", a.Vars, a.VarNames)
	}
}

func TestVarsGivenOverrideDefaults(t *testing.T) {
	a, err := Parse("v.yaml", []byte(varsAgenda), "", WithVars(map[string]string{"env": "staging"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Panels[0].Query, "env:staging") || a.Vars["env"] != "staging" || a.Vars["service"] != "checkout" {
		t.Errorf("query %q, vars %v", a.Panels[0].Query, a.Vars)
	}
	if string(a.Raw) != varsAgenda {
		t.Error("Raw must stay the file's bytes")
	}
}

func TestVarsErrorsArePositioned(t *testing.T) {
	tests := []struct {
		name string
		data string
		vars map[string]string
		want string
	}{
		{"typo with a suggestion", "version: 1\ntitle: t\nvars: {service: a}\npanels:\n  - {id: l, kind: latency, query: \"p95:x{service:${servce}}\"}\n",
			nil, `v.yaml:5:50: unknown variable ${servce} in "query" in panel "l"; did you mean ${service}?`},
		{"no vars at all", "version: 1\ntitle: \"${team} party\"\npanels:\n  - {id: l, kind: latency, query: q}\n",
			nil, `v.yaml:2:9: unknown variable ${team} in "title"; declare it: vars: {team: value}; write $${ for a literal ${`},
		{"unknown --var", "version: 1\ntitle: t\nvars: {env: prod}\npanels:\n  - {id: l, kind: latency, query: q}\n",
			map[string]string{"evn": "x"}, `v.yaml:3:1: --var evn: the agenda has no variable "evn" (its variables: env); did you mean "env"?`},
		{"no default", "version: 1\ntitle: t\nvars:\n  env:\npanels:\n  - {id: l, kind: latency, query: q}\n",
			nil, `v.yaml:4:3: variable "env" has no value; give it a default (env: prod) or pass --var env=… to every command`},
		{"bad name", "version: 1\ntitle: t\nvars: {my-env: x}\npanels:\n  - {id: l, kind: latency, query: q}\n",
			nil, `v.yaml:3:8: variable name "my-env" is not a plain name; use letters, digits and _ (like env or service_name)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("v.yaml", []byte(tt.data), "", WithVars(tt.vars))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("want Errors, got %v", err)
			}
			if es[0].Error() != tt.want {
				t.Errorf("got  %s\nwant %s", es[0].Error(), tt.want)
			}
		})
	}
}
