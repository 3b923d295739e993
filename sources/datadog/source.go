package datadog

import (
	"context"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// backend is the Backend of every *sources.Error this package returns.
const backend = sources.TypeDatadog

// DefaultTimeout bounds one HTTP request when the agenda sets no timeout.
const DefaultTimeout = 30 * time.Second

// MaxAnswer is the most nagame reads of one answer. A panel's query comes
// back in at most about 1,500 points a series, tens of kilobytes; an answer
// of many megabytes is a query grouped by a tag of thousands of values, and
// the client decodes an answer into some 70 times its size in memory.
const MaxAnswer = 16 << 20

// Source is a Datadog backend. It implements sources.Source,
// sources.SLOSource, sources.EventSource and sources.Checker, and is safe
// for concurrent use: a fetch changes nothing in it.
type Source struct {
	ep      endpoint
	timeout time.Duration
	// apiKey and appKey are sent as DD-API-KEY and DD-APPLICATION-KEY and
	// used to scrub any message that might echo them; nothing else reads them.
	apiKey, appKey string
	// secrets scrubs both keys (and any piece of them) from wire text.
	secrets sources.Secrets
	// keysErr is set when a key is missing: every call returns it.
	keysErr error
	retry   retryPolicy
	now     func() time.Time

	metrics *datadogV1.MetricsApi
	slos    *datadogV1.ServiceLevelObjectivesApi
	events  *datadogV1.EventsApi
	auth    *datadogV1.AuthenticationApi
	// dashboards serves nagame init (dashboard.go).
	dashboards *datadogV1.DashboardsApi
}

// The interfaces nagame uses a Datadog source through.
var (
	_ sources.SLOSource   = (*Source)(nil)
	_ sources.Checker     = (*Source)(nil)
	_ sources.EventSource = (*Source)(nil)
)

// Option changes how New builds a Source: tests and embedders pass the
// environment, the HTTP client, the clock and the retry policy in.
type Option func(*options)

type options struct {
	getenv func(string) string
	client *http.Client
	now    func() time.Time
	retry  retryPolicy
	limit  int64
}

// WithGetenv makes New read DD_API_KEY, DD_APP_KEY and DD_SITE through
// getenv instead of os.Getenv.
func WithGetenv(getenv func(string) string) Option {
	return func(o *options) { o.getenv = getenv }
}

// WithHTTPClient sends requests through c (a copy of it: its Timeout is set
// to the agenda's timeout when the agenda has one, or to DefaultTimeout when
// c has none). c itself is never changed.
func WithHTTPClient(c *http.Client) Option {
	return func(o *options) { o.client = c }
}

// WithRetry sets how often a rate-limited (429) or failed (5xx) request is
// tried again, and the first backoff, which doubles on each retry. A 429's
// X-RateLimit-Reset lengthens a wait, never shortens it. max 0 turns retries
// off. The default is 3 retries from 1 s (1 s, 2 s, 4 s).
func WithRetry(maxRetries int, base time.Duration) Option {
	return func(o *options) {
		o.retry.max = max(0, maxRetries)
		o.retry.base = max(0, base)
	}
}

// WithNow sets the clock Check uses for its one-minute probe query.
func WithNow(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// New builds the source from an agenda entry: cfg.Site (else DD_SITE, else
// datadoghq.com), cfg.URL (a base URL instead of the site's API host) and
// cfg.Timeout. A bad site or URL is an error naming the fix. Missing keys
// are not: New succeeds so the agenda can be validated and other sources
// used; Fetch, FetchSLO, Events and Check then return the missing-keys
// error.
func New(cfg sources.Config, opts ...Option) (*Source, error) {
	o := options{getenv: os.Getenv, now: time.Now, retry: defaultRetry(), limit: MaxAnswer}
	for _, opt := range opts {
		opt(&o)
	}
	if cfg.Type != "" && cfg.Type != sources.TypeDatadog {
		return nil, configError("source type %q is not datadog", cfg.Type)
	}
	ep, err := resolveEndpoint(cfg, o.getenv)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 {
		return nil, configError("timeout %s is negative", cfg.Timeout)
	}

	s := &Source{
		ep:     ep,
		apiKey: strings.TrimSpace(o.getenv("DD_API_KEY")),
		appKey: strings.TrimSpace(o.getenv("DD_APP_KEY")),
		retry:  o.retry,
		now:    o.now,
	}
	s.keysErr = missingKeys(s.apiKey, s.appKey)
	s.secrets = sources.NewSecrets(s.apiKey, s.appKey)

	hc := &http.Client{}
	if o.client != nil {
		c := *o.client
		hc = &c
	}
	switch {
	case cfg.Timeout > 0:
		hc.Timeout = cfg.Timeout
	case hc.Timeout == 0:
		hc.Timeout = DefaultTimeout
	}
	s.timeout = hc.Timeout
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = limitTransport{next: next, limit: o.limit}

	dc := datadog.NewConfiguration()
	dc.HTTPClient = hc
	dc.UserAgent = "nagame " + dc.UserAgent
	// Retries are ours (retry.go): the client's cannot back off for less than
	// 2 s, and a meeting needs a bound on how long one panel waits.
	dc.RetryConfiguration.EnableRetry = false
	dc.Debug = false
	client := datadog.NewAPIClient(dc)
	s.metrics = datadogV1.NewMetricsApi(client)
	s.slos = datadogV1.NewServiceLevelObjectivesApi(client)
	s.events = datadogV1.NewEventsApi(client)
	s.auth = datadogV1.NewAuthenticationApi(client)
	s.dashboards = datadogV1.NewDashboardsApi(client)
	return s, nil
}

const siteHint = "the site is the domain of your Datadog org's region, as in its web address without app.: " +
	"datadoghq.com (US1), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, …"

// chooseSite picks the agenda's site, else DD_SITE, else DefaultSite.
func chooseSite(agenda, env string) (string, error) {
	switch {
	case strings.TrimSpace(agenda) != "":
		return parseSite(agenda, "site")
	case strings.TrimSpace(env) != "":
		return parseSite(env, "DD_SITE")
	}
	return DefaultSite, nil
}

// Site is the Datadog site the source talks to (its keys must belong there).
func (s *Source) Site() string { return s.ep.site }

// Host is the server requests go to: api.<site>, or the host of the
// agenda's url.
func (s *Source) Host() string { return s.ep.host }

// authContext carries the keys and the server choice to the client, which
// reads both from the request's context.
func (s *Source) authContext(ctx context.Context) context.Context {
	return Server{s.ep}.Context(ctx, s.apiKey, s.appKey)
}

// limitTransport bounds what is read of every answer (after decompression):
// past limit bytes, reading the body fails with a *sources.TooLargeError,
// which the client returns as the call's error.
type limitTransport struct {
	next  http.RoundTripper
	limit int64
}

func (t limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		resp.Body = sources.LimitBody(resp.Body, resp.ContentLength, t.limit)
	}
	return resp, err
}
