package datadog

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// checkNow is the clock of the Check tests: the probe asks for the minute
// before it.
var checkNow = time.Date(2026, 11, 21, 9, 30, 15, 0, time.UTC)

func validateStub(reply http.HandlerFunc) *stub {
	// /validate carries only DD-API-KEY: it cannot test the app key.
	return &stub{method: http.MethodGet, path: "/api/v1/validate", apiKeyOnly: true, reply: reply}
}

func probeStub(reply http.HandlerFunc) *stub {
	return &stub{method: http.MethodGet, path: "/api/v1/query", reply: reply,
		check: wantParams(map[string]string{
			"from":  strconv.FormatInt(checkNow.Add(-time.Minute).Unix(), 10),
			"to":    strconv.FormatInt(checkNow.Unix(), 10),
			"query": probeQuery, // no rollup: a minute needs none
		})}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name     string
		stubs    func(t *testing.T) []*stub
		wantMsg  string // "" for success
		wantHint string
	}{
		{
			name: "both keys accepted",
			stubs: func(t *testing.T) []*stub {
				return []*stub{validateStub(fixture(t, 200, "validate_ok.json")), probeStub(fixture(t, 200, "query_empty.json"))}
			},
		},
		{
			name: "API key rejected: the app key is not tried",
			stubs: func(t *testing.T) []*stub {
				return []*stub{validateStub(fixture(t, 403, "forbidden.json"))}
			},
			wantMsg:  "DD_API_KEY rejected by {host} (403 Forbidden: Forbidden)",
			wantHint: "a key works only on its own site",
		},
		{
			name: "API key reported invalid",
			stubs: func(*testing.T) []*stub {
				return []*stub{validateStub(raw(200, "application/json", `{"valid":false}`))}
			},
			wantMsg:  "DD_API_KEY rejected by {host} (valid: false)",
			wantHint: "Organization Settings → API Keys",
		},
		{
			name: "app key rejected",
			stubs: func(t *testing.T) []*stub {
				return []*stub{validateStub(fixture(t, 200, "validate_ok.json")), probeStub(fixture(t, 403, "forbidden.json"))}
			},
			wantMsg:  "DD_APP_KEY rejected by {host} (403 Forbidden: Forbidden)",
			wantHint: "timeseries_query",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			for _, s := range tt.stubs(t) {
				f.on(s)
			}
			err := f.source(t, WithNow(func() time.Time { return checkNow })).Check(context.Background())
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			se := asSourceError(t, err)
			if want := strings.ReplaceAll(tt.wantMsg, "{host}", f.host()); se.Msg != want {
				t.Errorf("Msg = %q\nwant  %q", se.Msg, want)
			}
			if !strings.Contains(se.Hint, tt.wantHint) {
				t.Errorf("Hint = %q, want it to contain %q", se.Hint, tt.wantHint)
			}
		})
	}
}
