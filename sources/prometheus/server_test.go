package prometheus

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// promServer is a real Prometheus started for the tests, holding the data
// of promdata_test.go.
type promServer struct {
	url string
}

// lockedBuffer collects a child process' output safely while the test reads
// it on failure.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startPrometheus backfills the test data with promtool and starts
// prometheus on a free loopback port; the server is killed when the test
// ends. The test is skipped only when the prometheus binary is not
// installed (.ci/install-prometheus.sh installs it).
func startPrometheus(t *testing.T) promServer {
	t.Helper()
	bin, err := exec.LookPath("prometheus")
	if err != nil {
		t.Skip("prometheus is not installed (run .ci/install-prometheus.sh): skipping the tests against a real server")
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatalf("prometheus is installed but promtool is not: %v", err)
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "data.om")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeOpenMetrics(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tsdb := filepath.Join(dir, "tsdb")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// --max-block-duration is hidden from promtool's --help but accepted by
	// 2.42; without it the two weeks would be cut into 2-hour blocks (168 of
	// them), which is slower to write and to open.
	out, err := exec.CommandContext(ctx, promtool, "tsdb", "create-blocks-from", "openmetrics",
		"--quiet", "--max-block-duration=720h", input, tsdb).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool backfill: %v\n%s", err, out)
	}
	if err := os.Remove(input); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(config, []byte("global:\n  scrape_interval: 1m\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(ctx, t)
	var logs lockedBuffer
	// The server lives until the test ends: cancelling its context kills it.
	life, kill := context.WithCancel(context.Background())
	cmd := exec.CommandContext(life, bin,
		"--config.file="+config,
		"--storage.tsdb.path="+tsdb,
		// Retention counts from the newest block, but be explicit: the
		// backfilled weeks must not be deleted at start.
		"--storage.tsdb.retention.time=3650d",
		"--web.listen-address="+addr,
		"--log.level=warn",
	)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start prometheus: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		kill()
		if err := <-exited; err != nil && testing.Verbose() {
			t.Logf("prometheus stopped: %v", err) // "signal: killed", as intended
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("prometheus exited before it was ready: %v\n%s", err, logs.String())
		default:
		}
		if ready(base) {
			return promServer{url: base}
		}
		if time.Now().After(deadline) {
			t.Fatalf("prometheus at %s not ready after 20s\n%s", base, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func ready(base string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/-/ready", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(ctx context.Context, t *testing.T) string {
	t.Helper()
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// rawQueryRange asks the server directly, without nagame's planning, for
// comparisons.
func rawQueryRange(ctx context.Context, t *testing.T, base, query string, g grid) []byte {
	t.Helper()
	u := fmt.Sprintf("%s/api/v1/query_range?query=%s&start=%d&end=%d&step=%d",
		base, url.QueryEscape(query), g.start.Unix(), g.end.Unix(), int(g.step.Seconds()))
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
