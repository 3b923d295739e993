package datadog

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestSites(t *testing.T) {
	tests := []struct {
		name, agenda, env string
		wantSite          string
		wantErr           string
	}{
		{name: "default", wantSite: "datadoghq.com"},
		{name: "agenda", agenda: "datadoghq.eu", wantSite: "datadoghq.eu"},
		{name: "agenda wins over DD_SITE", agenda: "us5.datadoghq.com", env: "datadoghq.eu", wantSite: "us5.datadoghq.com"},
		{name: "DD_SITE", env: "ap1.datadoghq.com", wantSite: "ap1.datadoghq.com"},
		{name: "any case and spaces", agenda: " DatadogHQ.EU ", wantSite: "datadoghq.eu"},
		{name: "gov", agenda: "us2.ddog-gov.com", wantSite: "us2.ddog-gov.com"},
		{name: "web address", agenda: "app.datadoghq.eu", wantErr: `site "app.datadoghq.eu" is a web address; use site: datadoghq.eu`},
		{name: "web address in DD_SITE", env: "app.datadoghq.eu", wantErr: `DD_SITE "app.datadoghq.eu" is a web address; use DD_SITE=datadoghq.eu`},
		{name: "URL with a path", agenda: "https://app.datadoghq.com/apm/home?env=prod",
			wantErr: `site "https://app.datadoghq.com/apm/home?env=prod" is a web address; use site: datadoghq.com`},
		{name: "API host", agenda: "api.datadoghq.com", wantErr: `site "api.datadoghq.com" is a web address; use site: datadoghq.com`},
		{name: "regional API host", agenda: "api.us5.datadoghq.com", wantErr: `site "api.us5.datadoghq.com" is a web address; use site: us5.datadoghq.com`},
		{name: "gov web address", agenda: "https://app.ddog-gov.com/", wantErr: `use site: ddog-gov.com`},
		{name: "region name", agenda: "EU1", wantErr: `site "EU1" is a region name; use site: datadoghq.eu`},
		{name: "unknown", agenda: "datadoghq.us", wantErr: `site "datadoghq.us" is not a Datadog site; use one of datadoghq.com, us3.datadoghq.com,`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(sources.Config{Site: tt.agenda}, WithGetenv(env(map[string]string{"DD_SITE": tt.env})))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if sources.HintOf(err) == "" {
					t.Errorf("no hint for %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if s.Site() != tt.wantSite || s.Host() != "api."+tt.wantSite {
				t.Errorf("Site, Host = %q, %q; want %q, api.%s", s.Site(), s.Host(), tt.wantSite, tt.wantSite)
			}
		})
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		name, url           string
		wantName, wantProto string
		wantErr             string
	}{
		{name: "host and port", url: "http://127.0.0.1:8089", wantName: "127.0.0.1:8089", wantProto: "http"},
		{name: "path prefix, trailing slash dropped", url: "https://proxy.corp/datadog/", wantName: "proxy.corp/datadog", wantProto: "https"},
		{name: "credentials refused and hidden", url: "https://user:s3cret@proxy.corp", wantErr: `url "https://user:xxxxx@proxy.corp" carries credentials`},
		{name: "no scheme", url: "proxy.corp:8443", wantErr: "needs http:// or https://"},
		{name: "no host", url: "https:///api", wantErr: "has no host"},
		{name: "query", url: "https://proxy.corp/?x=1", wantErr: "may not have a query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(sources.Config{URL: tt.url}, WithGetenv(env(nil)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if s.ep.name != tt.wantName || s.ep.protocol != tt.wantProto {
				t.Errorf("endpoint = %+v, want name %q protocol %q", s.ep, tt.wantName, tt.wantProto)
			}
		})
	}
}

func TestMissingKeysFailEveryCallWithOneLine(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"both", nil, "datadog: DD_API_KEY and DD_APP_KEY must be set (API key and application key from Organization Settings → API/Application Keys)"},
		{"API key", map[string]string{"DD_APP_KEY": testAppKey}, "datadog: DD_API_KEY must be set (API key from Organization Settings → API Keys)"},
		{"app key", map[string]string{"DD_API_KEY": testAPIKey}, "datadog: DD_APP_KEY must be set (application key from Organization Settings → Application Keys)"},
		{"blank counts as missing", map[string]string{"DD_API_KEY": "  ", "DD_APP_KEY": testAppKey}, "datadog: DD_API_KEY must be set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t) // no stubs: a call that reaches the network fails the test
			s, err := New(sources.Config{URL: f.srv.URL}, WithGetenv(env(tt.env)))
			if err != nil {
				t.Fatalf("New must succeed without keys (validate, offline meetings): %v", err)
			}
			ctx := context.Background()
			_, fetchErr := s.Fetch(ctx, sources.Query{Expr: "avg:x{*}"}, day)
			_, sloErr := s.FetchSLO(ctx, sloID, day)
			checkErr := s.Check(ctx)
			_, eventsErr := s.Events(ctx, sources.EventQuery{Expr: "sources:github"}, day)
			for _, err := range []error{fetchErr, sloErr, checkErr, eventsErr} {
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("error = %v, want one line starting %q", err, tt.want)
				}
				if sources.HintOf(err) == "" {
					t.Errorf("no hint for %v", err)
				}
			}
		})
	}
}

func TestTimeouts(t *testing.T) {
	own := &http.Client{Timeout: 7 * time.Second}
	tests := []struct {
		name   string
		cfg    time.Duration
		client *http.Client
		want   time.Duration
	}{
		{"default", 0, nil, 30 * time.Second},
		{"agenda", 5 * time.Second, nil, 5 * time.Second},
		{"the client's own", 0, own, 7 * time.Second},
		{"agenda over the client's", 3 * time.Second, own, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []Option{WithGetenv(env(nil))}
			if tt.client != nil {
				opts = append(opts, WithHTTPClient(tt.client))
			}
			s := newSource(t, sources.Config{Timeout: tt.cfg}, opts...)
			if s.timeout != tt.want {
				t.Errorf("timeout = %s, want %s", s.timeout, tt.want)
			}
		})
	}
	if own.Timeout != 7*time.Second {
		t.Errorf("New changed the caller's client: Timeout = %s", own.Timeout)
	}
}

func TestNewRejectsOtherTypesAndNegativeTimeouts(t *testing.T) {
	for _, cfg := range []sources.Config{{Type: "prometheus"}, {Timeout: -time.Second}} {
		if _, err := New(cfg, WithGetenv(env(nil))); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}
