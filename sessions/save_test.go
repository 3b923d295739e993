package sessions

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/journal/journaltest"
)

// startOnDisk starts a session whose journal and data files are written on
// d, retrying every few milliseconds.
func startOnDisk(t *testing.T, d *journaltest.Disk) *Session {
	t.Helper()
	s, err := Start(t.TempDir(), testAgenda(t), StartOptions{
		Now:     testclock.New(t0).Now,
		Journal: []journal.Option{journal.WithOpenFile(d.Open)},
		retry:   retryPolicy{first: 5 * time.Millisecond, max: 20 * time.Millisecond},
		writeData: func(dir string, p *PanelData) error {
			if d.Full() {
				return &os.PathError{Op: "write", Path: dataPath(dir, p.Panel), Err: syscall.ENOSPC}
			}
			return WriteData(dir, p)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func noteEvent(text string) journal.Event {
	return journal.Event{Type: journal.EvNote, Panel: "latency", Text: text}
}

// journalTypes lists the journal on disk as type[:text] per event.
func journalTypes(t *testing.T, dir string) []string {
	t.Helper()
	rep, err := journal.Read(filepath.Join(dir, JournalFile))
	if err != nil {
		t.Fatalf("the journal does not read: %v", err)
	}
	var out []string
	for _, e := range rep.Events {
		s := string(e.Type)
		if e.Text != "" || e.Value != "" {
			s += ":" + e.Text + e.Value
		}
		out = append(out, s)
	}
	return out
}

// waitSaved waits for the writer to catch up after the disk frees.
func waitSaved(t *testing.T, s *Session) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !s.SaveState().Saved() {
		if time.Now().After(deadline) {
			t.Fatalf("not saved 5 s after the disk freed: %s", s.SaveState())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// While the disk is full nothing typed is lost: the writer keeps the
// events in order, says so (SaveState, Err, Flush), and writes them, each
// once and in order, as soon as there is space again.
func TestWhatIsTypedWhileTheDiskIsFullIsWrittenOnceThereIsSpace(t *testing.T) {
	for _, short := range []bool{false, true} {
		d := &journaltest.Disk{}
		s := startOnDisk(t, d)
		must(t, s.Post(noteEvent("one")))
		must(t, s.Flush())
		if st := s.SaveState(); !st.Saved() || st.String() != "saved" {
			t.Fatalf("after a flush: %+v", st)
		}

		d.Fill(short)
		must(t, s.Post(noteEvent("two")))
		must(t, s.Post(journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "worse"}))
		err := s.Flush()
		var ue *UnsavedError
		if !errors.As(err, &ue) || ue.Events != 2 || !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("Flush on a full disk = %v, want 2 events unsaved for ENOSPC", err)
		}
		select {
		case err := <-s.Err():
			if !strings.Contains(err.Error(), "nagame keeps what you type and retries") {
				t.Errorf("Err() = %v", err)
			}
		case <-time.After(time.Second):
			t.Error("Err() delivered nothing")
		}
		st := s.SaveState()
		if st.Waiting != 2 || st.Err == nil || !st.Since.Equal(t0) ||
			!strings.HasPrefix(st.String(), "NOT SAVED: 2 events since ") || !strings.Contains(st.String(), "no space left on device") {
			t.Errorf("SaveState on a full disk = %+v (%s)", st, st)
		}
		must(t, s.Post(noteEvent("three"))) // typing goes on

		d.Free()
		waitSaved(t, s)
		if st := s.SaveState(); st.Err != nil {
			t.Errorf("SaveState once saved still has %v", st.Err)
		}
		must(t, s.Flush())
		want := []string{"start", "note:one", "note:two", "answer:worse", "note:three"}
		if got := journalTypes(t, s.Dir()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("short %v: journal holds %q, want %q", short, got, want)
		}
		must(t, s.Close())
	}
}

// A data file the disk refused is kept and written with the journal once
// there is space, so the panel is not later "not fetched".
func TestDataTheDiskRefusedIsWrittenOnceThereIsSpace(t *testing.T) {
	d := &journaltest.Disk{}
	s := startOnDisk(t, d)
	defer s.Close()
	d.Fill(false)
	if err := s.SaveData(&PanelData{Version: DataVersion, Panel: "latency"}); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("SaveData on a full disk = %v", err)
	}
	if st := s.SaveState(); len(st.Data) != 1 || st.Data[0] != "latency" || !strings.Contains(st.String(), "the data of panel latency") {
		t.Errorf("SaveState = %+v", st)
	}
	d.Free()
	waitSaved(t, s)
	if got, err := ReadData(s.Dir(), "latency"); err != nil || got == nil {
		t.Errorf("the data file after the disk freed: %v, %v", got, err)
	}
}

// Quitting while the disk is full keeps what was not saved in a folder of
// its own and says where; resuming adds it back, in order.
func TestCloseKeepsAsideWhatTheDiskRefusedAndResumeAddsItBack(t *testing.T) {
	d := &journaltest.Disk{}
	s := startOnDisk(t, d)
	dir := s.Dir()
	must(t, s.Post(noteEvent("one")))
	must(t, s.Flush())
	d.Fill(false)
	must(t, s.Post(noteEvent("two")))
	if err := s.SaveData(&PanelData{Version: DataVersion, Panel: "errors"}); err == nil {
		t.Fatal("SaveData on a full disk succeeded")
	}
	err := s.Close()
	var ue *UnsavedError
	if !errors.As(err, &ue) || ue.Events != 2 || len(ue.Data) != 1 || ue.Rescued == "" {
		t.Fatalf("Close on a full disk = %v, want 2 events (the note, the pause) and a data file kept aside", err)
	}
	if filepath.Dir(ue.Rescued) != dir || !strings.Contains(err.Error(), "they are kept in "+ue.Rescued+": nagame resume "+s.Name()+" adds them back") {
		t.Errorf("Close says %v", err)
	}
	if got := journalTypes(t, dir); strings.Join(got, " ") != "start note:one" {
		t.Errorf("journal after the full quit: %q", got)
	}

	r, err := Resume(dir, testclock.New(t0.Add(time.Hour)).Now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Restored() != "added back 2 events and the data of panel errors kept aside when the disk was full" {
		t.Errorf("Restored = %q", r.Restored())
	}
	if r.State().Notes["latency"] != "two" {
		t.Errorf("resumed note = %q", r.State().Notes["latency"])
	}
	must(t, r.Close())
	want := "start note:one note:two pause resume pause"
	if got := journalTypes(t, dir); strings.Join(got, " ") != want {
		t.Errorf("journal after the resume: %q, want %q", got, want)
	}
	if _, err := os.Stat(ue.Rescued); !os.IsNotExist(err) {
		t.Errorf("the folder kept aside is still there after being added back: %v", err)
	}
	if data, err := ReadData(dir, "errors"); err != nil || data == nil {
		t.Errorf("the data kept aside was not added back: %v", err)
	}
}
