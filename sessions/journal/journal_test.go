package journal

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func closeJournal(t *testing.T, j *Journal) {
	t.Helper()
	if err := j.Close(); err != nil {
		t.Error(err)
	}
}

func TestAppendAssignsSeqAndNormalizesTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	tokyo := time.FixedZone("JST", 9*3600)
	// The clock returns 19:00:00.123456789 JST = 10:00:00.123456789 UTC;
	// stored as UTC with the sub-millisecond digits cut: 10:00:00.123.
	clock := func() time.Time { return time.Date(2026, 11, 22, 19, 0, 0, 123_456_789, tokyo) }
	j, err := Create(path, WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer closeJournal(t, j)

	explicit := time.Date(2026, 11, 22, 9, 59, 0, 999_999_999, time.UTC) // → 09:59:00.999
	in := []Event{
		{Type: EvClock},
		{Type: EvNote, Seq: 42, Text: "a caller's seq is replaced"},
		{Type: EvPhase, Phase: PhasePanels, Time: explicit},
	}
	want := []Event{
		{Seq: 1, Time: time.Date(2026, 11, 22, 10, 0, 0, 123e6, time.UTC), Type: EvClock},
		{Seq: 2, Time: time.Date(2026, 11, 22, 10, 0, 0, 123e6, time.UTC), Type: EvNote, Text: "a caller's seq is replaced"},
		{Seq: 3, Time: time.Date(2026, 11, 22, 9, 59, 0, 999e6, time.UTC), Type: EvPhase, Phase: PhasePanels},
	}
	var got []Event
	for _, e := range in {
		out, err := j.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, out)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Append returned\n%+v\nwant\n%+v", got, want)
	}
	rep, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep.Events, want) {
		t.Errorf("replay gave\n%+v\nwant what Append returned\n%+v", rep.Events, want)
	}
}

