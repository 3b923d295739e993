package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/sessions/minutes"
)

// threeSessions is a CLI over a sessions folder holding the three demo
// sessions of recordSessions.
func threeSessions(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	recordSessions(t, c.env["NAGAME_SESSIONS"], 3)
	return c
}

func TestExport(t *testing.T) {
	c := threeSessions(t)

	t.Run("latest by default in Markdown", func(t *testing.T) {
		r := c.run(t, "export")
		wantCode(t, r, exitOK)
		if r.err != "" {
			t.Errorf("stderr should be empty, got:\n%s", r.err)
		}
		golden.RequireEqual(t, r.out)
		for _, want := range []string{
			"# checkout — metrics viewing party (demo)",
			"## Action items from earlier sessions",
			// Reviewed in this session: the second's runbook is done.
			"- [x] Runbook for the error incident — Dana (done, from " + secondName,
			// Not reviewed today: still open, with the second's note.
			"- [ ] Page on error budget burn over 2× — Chen",
			"- [ ] Raise the pool size to 64 — Ben (due 2026-12-01",
			"- **Chen:** Short and useful",
			// The understanding means of the last two sessions (see
			// recordSessions): 4.6, then 4.7.
			"Survey understanding: 4.6 → 4.7",
		} {
			if !strings.Contains(r.out, want) {
				t.Errorf("the minutes lack %q", want)
			}
		}
	})

	t.Run("in another time zone", func(t *testing.T) {
		utc := c.run(t, "export", "--tz", "UTC")
		tokyo := c.run(t, "export", "--tz", "Asia/Tokyo")
		wantCode(t, tokyo, exitOK)
		date := regexp.MustCompile(`- \*\*Date:\*\* (\d{4}-\d\d-\d\d \d\d:\d\d)[–\d:]* (\S+)`)
		u, j := date.FindStringSubmatch(utc.out), date.FindStringSubmatch(tokyo.out)
		if u == nil || j == nil || u[2] != "UTC" || j[2] != "JST" {
			t.Fatalf("the dates: %q in UTC, %q in Tokyo", u, j)
		}
		ut, _ := time.Parse("2006-01-02 15:04", u[1])
		jt, _ := time.Parse("2006-01-02 15:04", j[1])
		if jt.Sub(ut) != 9*time.Hour {
			t.Errorf("Tokyo's date %s is not UTC's %s plus 9 hours", j[1], u[1])
		}
		window := regexp.MustCompile(`- \*\*Window:\*\* .* → .* (\S+) \(`)
		if w := window.FindStringSubmatch(tokyo.out); w == nil || w[1] != "JST" {
			t.Errorf("the window is not in Tokyo's time: %q", w)
		}
		bad := c.run(t, "export", "--tz", "Mars/Olympus")
		wantCode(t, bad, exitUsage)
		if !strings.Contains(bad.err, `--tz "Mars/Olympus" is not a time zone nagame knows: give an IANA name such as Asia/Tokyo`) {
			t.Errorf("an unknown zone says:\n%s", bad.err)
		}
	})

	t.Run("by name prefix", func(t *testing.T) {
		r := c.run(t, "export", "2026-05")
		wantCode(t, r, exitOK)
		for _, want := range []string{
			"p95 regressed after the 14:10 deploy",
			"- [ ] Alert on pool saturation — Ben",
			"- **Aiko:** The latency story was clear",
			"The room: pool size; Ben checks",
		} {
			if !strings.Contains(r.out, want) {
				t.Errorf("the first session's minutes lack %q", want)
			}
		}
		if strings.Contains(r.out, "Raise the pool size") {
			t.Error("the first session's minutes show the third's action item")
		}
	})

	t.Run("an ambiguous prefix is an error", func(t *testing.T) {
		r := c.run(t, "export", "2026-")
		wantCode(t, r, exitError)
		if r.out != "" {
			t.Errorf("stdout should be empty, got:\n%s", r.out)
		}
	})

	t.Run("JSON", func(t *testing.T) {
		r := c.run(t, "export", "--format", "json", secondName)
		wantCode(t, r, exitOK)
		var m minutes.Minutes
		if err := json.Unmarshal([]byte(r.out), &m); err != nil {
			t.Fatalf("not valid JSON: %v\n%s", err, r.out)
		}
		if m.Version != 1 || m.Session != secondName || !m.Finished {
			t.Errorf("version %d, session %q, finished %v; want 1, %s, true", m.Version, m.Session, m.Finished, secondName)
		}
		if len(m.Reviews) != 3 || len(m.Actions) != 1 || m.Actions[0].Text != "Runbook for the error incident" {
			t.Errorf("reviews %+v, actions %+v; want the first's three items reviewed and one new item", m.Reviews, m.Actions)
		}
		// Every key of the documented shape is there, whatever Go makes
		// of it: check the raw object too.
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.out), &raw); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"version", "session", "title", "window", "participants", "panels", "actions", "reviews", "survey", "trends"} {
			if _, ok := raw[key]; !ok {
				t.Errorf("the JSON minutes lack %q", key)
			}
		}
	})

	t.Run("to a file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "minutes.md")
		r := c.run(t, "export", "-o", path)
		wantCode(t, r, exitOK)
		if r.out != "" {
			t.Errorf("stdout should be empty with -o, got:\n%s", r.out)
		}
		if want := "wrote " + path + "\n"; r.err != want {
			t.Errorf("stderr %q, want %q", r.err, want)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if stdout := c.run(t, "export").out; string(got) != stdout {
			t.Error("the file differs from what export prints")
		}
	})

	t.Run("to a file in a missing folder", func(t *testing.T) {
		r := c.run(t, "export", "-o", filepath.Join(t.TempDir(), "no", "such", "minutes.md"))
		wantCode(t, r, exitError)
		if !strings.Contains(r.err, "cannot write the minutes") {
			t.Errorf("stderr does not say what failed:\n%s", r.err)
		}
	})

	t.Run("--sessions wins over NAGAME_SESSIONS", func(t *testing.T) {
		empty := t.TempDir()
		r := c.run(t, "export", "--sessions", empty)
		wantCode(t, r, exitError)
		if !strings.Contains(r.err, "no sessions in "+empty) {
			t.Errorf("stderr does not name the --sessions folder:\n%s", r.err)
		}
	})
}
