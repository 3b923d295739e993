package agenda

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// withSources builds an agenda whose sources: entries are lines 4 on, each
// indented by two spaces, followed by one panel reading the first source.
func withSources(entries ...string) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ntitle: t\nsources:\n")
	for _, e := range entries {
		b.WriteString("  " + e + "\n")
	}
	b.WriteString("panels:\n  - {id: p, kind: load, query: q}\n")
	return []byte(b.String())
}

func TestParseAgendaSourceErrors(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		want    []string
	}{
		{
			name: "API keys are refused and point at the environment",
			// "  dd: {type: datadog, " is 22 characters: api_key at 23.
			entries: []string{"dd: {type: datadog, api_key: 0123456789abcdef}"},
			want:    []string{`x.yaml:4:23: source "dd" must not hold "api_key": an agenda is shared and copied into every session, so secrets stay in environment variables; set DD_API_KEY and DD_APP_KEY in the environment instead`},
		},
		{
			name:    "app keys too",
			entries: []string{"dd: {type: datadog, app_key: 0123456789abcdef}"},
			want:    []string{`x.yaml:4:23: source "dd" must not hold "app_key": an agenda is shared and copied into every session, so secrets stay in environment variables; set DD_API_KEY and DD_APP_KEY in the environment instead`},
		},
		{
			name: "tokens point at token_env",
			// "  prom: {" is 9 characters, "type: prometheus, " 18 more, "url: "
			// 5 and the quoted URL with its comma and space 17: token at 50.
			entries: []string{`prom: {type: prometheus, url: "http://p:9090", token: s3cr3t}`},
			want:    []string{`x.yaml:4:50: source "prom" must not hold "token": an agenda is shared and copied into every session, so secrets stay in environment variables; put the token in an environment variable and name it: token_env: PROM_TOKEN`},
		},
		{
			name:    "passwords point at password_env",
			entries: []string{`prom: {type: prometheus, url: "http://p:9090", password: s3cr3t}`},
			want:    []string{`x.yaml:4:50: source "prom" must not hold "password": an agenda is shared and copied into every session, so secrets stay in environment variables; put it in an environment variable and name it: password_env: PROM_PASSWORD`},
		},
		{
			name:    "secrets are caught even without a type",
			entries: []string{"dd: {api_key: abc}"},
			want: []string{
				`x.yaml:4:7: source "dd" has no type; add type: datadog, demo, file or prometheus`,
				`x.yaml:4:8: source "dd" must not hold "api_key": an agenda is shared and copied into every session, so secrets stay in environment variables; set DD_API_KEY and DD_APP_KEY in the environment instead`,
			},
		},
		{
			name: "unknown type suggests the close one",
			// "  prom: {type: " is 15 characters: the type at 16.
			entries: []string{`prom: {type: prometeus, url: "http://p:9090"}`},
			want:    []string{`x.yaml:4:16: unknown source type "prometeus" in source "prom"; did you mean "prometheus"?`},
		},
		{
			name: "keys of another type are unknown for this one",
			// "  dd: {type: datadog, " is 22 characters: token_env at 23.
			entries: []string{"dd: {type: datadog, token_env: DD_TOKEN}"},
			want:    []string{`x.yaml:4:23: unknown key "token_env" in source "dd" (type datadog); known keys: type, site, url, timeout`},
		},
		{
			name:    "typo of a key of the type",
			entries: []string{"dd: {type: datadog, sit: datadoghq.eu}"},
			want:    []string{`x.yaml:4:23: unknown key "sit" in source "dd" (type datadog); did you mean "site"?`},
		},
		{
			name:    "prometheus needs a url",
			entries: []string{"prom: {type: prometheus}"},
			want:    []string{`x.yaml:4:9: source "prom" (type prometheus) has no url; add url: "http://localhost:9090" (the server's base URL)`},
		},
		{
			name: "url must be http or https",
			// "  prom: {type: prometheus, url: " is 32 characters: the URL at 33.
			entries: []string{"prom: {type: prometheus, url: localhost:9090}"},
			want:    []string{`x.yaml:4:33: "url" in source "prom" is not an http or https URL: "localhost:9090"; write a full URL like "http://localhost:9090"`},
		},
		{
			name:    "credentials in a url are refused without echoing them",
			entries: []string{`prom: {type: prometheus, url: "http://bob:hunter2@p:9090"}`},
			want:    []string{`x.yaml:4:33: "url" in source "prom" holds credentials; remove the user:password@ part and name environment variables: username_env and password_env`},
		},
		{
			name:    "env keys hold names, and a pasted value is not echoed",
			entries: []string{`prom: {type: prometheus, url: "http://p:9090", token_env: "eyJhbGciOi.J9x-y"}`},
			// token_env at 50 (as token above), "token_env: " is 11: value at 61.
			want: []string{`x.yaml:4:61: "token_env" in source "prom" is not an environment variable name; name the variable (like PROM_TOKEN), never its value`},
		},
		{
			name:    "basic auth needs both halves",
			entries: []string{`prom: {type: prometheus, url: "http://p:9090", username_env: PROM_USER}`},
			want:    []string{`x.yaml:4:9: source "prom" sets only one of username_env and password_env; basic auth needs both username_env and password_env`},
		},
		{
			name: "authorization headers are secrets",
			entries: []string{
				"prom:",
				"  type: prometheus",
				`  url: "http://p:9090"`,
				"  headers:",
				"    Authorization: Bearer abc",
				"    X-Scope-OrgID: 42",
			},
			want: []string{
				`x.yaml:8:7: header "Authorization" would put a secret in the agenda; use token_env, or username_env and password_env, which read the secret from the environment`,
				`x.yaml:9:22: "X-Scope-OrgID" in the headers of source "prom" must be text, not a number; quote it: "42"`,
			},
		},
		{
			name:    "file needs a path",
			entries: []string{"csv: {type: file}"},
			want:    []string{`x.yaml:4:8: source "csv" (type file) has no path; add path: ./exports (the folder of the files, relative to the agenda)`},
		},
		{
			name: "a Datadog site is a host, not the app's URL",
			// "  dd: {type: datadog, site: " is 28 characters: the site at 29.
			entries: []string{"dd: {type: datadog, site: app.datadoghq.eu}"},
			want:    []string{`x.yaml:4:29: "site" in source "dd" names the web app's host, not the site; write site: datadoghq.eu`},
		},
		{
			name: "demo seed is a whole number",
			// "  demo: {type: demo, seed: " is 27 characters: lucky at 28.
			entries: []string{"demo: {type: demo, seed: lucky}"},
			want:    []string{`x.yaml:4:28: "seed" in source "demo" must be a whole number, not text`},
		},
		{
			name:    "timeout is a duration",
			entries: []string{"dd: {type: datadog, timeout: 30}"},
			want:    []string{`x.yaml:4:32: "timeout" in source "dd" needs a unit; add a unit: "30m" for minutes, "30s" for seconds`},
		},
		{
			name:    "source names are plain",
			entries: []string{`"my dd": {type: datadog}`},
			want:    []string{`x.yaml:4:3: source name "my dd" is not a plain name; use letters, digits, - and _ (like dd or prom-eu)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, withSources(tt.entries...), tt.want)
		})
	}
}

func TestParseAgendaSecretsAreNeverEchoed(t *testing.T) {
	const secret = "0123456789abcdef-SECRET"
	entries := []string{
		"dd: {type: datadog, api_key: " + secret + "}",
		"dd2: {type: datadog, app_key: " + secret + "}",
		"p: {type: prometheus, url: \"http://u:" + secret + "@h\", token: " + secret + ", password: " + secret + ", token_env: \"" + secret + "\"}",
		"p2: {type: prometheus, url: \"http://h\", headers: {Authorization: \"Bearer " + secret + "\"}}",
	}
	_, err := Parse("x.yaml", withSources(entries...), "")
	if err == nil {
		t.Fatal("agenda with secrets accepted")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("an error message echoes a secret:\n%v", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n < 7 {
		t.Errorf("got %d problems, want one per secret (7):\n%v", n, err)
	}
}

func TestParseAgendaSourceResolution(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "default source must exist, with the known names",
			src: `
version: 1
title: t
source: prom
sources:
  dd: {type: datadog}
panels:
  - {id: p, kind: load, query: q}
`,
			want: []string{`x.yaml:3:9: unknown source "prom" in the agenda; known sources: dd`},
		},
		{
			name: "panel source typo suggests the known one",
			// "  - {id: p, kind: load, query: q, source: " is 42 characters.
			src: `
version: 1
title: t
sources:
  prom: {type: prometheus, url: "http://p:9090"}
panels:
  - {id: p, kind: load, query: q, source: prm}
`,
			want: []string{`x.yaml:6:43: unknown source "prm" in panel "p"; did you mean "prom"? (known sources: prom)`},
		},
		{
			name: "several sources and no default: each panel names one",
			src: `
version: 1
title: t
sources:
  dd: {type: datadog}
  prom: {type: prometheus, url: "http://p:9090"}
panels:
  - {id: p, kind: load, query: q}
`,
			// A flow mapping is positioned at its "{": "  - " is 4 characters.
			want: []string{`x.yaml:7:5: panel "p" names no source and the agenda has several; add source: to the panel, or a default source: at the top (dd or prom)`},
		},
		{
			name: "without sources: only the built-in demo exists",
			src: `
version: 1
title: t
panels:
  - {id: p, kind: load, query: q, source: dd}
`,
			want: []string{`x.yaml:4:43: unknown source "dd" in panel "p"; this agenda has no sources: and reads only the built-in demo; add a sources: entry named "dd"`},
		},
		{
			name: "explicitly empty sources",
			src: `
version: 1
title: t
sources: {}
panels:
  - {id: p, kind: load, query: q}
`,
			want: []string{`x.yaml:3:10: sources lists no source; remove sources: to use the built-in demo, or name one like dd: {type: datadog}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, yamlText(tt.src), tt.want)
		})
	}
}

