package datadog

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sources"
)

func TestResolveServerFollowsTheSourcesRules(t *testing.T) {
	env := func(site string) func(string) string {
		return func(k string) string {
			if k == "DD_SITE" {
				return site
			}
			return ""
		}
	}
	cases := []struct {
		name          string
		cfg           sources.Config
		ddSite        string
		site, host    string
		app           string
		wantErrSubstr string
	}{
		{name: "default", site: "datadoghq.com", host: "api.datadoghq.com", app: "https://app.datadoghq.com"},
		{name: "agenda site", cfg: sources.Config{Site: "datadoghq.eu"}, ddSite: "us5.datadoghq.com", site: "datadoghq.eu", host: "api.datadoghq.eu", app: "https://app.datadoghq.eu"},
		{name: "DD_SITE regional", ddSite: "us5.datadoghq.com", site: "us5.datadoghq.com", host: "api.us5.datadoghq.com", app: "https://us5.datadoghq.com"},
		{name: "gov", cfg: sources.Config{Site: "ddog-gov.com"}, site: "ddog-gov.com", host: "api.ddog-gov.com", app: "https://app.ddog-gov.com"},
		{name: "proxy url", cfg: sources.Config{Site: "datadoghq.eu", URL: "https://proxy.corp/dd"}, site: "datadoghq.eu", host: "proxy.corp", app: "https://app.datadoghq.eu"},
		{name: "web address", ddSite: "app.datadoghq.eu", wantErrSubstr: "DD_SITE=datadoghq.eu"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := ResolveServer(c.cfg, env(c.ddSite))
			if c.wantErrSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErrSubstr) {
					t.Fatalf("err = %v, want it to say %q", err, c.wantErrSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Site() != c.site || s.Host() != c.host || s.AppURL() != c.app {
				t.Errorf("site %q host %q app %q; want %q %q %q", s.Site(), s.Host(), s.AppURL(), c.site, c.host, c.app)
			}
		})
	}
}