// Encoding replaces each invalid UTF-8 byte with U+FFFD; Append returns the
// event as replay will read it, not as it was given.
func TestAppendReturnsInvalidUTF8AsReplayReadsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, err := Create(path, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	defer closeJournal(t, j)
	// "眺" is E7 9C BA; its first two bytes alone are two invalid bytes.
	e, err := j.Append(Event{Type: EvNote, Text: "ok \xe7\x9c end"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "ok \ufffd\ufffd end"; e.Text != want {
		t.Errorf("Append returned text %q, want %q", e.Text, want)
	}
	rep, err := Read(path)
	if err != nil || len(rep.Events) != 1 || !reflect.DeepEqual(rep.Events[0], e) {
		t.Errorf("replay = %+v, %v; want exactly what Append returned: %+v", rep.Events, err, e)
	}
}

// The on-disk format is a contract with every journal already written:
// this golden file freezes it. HTML characters stay unescaped.
func TestAppendWritesTheJournalFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, err := Create(path, WithClock(tickingClock(1500*time.Millisecond)))
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	events := []Event{
		{Type: EvStart, Start: &StartInfo{Title: "checkout — metrics viewing party", Service: "checkout",
			From: journalEpoch.AddDate(0, 0, -30), To: journalEpoch, Participants: []string{"Aiko", "Ben"},
			Planned: time.Hour, Version: "v0.1.0"}},
		{Type: EvAttendance, Person: "Aiko", Present: &yes},
		{Type: EvAttendance, Person: "Ben", Present: &no},
		{Type: EvAttendance, Person: "Dana", Present: &yes, Late: true},
		{Type: EvNote, Panel: "latency", Text: "p95 \"up\" after <deploy> & rollback\n- Ben: pool\tfix \\ 眺め"},
		{Type: EvAnswer, Panel: "latency", Question: "trend", Person: GroupRespondent, Value: "better"},
		{Type: EvAction, Action: "a1", Text: "add a max rollup", Owner: "Ben", Due: "2026-12-01", Panel: "latency"},
		{Type: EvActionStatus, Action: "a7", From: "2026-05-20-checkout", Status: ActionDone, Text: "shipped"},
		{Type: EvData, Panel: "errors", Error: "datadog: 429 Too Many Requests"},
		{Type: EvEnd},
	}
	for _, e := range events {
		if _, err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	closeJournal(t, j)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "journal", "append.golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("journal written:\n%s\nwant (testdata/journal/append.golden.jsonl):\n%s", got, want)
	}
}

func TestCreateJournal(t *testing.T) {
	t.Run("makes an empty file only its owner can read", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		j, err := Create(path)
		if err != nil {
			t.Fatal(err)
		}
		closeJournal(t, j)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() != 0 {
			t.Errorf("size = %d, want 0", st.Size())
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want -rw-------", st.Mode().Perm())
		}
		rep, err := Read(path)
		if err != nil || len(rep.Events) != 0 || rep.Torn != nil {
			t.Errorf("Read of a new journal = %+v, %v; want no events, no error", rep, err)
		}
	})
	t.Run("refuses an existing journal", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		if err := os.WriteFile(path, []byte(`{"seq":1,"t":"2026-11-22T10:00:00Z","type":"clock"}`+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Create(path)
		if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "resume it instead") {
			t.Errorf("error = %v, want fs.ErrExist and a hint to resume", err)
		}
	})
	t.Run("needs its folder", func(t *testing.T) {
		_, err := Create(filepath.Join(t.TempDir(), "missing", "journal.jsonl"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want fs.ErrNotExist", err)
		}
	})
}

func TestOpenJournal(t *testing.T) {
	t.Run("continues the sequence", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		j, err := Create(path, WithClock(fixedClock))
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := j.Append(Event{Type: EvClock}); err != nil {
				t.Fatal(err)
			}
		}
		closeJournal(t, j)
		j, rep, err := Open(path, WithClock(fixedClock))
		if err != nil {
			t.Fatal(err)
		}
		defer closeJournal(t, j)
		if len(rep.Events) != 3 || rep.Torn != nil {
			t.Fatalf("Open replayed %d events (torn %v), want 3", len(rep.Events), rep.Torn)
		}
		e, err := j.Append(Event{Type: EvResume})
		if err != nil || e.Seq != 4 {
			t.Errorf("first Append after reopening = seq %d, %v; want seq 4", e.Seq, err)
		}
	})
	t.Run("cuts a torn tail off before appending", func(t *testing.T) {
		path := copyFixture(t, "torn_tail.jsonl") // 2 events, then 46 torn bytes at 340
		j, rep, err := Open(path, WithClock(fixedClock))
		if err != nil {
			t.Fatal(err)
		}
		want := &TornTail{Path: path, Line: 3, Offset: 340, Bytes: 46}
		if len(rep.Events) != 2 || !equalTorn(rep.Torn, want) {
			t.Fatalf("Open = %d events, torn %+v; want 2, %+v", len(rep.Events), rep.Torn, want)
		}
		if st, err := os.Stat(path); err != nil || st.Size() != 340 {
			t.Fatalf("after Open the file is %v bytes (%v), want 340", st.Size(), err)
		}
		e, err := j.Append(Event{Type: EvResume})
		if err != nil || e.Seq != 3 {
			t.Fatalf("Append = seq %d, %v; want seq 3", e.Seq, err)
		}
		closeJournal(t, j)
		rep, err = Read(path)
		if err != nil || len(rep.Events) != 3 || rep.Torn != nil || rep.Events[2].Type != EvResume {
			t.Errorf("replay after the append = %d events, torn %v, %v; want 3 clean events ending in resume", len(rep.Events), rep.Torn, err)
		}
	})
	t.Run("a journal that is only a torn line starts again at seq 1", func(t *testing.T) {
		path := copyFixture(t, "torn_only.jsonl")
		j, rep, err := Open(path, WithClock(fixedClock))
		if err != nil {
			t.Fatal(err)
		}
		defer closeJournal(t, j)
		if len(rep.Events) != 0 || rep.Torn == nil {
			t.Fatalf("Open = %d events, torn %v; want 0 and a torn tail", len(rep.Events), rep.Torn)
		}
		if e, err := j.Append(Event{Type: EvClock}); err != nil || e.Seq != 1 {
			t.Errorf("Append = seq %d, %v; want seq 1", e.Seq, err)
		}
	})
	t.Run("refuses a damaged journal and leaves it untouched", func(t *testing.T) {
		path := copyFixture(t, "corrupt_middle.jsonl")
		before, _ := os.ReadFile(path)
		_, _, err := Open(path)
		var je *Error
		if !errors.As(err, &je) || je.Line != 3 {
			t.Fatalf("error = %v, want a *Error at line 3", err)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Error("Open changed a damaged journal")
		}
	})
	t.Run("a missing journal is an error", func(t *testing.T) {
		_, _, err := Open(filepath.Join(t.TempDir(), "journal.jsonl"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error = %v, want fs.ErrNotExist", err)
		}
	})
}

