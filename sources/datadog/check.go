package datadog

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// probeQuery is the query Check runs to test the application key: every org
// has Datadog's own usage metrics, and an empty answer passes as well.
const probeQuery = "avg:datadog.estimated_usage.hosts{*}"

// Check verifies, the day before a meeting, that the keys are set and that
// Datadog at the configured site or url accepts them:
//
//  1. GET /api/v1/validate, which tests DD_API_KEY alone;
//  2. a query of probeQuery over the last minute, which needs both keys and
//     the timeseries_query permission every metric panel needs.
//
// It does not test slos_read: an SLO panel's own fetch (nagame validate's
// dry run) does that. Errors name the key at fault.
func (s *Source) Check(ctx context.Context) error {
	if s.keysErr != nil {
		return s.keysErr
	}
	actx := s.authContext(ctx)
	valid := true
	o := s.retry.do(ctx, func() (*http.Response, error) {
		resp, hr, err := s.auth.Validate(actx)
		// An answer without the field is no verdict against the key.
		valid = resp.Valid == nil || *resp.Valid
		return hr, err
	})
	if o.err != nil {
		return s.failure(ctx, request{probe: apiKeyProbe}, o)
	}
	if !valid {
		return &sources.Error{Backend: backend,
			Msg:  fmt.Sprintf("DD_API_KEY rejected by %s (valid: false)", s.ep.host),
			Hint: fmt.Sprintf("use an API key of an org on %s (Organization Settings → API Keys)", s.ep.site)}
	}
	to := s.now().Truncate(time.Second)
	o = s.retry.do(ctx, func() (*http.Response, error) {
		_, hr, err := s.metrics.QueryMetrics(actx, to.Add(-time.Minute).Unix(), to.Unix(), probeQuery)
		return hr, err
	})
	if o.err != nil {
		return s.failure(ctx, request{query: probeQuery, probe: appKeyProbe}, o)
	}
	return nil
}