func TestParseAgendaSourcesBecomeConfigs(t *testing.T) {
	src := yamlText(`
version: 1
title: t
source: prom
sources:
  prom:
    type: prometheus
    url: "https://mimir.internal/prometheus"
    token_env: MIMIR_TOKEN
    headers: {X-Scope-OrgID: team-a}
    timeout: 45s
  dd: {type: datadog, site: datadoghq.eu}
  csv: {type: file, path: ./exports}
  shared: {type: file, path: ../team-exports, allow_outside_agenda: true}
  basic: {type: prometheus, url: "http://p:9090", username_env: U, password_env: P}
  demo: {type: demo, seed: 7}
panels:
  - {id: p, kind: load, query: q}
  - {id: d, kind: load, query: q, source: dd}
`)
	a, err := Parse("x.yaml", src, "/agendas")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]sources.Config{
		"prom": {Name: "prom", Type: "prometheus", URL: "https://mimir.internal/prometheus", TokenEnv: "MIMIR_TOKEN",
			Headers: map[string]string{"X-Scope-OrgID": "team-a"}, Timeout: 45 * time.Second, BaseDir: "/agendas"},
		"dd":     {Name: "dd", Type: "datadog", Site: "datadoghq.eu", BaseDir: "/agendas"},
		"csv":    {Name: "csv", Type: "file", Path: "./exports", BaseDir: "/agendas"},
		"shared": {Name: "shared", Type: "file", Path: "../team-exports", AllowOutsideAgenda: true, BaseDir: "/agendas"},
		"basic":  {Name: "basic", Type: "prometheus", URL: "http://p:9090", UsernameEnv: "U", PasswordEnv: "P", BaseDir: "/agendas"},
		"demo":   {Name: "demo", Type: "demo", Seed: 7, BaseDir: "/agendas"},
	}
	if len(a.Sources) != len(want) {
		t.Errorf("got %d sources, want %d", len(a.Sources), len(want))
	}
	for name, w := range want {
		if g := a.Sources[name]; !configEqual(g, w) {
			t.Errorf("source %s:\n  got  %+v\n  want %+v", name, g, w)
		}
	}
	if got := strings.Join(a.SourceNames, ","); got != "prom,dd,csv,shared,basic,demo" {
		t.Errorf("SourceNames = %s, want the file's order prom,dd,csv,basic,demo", got)
	}
	if a.Source != "prom" || a.Panels[0].Source != "prom" || a.Panels[1].Source != "dd" {
		t.Errorf("default %q, panels read %q and %q; want prom, prom, dd", a.Source, a.Panels[0].Source, a.Panels[1].Source)
	}
}

func TestParseAgendaImpliesDemoSource(t *testing.T) {
	a, err := Parse("x.yaml", yamlText(`
version: 1
title: t
panels:
  - {id: p, kind: latency, query: q}
`), "/agendas")
	if err != nil {
		t.Fatal(err)
	}
	want := sources.Config{Name: "demo", Type: "demo", BaseDir: "/agendas"}
	if !configEqual(a.Sources["demo"], want) || len(a.Sources) != 1 {
		t.Errorf("sources = %+v, want only %+v", a.Sources, want)
	}
	if a.Source != "demo" || a.Panels[0].Source != "demo" || len(a.SourceNames) != 1 || a.SourceNames[0] != "demo" {
		t.Errorf("default %q, panel reads %q, names %v; want demo everywhere", a.Source, a.Panels[0].Source, a.SourceNames)
	}
}

// configEqual compares configs, taking no headers and empty headers alike.
func configEqual(a, b sources.Config) bool {
	if len(a.Headers) == 0 && len(b.Headers) == 0 {
		a.Headers, b.Headers = nil, nil
	}
	return reflect.DeepEqual(a, b)
}
