package file

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// The sample files of examples/files.yaml are generated here, so they are
// deterministic and their story is known: go test ./sources/file -run
// TestExampleFiles -update rewrites them.
var update = flag.Bool("update", false, "rewrite examples/files/ from the generator")

const examplesDir = "../../examples/files"

var (
	// The agenda's window, October 2026, and the 31 days before it.
	exFrom     = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	exTo       = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	exDataFrom = exFrom.Add(-31 * 24 * time.Hour)

	// The story: a connection-pool fix lowers p95 from about 240 ms to about
	// 170 ms; one 30-minute spike to 950 ms; a 90-minute scrape gap; traffic
	// 20 % above September; errors 0.05 % in September, 0.02 % after, with
	// one incident hour at 4 %, five minutes after a config change; the
	// deploys and the change are listed in deploys.csv.
	exPoolFix  = time.Date(2026, 10, 6, 10, 30, 0, 0, time.UTC)
	exSpike    = time.Date(2026, 10, 14, 9, 30, 0, 0, time.UTC)
	exGapFrom  = time.Date(2026, 10, 20, 3, 0, 0, 0, time.UTC)
	exGapTo    = exGapFrom.Add(90 * time.Minute)
	exIncident = time.Date(2026, 10, 21, 14, 0, 0, 0, time.UTC)
)

const (
	exSpikeP95 = 0.95
	// exIncidentErrorShare is the share of requests failing in the
	// incident hour.
	exIncidentErrorShare = 0.04
)

// noise is a deterministic value in [0, 1) for (stream, i): splitmix64.
func noise(stream, i uint64) float64 {
	z := stream*0x9e3779b97f4a7c15 + i + 1
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

// exP95 is the checkout p95 in seconds for the half hour starting at t.
func exP95(t time.Time, i uint64) float64 {
	if t.Equal(exSpike) {
		return exSpikeP95
	}
	base := 0.24
	if !t.Before(exPoolFix) {
		base = 0.17
	}
	// Busier hours are a little slower.
	return base*(0.9+0.2*dailyShape(t)) + 0.02*noise(1, i)
}

// dailyShape is the day's traffic curve in [0.25, 1]: a night trough, an
// evening peak.
func dailyShape(t time.Time) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60
	return 0.625 - 0.375*math.Cos((h-3)/24*2*math.Pi)
}

// exLoad is the request rate (req/s) of a client for the hour starting at t.
func exLoad(client int, t time.Time, i uint64) float64 {
	peak := []float64{300, 120}[client]
	if t.Before(exFrom) {
		peak /= 1.2
	}
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		peak *= 0.6
	}
	return peak * dailyShape(t) * (0.95 + 0.1*noise(uint64(10+client), i))
}

// exRequests and exErrors are the hour's request and error counts.
func exRequests(t time.Time, i uint64) int {
	return int(math.Round((exLoad(0, t, i) + exLoad(1, t, i)) * 3600))
}

func exErrors(t time.Time, i uint64) int {
	share := 0.0002
	switch {
	case t.Equal(exIncident):
		share = exIncidentErrorShare
	case t.Before(exFrom):
		share = 0.0005
	}
	return int(math.Round(float64(exRequests(t, i)) * share * (0.5 + noise(20, i))))
}

