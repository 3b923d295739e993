package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestValidateAcceptsEveryExample(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 5 {
		t.Fatalf("found %d example agendas, want the five the README lists: %v", len(paths), paths)
	}
	r := newCLI(t).run(t, append([]string{"validate"}, paths...)...)
	wantCode(t, r, exitOK)
	if r.err != "" {
		t.Errorf("stderr should be empty, got:\n%s", r.err)
	}
	for _, p := range paths {
		if !strings.Contains(r.out, p+": ok: ") {
			t.Errorf("no ok line for %s:\n%s", p, r.out)
		}
	}
	// The demo's line describes it: 6 panels, 1 source, one hour, 30 days
	// against the 30 before.
	want := `demo.yaml: ok: "checkout — metrics viewing party (demo)", 6 panel(s), 1 source(s), 1h, window 30d, compare previous`
	if !strings.Contains(r.out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.out)
	}
}

// badAgenda has four mistakes, one of each kind a person makes: a typo in a
// key, a unit nagame does not know, a misspelt kind and a bad timebox.
const badAgenda = `version: 1
title: "bad"
duraton: 60m
window: 30x
participants: [A]
sources:
  demo: {type: demo, seed: 7}
panels:
  - id: latency
    kind: latncy
    query: "p95:trace.http.request{service:checkout,env:prod}"
    timebox: 12q
`

var positioned = regexp.MustCompile(`^nagame: (.+):(\d+):(\d+): `)

func TestValidateNamesEveryProblemWithItsPosition(t *testing.T) {
	bad := writeAgenda(t, "bad.yaml", badAgenda)
	good := filepath.Join("..", "..", "examples", "minimal.yaml")
	// A good agenda next to a bad one is still reported ok, and the exit
	// code says something failed.
	r := newCLI(t).run(t, "validate", good, bad)
	wantCode(t, r, exitError)
	if !strings.Contains(r.out, good+": ok: ") {
		t.Errorf("the good agenda is not reported ok:\n%s", r.out)
	}
	if strings.Contains(r.out, "bad.yaml") {
		t.Errorf("the bad agenda appears on stdout:\n%s", r.out)
	}
	lines := strings.Split(strings.TrimSpace(r.err), "\n")
	wantAt := []string{"3:1", "4:9", "10:11", "12:14"}
	wantSays := []string{`did you mean "duration"`, "not a duration", `did you mean "latency"`, "not a duration"}
	if len(lines) != len(wantAt) {
		t.Fatalf("%d lines on stderr, want one per problem (%d):\n%s", len(lines), len(wantAt), r.err)
	}
	for i, line := range lines {
		m := positioned.FindStringSubmatch(line)
		if m == nil || m[1] != bad {
			t.Errorf("line %d does not start with nagame: %s:line:col: %q", i+1, bad, line)
			continue
		}
		if at := m[2] + ":" + m[3]; at != wantAt[i] {
			t.Errorf("line %d is at %s, want %s: %q", i+1, at, wantAt[i], line)
		}
		if !strings.Contains(line, wantSays[i]) {
			t.Errorf("line %d lacks %q: %q", i+1, wantSays[i], line)
		}
	}
}

func TestMalformedAgendaFailsEveryCommandWithPositions(t *testing.T) {
	// YAML that does not parse: the position is where the parser gave up.
	broken := writeAgenda(t, "broken.yaml", "version: 1\ntitle: [unclosed\n")
	bad := writeAgenda(t, "bad.yaml", badAgenda)
	for _, cmd := range []string{"validate", "run", "check", "snapshot"} {
		for _, path := range []string{broken, bad} {
			t.Run(cmd+" "+filepath.Base(path), func(t *testing.T) {
				r := newCLI(t).run(t, cmd, path)
				wantCode(t, r, exitError)
				lines := strings.Split(strings.TrimSpace(r.err), "\n")
				for _, line := range lines {
					if m := positioned.FindStringSubmatch(line); m == nil || m[1] != path {
						t.Errorf("stderr line does not name %s:line:col: %q", path, line)
					}
				}
				if r.out != "" {
					t.Errorf("stdout should be empty, got:\n%s", r.out)
				}
			})
		}
	}
}
