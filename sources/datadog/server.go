package datadog

import (
	"context"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"

	"github.com/nagame-dev/nagame/sources"
)

// Server is where the Datadog API calls of an agenda's source go, for
// callers that use other Datadog APIs than a Source does (nagame publish
// creates notebooks): the same site and url: rules, the same errors.
type Server struct{ ep endpoint }

// ResolveServer reads a source entry as New does: cfg.Site, else DD_SITE
// (through getenv), else datadoghq.com; cfg.URL, when set, is the base URL
// calls go to instead of the site's API host.
func ResolveServer(cfg sources.Config, getenv func(string) string) (Server, error) {
	ep, err := resolveEndpoint(cfg, getenv)
	return Server{ep}, err
}

func resolveEndpoint(cfg sources.Config, getenv func(string) string) (endpoint, error) {
	site, err := chooseSite(cfg.Site, getenv("DD_SITE"))
	if err != nil {
		return endpoint{}, &sources.Error{Backend: backend, Msg: err.Error(), Hint: siteHint}
	}
	ep, err := parseEndpoint(site, cfg.URL)
	if err != nil {
		return endpoint{}, &sources.Error{Backend: backend, Msg: err.Error(),
			Hint: "url: is the base URL of a proxy or private endpoint (https://host[:port][/prefix]); leave it out to use the site's API"}
	}
	return ep, nil
}

// Site is the Datadog site ("datadoghq.eu"): keys belong to one.
func (s Server) Site() string { return s.ep.site }

// Host is the server calls go to ("api.datadoghq.eu", or the url's host).
func (s Server) Host() string { return s.ep.host }

// AppURL is the web app of the site, where people open what the API made:
// https://app.datadoghq.com, https://app.datadoghq.eu, and for the regional
// sites their own host (https://us5.datadoghq.com).
func (s Server) AppURL() string {
	if strings.Count(s.ep.site, ".") >= 2 {
		return "https://" + s.ep.site
	}
	return "https://app." + s.ep.site
}

// Context carries the keys and the server choice to the client, which reads
// both from the request's context.
func (s Server) Context(ctx context.Context, apiKey, appKey string) context.Context {
	ctx = context.WithValue(ctx, datadog.ContextAPIKeys, map[string]datadog.APIKey{
		"apiKeyAuth": {Key: apiKey},
		"appKeyAuth": {Key: appKey},
	})
	// Server 1 is "{protocol}://{name}" with no enum check: it serves both a
	// site (https, api.<site>) and a custom base URL the same way.
	ctx = context.WithValue(ctx, datadog.ContextServerIndex, 1)
	return context.WithValue(ctx, datadog.ContextServerVariables, map[string]string{
		"protocol": s.ep.protocol, "name": s.ep.name,
	})
}

// BaseURL is where API paths are appended: "https://api.datadoghq.eu", or
// the url: the agenda gave.
func (s Server) BaseURL() string { return s.ep.protocol + "://" + s.ep.name }
