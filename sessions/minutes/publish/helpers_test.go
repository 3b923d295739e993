package publish

import (
	"net/http"
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