// copyFixture copies testdata/journal/name to a temp dir and returns its path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "journal", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAppendRefuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, err := Create(path, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Append(Event{Type: "vote"}); err == nil || !strings.Contains(err.Error(), `unknown type "vote"`) {
		t.Errorf("Append of an unknown type: error = %v", err)
	}
	if _, err := j.Append(Event{Type: EvNote, Text: strings.Repeat("x", maxJournalLine)}); err == nil ||
		!strings.Contains(err.Error(), "more than the 16777216 a journal line may hold") {
		t.Errorf("Append of a 16 MiB note: error = %v", err)
	}
	// Neither refusal used up a seq or wrote a byte.
	if e, err := j.Append(Event{Type: EvClock}); err != nil || e.Seq != 1 {
		t.Errorf("Append after the refusals = seq %d, %v; want seq 1", e.Seq, err)
	}
	closeJournal(t, j)
	closeJournal(t, j) // twice is harmless
	if _, err := j.Append(Event{Type: EvClock}); err == nil || !strings.Contains(err.Error(), "append after Close") {
		t.Errorf("Append after Close: error = %v", err)
	}
	if rep, err := Read(path); err != nil || len(rep.Events) != 1 {
		t.Errorf("journal holds %d events (%v), want 1", len(rep.Events), err)
	}
}

// A write that fails (here: /dev/full, "no space left on device") and
// cannot be cut off is retried, and fails again, as long as the device
// takes nothing: nothing is claimed saved.
func TestAppendToAFullDeviceKeepsFailing(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full on %s: %v", runtime.GOOS, err)
	}
	j := &Journal{path: "/dev/full", now: fixedClock, open: osOpen, f: f, next: 1}
	defer closeJournal(t, j)
	if _, err := j.Append(Event{Type: EvClock}); err == nil || !strings.Contains(err.Error(), "writing event 1 (clock)") {
		t.Fatalf("Append to a full disk: error = %v", err)
	}
	_, err = j.Append(Event{Type: EvClock})
	if err == nil || !strings.Contains(err.Error(), "writing event 1 (clock)") {
		t.Errorf("second Append: error = %v, want event 1 to fail again", err)
	}
}

// Concurrent Appends (the TUI's debounced note saves and the clock ticker)
// are serialized: seqs are unique, the file holds them in order, and what
// each caller got back is what the file holds.
func TestConcurrentAppend(t *testing.T) {
	const writers, each = 8, 25 // 200 events, 200 fsyncs
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, err := Create(path, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([][]Event, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				e, err := j.Append(Event{Type: EvNote, Person: string(rune('A' + w)), Text: strings.Repeat("n", 100+i*w)})
				if err != nil {
					t.Error(err)
					return
				}
				results[w] = append(results[w], e)
			}
		})
	}
	wg.Wait()
	closeJournal(t, j)

	rep, err := Read(path) // replay itself checks seq 1…n in file order
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Events) != writers*each {
		t.Fatalf("journal holds %d events, want %d", len(rep.Events), writers*each)
	}
	for w, got := range results {
		for i, e := range got {
			if i > 0 && e.Seq <= got[i-1].Seq {
				t.Errorf("writer %d got seq %d after %d", w, e.Seq, got[i-1].Seq)
			}
			if !reflect.DeepEqual(rep.Events[e.Seq-1], e) {
				t.Errorf("file holds %+v at seq %d, writer %d was told %+v", rep.Events[e.Seq-1], e.Seq, w, e)
			}
		}
	}
}

func TestRealisticJournalRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	written := writeRealisticJournal(t, path, 300, 7)
	rep, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Events) != len(written) {
		t.Fatalf("replayed %d events, wrote %d", len(rep.Events), len(written))
	}
	for i := range written {
		if !reflect.DeepEqual(rep.Events[i], written[i]) {
			t.Fatalf("event %d: replay gave\n%+v\nAppend returned\n%+v", i, rep.Events[i], written[i])
		}
	}
}

// knownEventType must know every EventType constant of event.go, or replay
// would reject journals this very nagame wrote.
func TestKnownEventTypesMatchEventGo(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "event.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "EventType" {
				continue
			}
			for _, v := range vs.Values {
				lit := v.(*ast.BasicLit)
				typ := EventType(strings.Trim(lit.Value, `"`))
				found++
				if !knownEventType(typ) {
					t.Errorf("event.go declares %q but knownEventType does not know it", typ)
				}
			}
		}
	}
	if found < 15 { // event.go declares 15 types in version 1
		t.Errorf("found only %d EventType constants in event.go: is this test still reading it right?", found)
	}
}
