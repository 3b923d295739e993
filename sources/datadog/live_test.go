package datadog

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// TestLive talks to the real Datadog of the org whose keys are in the
// environment (DD_API_KEY, DD_APP_KEY, and DD_SITE when not US1): Check, then
// a day of the org's estimated host count. It is the only test that leaves
// the machine, and it runs only when asked to by setting both keys.
func TestLive(t *testing.T) {
	if os.Getenv("DD_API_KEY") == "" || os.Getenv("DD_APP_KEY") == "" {
		t.Skip("live Datadog test skipped: set DD_API_KEY and DD_APP_KEY (and DD_SITE) to run it")
	}
	s, err := New(sources.Config{Type: sources.TypeDatadog})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check against %s: %v (hint: %s)", s.Host(), err, sources.HintOf(err))
	}
	now := time.Now().UTC().Truncate(time.Minute)
	w := sources.Window{From: now.Add(-24 * time.Hour), To: now}
	series, err := s.Fetch(ctx, sources.Query{Kind: sources.KindCustom, Expr: "avg:datadog.estimated_usage.hosts{*}"}, w)
	if err != nil {
		t.Fatalf("Fetch: %v (hint: %s)", err, sources.HintOf(err))
	}
	for _, ser := range series {
		t.Logf("%s: %d points (%d with data), step %s, unit %q", ser.Name, ser.Len(), ser.Valid(), ser.Step, ser.Unit)
		if ser.Len() > maxPoints {
			t.Errorf("%d points, more than %d", ser.Len(), maxPoints)
		}
	}
}