// exampleFiles renders every sample file.
func exampleFiles() map[string][]byte {
	files := map[string][]byte{}

	// latency.csv: one Datadog-style column, every 30 minutes; the scrape
	// gap is empty cells.
	var b bytes.Buffer
	b.WriteString("timestamp,\"p95:trace.http.request{service:checkout,env:prod}\"\n")
	for t, i := exDataFrom, uint64(0); t.Before(exTo); t, i = t.Add(30*time.Minute), i+1 {
		v := ""
		if t.Before(exGapFrom) || !t.Before(exGapTo) {
			v = strconv.FormatFloat(exP95(t, i), 'f', 3, 64)
		}
		fmt.Fprintf(&b, "%s,%s\n", t.Format("2006-01-02T15:04:05.000Z"), v)
	}
	files["latency.csv"] = bytes.Clone(b.Bytes())

	// latency-by-endpoint.csv: three columns, hourly, a spreadsheet's row
	// numbers in front (an unnamed column nagame skips).
	b.Reset()
	endpoints := []struct {
		name   string
		factor float64
	}{{"/cart", 0.8}, {"/checkout", 1.3}, {"/pay", 1.9}}
	b.WriteString(",timestamp")
	for _, e := range endpoints {
		fmt.Fprintf(&b, ",\"p95:trace.http.request{service:checkout,env:prod,resource_name:%s}\"", e.name)
	}
	b.WriteString("\n")
	for t, i := exDataFrom, uint64(0); t.Before(exTo); t, i = t.Add(time.Hour), i+1 {
		fmt.Fprintf(&b, "%d,%s", i, t.Format("2006-01-02T15:04:05.000Z"))
		for k, e := range endpoints {
			v := exP95(t, i)*e.factor + 0.01*noise(uint64(30+k), i)
			fmt.Fprintf(&b, ",%.3f", v)
		}
		b.WriteString("\n")
	}
	files["latency-by-endpoint.csv"] = bytes.Clone(b.Bytes())

	// load.csv: the long form, one row per client per hour.
	b.Reset()
	b.WriteString("timestamp,value,series\n")
	for t, i := exDataFrom, uint64(0); t.Before(exTo); t, i = t.Add(time.Hour), i+1 {
		for c, name := range []string{"web", "mobile"} {
			fmt.Fprintf(&b, "%s,%.1f,%s\n", t.Format(time.DateTime), exLoad(c, t, i), name)
		}
	}
	files["load.csv"] = bytes.Clone(b.Bytes())

	// errors.json and requests.json: Prometheus query_range answers of
	// hourly counts, one value a line, each stamped at the start of the hour
	// it counts, as nagame labels buckets (Prometheus itself would stamp
	// increase(x[1h]) at the hour's end; the file source keeps a file's
	// stamps as they are).
	prom := func(metric string, count func(time.Time, uint64) int) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[\n{\"metric\":%s,\"values\":[\n", metric)
		first := true
		for t, i := exDataFrom, uint64(0); t.Before(exTo); t, i = t.Add(time.Hour), i+1 {
			if !first {
				b.WriteString(",\n")
			}
			first = false
			fmt.Fprintf(&b, "[%d,\"%d\"]", t.Unix(), count(t, i))
		}
		b.WriteString("\n]}]}}\n")
		return b.Bytes()
	}
	files["errors.json"] = prom(`{"job":"checkout"}`, exErrors)
	files["requests.json"] = prom(`{"job":"checkout"}`, exRequests)

	// deploys.csv: the events a CD pipeline would log, time,text: the pool
	// fix, a deploy that changed nothing, the change before the incident.
	b.Reset()
	b.WriteString("time,text\n")
	for _, e := range exDeploys() {
		fmt.Fprintf(&b, "%s,%s\n", e.At.Format(time.RFC3339), e.Text)
	}
	files["deploys.csv"] = bytes.Clone(b.Bytes())
	return files
}

// exDeploys are the story's events, in time order.
func exDeploys() []sources.Event {
	return []sources.Event{
		{At: time.Date(2026, 9, 16, 15, 0, 0, 0, time.UTC), Text: "deploy checkout v3.7.0"},
		{At: exPoolFix, Text: "deploy checkout v3.8.0 (connection pool fix)"},
		{At: time.Date(2026, 10, 15, 11, 20, 0, 0, time.UTC), Text: "deploy checkout v3.8.1"},
		{At: exIncident.Add(-5 * time.Minute), Text: "config: payment retries 3 → 0"},
	}
}

