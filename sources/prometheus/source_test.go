package prometheus

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sources"
)

func TestNewRefusesBadConfig(t *testing.T) {
	env := map[string]string{"EMPTY": "  ", "TOKEN": "t0ken-value", "USER": "aiko"}
	tests := []struct {
		name string
		cfg  sources.Config
		msg  string
		hint string
	}{
		{"another backend's config", sources.Config{Type: sources.TypeFile, URL: "http://p"}, `has type "file"`, "backend of its type"},
		{"no url", sources.Config{}, "no url", "http://localhost:9090"},
		{"a url without scheme", sources.Config{URL: "localhost:9090"}, "not an http:// or https:// address", "with its scheme"},
		{"a url with a query", sources.Config{URL: "http://p:9090/?x=1"}, "has a query", "base URL only"},
		{"an empty token variable is named", sources.Config{URL: "http://p", TokenEnv: "EMPTY"}, "token_env names $EMPTY, which is unset or empty", "export EMPTY"},
		{"an unset password variable is named", sources.Config{URL: "http://p", UsernameEnv: "USER", PasswordEnv: "PROM_PASS"}, "$PROM_PASS", "export PROM_PASS"},
		{"half of basic auth", sources.Config{URL: "http://p", UsernameEnv: "USER"}, "needs both", "name both"},
		{"token and basic auth together", sources.Config{URL: "http://p", TokenEnv: "TOKEN", UsernameEnv: "USER", PasswordEnv: "P"}, "both token_env and", "one way"},
		{"a header name with a colon", sources.Config{URL: "http://p", Headers: map[string]string{"X-Org:": "a"}}, "not a valid HTTP header", "X-Scope-OrgID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Name = "prom"
			_, err := New(tt.cfg, WithGetenv(func(k string) string { return env[k] }))
			if err == nil {
				t.Fatal("New accepted it")
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.Contains(sources.HintOf(err), tt.hint) || !strings.Contains(err.Error(), `source "prom"`) {
				t.Errorf("got %q (hint %q), want %q with hint %q, naming the source", err, sources.HintOf(err), tt.msg, tt.hint)
			}
			if strings.Contains(err.Error(), "t0ken-value") {
				t.Errorf("the token leaked: %v", err)
			}
		})
	}
}

func TestRequestsCarryCredentialsAndHeaders(t *testing.T) {
	env := map[string]string{"PROM_TOKEN": " t0ken\n", "PROM_USER": "aiko", "PROM_PASS": "s3cret:pw"}
	tests := []struct {
		name string
		cfg  sources.Config
		want map[string]string
	}{
		{
			"a bearer token from the environment, trimmed",
			sources.Config{TokenEnv: "PROM_TOKEN"},
			map[string]string{"Authorization": "Bearer t0ken"},
		},
		{
			"basic auth from two variables",
			sources.Config{UsernameEnv: "PROM_USER", PasswordEnv: "PROM_PASS"},
			map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("aiko:s3cret:pw"))},
		},
		{
			"extra headers such as a Mimir tenant",
			sources.Config{Headers: map[string]string{"X-Scope-OrgID": "team-a"}},
			map[string]string{"X-Scope-Orgid": "team-a", "Authorization": ""},
		},
		{
			"the token wins over a hand-written Authorization header",
			sources.Config{TokenEnv: "PROM_TOKEN", Headers: map[string]string{"Authorization": "Bearer stale"}},
			map[string]string{"Authorization": "Bearer t0ken"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, fixture(t, 200, "empty.json"))
			src := newSource(t, f, tt.cfg, env)
			if _, err := src.Fetch(context.Background(), sources.Query{Expr: "up", Columns: 6}, sixHours); err != nil {
				t.Fatal(err)
			}
			h := f.requests()[0].header
			for k, v := range tt.want {
				if got := h.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestWithHTTPClientIsNotChanged(t *testing.T) {
	f := newFake(t, fixture(t, 200, "empty.json"))
	mine := &http.Client{}
	src, err := New(sources.Config{URL: f.srv.URL, Headers: map[string]string{"X-Scope-OrgID": "a"}}, WithHTTPClient(mine))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Fetch(context.Background(), sources.Query{Expr: "up", Columns: 6}, sixHours); err != nil {
		t.Fatal(err)
	}
	if mine.Transport != nil {
		t.Error("New changed the caller's client")
	}
	if got := f.requests()[0].header.Get("X-Scope-OrgID"); got != "a" {
		t.Errorf("tenant header %q, want a", got)
	}
}

func TestURLHidesAPassword(t *testing.T) {
	src, err := New(sources.Config{URL: "https://aiko:pa55word@prom.example.com/prometheus/"})
	if err != nil {
		t.Fatal(err)
	}
	if got := src.URL(); strings.Contains(got, "pa55word") || !strings.HasSuffix(got, "@prom.example.com/prometheus") {
		t.Errorf("URL() = %q, want the password redacted and the trailing slash gone", got)
	}
}
