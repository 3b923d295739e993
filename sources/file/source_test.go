package file

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// morning is the window of the testdata files: 2026-10-01 00:00–06:00 UTC
// (1790812800 … 1790834400).
var morning = sources.Window{
	From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC),
}

func at(h, m int) time.Time { return time.Date(2026, 10, 1, h, m, 0, 0, time.UTC) }

// want is one expected series: its name, step and values from its first
// point on (NaN a gap), the first point at start.
type want struct {
	name  string
	step  time.Duration
	start time.Time
	vs    []float64
}

func testdataSource(t *testing.T) *Source {
	t.Helper()
	s, err := New(sources.Config{Name: "files", Type: sources.TypeFile, Path: "testdata", BaseDir: "."})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFetchFormats(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		q     sources.Query
		want  []want
		notes []string
	}{
		{
			// Wide, quoted headers with commas in them. 23:00 and 06:00 are
			// outside the window; 03:00 is a missing row (a gap) and /pay's
			// 01:00 an empty cell. Latency is a gauge: ranked by mean,
			// /pay (0.295) before /cart (0.252); the text column "metric" is
			// not a series.
			name: "a Datadog-style wide CSV",
			q:    sources.Query{Expr: "datadog.csv", Kind: sources.KindLatency, Unit: "s"},
			want: []want{
				{"p95:trace.http.request{service:checkout,resource_name:/pay}", time.Hour, at(0, 0), []float64{0.3, nan, 0.31, nan, 0.29, 0.28}},
				{"p95:trace.http.request{service:checkout,resource_name:/cart}", time.Hour, at(0, 0), []float64{0.12, 0.13, 0.9, nan, 0.11, 0.1}},
			},
			notes: []string{`columns "metric" hold text`},
		},
		{
			name: "a long CSV with a series column",
			q:    sources.Query{Expr: "long.csv", Kind: sources.KindLoad},
			want: []want{
				{"web", 5 * time.Minute, at(0, 0), []float64{100, 110, 120}},
				{"worker", 5 * time.Minute, at(0, 0), []float64{20, nan, 22}},
			},
		},
		{
			name: "a headerless CSV of epoch seconds is one series named after the file",
			q:    sources.Query{Expr: "headerless.csv", Kind: sources.KindCustom},
			want: []want{{"headerless", 5 * time.Minute, at(0, 0), []float64{1.5, 1.6, nan, 1.8}}},
		},
		{
			name: "a semicolon CSV of epoch milliseconds",
			q:    sources.Query{Expr: "semicolon.csv", Kind: sources.KindCustom, Unit: "%"},
			want: []want{{"cpu", time.Minute, at(0, 0), []float64{41.5, 42}}},
		},
		{
			// The labels that differ name the series; +Inf is a gap; the
			// .123 s timestamp stays (a 5m step, inferred from the others).
			name: "a Prometheus query_range export",
			q:    sources.Query{Expr: "prom.json", Kind: sources.KindLoad},
			want: []want{
				{"code=200", 5 * time.Minute, at(0, 0), []float64{100, 110, nan, 130}},
				{"code=500", 5 * time.Minute, at(0, 0), []float64{1, nan, 2, 0}},
			},
			notes: []string{"partial response: store eu-west unavailable", "1 values are infinite"},
		},
		{
			name: "nagame's own series",
			q:    sources.Query{Expr: "nagame.json", Kind: sources.KindLatency},
			want: []want{{"p95", time.Hour, at(0, 0), []float64{0.1, nan, 0.3}}},
		},
		{
			name:  "a session data file",
			q:     sources.Query{Expr: "session.json", Kind: sources.KindLatency},
			want:  []want{{"p95", time.Hour, at(0, 0), []float64{0.1, 0.2}}},
			notes: []string{"seen with a fallback"},
		},
	}
	src := testdataSource(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := src.Fetch(context.Background(), tt.q, morning)
			if err != nil {
				t.Fatalf("Fetch: %v (hint %q)", err, sources.HintOf(err))
			}
			checkSeries(t, got, tt.want, tt.q.Unit)
			for _, n := range tt.notes {
				if !slices.ContainsFunc(got[0].Warnings, func(w string) bool { return strings.Contains(w, n) }) {
					t.Errorf("warnings %q lack %q", got[0].Warnings, n)
				}
			}
			if len(tt.notes) == 0 && len(got[0].Warnings) > 0 {
				t.Errorf("unexpected warnings %q", got[0].Warnings)
			}
		})
	}
}

