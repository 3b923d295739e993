package prometheus

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
)

// defaultTimeout bounds one HTTP request when the agenda sets no timeout.
const defaultTimeout = 30 * time.Second

// MaxAnswer is the most nagame reads of one answer. A range query over a
// meeting's window is a few hundred points a series, tens of kilobytes; an
// answer of many megabytes is a query that returns far more series than a
// chart can show (a sum by (pod) over a big cluster), and decoding it would
// take many times its size in memory.
const MaxAnswer = 16 << 20

// Source is a Prometheus-compatible server. It is safe for concurrent use.
type Source struct {
	api     v1.API
	url     string // the base URL, password redacted: the only form messages use
	timeout time.Duration
	now     func() time.Time
	creds   credentials
	retry   retryPolicy
}

// Interfaces the Prometheus backend implements.
var (
	_ sources.Source      = (*Source)(nil)
	_ sources.Checker     = (*Source)(nil)
	_ sources.EventSource = (*Source)(nil)
)

// Option changes how New builds a Source.
type Option func(*options)

type options struct {
	getenv func(string) string
	client *http.Client
	rt     http.RoundTripper
	now    func() time.Time
	retry  retryPolicy
	limit  int64
}

// WithGetenv sets how environment variables are read (default os.Getenv).
func WithGetenv(getenv func(string) string) Option {
	return func(o *options) { o.getenv = getenv }
}

// WithHTTPClient sends requests through c (its Transport, TLS settings and
// proxy). The client is not changed: nagame's headers are added by a
// wrapper, and its Timeout, if any, applies on top of the source's own.
func WithHTTPClient(c *http.Client) Option {
	return func(o *options) { o.client = c }
}

// WithRoundTripper sends requests through rt (tests, custom transports).
// It takes precedence over the transport of WithHTTPClient.
func WithRoundTripper(rt http.RoundTripper) Option {
	return func(o *options) { o.rt = rt }
}

// WithNow sets the clock (default time.Now). Fetch never asks for buckets
// that end after now.
func WithNow(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// New opens the Prometheus source cfg describes. It reads the credentials
// from the environment variables the agenda names (cfg.TokenEnv for a bearer
// token, cfg.UsernameEnv and cfg.PasswordEnv for basic auth) now, and fails
// naming the variable when one is unset or empty. It does not contact the
// server: Check does.
func New(cfg sources.Config, opts ...Option) (*Source, error) {
	o := options{getenv: os.Getenv, now: time.Now, retry: defaultRetry(), limit: MaxAnswer}
	for _, opt := range opts {
		opt(&o)
	}
	if cfg.Type != "" && cfg.Type != sources.TypePrometheus {
		return nil, configError(cfg, fmt.Sprintf("has type %q, not %q", cfg.Type, sources.TypePrometheus),
			"open this source with the backend of its type")
	}
	base, err := parseURL(cfg)
	if err != nil {
		return nil, err
	}
	creds, err := authHeaders(cfg, o.getenv)
	if err != nil {
		return nil, err
	}
	client := &http.Client{}
	if o.client != nil {
		c := *o.client
		client = &c
	}
	next := client.Transport
	if o.rt != nil {
		next = o.rt
	}
	if next == nil {
		next = http.DefaultTransport
	}
	client.Transport = &transport{next: next, headers: creds.headers, limit: o.limit}
	inner, err := api.NewClient(api.Config{Address: base.String(), Client: client})
	if err != nil {
		return nil, configError(cfg, fmt.Sprintf("url %q: %v", base.Redacted(), err), "")
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	return &Source{
		api:     v1.NewAPI(statusClient{inner}),
		url:     base.Redacted(),
		timeout: timeout,
		now:     o.now,
		creds:   creds,
		retry:   o.retry,
	}, nil
}

// URL is the server's base URL as messages show it (any password in it
// redacted).
func (s *Source) URL() string { return s.url }

// parseURL checks cfg.URL: absolute http or https, no query string.
func parseURL(cfg sources.Config) (*url.URL, error) {
	raw := strings.TrimSpace(cfg.URL)
	if raw == "" {
		return nil, configError(cfg, "no url", `set url: to the server's base URL, like url: "http://localhost:9090"`)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		shown := raw
		if err == nil {
			shown = u.Redacted()
		}
		return nil, configError(cfg, fmt.Sprintf("url %q is not an http:// or https:// address", shown),
			`write the server's base URL with its scheme, like "http://localhost:9090" or "https://mimir.example.com/prometheus"`)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, configError(cfg, fmt.Sprintf("url %q has a query or fragment", u.Redacted()),
			"give the base URL only; extra parameters cannot be sent this way (use headers: for a tenant)")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// configError is an error in the source's agenda entry.
func configError(cfg sources.Config, msg, hint string) error {
	if cfg.Name != "" {
		msg = fmt.Sprintf("source %q: %s", cfg.Name, msg)
	}
	return &sources.Error{Backend: sources.TypePrometheus, Msg: msg, Hint: hint}
}

// requestContext bounds one request by the source's timeout.
func (s *Source) requestContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout)
}
