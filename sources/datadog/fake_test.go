package datadog

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Test keys: the shapes of real ones (32 and 40 hex digits), distinctive
// enough that finding one anywhere is a leak.
const (
	testAPIKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	testAppKey = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
)

// fakeDatadog is an httptest server that answers only the requests a test
// registers, in the style of cli/cli's httpmock: every request must match a
// stub, every stub must be used as often as it says, and each checks the
// keys the client sent. A request nobody expected fails the test.
type fakeDatadog struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex
	stubs []*stub
}

// stub answers one kind of request.
type stub struct {
	method, path string
	// times is how many requests it answers (and must answer); 1 if 0.
	times int
	// apiKeyOnly expects DD-API-KEY without DD-APPLICATION-KEY (/validate).
	apiKeyOnly bool
	// check inspects the request beyond method, path and keys.
	check func(t *testing.T, r *http.Request)
	// reply writes the answer.
	reply http.HandlerFunc

	calls int
}

func newFake(t *testing.T) *fakeDatadog {
	t.Helper()
	f := &fakeDatadog{t: t}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		f.srv.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, s := range f.stubs {
			if s.calls != s.times {
				t.Errorf("stub %s %s answered %d requests, want %d", s.method, s.path, s.calls, s.times)
			}
		}
	})
	return f
}

// on registers a stub and returns it for chaining.
func (f *fakeDatadog) on(s *stub) *stub {
	if s.times == 0 {
		s.times = 1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stubs = append(f.stubs, s)
	return s
}

func (f *fakeDatadog) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	var s *stub
	for _, c := range f.stubs {
		if c.method == r.Method && c.path == r.URL.Path && c.calls < c.times {
			s = c
			c.calls++
			break
		}
	}
	f.mu.Unlock()
	if s == nil {
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL.RequestURI())
		http.Error(w, `{"errors":["unexpected request"]}`, http.StatusNotImplemented)
		return
	}
	if got := r.Header.Get("DD-API-KEY"); got != testAPIKey {
		f.t.Errorf("%s: DD-API-KEY = %q, want the test API key", r.URL.Path, got)
	}
	wantApp := testAppKey
	if s.apiKeyOnly {
		wantApp = ""
	}
	if got := r.Header.Get("DD-APPLICATION-KEY"); got != wantApp {
		f.t.Errorf("%s: DD-APPLICATION-KEY = %q, want %q", r.URL.Path, got, wantApp)
	}
	if s.check != nil {
		s.check(f.t, r)
	}
	s.reply(w, r)
}

// host is the fake's host:port, as messages name it.
func (f *fakeDatadog) host() string { return strings.TrimPrefix(f.srv.URL, "http://") }

// source builds a Source pointed at the fake, with both keys set, retries
// that back off for a millisecond, and a 2 s timeout.
func (f *fakeDatadog) source(t *testing.T, opts ...Option) *Source {
	t.Helper()
	return newSource(t, sources.Config{Type: "datadog", URL: f.srv.URL, Timeout: 2 * time.Second}, append([]Option{
		WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})),
		WithHTTPClient(f.srv.Client()),
		WithRetry(3, time.Millisecond),
	}, opts...)...)
}

func newSource(t *testing.T, cfg sources.Config, opts ...Option) *Source {
	t.Helper()
	s, err := New(cfg, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// fixture replies with a testdata file and the given status.
func fixture(t *testing.T, status int, name string) http.HandlerFunc {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return raw(status, "application/json", string(body))
}

// raw replies with a body of the given status and content type.
func raw(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// withHeaders adds response headers before h replies.
func withHeaders(h http.HandlerFunc, kv ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(kv); i += 2 {
			w.Header().Set(kv[i], kv[i+1])
		}
		h(w, r)
	}
}

// wantParams checks the request's query parameters.
func wantParams(want map[string]string) func(*testing.T, *http.Request) {
	return func(t *testing.T, r *http.Request) {
		t.Helper()
		q := r.URL.Query()
		for k, v := range want {
			if got := q.Get(k); got != v {
				t.Errorf("%s: parameter %s = %q, want %q", r.URL.Path, k, got, v)
			}
		}
	}
}
