package datadog

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// DefaultSite is the site used when neither the agenda nor DD_SITE names one.
const DefaultSite = "datadoghq.com"

// Sites returns the Datadog sites nagame knows, in the order Datadog lists
// them. A site is the bare domain of an org's region; its API lives at
// api.<site>.
func Sites() []string {
	return []string{
		"datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "ap1.datadoghq.com",
		"ap2.datadoghq.com", "uk1.datadoghq.com", "datadoghq.eu", "ddog-gov.com", "us2.ddog-gov.com",
	}
}

// regionSite maps the region names Datadog's docs and UI use ("EU1",
// "US5") to their sites, so a user who writes one is told which site it is.
func regionSite(region string) (string, bool) {
	switch region {
	case "us1":
		return "datadoghq.com", true
	case "us3", "us5", "ap1", "ap2", "uk1":
		return region + ".datadoghq.com", true
	case "eu", "eu1":
		return "datadoghq.eu", true
	case "us1-fed", "gov":
		return "ddog-gov.com", true
	case "us2-fed":
		return "us2.ddog-gov.com", true
	}
	return "", false
}

// parseSite checks a site as the user wrote it; from says where it was
// written ("site" for the agenda key, "DD_SITE" for the environment), so the
// error can show the exact fix. Known sites are accepted in any case.
func parseSite(raw, from string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(raw))
	sites := Sites()
	if slices.Contains(sites, s) {
		return s, nil
	}
	fix := func(site string) string {
		if from == "DD_SITE" {
			return "DD_SITE=" + site
		}
		return "site: " + site
	}
	if site, ok := regionSite(s); ok {
		return "", fmt.Errorf("%s %q is a region name; use %s", from, raw, fix(site))
	}
	if host := hostOf(s); slices.Contains(sites, host) {
		return "", fmt.Errorf("%s %q is a web address; use %s", from, raw, fix(host))
	}
	return "", fmt.Errorf("%s %q is not a Datadog site; use one of %s (or url: for a proxy)",
		from, raw, strings.Join(sites, ", "))
}

// hostOf reduces a web address to the site it belongs to:
// "https://app.datadoghq.eu/apm/home" → "datadoghq.eu",
// "api.us5.datadoghq.com" → "us5.datadoghq.com".
func hostOf(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	for _, p := range []string{"app.", "api.", "www."} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return s
}

// endpoint is where requests go: Datadog's API for a site, or a base URL
// the agenda gave (a proxy, a private endpoint, a test server).
type endpoint struct {
	// site is the validated Datadog site; it names the keys' home in hints.
	site string
	// protocol and name fill the client's server template 1,
	// "{protocol}://{name}"; name is host[:port] plus any path prefix.
	protocol, name string
	// host is what messages call the server ("api.datadoghq.eu").
	host string
}

// parseEndpoint builds the endpoint from a site and an optional base URL.
// A base URL may carry a path prefix ("https://proxy.corp/datadog"): requests
// then go to https://proxy.corp/datadog/api/v1/query. It may not carry
// credentials, a query or a fragment: the agenda is no place for secrets, and
// the client would drop the rest.
func parseEndpoint(site, raw string) (endpoint, error) {
	if strings.TrimSpace(raw) == "" {
		return endpoint{site: site, protocol: "https", name: "api." + site, host: "api." + site}, nil
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return endpoint{}, fmt.Errorf("url %q is not a URL: %w", raw, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return endpoint{}, fmt.Errorf("url %q needs http:// or https://", raw)
	case u.Host == "":
		return endpoint{}, fmt.Errorf("url %q has no host", raw)
	case u.User != nil:
		return endpoint{}, fmt.Errorf("url %q carries credentials; keys come only from DD_API_KEY and DD_APP_KEY", u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return endpoint{}, fmt.Errorf("url %q may not have a query or fragment; give the base URL only", raw)
	}
	prefix := strings.TrimRight(u.EscapedPath(), "/")
	return endpoint{site: site, protocol: u.Scheme, name: u.Host + prefix, host: u.Host}, nil
}
