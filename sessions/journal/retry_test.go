package journal_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/journal/journaltest"
)

var epoch = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func note(i int) journal.Event {
	return journal.Event{Type: journal.EvNote, Panel: "latency", Text: strings.Repeat("typed ", i+1), Time: epoch.Add(time.Duration(i) * time.Second)}
}

// startedOnDisk creates a journal on a Disk that fails on demand and
// appends its start event; the journal is closed at the test's end.
func startedOnDisk(t *testing.T) (*journaltest.Disk, string, *journal.Journal) {
	t.Helper()
	d := &journaltest.Disk{}
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, err := journal.Create(path, journal.WithOpenFile(d.Open))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	if _, err := j.Append(journal.Event{Type: journal.EvStart, Time: epoch, Start: &journal.StartInfo{Title: "t"}}); err != nil {
		t.Fatal(err)
	}
	return d, path, j
}

// After a full disk, the same event can be appended again once there is
// space: whatever the failure left in the file (half a line, a line whose
// fsync failed) is cut off first, so the journal holds each event once, in
// order, with the seq it was first tried with.
func TestAppendRetriesAfterADiskFull(t *testing.T) {
	failures := []struct {
		name string
		fail func(d *journaltest.Disk)
	}{
		{"the write fails", func(d *journaltest.Disk) { d.Fill(false) }},
		{"the write is cut short", func(d *journaltest.Disk) { d.Fill(true) }},
		{"the fsync fails", func(d *journaltest.Disk) { d.FailSync(false) }},
		{"the fsync fails and the file cannot be cut", func(d *journaltest.Disk) { d.FailSync(true) }},
		{"the write is cut short and the file cannot be cut", func(d *journaltest.Disk) { d.Fill(true); d.FailSync(true) }},
	}
	for _, tt := range failures {
		t.Run(tt.name, func(t *testing.T) {
			d, path, j := startedOnDisk(t)
			if _, err := j.Append(note(1)); err != nil {
				t.Fatal(err)
			}
			tt.fail(d)
			for range 3 { // the writer retries while the disk is full
				if _, err := j.Append(note(2)); err == nil || !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EIO) {
					t.Fatalf("Append on a full disk: %v", err)
				}
			}
			if j.Next() != 3 {
				t.Errorf("Next = %d after failures, want 3: a failed event takes no seq", j.Next())
			}
			d.Free()
			got, err := j.Append(note(2))
			if err != nil {
				t.Fatalf("Append once there is space: %v", err)
			}
			if got.Seq != 3 {
				t.Errorf("the retried event has seq %d, want 3", got.Seq)
			}
			if _, err := j.Append(note(3)); err != nil {
				t.Fatal(err)
			}
			rep, err := journal.Read(path)
			if err != nil {
				t.Fatalf("the journal does not read after the failures: %v", err)
			}
			var texts []string
			for _, e := range rep.Events[1:] {
				texts = append(texts, e.Text)
			}
			want := []string{note(1).Text, note(2).Text, note(3).Text}
			if !reflect.DeepEqual(texts, want) || rep.Torn != nil {
				t.Errorf("journal holds %q (torn %v), want each note once in order: %q", texts, rep.Torn, want)
			}
		})
	}
}

// A journal cut shorter than what it acknowledged (by someone else while
// it failed) is not written to again: its record cannot be trusted.
func TestAppendRefusesAJournalCutBehindItsBack(t *testing.T) {
	d, path, j := startedOnDisk(t)
	d.FailSync(false)
	if _, err := j.Append(note(1)); err == nil {
		t.Fatal("Append with a failing fsync succeeded")
	}
	d.Free()
	if err := os.Truncate(path, 10); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := j.Append(note(1)); err == nil || !strings.Contains(err.Error(), "shorter than the") {
			t.Fatalf("Append to a journal cut short: %v", err)
		}
	}
}