func checkSeries(t *testing.T, got []sources.Series, want []want, unit string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d series %q, want %d", len(got), seriesNames(got), len(want))
	}
	for i, w := range want {
		s := got[i]
		if s.Name != w.name || s.Step != w.step || len(s.Points) != len(w.vs) {
			t.Errorf("series %d = %q step %s, %d points; want %q step %s, %d points", i, s.Name, s.Step, len(s.Points), w.name, w.step, len(w.vs))
			continue
		}
		if unit != "" && s.Unit != unit {
			t.Errorf("%s: unit %q, want %q", s.Name, s.Unit, unit)
		}
		for j, p := range s.Points {
			wantT := w.start.Add(time.Duration(j) * w.step)
			if !p.T.Truncate(time.Second).Equal(wantT) || !(p.V == w.vs[j] || math.IsNaN(p.V) && math.IsNaN(w.vs[j])) {
				t.Errorf("%s[%d] = %s %g, want %s %g", s.Name, j, p.T, p.V, wantT, w.vs[j])
			}
		}
	}
}

func seriesNames(ss []sources.Series) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}

func TestFetchReturnsOnlyTheWindow(t *testing.T) {
	src := testdataSource(t)
	// 00:05–00:10 of long.csv: only the 00:05 row is inside [From, To).
	w := sources.Window{From: at(0, 5), To: at(0, 10)}
	got, err := src.Fetch(context.Background(), sources.Query{Expr: "long.csv", Kind: sources.KindLoad}, w)
	if err != nil {
		t.Fatal(err)
	}
	checkSeries(t, got, []want{{"web", 5 * time.Minute, at(0, 5), []float64{110}}, {"worker", 5 * time.Minute, at(0, 5), []float64{math.NaN()}}}, "")

	// A window the file does not reach is no data, not an error.
	later := sources.Window{From: at(12, 0), To: at(13, 0)}
	if got, err := src.Fetch(context.Background(), sources.Query{Expr: "long.csv"}, later); err != nil || got != nil {
		t.Errorf("got %v, %v; want nil, nil", got, err)
	}
}

func TestFetchTopFoldsCountsAndDropsGauges(t *testing.T) {
	dir := t.TempDir()
	// Four series, means 4, 3, 2, 1 (d has a gap at 00:01).
	csv := "timestamp,a,b,c,d\n2026-10-01T00:00:00Z,4,3,2,1\n2026-10-01T00:01:00Z,4,3,2,\n"
	writeFile(t, dir, "many.csv", csv)
	src, err := New(sources.Config{Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := src.Fetch(context.Background(), sources.Query{Expr: "many.csv", Measure: sources.Count, Top: 2}, morning)
	if err != nil {
		t.Fatal(err)
	}
	// other = c + d: 2+1 = 3 at 00:00, 2 + gap = 2 at 00:01.
	checkSeries(t, counts, []want{
		{"a", time.Minute, at(0, 0), []float64{4, 4}},
		{"b", time.Minute, at(0, 0), []float64{3, 3}},
		{"other (2 series)", time.Minute, at(0, 0), []float64{3, 2}},
	}, "")
	gauges, err := src.Fetch(context.Background(), sources.Query{Expr: "many.csv", Kind: sources.KindLatency, Measure: sources.Rate, Top: 2}, morning)
	if err != nil {
		t.Fatal(err)
	}
	if n := seriesNames(gauges); !slices.Equal(n, []string{"a", "b"}) {
		t.Errorf("gauges %q, want a and b only", n)
	}
}

func TestFetchErrorsNameTheFileAndPlace(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		msg     string // prefix of Msg after the file name
		hint    string
	}{
		{"a word where a number belongs", "bad.csv", "timestamp,p95\n2026-10-01T00:00:00Z,0.1\n2026-10-01T00:01:00Z,abc\n",
			`bad.csv:3: column 2: (p95) "abc" is not a number`, "plain numbers"},
		{"a decimal comma", "comma.csv", "time;p95\n2026-10-01T00:00:00Z;0,12\n",
			`comma.csv:2: column 2: (p95) "0,12" is not a number (a decimal comma?`, "plain numbers"},
		{"a bad timestamp", "when.csv", "timestamp,v\nyesterday,1\n",
			`when.csv:2: column 1: "yesterday" is not a timestamp`, "RFC 3339"},
		{"a row longer than the header", "long.csv", "timestamp,a\n2026-10-01T00:00:00Z,1,2\n",
			"long.csv:2: 3 fields, but the header has 2", "decimal comma"},
		{"broken quoting", "quote.csv", "timestamp,a\n2026-10-01T00:00:00Z,\"1\n",
			"quote.csv:2:", "quoting"},
		{"no timestamp column", "notime.csv", "a,b\n1,2\n", "notime.csv:1: no timestamp column", "timestamp"},
		{"an empty file", "empty.csv", "", "empty.csv: the file has no rows", "export"},
		{"a JSON syntax error", "broken.json", "{\n  \"status\": \"success\",\n  \"data\": {\"resultType\": \"matrix\" \"result\": []}\n}\n",
			"broken.json:3:", "missing comma"},
		{"a bad Prometheus value", "value.json", `{"status":"success","data":{"resultType":"matrix","result":[` + "\n" + `{"metric":{},"values":[[1790812800,"x"]]}]}}`,
			`value.json:2:1: result[0].values[0]: value "x" is not a number`, "fix the JSON"},
		{"an instant query export", "vector.json", `{"status":"success","data":{"resultType":"vector","result":[]}}`,
			`vector.json: the file holds a "vector" result`, "query_range"},
		{"a failed query export", "failed.json", `{"status":"error","errorType":"bad_data","error":"parse error"}`,
			"failed.json: the file holds a failed query: bad_data: parse error", "export"},
		{"a nagame series with a bad point", "series.json", "[\n {\"name\":\"p95\",\"points\":[[1]]}\n]",
			`series.json:2:2: series 0 ("p95"): point 0: want [unix_ms, value|null]`, "fix the JSON"},
		{"some other JSON", "other.json", `{"hello": "world"}`, "other.json: this JSON is neither", "query_range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, tt.file, tt.content)
			src, err := New(sources.Config{Path: dir, BaseDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			_, err = src.Fetch(context.Background(), sources.Query{Expr: tt.file}, morning)
			var se *sources.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *sources.Error", err)
			}
			if !strings.HasPrefix(se.Msg, tt.msg) || !strings.Contains(se.Hint, tt.hint) || se.Backend != "file" || se.Query != tt.file {
				t.Errorf("got %q (hint %q), want a message starting %q with hint %q", se.Msg, se.Hint, tt.msg, tt.hint)
			}
		})
	}
}

func TestFetchStaysInsideTheFolder(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, outside, "secret.csv", "timestamp,v\n2026-10-01T00:00:00Z,1\n")
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "sub"), "ok.csv", "timestamp,v\n2026-10-01T00:00:00Z,1\n")
	src, err := New(sources.Config{Path: filepath.Base(dir), BaseDir: filepath.Dir(dir)})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../" + filepath.Base(outside) + "/secret.csv", filepath.Join(outside, "secret.csv"), "sub/../../x.csv", "link.csv"} {
		t.Run(name, func(t *testing.T) {
			_, err := src.Fetch(context.Background(), sources.Query{Expr: name}, morning)
			if err == nil || !strings.Contains(err.Error(), "outside the source's folder") {
				t.Errorf("got %v, want a refusal naming the folder", err)
			}
		})
	}
	t.Run("a subfolder is fine", func(t *testing.T) {
		got, err := src.Fetch(context.Background(), sources.Query{Expr: "sub/ok.csv"}, morning)
		if err != nil || len(got) != 1 {
			t.Errorf("got %v, %v; want the series", got, err)
		}
	})
	t.Run("a missing file says where it looked", func(t *testing.T) {
		_, err := src.Fetch(context.Background(), sources.Query{Expr: "nope.csv"}, morning)
		if err == nil || !strings.Contains(err.Error(), "nope.csv: no such file in "+dir) {
			t.Errorf("got %v", err)
		}
	})
}

