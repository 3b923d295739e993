package sessions

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
)

// recordedSession runs a short meeting and returns its folder; its journal
// is: 1 start, 2 phase, 3 note "first", 4 note (general) "aside", 5 answer,
// 6 note "second", 7 pause.
func recordedSession(t *testing.T, root string) string {
	t.Helper()
	s, err := Start(root, testAgenda(t), StartOptions{Now: testclock.New(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	must(t, s.Post(journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels}))
	must(t, s.Post(noteEvent("first")))
	must(t, s.Post(journal.Event{Type: journal.EvNote, Text: "aside"}))
	must(t, s.Post(journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "worse"}))
	must(t, s.Post(noteEvent("second")))
	must(t, s.Close())
	return s.Dir()
}

func journalLines(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func writeJournalLines(t *testing.T, dir string, lines []string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, JournalFile), []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A damaged session is listed with what is wrong, not hidden; repair keeps
// every event that still reads (not everything before the first damage),
// keeps the damaged journal beside the fresh one, and the session reads
// and resumes again.
func TestRepairKeepsEveryEventThatReads(t *testing.T) {
	root := t.TempDir()
	dir := recordedSession(t, root)
	lines := journalLines(t, dir)
	lines[2] = strings.Replace(lines[2], "first", "fir5t", 1) // a changed letter: checksum
	damagedJournal := append(append(append([]string{}, lines[:4]...), `{"seq":5,"t":"garbage`), lines[4:]...)
	second := strings.Replace(lines[0][:strings.LastIndex(lines[0], `,"crc":`)]+"}", `"seq":1`, `"seq":9`, 1)
	damagedJournal = append(damagedJournal, lines[0], second) // a copy of the start; a second start
	writeJournalLines(t, dir, damagedJournal)
	before, _ := os.ReadFile(filepath.Join(dir, JournalFile))

	recs, errs := ListRecords(root)
	var d *DamagedError
	if len(recs) != 0 || len(errs) != 1 || !errors.As(errs[0], &d) || !d.Repairable ||
		d.Problem != "journal line 3: its checksum does not match: the line was changed after nagame wrote it" {
		t.Fatalf("listing: %d records, errs %v", len(recs), errs)
	}

	rep, err := Repair(dir, RepairOptions{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	var dropped []string
	for _, l := range rep.Dropped {
		dropped = append(dropped, strings.SplitN(l.Problem, " (", 2)[0])
	}
	want := []string{"its checksum does not match: the line was changed after nagame wrote it", "not a JSON object", "a copy of line 1", "a second start event"}
	if rep.Lines != 10 || rep.Kept != 6 || strings.Join(dropped, "|") != strings.Join(want, "|") {
		t.Errorf("report: %d lines, %d kept, dropped %q", rep.Lines, rep.Kept, dropped)
	}
	if rep.Damaged != filepath.Join(dir, "journal.jsonl.damaged-20261122T100000Z") {
		t.Errorf("damaged copy at %s", rep.Damaged)
	}
	if kept, err := os.ReadFile(rep.Damaged); err != nil || string(kept) != string(before) {
		t.Errorf("the damaged journal is not kept as it was: %v", err)
	}
	r, err := OpenRecord(dir)
	if err != nil {
		t.Fatalf("the repaired session does not read: %v", err)
	}
	if r.State.Notes["latency"] != "second" || r.State.Notes[""] != "aside" || r.State.Answer("latency", "trend", "Ben") != "worse" {
		t.Errorf("repaired state: notes %q", r.State.Notes)
	}
	s, err := Resume(dir, nil)
	if err != nil {
		t.Fatalf("the repaired session does not resume: %v", err)
	}
	must(t, s.Close())

	// Once whole, there is nothing to repair.
	again, err := Repair(dir, RepairOptions{})
	if err != nil || again.Damaged != "" {
		t.Errorf("repairing a whole journal: %+v, %v", again, err)
	}
}

// Lines changed on purpose can be kept, and are still reported.
func TestRepairCanKeepChangedLines(t *testing.T) {
	dir := recordedSession(t, t.TempDir())
	lines := journalLines(t, dir)
	lines[5] = strings.Replace(lines[5], "second", "2nd", 1)
	writeJournalLines(t, dir, lines)
	rep, err := Repair(dir, RepairOptions{KeepChanged: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kept != 7 || len(rep.Dropped) != 1 || !rep.Dropped[0].Kept || rep.Dropped[0].Line != 6 {
		t.Errorf("report %+v", rep)
	}
	if r, err := OpenRecord(dir); err != nil || r.State.Notes["latency"] != "2nd" {
		t.Errorf("the edit was not kept: %v", err)
	}
}

// Repair takes the lock, and needs the start event.
func TestRepairRefuses(t *testing.T) {
	dir := recordedSession(t, t.TempDir())
	s, err := Resume(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var le *lock.HeldError
	if _, err := Repair(dir, RepairOptions{}); !errors.As(err, &le) {
		t.Errorf("repair of an open session: %v", err)
	}
	must(t, s.Close())
	lines := journalLines(t, dir)
	lines[0] = "{oops"
	writeJournalLines(t, dir, lines)
	if _, err := Repair(dir, RepairOptions{}); err == nil || !strings.Contains(err.Error(), "its start event (the first line) does not read") {
		t.Errorf("repair without a start: %v", err)
	}
	if got := journalLines(t, dir); got[0] != "{oops" {
		t.Error("a failed repair changed the journal")
	}
}

// A folder with a session's files but no journal, or an empty one, is a
// damaged session, listed as such.
func TestListRecordsReportsMissingAndEmptyJournals(t *testing.T) {
	root := t.TempDir()
	good := recordedSession(t, root)
	missing := filepath.Join(root, "2026-11-20-missing")
	empty := filepath.Join(root, "2026-11-21-empty")
	for _, d := range []string{missing, empty} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, AgendaFile), []byte(testAgendaYAML), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(empty, JournalFile), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "notes"), 0o700); err != nil { // not a session
		t.Fatal(err)
	}
	recs, errs := ListRecords(root)
	if len(recs) != 1 || recs[0].Dir != good {
		t.Errorf("records: %v", recs)
	}
	problems := map[string]string{}
	for _, err := range errs {
		var d *DamagedError
		if !errors.As(err, &d) {
			t.Fatalf("%v is not a DamagedError", err)
		}
		problems[d.Name] = d.Problem
	}
	want := map[string]string{
		"2026-11-20-missing": "no journal.jsonl (it was moved or removed)",
		"2026-11-21-empty":   "the journal is empty: nothing was recorded",
	}
	if len(problems) != 2 || problems["2026-11-20-missing"] != want["2026-11-20-missing"] || problems["2026-11-21-empty"] != want["2026-11-21-empty"] {
		t.Errorf("damaged: %q, want %q", problems, want)
	}
	if d := NewestDamaged(errs); d == nil {
		t.Error("NewestDamaged found none")
	}
}
