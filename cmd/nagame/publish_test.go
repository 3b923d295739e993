package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/lock"
	"github.com/nagame-dev/nagame/sessions/minutes/publish/publishtest"
)

// publishCLI is a CLI with a recorded session whose agenda's Datadog source
// points at a fake Datadog, and the keys and token set for the fakes.
func publishCLI(t *testing.T) (*cli, *publishtest.Datadog, *publishtest.GitHub, *sessions.Record) {
	t.Helper()
	c := newCLI(t)
	dd, gh := publishtest.NewDatadog(t), publishtest.NewGitHub(t)
	rec := publishtest.RecordSession(t, c.env["NAGAME_SESSIONS"], dd.URL())
	for _, k := range []string{"DD_API_KEY", "DD_APP_KEY", "GITHUB_TOKEN", "GITHUB_API_URL"} {
		c.env[k] = publishtest.Env(gh.URL())(k)
	}
	c.now = publishtest.T0.Add(3 * time.Hour)
	return c, dd, gh, rec
}

// noSecretsInFolder checks every file of the session folder.
func noSecretsInFolder(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		publishtest.NoSecrets(t, path, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPublishToTheAgendasTargetsTwiceMakesNothingNew(t *testing.T) {
	c, dd, gh, rec := publishCLI(t)
	r := c.run(t, "publish")
	wantCode(t, r, exitOK)
	for _, want := range []string{
		"datadog: notebook created: https://app.datadoghq.eu/notebook/13244449\n",
		"github:acme/checkout: 3 created, 0 found, 0 already published, 1 skipped (done or dropped): " + gh.URL() + "/acme/checkout/issues\n",
		"a1       #1  created  Raise the pool size\n",
		"a3        –  skipped  Share the minutes in #checkout\n",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.out)
		}
	}
	again := c.run(t, "publish")
	wantCode(t, again, exitOK)
	if !strings.Contains(again.out, "datadog: notebook updated: https://app.datadoghq.eu/notebook/13244449") ||
		!strings.Contains(again.out, "0 created, 0 found, 3 already published, 1 skipped") {
		t.Errorf("second publish:\n%s", again.out)
	}
	if creates, updates, _ := dd.Counts(); creates != 1 || updates != 1 || gh.Created() != 3 {
		t.Errorf("%d notebooks created, %d updated, %d issues", creates, updates, gh.Created())
	}
	publishtest.NoSecrets(t, "the output", r.out+r.err+again.out+again.err)
	noSecretsInFolder(t, rec.Dir)
}

func TestActionsSyncShowsAnIssueClosedOnGitHubAsDone(t *testing.T) {
	c, _, gh, _ := publishCLI(t)
	wantCode(t, c.run(t, "publish", "--to", "github:acme/checkout"), exitOK)
	gh.Close(1, "completed", publishtest.T0.Add(2*time.Hour))
	gh.Forget()

	before := c.run(t, "actions", "--open")
	wantCode(t, before, exitOK)
	if len(gh.Seen()) != 0 {
		t.Errorf("nagame actions went to the network: %v", gh.Seen())
	}
	if !strings.Contains(before.out, "- [ ] Raise the pool size — Aiko (open") {
		t.Errorf("before --sync a1 is open as far as nagame knows:\n%s", before.out)
	}

	synced := c.run(t, "actions", "--sync")
	wantCode(t, synced, exitOK)
	if !strings.Contains(synced.out, "- [x] Raise the pool size — Aiko (done") || !strings.Contains(synced.out, `closed on GitHub (acme/checkout\#1)`) {
		t.Errorf("after --sync a1 is done:\n%s", synced.out)
	}
	for _, s := range gh.Seen() {
		if !strings.HasPrefix(s, "GET ") {
			t.Errorf("--sync sent %s", s)
		}
	}
	open := c.run(t, "actions", "--open")
	if strings.Contains(open.out, "Raise the pool size") || !strings.Contains(open.out, "Page on error budget burn") {
		t.Errorf("the open items after the sync:\n%s", open.out)
	}
}

func TestPublishDryRunPrintsTheBodiesAndSendsNothing(t *testing.T) {
	c, dd, gh, rec := publishCLI(t)
	for _, k := range []string{"DD_API_KEY", "DD_APP_KEY", "GITHUB_TOKEN"} {
		delete(c.env, k)
	}
	r := c.run(t, "publish", "--dry-run")
	wantCode(t, r, exitOK)
	for _, want := range []string{
		"# datadog: 1 request(s) would be sent\nPOST " + dd.URL() + "/api/v1/notebooks\n{\n  \"data\": {\n",
		`"type": "report"`, `"status": "published"`,
		"# github:acme/checkout: 3 request(s) would be sent\n# a3: skipped (done or dropped)\nPOST " + gh.URL() + "/repos/acme/checkout/issues\n{\n  \"title\": \"Raise the pool size\",",
		`"assignees": [`, `"aiko-gh"`, `<!-- nagame:` + rec.Name + `/a1 -->`,
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the dry run lacks %q:\n%.3000s", want, r.out)
		}
	}
	if creates, updates, lists := dd.Counts(); creates+updates+lists+len(gh.Seen()) != 0 {
		t.Error("a dry run sent requests")
	}
	if _, err := os.Stat(filepath.Join(rec.Dir, sessions.PublishedFile)); err == nil {
		t.Error("a dry run wrote published.json")
	}
}

func TestPublishSaysWhatIsWrong(t *testing.T) {
	c, _, _, rec := publishCLI(t)
	r := c.run(t, "publish", "--to", "gitlab:acme/checkout")
	wantCode(t, r, exitUsage)
	if !strings.Contains(r.err, "use datadog or github:OWNER/REPO") {
		t.Errorf("stderr: %s", r.err)
	}

	delete(c.env, "GITHUB_TOKEN")
	r = c.run(t, "publish", "--to", "github:acme/checkout")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "nagame: github:acme/checkout: no GitHub token") || !strings.Contains(r.err, "GITHUB_TOKEN (or GH_TOKEN)") {
		t.Errorf("stderr: %s", r.err)
	}

	lk, err := lock.Acquire(rec.Dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = lk.Release() }()
	r = c.run(t, "publish", "--to", "datadog")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "publish from the meeting's summary screen") {
		t.Errorf("a session a meeting holds: %s", r.err)
	}
}

func TestPublishNeedsATargetWhenTheAgendaNamesNone(t *testing.T) {
	c := newCLI(t)
	recordSessions(t, c.env["NAGAME_SESSIONS"], 1)
	r := c.run(t, "publish")
	wantCode(t, r, exitUsage)
	if !strings.Contains(r.err, "--to datadog or --to github:OWNER/REPO") {
		t.Errorf("stderr: %s", r.err)
	}
}
