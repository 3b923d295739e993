package demo

import (
	"context"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// BenchmarkFetch30d is one panel of the demo agenda: p95 over 30 days on a
// 120-column chart (43,200 minutes rolled up to 6-hour buckets).
func BenchmarkFetch30d(b *testing.B) {
	now := time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)
	s, err := New(sources.Config{Seed: 7}, func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	q := sources.Query{Expr: Queries()[1], Columns: 120}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Fetch(ctx, q, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetchByResource30d is the grouped query: five endpoints.
func BenchmarkFetchByResource30d(b *testing.B) {
	now := time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)
	s, err := New(sources.Config{Seed: 7}, func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	q := sources.Query{Expr: Queries()[3], Columns: 120}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Fetch(ctx, q, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetchSLO30d is the availability SLO over 30 days.
func BenchmarkFetchSLO30d(b *testing.B) {
	now := time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)
	s, err := New(sources.Config{Seed: 7}, func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.FetchSLO(ctx, sloAvailability, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew is the cost of opening the backend: the week's traffic shape.
func BenchmarkNew(b *testing.B) {
	now := func() time.Time { return time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC) }
	for b.Loop() {
		if _, err := New(sources.Config{Seed: 7}, now); err != nil {
			b.Fatal(err)
		}
	}
}
