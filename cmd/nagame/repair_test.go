package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damageLine changes a letter in line n (1-based) of a session's journal,
// the way a failing disk or a stray edit does: the JSON stays valid.
func damageLine(t *testing.T, dir string, n int, from, to string) {
	t.Helper()
	path := filepath.Join(dir, "journal.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if !strings.Contains(lines[n-1], from) {
		t.Fatalf("line %d lacks %q: %s", n, from, lines[n-1])
	}
	lines[n-1] = strings.Replace(lines[n-1], from, to, 1)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
}

// noteLine is the line number of the first journal line holding s.
func noteLine(t *testing.T, dir, s string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line holds %q", s)
	return 0
}

// A damaged session is listed with what is wrong (exit 1), resume does not
// quietly pick an older one, repair keeps every event that still reads, and
// afterwards every command works on the session again.
func TestDamagedSessionIsListedAndRepaired(t *testing.T) {
	c := newCLI(t)
	root := c.env["NAGAME_SESSIONS"]
	recordSessions(t, root, 2)
	second := filepath.Join(root, secondName)
	line := noteLine(t, second, "Flat since the pool fix.")
	damageLine(t, second, line, "Flat since", "Flat s1nce")

	r := c.run(t, "sessions")
	wantCode(t, r, exitError)
	for _, want := range []string{firstName, secondName, "damaged"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the list lacks %q:\n%s", want, r.out)
		}
	}
	wantErr := "nagame: session " + secondName + " is damaged: journal line " + itoa(line) +
		": its checksum does not match: the line was changed after nagame wrote it; nagame repair " + secondName + " keeps every event that still reads\n"
	if r.err != wantErr {
		t.Errorf("stderr\n got %q\nwant %q", r.err, wantErr)
	}
	if strings.Contains(r.out, "No sessions") {
		t.Errorf("a damaged session is not no session:\n%s", r.out)
	}
	r = c.run(t, "sessions", "--format", "json")
	wantCode(t, r, exitError)
	var rows []sessionRow
	if err := json.Unmarshal([]byte(r.out), &rows); err != nil || len(rows) != 2 || rows[1].State != "damaged" || !strings.Contains(rows[1].Problem, "checksum") {
		t.Errorf("JSON list: %v\n%s", err, r.out)
	}

	// The latest session is the damaged one: resume says so instead of
	// resuming the first.
	r = c.run(t, "resume")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "the latest session, "+secondName+", is damaged") || !strings.Contains(r.err, "nagame repair "+secondName+", then nagame resume") {
		t.Errorf("resume:\n%s", r.err)
	}

	r = c.run(t, "repair", secondName)
	wantCode(t, r, exitOK)
	for _, want := range []string{
		"Repaired " + secondName + ": kept ",
		"  line " + itoa(line) + ": its checksum does not match: the line was changed after nagame wrote it (left out)\n",
		"The damaged journal is kept as " + filepath.Join(second, "journal.jsonl.damaged-20261122T100000Z") + ".\n",
		"run nagame repair " + secondName + " --keep-changed",
		"Continue with: nagame resume " + secondName,
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("repair output lacks %q:\n%s", want, r.out)
		}
	}
	r = c.run(t, "sessions")
	wantCode(t, r, exitOK)
	r = c.run(t, "export", secondName)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, "Runbook for the error incident") {
		t.Errorf("the events after the damaged line were not kept:\n%s", r.out)
	}
	r = c.run(t, "repair", secondName)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, "Nothing to repair: the journal of "+secondName+" reads whole") {
		t.Errorf("second repair:\n%s", r.out)
	}
}

// A folder whose journal is missing or empty is listed as damaged too,
// and repair says there is nothing to rebuild it from.
func TestSessionWithoutAJournalIsListed(t *testing.T) {
	c := newCLI(t)
	root := c.env["NAGAME_SESSIONS"]
	recordSessions(t, root, 1)
	if err := os.Remove(filepath.Join(root, firstName, "journal.jsonl")); err != nil {
		t.Fatal(err)
	}
	r := c.run(t, "sessions")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "is damaged: no journal.jsonl (it was moved or removed); nothing to repair it from: remove or move the folder") {
		t.Errorf("stderr:\n%s", r.err)
	}
	r = c.run(t, "repair", firstName)
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "has no journal.jsonl: there is nothing to rebuild it from") {
		t.Errorf("repair:\n%s", r.err)
	}
	r = c.run(t, "resume")
	wantCode(t, r, exitError)
	if !strings.Contains(r.err, "is damaged (no journal.jsonl") || !strings.Contains(r.err, "remove or move the folder") {
		t.Errorf("resume:\n%s", r.err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
