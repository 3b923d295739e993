package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// GrafanaTokenEnv is the environment variable whose value, when set, is
// sent as a bearer token to Grafana's HTTP API (a service account token).
const GrafanaTokenEnv = "GRAFANA_TOKEN"

// maxDashboard bounds what is read of one dashboard: the largest public
// dashboards are a few megabytes.
const maxDashboard = 16 << 20

// GrafanaRef is a dashboard on a Grafana server: its API's base URL and the
// dashboard's uid.
type GrafanaRef struct {
	Base, UID string
}

// ParseGrafanaURL reads a dashboard's address as a browser shows it
// (https://grafana.example.com/d/6be0s85Mk/grafana-overview?orgId=1, a sub
// path before /d/ included) or its API address (…/api/dashboards/uid/UID).
func ParseGrafanaURL(raw string) (GrafanaRef, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return GrafanaRef{}, fmt.Errorf("%q is not a Grafana address: want https://HOST/d/UID/NAME", raw)
	}
	if u.User != nil {
		return GrafanaRef{}, fmt.Errorf("the Grafana address carries credentials: remove them and set %s instead", GrafanaTokenEnv)
	}
	path := u.EscapedPath()
	for _, marker := range []string{"/api/dashboards/uid/", "/d/", "/d-solo/"} {
		i := strings.Index(path, marker)
		if i < 0 {
			continue
		}
		uid, _, _ := strings.Cut(path[i+len(marker):], "/")
		if uid == "" {
			break
		}
		base := u.Scheme + "://" + u.Host + path[:i]
		return GrafanaRef{Base: base, UID: uid}, nil
	}
	return GrafanaRef{}, fmt.Errorf("%q names no dashboard: want https://HOST/d/UID/NAME, as the browser shows the dashboard", raw)
}

// FetchGrafana reads a dashboard through Grafana's HTTP API
// (GET /api/dashboards/uid/{uid}), with token as a bearer token when set.
// Failures say what to do in one line.
func FetchGrafana(ctx context.Context, client *http.Client, ref GrafanaRef, token string) ([]byte, error) {
	if client == nil {
		client = http.DefaultClient
	}
	api := ref.Base + "/api/dashboards/uid/" + ref.UID
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, api, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	host := req.URL.Host
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("grafana: cannot reach %s (%w); check the address and the network", host, err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDashboard+1))
	if err != nil {
		return nil, fmt.Errorf("grafana: the answer of %s was cut short: %w", host, err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusUnauthorized, http.StatusForbidden:
		hint := "set " + GrafanaTokenEnv + " to a service account token that may read the dashboard (Viewer)"
		if token != "" {
			hint = "the token in " + GrafanaTokenEnv + " is refused: use a service account token of this Grafana that may read the dashboard"
		}
		return nil, fmt.Errorf("grafana: %s answered %s; %s", host, resp.Status, hint)
	case http.StatusNotFound:
		return nil, fmt.Errorf("grafana: no dashboard with uid %s at %s (404); copy the address from the browser, or export the JSON and use --from grafana:FILE", ref.UID, ref.Base)
	default:
		return nil, fmt.Errorf("grafana: %s answered %s; retry, or export the JSON and use --from grafana:FILE", host, resp.Status)
	}
	if len(body) > maxDashboard {
		return nil, fmt.Errorf("grafana: the dashboard at %s is larger than %d MiB: is this a dashboard?", host, maxDashboard>>20)
	}
	return body, nil
}
