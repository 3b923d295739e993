package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions/minutes/publish/publishtest"
)

// TestEndToEndInTmuxPublishFromTheSummary: an agenda that names a publish
// target gets the offer on the summary; P in the real binary opens the
// meeting's action item as a GitHub issue (a fake GitHub on loopback), the
// screen shows the link, and published.json remembers it.
func TestEndToEndInTmuxPublishFromTheSummary(t *testing.T) {
	t.Parallel()
	gh := publishtest.NewGitHub(t)
	tm := newTmux(t)
	bin := nagameBinary(t)
	dir := t.TempDir()
	root := filepath.Join(dir, "sessions")
	agendaFile := filepath.Join(dir, "agenda.yaml")
	yaml := string(examples.Demo()) + "\npublish: [github:" + publishtest.Repo + "]\n"
	if err := os.WriteFile(agendaFile, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := strings.Replace(nagameCommand(bin, root, filepath.Join(dir, "run.err"), "run", agendaFile),
		"exec env ", "exec env GITHUB_TOKEN="+publishtest.Token+" GITHUB_API_URL="+shellQuote(gh.URL())+" ", 1)
	tm.run("new-session", "-d", "-s", "pub", "-x", "120", "-y", "40", cmd)
	w := "pub"
	tm.waitFor(w, "Who is here?", wait)
	tm.keys(w, "Enter")
	tm.waitFor(w, "Panel 1/6", wait)
	tm.keys(w, "i")
	tm.waitFor(w, "New action item for this panel", wait)
	tm.typeText(w, "Alert on pool saturation")
	tm.keys(w, "Enter", "Enter", "Enter")
	tm.waitFor(w, "Action item saved: Alert on pool saturation", wait)
	for range 6 {
		tm.keys(w, "l")
	}
	tm.waitFor(w, "One line from each person", wait)
	tm.keys(w, "Right")
	tm.waitFor(w, "How well did you understand", wait)
	tm.keys(w, "Right")
	tm.waitFor(w, "P publishes the minutes to github:"+publishtest.Repo, wait)
	tm.keys(w, "P")
	tm.waitFor(w, "✓ github:"+publishtest.Repo+": 1 created", wait)
	if n := gh.Created(); n != 1 {
		t.Errorf("%d issues created, want 1", n)
	}
	tm.keys(w, "q")
	if how := tm.waitExit(w, wait); how != "status 0" {
		t.Fatalf("nagame ended by %s after q, want status 0", how)
	}
	pub, err := filepath.Glob(filepath.Join(root, "*", "published.json"))
	if err != nil || len(pub) != 1 {
		t.Fatalf("published.json: %v %v", pub, err)
	}
	b, err := os.ReadFile(pub[0])
	if err != nil || !strings.Contains(string(b), publishtest.Repo) {
		t.Errorf("published.json does not hold the issue: %s (%v)", b, err)
	}
	if strings.Contains(string(b), publishtest.Token) {
		t.Error("the token was written to published.json")
	}
}
