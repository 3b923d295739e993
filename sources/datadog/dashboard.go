package datadog

import (
	"context"
	"net/http"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// Dashboard reads a dashboard's definition (GET /api/v1/dashboard/{id}),
// which nagame init starts an agenda from. It needs the keys of the org
// that owns the dashboard and, for a scoped application key, the
// dashboards_read permission; a failure is a *sources.Error worded like a
// panel's (404 and 403 say which of the id, the site or the scope to check).
func (s *Source) Dashboard(ctx context.Context, id string) (datadogV1.Dashboard, error) {
	if s.keysErr != nil {
		return datadogV1.Dashboard{}, s.keysErr
	}
	actx := s.authContext(ctx)
	var dash datadogV1.Dashboard
	o := s.retry.do(ctx, func() (*http.Response, error) {
		d, hr, err := s.dashboards.GetDashboard(actx, id)
		dash = d
		return hr, err
	})
	if o.err != nil {
		return datadogV1.Dashboard{}, s.failure(ctx, request{dashboard: id}, o)
	}
	if unparsed, _ := datadog.ContainsUnparsedObject(dash); unparsed && dash.Title == "" && len(dash.Widgets) == 0 {
		return datadogV1.Dashboard{}, &sources.Error{Backend: backend,
			Msg:  "the answer of " + s.ep.host + " is not a dashboard nagame can read",
			Hint: "if url: points at a proxy, check that it forwards Datadog's API unchanged"}
	}
	return dash, nil
}
