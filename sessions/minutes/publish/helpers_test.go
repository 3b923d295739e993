package publish

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes/publish/publishtest"
)

// Names from publishtest the tests use a lot.
const (
	testAPIKey = publishtest.APIKey
	testToken  = publishtest.Token
	fakeRepo   = publishtest.Repo
)

var (
	t0            = publishtest.T0
	recordSession = publishtest.RecordSession
	noSecrets     = publishtest.NoSecrets
)

type fault = publishtest.Fault

// options are a publish's options against the fakes, at a fixed time.
func options(ghURL string) Options {
	return Options{
		Getenv:     publishtest.Env(ghURL),
		HTTPClient: &http.Client{Timeout: 10 * time.Second},
		Now:        func() time.Time { return t0.Add(2 * time.Hour) },
		Location:   time.UTC,
		MaxWait:    2 * time.Second,
	}
}

// reread reads the session folder again, as the next command would.
func reread(t *testing.T, r *sessions.Record) *sessions.Record {
	t.Helper()
	out, err := sessions.OpenRecord(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withEnv overrides some of opt's environment.
func withEnv(opt Options, vars map[string]string) Options {
	base := opt.Getenv
	opt.Getenv = func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		return base(k)
	}
	return opt
}

// wantError checks a failed publish: an *Error saying each of want, with
// no secret, the HTTP status, and a retry time exactly when rate-limited.
func wantError(t *testing.T, err error, want []string, status int, retry bool) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *Error", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
	noSecrets(t, "the error", err.Error())
	if e.Status != status || e.RetryAt.IsZero() == retry {
		t.Errorf("status %d, retry at %v; want %d, retry %v", e.Status, e.RetryAt, status, retry)
	}
}
