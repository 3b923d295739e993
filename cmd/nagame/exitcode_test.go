package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes: 0 when all went well, 2 when nagame was called wrongly
// (with a pointer to --help), 1 when the call was right but something
// failed; data on stdout, messages on stderr.
func TestExitCodes(t *testing.T) {
	demo := filepath.Join("..", "..", "examples", "demo.yaml")
	missing := filepath.Join(t.TempDir(), "nothere.yaml")
	tests := []struct {
		name string
		args []string
		code int
		// stderr holds each of these; stdout is empty unless out is set.
		stderr []string
		out    string
	}{
		{"version", []string{"--version"}, exitOK, nil, "nagame version"},
		{"help", []string{"--help"}, exitOK, nil, "nagame runs a metrics viewing party"},
		{"unknown command", []string{"bogus"}, exitUsage, []string{`unknown command "bogus"`, "nagame --help"}, ""},
		{"unknown flag", []string{"--bogus"}, exitUsage, []string{"unknown flag: --bogus", "nagame --help"}, ""},
		{"unknown flag of a command", []string{"export", "--bogus"}, exitUsage, []string{"unknown flag: --bogus"}, ""},
		{"flag without its value", []string{"snapshot", "--panel"}, exitUsage, []string{"flag needs an argument"}, ""},
		{"too many arguments", []string{"export", "a", "b"}, exitUsage, []string{"at most 1 argument(s), got 2"}, ""},
		{"snapshot with two agendas", []string{"snapshot", demo, demo}, exitUsage, []string{"at most 1 argument(s), got 2"}, ""},
		{"sessions takes no argument", []string{"sessions", "x"}, exitUsage, []string{`unknown command "x"`}, ""},
		{"export --format xml", []string{"export", "--format", "xml"}, exitUsage, []string{`--format must be md or json, not "xml"`}, ""},
		{"sessions --format xml", []string{"sessions", "--format", "xml"}, exitUsage, []string{`--format must be text or json, not "xml"`}, ""},
		{"actions --format xml", []string{"actions", "--format", "xml"}, exitUsage, []string{`--format must be md or json, not "xml"`}, ""},
		{"run without an agenda", []string{"run"}, exitUsage, []string{"nagame run needs an agenda file"}, ""},
		{"--as without --solo", []string{"run", demo, "--as", "aiko"}, exitUsage, []string{"--as names you in a solo review: add --solo"}, ""},
		{"run --lang fr", []string{"run", demo, "--lang", "fr"}, exitUsage, []string{`--lang: unknown language "fr": nagame speaks en, ja`}, ""},
		{"resume --lang fr", []string{"resume", "--lang", "fr"}, exitUsage, []string{`--lang: unknown language "fr": nagame speaks en, ja`}, ""},
		{"validate without an agenda", []string{"validate"}, exitUsage, []string{"needs an agenda file"}, ""},
		{"snapshot of an unknown panel", []string{"snapshot", "--panel", "nope"}, exitUsage, []string{`no panel "nope"`}, ""},
		{"run a missing agenda", []string{"run", missing}, exitError, []string{"nothere.yaml: no such agenda file"}, ""},
		{"validate a missing agenda", []string{"validate", missing}, exitError, []string{"nothere.yaml: no such agenda file"}, ""},
		{"check a missing agenda", []string{"check", missing}, exitError, []string{"no such agenda file"}, ""},
		{"snapshot of a missing agenda", []string{"snapshot", missing}, exitError, []string{"no such agenda file"}, ""},
		{"export with no sessions", []string{"export"}, exitError, []string{"no sessions in", "run one with: nagame"}, ""},
		{"export of an unknown session", []string{"export", "2019-01-01"}, exitError, []string{`no session "2019-01-01"`, "nagame sessions"}, ""},
		{"resume with no sessions", []string{"resume"}, exitError, []string{"no session to resume", "start one with: nagame"}, ""},
		{"resume of an unknown session", []string{"resume", "2019-01-01"}, exitError, []string{`no session "2019-01-01"`, "nagame sessions"}, ""},
		{"sessions with none yet", []string{"sessions"}, exitOK, nil, "No sessions in"},
		{"actions with none yet", []string{"actions"}, exitOK, nil, "# Action items\n\nNone.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newCLI(t).run(t, tt.args...)
			wantCode(t, r, tt.code)
			for _, s := range tt.stderr {
				if !strings.Contains(r.err, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.err)
				}
			}
			if tt.out == "" && r.out != "" {
				t.Errorf("stdout should be empty (messages go to stderr), got:\n%s", r.out)
			}
			if !strings.Contains(r.out, tt.out) {
				t.Errorf("stdout lacks %q:\n%s", tt.out, r.out)
			}
			usageHint := strings.Contains(r.err, "Run 'nagame --help' for usage.")
			if usageHint != (tt.code == exitUsage) {
				t.Errorf("exit %d with the --help pointer %v; usage errors (and only they) point at --help:\n%s", tt.code, usageHint, r.err)
			}
			if tt.code != exitOK {
				for line := range strings.SplitSeq(strings.TrimSpace(r.err), "\n") {
					if !strings.HasPrefix(line, "nagame: ") && !strings.HasPrefix(line, "Run 'nagame --help'") {
						t.Errorf("stderr line %q does not say it comes from nagame", line)
					}
				}
			}
		})
	}
}
