package file

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// BenchmarkParseYearOfMinutes reads the largest export a panel is likely to
// meet: a year of 1-minute points in two columns (525,600 rows, ~20 MB),
// and keeps a 30-day window of it.
func BenchmarkParseYearOfMinutes(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("timestamp,p50,p95\n")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 365 * 24 * 60 {
		fmt.Fprintf(&buf, "%s,%.3f,%.3f\n", t0.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), 0.1+float64(i%7)/100, 0.2+float64(i%11)/100)
	}
	data := buf.Bytes()
	w := sources.Window{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		tab, err := parseCSV(data, "year.csv", "year", excerpts{})
		if err != nil {
			b.Fatal(err)
		}
		if got, _ := finish(tab, w); len(got[0].Points) != 30*24*60 {
			b.Fatalf("%d points", len(got[0].Points))
		}
	}
}