func TestExampleFiles(t *testing.T) {
	files := exampleFiles()
	if *update {
		if err := os.MkdirAll(examplesDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(examplesDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(examplesDir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("examples/files/%s is not what the generator writes (%v): go test ./sources/file -run TestExampleFiles -update", name, err)
		}
	}
}

func TestExampleFilesTellTheirStory(t *testing.T) {
	src, err := New(sources.Config{Name: "files", Type: sources.TypeFile, Path: filepath.Base(examplesDir), BaseDir: filepath.Dir(examplesDir)})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	cur := sources.Window{From: exFrom, To: exTo}
	prev := cur.Previous()
	fetch := func(q sources.Query, w sources.Window) []sources.Series {
		t.Helper()
		got, err := src.Fetch(context.Background(), q, w)
		if err != nil {
			t.Fatalf("%s: %v", q.Expr, err)
		}
		return got
	}
	// October has 31 days: 1,488 half hours, 744 hours; so has the
	// previous window.
	lat := fetch(sources.Query{Expr: "latency.csv", Kind: sources.KindLatency, Unit: "s"}, cur)[0]
	if len(lat.Points) != 1488 || lat.Step != 30*time.Minute {
		t.Errorf("latency: %d points at %s, want 1488 at 30m", len(lat.Points), lat.Step)
	}
	peakAt, peak := time.Time{}, 0.0
	gaps := 0
	for _, p := range lat.Points {
		if math.IsNaN(p.V) {
			gaps++
		} else if p.V > peak {
			peakAt, peak = p.T, p.V
		}
	}
	if !peakAt.Equal(exSpike) || peak != exSpikeP95 || gaps != 3 {
		t.Errorf("latency peak %g at %s with %d gaps; want %g at %s and 3 gaps (90 minutes)", peak, peakAt, gaps, exSpikeP95, exSpike)
	}
	if p := fetch(sources.Query{Expr: "latency.csv", Kind: sources.KindLatency}, prev)[0]; len(p.Points) != 1488 {
		t.Errorf("previous latency: %d points, want 1488", len(p.Points))
	}

	byEndpoint := fetch(sources.Query{Expr: "latency-by-endpoint.csv", Kind: sources.KindLatency, Top: 2}, cur)
	if n := seriesNames(byEndpoint); len(n) != 2 || n[0] != "p95:trace.http.request{service:checkout,env:prod,resource_name:/pay}" {
		t.Errorf("by endpoint: %q, want /pay (the slowest) first and two lines", n)
	}

	load := fetch(sources.Query{Expr: "load.csv", Kind: sources.KindLoad}, cur)
	if n := seriesNames(load); len(n) != 2 || n[0] != "web" || len(load[0].Points) != 744 {
		t.Errorf("load: %q with %d points, want web and mobile, 744 hours", n, len(load[0].Points))
	}

	errs := fetch(sources.Query{Expr: "errors.json", Kind: sources.KindErrors}, cur)[0]
	reqs := fetch(sources.Query{Expr: "requests.json", Kind: sources.KindErrors}, cur)[0]
	i := int(exIncident.Sub(exFrom) / time.Hour)
	if share := errs.Points[i].V / reqs.Points[i].V; math.Abs(share-exIncidentErrorShare) > exIncidentErrorShare/2 {
		t.Errorf("incident hour error share %.4f, want about %.2f", share, exIncidentErrorShare)
	}
	if !errs.Points[i].T.Equal(exIncident) {
		t.Errorf("incident hour at %s, want %s", errs.Points[i].T, exIncident)
	}

	// The window's three events; September's deploy in the previous one.
	for w, n := range map[sources.Window]int{cur: 3, prev: 1} {
		evs, err := src.Events(context.Background(), sources.EventQuery{Expr: "deploys.csv"}, w)
		if err != nil || len(evs.Events) != n {
			t.Errorf("deploys.csv over %s: %d events, %v; want %d", w, len(evs.Events), err, n)
		}
	}
}