func TestCheck(t *testing.T) {
	base := t.TempDir()
	full := filepath.Join(base, "exports")
	if err := os.Mkdir(full, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, full, "a.csv", "timestamp,v\n")
	if err := os.Mkdir(filepath.Join(base, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, wantErr, hint string
	}{
		{"./exports", "", ""},
		{"missing", "does not exist", "create it"},
		{"empty", "is empty", "put the exported"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			src, err := New(sources.Config{Name: "csv", Path: tt.path, BaseDir: base})
			if err != nil {
				t.Fatal(err)
			}
			err = src.Check(context.Background())
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("Check: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(sources.HintOf(err), tt.hint) {
				t.Errorf("got %v (hint %q), want %q with hint %q", err, sources.HintOf(err), tt.wantErr, tt.hint)
			}
		})
	}
}

func TestNewRefusesAnotherType(t *testing.T) {
	if _, err := New(sources.Config{Name: "x", Type: sources.TypePrometheus}); err == nil {
		t.Error("New accepted a prometheus config")
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSeriesNagameWroteReadBack(t *testing.T) {
	// What a session stores (sources.Series as JSON) is a file this source
	// reads: the same points, gaps, step and warnings come back.
	in := []sources.Series{{
		Name: "p95", Unit: "s", Step: time.Hour, Warnings: []string{"partial data"},
		Points: []sources.Point{{T: at(0, 0), V: 0.1}, {T: at(1, 0), V: math.NaN()}, {T: at(2, 0), V: 0.3}},
	}}
	data, err := json.Marshal(map[string]any{"series": in})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "latency.json", string(data))
	src, err := New(sources.Config{Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got, err := src.Fetch(context.Background(), sources.Query{Expr: "latency.json", Kind: sources.KindLatency}, morning)
	if err != nil {
		t.Fatal(err)
	}
	checkSeries(t, got, []want{{"p95", time.Hour, at(0, 0), []float64{0.1, math.NaN(), 0.3}}}, "")
	if got[0].Unit != "s" || !slices.Equal(got[0].Warnings, []string{"partial data"}) {
		t.Errorf("unit %q, warnings %q; want s and the stored warning", got[0].Unit, got[0].Warnings)
	}
}
