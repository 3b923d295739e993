package prometheus

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/nagame-dev/nagame/sources"
)

// A Prometheus source verifies itself before a meeting and says what
// answered.
var (
	_ sources.Checker        = (*Source)(nil)
	_ sources.StatusReporter = (*Source)(nil)
)

// Check verifies, before a meeting, that the server answers at its URL and
// accepts the source's credentials (and tenant header) for a query.
func (s *Source) Check(ctx context.Context) error {
	_, err := s.Status(ctx)
	return err
}

// Status is Check with a report for people on success: "Prometheus 2.42.0
// at http://localhost:9090". It reads the build information (servers that do
// not have that endpoint, such as some Mimir and Thanos versions, are
// reported without a version) and runs the query vector(1), which needs the
// same permissions as a panel's query.
func (s *Source) Status(ctx context.Context) (string, error) {
	version := ""
	var bi v1.BuildinfoResult
	err := s.try(ctx, func(ctx context.Context) error {
		var err error
		bi, err = s.api.Buildinfo(ctx)
		return err
	})
	var se *statusError
	switch {
	case err == nil:
		version = bi.Version
	case errors.As(err, &se) && (se.code == http.StatusNotFound || se.code == http.StatusNotImplemented):
		// No build information: the query below still proves the rest.
	default:
		return "", s.fail("", err)
	}
	if err := s.try(ctx, func(ctx context.Context) error {
		_, _, _, err := s.api.Query(ctx, "vector(1)", s.now())
		return err
	}); err != nil {
		return "", s.fail("vector(1)", err)
	}
	if version == "" {
		return fmt.Sprintf("Prometheus-compatible server at %s (version unknown): queries work", s.url), nil
	}
	return fmt.Sprintf("Prometheus %s at %s: queries work", version, s.url), nil
}
