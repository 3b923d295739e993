package datadog

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// BenchmarkFetchGrouped is the heaviest answer a panel gets: eight groups of
// 1,440 points (30 days at 30 min), decoded, checked for unparsed objects
// (a reflective walk of every point), ranked and folded. It runs against a
// loopback server, so it includes the client's JSON decoding.
func BenchmarkFetchGrouped(b *testing.B) {
	const groups, n = 8, 1440
	start := float64(time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC).UnixMilli())
	series := make([]map[string]any, groups)
	for g := range series {
		pts := make([][]any, n)
		for i := range pts {
			pts[i] = []any{start + float64(i)*1.8e6, float64(g*100 + i%50)}
		}
		series[g] = map[string]any{"metric": "trace.http.request.hits", "tag_set": []string{fmt.Sprintf("resource_name:GET /r%d", g)},
			"interval": 1800, "query_index": 0, "pointlist": pts, "unit": nil}
	}
	body, err := json.Marshal(map[string]any{"status": "ok", "series": series})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(raw(200, "application/json", string(body)))
	defer srv.Close()
	s, err := New(sources.Config{URL: srv.URL}, WithGetenv(env(map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey})))
	if err != nil {
		b.Fatal(err)
	}
	q := sources.Query{Kind: sources.KindLoad, Expr: "sum:trace.http.request.hits{env:prod} by {resource_name}.as_count()", Columns: 1440}
	w := sources.Window{From: time.UnixMilli(int64(start)), To: time.UnixMilli(int64(start)).Add(30 * 24 * time.Hour)}
	ctx := context.Background()
	for b.Loop() {
		got, err := s.Fetch(ctx, q, w)
		if err != nil || len(got) != 6 {
			b.Fatalf("Fetch = %d series, %v", len(got), err)
		}
	}
}
