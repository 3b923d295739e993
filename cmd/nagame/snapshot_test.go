package main

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// demoPanelTitles are the six panels of examples/demo.yaml, in order.
var demoPanelTitles = []string{
	"Checkout latency (p95)", "Latency by endpoint (p95)", "Checkout errors",
	"Checkout requests", "Checkout availability SLO", "Checkout CPU (user)",
}

// TestSnapshotOfTheDemo: with stdout not a terminal, snapshot prints plain
// text: every panel's title, a chart, its figures, the change against the
// previous window and the objective, identical for a fixed clock.
func TestSnapshotOfTheDemo(t *testing.T) {
	r := newCLI(t).run(t, "snapshot")
	wantCode(t, r, exitOK)
	if r.err != "" {
		t.Errorf("stderr should be empty, got:\n%s", r.err)
	}
	golden.RequireEqual(t, r.out)
	if strings.ContainsRune(r.out, '\x1b') {
		t.Error("the snapshot holds an ESC byte though stdout is not a terminal")
	}
	// The window is the 30 days up to the fixed clock, compared with the
	// 30 days before.
	for _, want := range []string{
		"checkout — metrics viewing party (demo)\n",
		// 101 columns on one line: the comparison goes on the next.
		"window 2026-10-23 10:00 → 2026-11-22 10:00 UTC\n  compared with 2026-09-23 10:00 → 2026-10-23 10:00 UTC\n",
		"┤",                            // a chart's axis
		"p95 ", "error rate ", "mean ", // figures of latency, errors and load panels
		"vs previous: p95 ",
		"objective: ",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the snapshot lacks %q", want)
		}
	}
	for i, title := range demoPanelTitles {
		if want := fmt.Sprintf("── %d/6 %s · ", i+1, title); !strings.Contains(r.out, want) {
			t.Errorf("the snapshot lacks the title line %q", want)
		}
	}
	for i, line := range strings.Split(r.out, "\n") {
		if n := ansi.StringWidth(line); n > 100 {
			t.Errorf("line %d is %d wide, more than the 100 of a pipe: %q", i+1, n, line)
		}
	}
}

func TestSnapshotOfOnePanel(t *testing.T) {
	c := newCLI(t)
	r := c.run(t, "snapshot", "--panel", "latency", "--width", "80")
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, "── 1/1 Checkout latency (p95) · latency · demo ") {
		t.Errorf("no title line of the one panel:\n%s", r.out)
	}
	for _, other := range demoPanelTitles[1:] {
		if strings.Contains(r.out, other) {
			t.Errorf("the snapshot of one panel shows %q too", other)
		}
	}
	for _, want := range []string{"vs previous: p95 ", "objective: "} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the snapshot lacks %q:\n%s", want, r.out)
		}
	}
	for i, line := range strings.Split(r.out, "\n") {
		if n := ansi.StringWidth(line); n > 80 {
			t.Errorf("with --width 80, line %d is %d wide: %q", i+1, n, line)
		}
	}
	// The panel of the whole snapshot and of --panel are the same text:
	// the same fetch, the same chart.
	whole := c.run(t, "snapshot", "--width", "80").out
	start := strings.Index(r.out, "── 1/1")
	body := r.out[strings.Index(r.out[start:], "\n")+start:]
	if !strings.Contains(whole, body) {
		t.Errorf("the latency panel alone differs from the latency panel of the whole snapshot:\n%s", r.out)
	}
}

func TestSnapshotOfAnUnknownPanelListsThePanels(t *testing.T) {
	r := newCLI(t).run(t, "snapshot", "--panel", "nope")
	wantCode(t, r, exitUsage)
	want := `nagame: no panel "nope" in demo agenda (panels: latency, latency-by-endpoint, errors, load, availability, cpu)`
	if !strings.Contains(r.err, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.err)
	}
	if r.out != "" {
		t.Errorf("stdout should be empty, got:\n%s", r.out)
	}
}

// TestSnapshotOfTheFilesExample reads the sample exports of October 2026
// next to examples/files.yaml: a fixed window, so the clock does not
// matter, and every panel compares with September.
func TestSnapshotOfTheFilesExample(t *testing.T) {
	// 120 columns: the window and its comparison fit on one line.
	r := newCLI(t).run(t, "snapshot", "--width", "120", filepath.Join("..", "..", "examples", "files.yaml"))
	wantCode(t, r, exitOK)
	for _, want := range []string{
		"window 2026-10-01 00:00 → 2026-11-01 00:00 UTC, compared with 2026-08-31 00:00 → 2026-10-01 00:00 UTC\n",
		"── 1/4 ", "── 4/4 ",
		"vs previous: p95 ", "vs previous: error rate ", "vs previous: mean ",
		"objective: met ",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the snapshot lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out, "error:") {
		t.Errorf("a panel of the files example failed:\n%s", r.out)
	}
}

// closedPort is a loopback port nothing listens on: it was free a moment
// ago and the listener is closed, so a connection is refused at once.
func closedPort(t *testing.T) int {
	t.Helper()
	var lc net.ListenConfig
	l, err := lc.Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

func promDownAgenda(t *testing.T) string {
	t.Helper()
	return writeAgenda(t, "prom.yaml", fmt.Sprintf(`version: 1
title: "prometheus is down"
participants: [Aiko]
source: prom
sources:
  prom: {type: prometheus, url: "http://127.0.0.1:%d"}
panels:
  - id: load
    kind: load
    query: "sum(rate(http_requests_total[5m]))"
`, closedPort(t)))
}

func TestSnapshotOfAFailingPanelPrintsItsErrorAndExits1(t *testing.T) {
	r := newCLI(t).run(t, "snapshot", promDownAgenda(t))
	wantCode(t, r, exitError)
	for _, want := range []string{"── 1/1 load · load · prom ", "error: prometheus: cannot reach Prometheus", "hint: "} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the snapshot lacks %q:\n%s", want, r.out)
		}
	}
}

func TestWriteWrapped(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"a line that fits stays whole", "vs previous: p95 218 ms → 300 ms", 40, "vs previous: p95 218 ms → 300 ms\n"},
		{"exactly the width fits", "abc def", 7, "abc def\n"},
		// "abc def" is 7 wide: at 6 it breaks, and the rest is indented.
		{"wraps at a space, then indents", "abc def ghi", 6, "abc\n  def\n  ghi\n"},
		{"a word wider than the line is broken, never overflows", "error: sum:trace.http.request.errors{service:checkout}", 20,
			"error:\n  sum:trace.http.req\n  uest.errors{servic\n  e:checkout}\n"},
		{"Japanese wraps between characters", "決済チームの眺める会の議事録", 10, "決済チーム\n  の眺める\n  会の議事\n  録\n"},
		{"no line starts with 。", "レイテンシは改善した。次回", 12, "レイテンシは\n  改善した。\n  次回\n"},
		{"width counts cells, not bytes", "→ → → →", 7, "→ → → →\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			writeWrapped(&b, tt.width, tt.in)
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}
