package minutes

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// Addresses in people's text become links that render as GitHub would
// render the bare text, and none is left bare (markdownlint's MD034) or cut
// short.
func TestMarkdownLinksAddresses(t *testing.T) {
	cases := []struct{ in, want string }{
		{"see https://en.wikipedia.org/wiki/Apdex_(metric)", "see <https://en.wikipedia.org/wiki/Apdex_(metric)>"},
		{"(see https://en.wikipedia.org/wiki/Apdex_(metric))", "(see <https://en.wikipedia.org/wiki/Apdex_(metric)>)"},
		{"(https://example.com/a)", "(<https://example.com/a>)"},
		{"https://example.com/x?y=1.", "<https://example.com/x?y=1>."},
		{"HTTP://EXAMPLE.COM/A, and", "<HTTP://EXAMPLE.COM/A>, and"},
		{"mail aiko@example.com.", "mail <aiko@example.com>."},
		{"aiko.tanaka+sre@mail.example.co.jp: ok", "<aiko.tanaka+sre@mail.example.co.jp>: ok"},
		{"odd a@b_c.example.com here", `odd a\@b\_c.example.com here`},
		{"go to www.example.com/runbook.", "go to [www.example.com/runbook](https://www.example.com/runbook)."},
		{"www.example.com/a_b_(c)", `[www.example.com/a\_b\_(c)](https://www.example.com/a_b_(c))`},
		{"詳細はhttps://example.com/a。次に", "詳細は<https://example.com/a>。次に"},
		{"a|https://example.com/x|b", `a\|<https://example.com/x>\|b`},
		{"`https://example.com` quoted", "\\`<https://example.com>\\` quoted"},
		{"not links: www. http:// a@b foo.com @team", "not links: www. http:// a@b foo.com @team"},
		{"path/www.example.com and x@y@z.com", "path/www.example.com and x@y@z.com"},
	}
	for _, c := range cases {
		if got := mdInline(c.in); got != c.want {
			t.Errorf("mdInline(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// The minutes of a meeting whose agenda carries escape sequences and whose
// notes and action items carry every kind of address: the Markdown is a
// golden file that CI lints with markdownlint, and neither the Markdown
// nor the JSON (read with jq -r) carries a sequence to a terminal.
func TestMinutesWithAddressesAndHostileText(t *testing.T) {
	a, err := agenda.Load(filepath.Join("..", "agenda", "testdata", "hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := startMeeting(t, t.TempDir(), a, t0, sessions.StartOptions{Version: "test"})
	m.post(20*time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
	m.show(0, "latency")
	m.post(time.Minute, journal.Event{Type: journal.EvNote, Panel: "latency", Text: "Apdex: https://en.wikipedia.org/wiki/Apdex_(metric)\n" +
		"- ask aiko@example.com or see www.example.com/runbook.\n- (https://example.com/a) and \x1b]0;pwn\x07mail \u009b31mben@example.org"})
	m.post(time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Aiko", Value: "better"})
	m.post(time.Second, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Mail ops@example.com about www.example.com", Owner: "Ben"})
	m.post(time.Second, journal.Event{Type: journal.EvImpression, Person: "Aiko", Text: "see https://example.com/x_(y)."})
	r := m.end()
	if strings.Contains(r.Name, "pwn") || strings.Contains(r.Name, "31m") {
		t.Errorf("the session folder is named %q: it carries the agenda's escape sequence", r.Name)
	}
	mins, err := Build(r, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	md := mins.Markdown()
	golden.RequireEqual(t, md)
	js, err := mins.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"minutes.md": string(md), "minutes.json": string(js)} {
		for _, bad := range []string{"\x1b", "\x07", "\u009b", `\u001b`, `\u0007`, `\u009b`, "pwn", "31m"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
	lintMarkdown(t, md)
}

// lintMarkdown runs markdownlint-cli2 with the project's rules on md when
// it is installed (.ci/run installs it, and lints the golden files anyway).
func lintMarkdown(t *testing.T, md []byte) {
	t.Helper()
	bin, err := exec.LookPath("markdownlint-cli2")
	if err != nil {
		for _, dir := range []string{os.TempDir(), "/tmp"} {
			if p := filepath.Join(dir, "nagame-markdownlint-0.18.1", "node_modules", ".bin", "markdownlint-cli2"); fileExists(p) {
				bin, err = p, nil
				break
			}
		}
	}
	if err != nil {
		t.Log("markdownlint-cli2 is not installed; CI lints the golden file")
		return
	}
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join("..", "..", ".markdownlint.jsonc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".markdownlint.jsonc"), cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "minutes.md"), md, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), bin, "minutes.md")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("markdownlint: %v\n%s", err, out)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// A panel the meeting showed whose data file never reached the disk is
// told apart from one never fetched.
func TestMinutesTellLostDataFromNeverFetched(t *testing.T) {
	a := minutesAgenda(t)
	m := startMeeting(t, t.TempDir(), a, t0, sessions.StartOptions{Version: "test"})
	m.post(time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
	m.post(time.Second, journal.Event{Type: journal.EvPanel, Panel: "latency"})
	m.post(0, journal.Event{Type: journal.EvData, Panel: "latency"}) // shown, but no data file
	r := m.end()
	mins, err := Build(r, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if !mins.Panels[0].DataLost || mins.Panels[1].DataLost {
		t.Errorf("data lost: latency %v (want true), errors %v (want false)", mins.Panels[0].DataLost, mins.Panels[1].DataLost)
	}
	// The Markdown says so under the panel's heading, instead of "not
	// fetched", which it still says of the panels the meeting never showed.
	md := string(mins.Markdown())
	_, first, _ := strings.Cut(md, "### 1. ")
	first, _, _ = strings.Cut(first, "### 2. ")
	if !strings.Contains(first, "*Shown in the meeting, but its data could not be saved.*") || strings.Contains(first, "Not fetched") {
		t.Errorf("the first panel of the minutes does not say its data was lost:\n%s", first)
	}
	if !strings.Contains(md, "### 2. ") || strings.Count(md, "*Not fetched in this session.*") != len(a.Panels)-1 {
		t.Errorf("the panels never shown should say they were not fetched:\n%s", md)
	}
}
