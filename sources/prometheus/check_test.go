package prometheus

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sources"
)

func TestCheck(t *testing.T) {
	api := func(buildinfo http.HandlerFunc, query http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/status/buildinfo") {
				buildinfo(w, r)
				return
			}
			query(w, r)
		}
	}
	notFound := func(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) }
	unauthorized := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusUnauthorized) }
	tests := []struct {
		name    string
		answer  http.HandlerFunc
		want    string // substring of the report
		wantErr string // substring of the error
		hint    string
	}{
		{"a Prometheus reports its version and URL", api(fixture(t, 200, "buildinfo.json"), fixture(t, 200, "vector1.json")), "Prometheus 2.53.0 at http://", "", ""},
		{"a server without build info still checks", api(notFound, fixture(t, 200, "vector1.json")), "version unknown", "", ""},
		{"refused credentials fail the check", api(unauthorized, unauthorized), "", "refused the credentials", "token_env"},
		{"a query the tenant may not run fails the check", api(fixture(t, 200, "buildinfo.json"), unauthorized), "", "HTTP 401", "token_env"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.answer)
			src := newSource(t, f, sources.Config{}, nil)
			got, err := src.Status(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(sources.HintOf(err), tt.hint) {
					t.Fatalf("got %q, %v (hint %q); want an error with %q, hint %q", got, err, sources.HintOf(err), tt.wantErr, tt.hint)
				}
				if cerr := src.Check(context.Background()); cerr == nil {
					t.Error("Check passed where Status failed")
				}
				return
			}
			if err != nil || !strings.Contains(got, tt.want) || !strings.Contains(got, f.srv.URL) {
				t.Fatalf("got %q, %v; want %q and the URL", got, err, tt.want)
			}
			if err := src.Check(context.Background()); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}
}
