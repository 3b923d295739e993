package prometheus

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// A fake Prometheus at the HTTP boundary: it answers with fixture files and
// remembers what it was asked.

// seen is one request the fake received.
type seen struct {
	path   string
	form   url.Values
	header http.Header
}

type fake struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []seen
}

// newFake serves answer for every request; answer may write anything.
func newFake(t *testing.T, answer http.HandlerFunc) *fake {
	t.Helper()
	f := &fake{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("fake: bad form: %v", err)
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{path: r.URL.Path, form: r.Form, header: r.Header.Clone()})
		f.mu.Unlock()
		answer(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// fixture answers with testdata/name and the given status.
func fixture(t *testing.T, status int, name string) http.HandlerFunc {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// sixHours is the window of the fixtures: 2026-10-01 00:00–06:00 UTC, which
// at 6 columns is six one-hour buckets evaluated at 01:00 … 06:00
// (1790816400 … 1790834400).
var sixHours = sources.Window{
	From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC),
}

// fakeNow is the clock of newSource's sources, well after the fixtures.
var fakeNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// newSource opens a source on the fake with cfg's other fields, an env of
// its own, a clock well after the fixtures (fakeNow), and opts.
func newSource(t *testing.T, f *fake, cfg sources.Config, env map[string]string, opts ...Option) *Source {
	t.Helper()
	cfg.Type = sources.TypePrometheus
	if cfg.Name == "" {
		cfg.Name = "prom"
	}
	if cfg.URL == "" {
		cfg.URL = f.srv.URL
	}
	s, err := New(cfg, append([]Option{
		WithGetenv(func(k string) string { return env[k] }),
		WithNow(func() time.Time { return fakeNow }),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
