package journal

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Line lengths of the fixtures in testdata/journal (bytes, newline excluded):
// L1 (start) 249, L2 (attendance) 89, L3 (note) 131, L4 (answer) 124,
// L5 (clock) 51. So two complete lines end at 249+1+89+1 = 340.
func TestReadJournalFixtures(t *testing.T) {
	tests := []struct {
		file       string
		wantEvents int
		wantTorn   *TornTail // Path is filled in by the test
		wantLine   int       // line of the *Error; 0: no error
		wantErr    string
	}{
		{file: "valid.jsonl", wantEvents: 5},
		{file: "empty.jsonl", wantEvents: 0}, // a crash right after Create
		{file: "crlf.jsonl", wantEvents: 2},  // edited on Windows: \r is JSON whitespace
		{
			// `{"seq":3,"t":"2026-11-22T10:00:02Z","type":"no` is 46 bytes.
			file: "torn_tail.jsonl", wantEvents: 2,
			wantTorn: &TornTail{Line: 3, Offset: 340, Bytes: 46},
		},
		{file: "torn_only.jsonl", wantTorn: &TornTail{Line: 1, Offset: 0, Bytes: 23}},
		{
			// Valid JSON but no newline: Append writes line and newline in
			// one call, so this event was never acknowledged either.
			file: "torn_complete_json.jsonl", wantEvents: 2,
			wantTorn: &TornTail{Line: 3, Offset: 340, Bytes: 131},
		},
		{
			// A power loss can leave the last line with unwritten (NUL)
			// blocks but its newline: 445-byte file - 340 = 105 bytes.
			file: "nul_tail.jsonl", wantEvents: 2,
			wantTorn: &TornTail{Line: 3, Offset: 340, Bytes: 105},
		},
		{file: "nul_middle.jsonl", wantLine: 2, wantErr: `not a JSON object (starts with "\x00\x00`},
		{file: "corrupt_middle.jsonl", wantLine: 3, wantErr: "not a JSON object (unexpected end of JSON input)"},
		{file: "not_object.jsonl", wantLine: 2, wantErr: `not a JSON object (starts with "[2,\"attendance\"]")`},
		{file: "null_line.jsonl", wantLine: 2, wantErr: `not a JSON object (starts with "null")`},
		{file: "unknown_type.jsonl", wantLine: 2, wantErr: `unknown event type "vote"; the session record is damaged: it was probably written by a newer nagame`},
		{file: "seq_gap.jsonl", wantLine: 3, wantErr: "seq 4 does not follow seq 2 of line 2"},
		{file: "seq_zero.jsonl", wantLine: 1, wantErr: "seq 0 does not follow the start of the journal (seq 1 expected)"},
		{file: "empty_line.jsonl", wantLine: 2, wantErr: "empty line"},
		{file: "blank_last_line.jsonl", wantLine: 3, wantErr: "empty line"},
		{file: "bad_time.jsonl", wantLine: 2, wantErr: `not a JSON object (parsing time "yesterday" as`},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".jsonl"), func(t *testing.T) {
			path := filepath.Join("testdata", "journal", tt.file)
			rep, err := Read(path)
			if tt.wantLine != 0 {
				var je *Error
				if !errors.As(err, &je) {
					t.Fatalf("Read(%s) error = %v, want a *Error", tt.file, err)
				}
				if je.Line != tt.wantLine || je.Path != path {
					t.Errorf("error names %s:%d, want %s:%d", je.Path, je.Line, path, tt.wantLine)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %q\nwant it to contain %q", err, tt.wantErr)
				}
				if len(rep.Events) != 0 || rep.Torn != nil {
					t.Errorf("a damaged journal returned %d events (torn %v), want none", len(rep.Events), rep.Torn)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read(%s): %v", tt.file, err)
			}
			if len(rep.Events) != tt.wantEvents {
				t.Errorf("got %d events, want %d", len(rep.Events), tt.wantEvents)
			}
			for i, e := range rep.Events {
				if e.Seq != int64(i)+1 {
					t.Errorf("event %d has seq %d", i, e.Seq)
				}
			}
			if tt.wantTorn != nil {
				tt.wantTorn.Path = path
			}
			if !equalTorn(rep.Torn, tt.wantTorn) {
				t.Errorf("Torn = %+v, want %+v", rep.Torn, tt.wantTorn)
			}
		})
	}
}

func equalTorn(a, b *TornTail) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func TestReadJournalDecodesEveryField(t *testing.T) {
	rep, err := Read(filepath.Join("testdata", "journal", "valid.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	start := rep.Events[0]
	if start.Type != EvStart || start.Start == nil || start.Start.Title != "checkout — metrics viewing party" ||
		len(start.Start.Participants) != 3 || start.Start.Planned.Minutes() != 60 {
		t.Errorf("start event = %+v (start %+v)", start, start.Start)
	}
	att := rep.Events[1]
	// "2026-11-22T10:00:01.5Z" → 1.5 s after 10:00.
	if att.Present == nil || !*att.Present || att.Person != "Aiko" || !att.Time.Equal(journalEpoch.Add(1500e6)) {
		t.Errorf("attendance event = %+v", att)
	}
	note := rep.Events[2]
	if want := "p95 \"up\" after <deploy> & rollback\n- Ben: pool fix"; note.Text != want || note.Panel != "latency" {
		t.Errorf("note text = %q, want %q", note.Text, want)
	}
	if ans := rep.Events[3]; ans.Person != GroupRespondent || ans.Value != "better" || ans.Question != "trend" {
		t.Errorf("answer event = %+v", ans)
	}
}

func TestReadJournalMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	_, err := Read(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error = %v, want one wrapping fs.ErrNotExist", err)
	}
	if !strings.Contains(err.Error(), "no journal at "+path) {
		t.Errorf("error = %q, want it to name the path", err)
	}
}

func TestJournalErrorMessageSaysWhatToDo(t *testing.T) {
	_, err := Read(filepath.Join("testdata", "journal", "seq_gap.jsonl"))
	want := "testdata/journal/seq_gap.jsonl:3: seq 4 does not follow seq 2 of line 2; the session record is damaged: " +
		"the 2 line(s) before it are intact; run nagame repair journal: it keeps every event that still reads " +
		"in a fresh journal, and the damaged journal beside it"
	if err == nil || filepath.ToSlash(err.Error()) != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestTornTailString(t *testing.T) {
	tt := &TornTail{Path: "s/journal.jsonl", Line: 43, Offset: 9000, Bytes: 118}
	want := "s/journal.jsonl:43: the last line (118 bytes) was cut short, probably by a crash while it was being written; " +
		"it was ignored (its event had not been saved yet)"
	if got := tt.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// Lines longer than the read buffer (256 KiB) are gathered piecewise; the
// limit is 16 MiB.
func TestReplayLongLines(t *testing.T) {
	t.Run("a 1 MiB note survives a round trip", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		j, err := Create(path, WithClock(fixedClock))
		if err != nil {
			t.Fatal(err)
		}
		defer closeJournal(t, j)
		big := strings.Repeat("a long \"quoted\" note →\n", 1<<20/24)
		for _, text := range []string{"short", strings.Repeat("x", 100_000), big, "after"} {
			if _, err := j.Append(Event{Type: EvNote, Panel: "p", Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Events) != 4 || rep.Events[2].Text != big || rep.Events[3].Text != "after" {
			t.Errorf("replayed %d events; the big note intact: %v", len(rep.Events), len(rep.Events) > 2 && rep.Events[2].Text == big)
		}
	})
	t.Run("a complete line over 16 MiB is an error naming it", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		var b bytes.Buffer
		b.WriteString(`{"seq":1,"t":"2026-11-22T10:00:00Z","type":"clock"}` + "\n")
		b.WriteString(`{"seq":2,"t":"2026-11-22T10:00:00Z","type":"note","text":"`)
		b.Write(bytes.Repeat([]byte("x"), maxJournalLine))
		b.WriteString("\"}\n")
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Read(path)
		var je *Error
		if !errors.As(err, &je) || je.Line != 2 || !strings.Contains(err.Error(), "longer than the 16777216 nagame writes") {
			t.Errorf("error = %v, want a *Error at line 2 about its length", err)
		}
	})
	t.Run("a torn line over 16 MiB is still a torn tail", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		var b bytes.Buffer
		b.WriteString(`{"seq":1,"t":"2026-11-22T10:00:00Z","type":"clock"}` + "\n") // 52 bytes
		b.WriteString(`{"seq":2,"type":"note","text":"`)
		b.Write(bytes.Repeat([]byte("x"), maxJournalLine))
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		want := &TornTail{Path: path, Line: 2, Offset: 52, Bytes: int64(b.Len() - 52)}
		if len(rep.Events) != 1 || !equalTorn(rep.Torn, want) {
			t.Errorf("got %d events, torn %+v; want 1, %+v", len(rep.Events), rep.Torn, want)
		}
	})
}

// FuzzReadJournal feeds replay arbitrary bytes: it must never panic, and
// what it accepts must be consistent with the input.
func FuzzReadJournal(f *testing.F) {
	for _, name := range []string{"valid", "torn_tail", "nul_tail", "corrupt_middle", "crlf", "seq_gap", "append.golden", "append.nocrc"} {
		data, err := os.ReadFile(filepath.Join("testdata", "journal", name+".jsonl"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, size, err := replayJournal(bytes.NewReader(data), "fuzz.jsonl")
		if err != nil {
			var je *Error
			if !errors.As(err, &je) || je.Line < 1 {
				t.Fatalf("error %v is not a *Error with a line", err)
			}
			return
		}
		for i, e := range rep.Events {
			if e.Seq != int64(i)+1 || !knownEventType(e.Type) {
				t.Fatalf("event %d = seq %d type %q", i, e.Seq, e.Type)
			}
		}
		if bytes.Count(data[:size], []byte("\n")) != len(rep.Events) {
			t.Fatalf("intact part (%d bytes) holds %d lines, replay has %d events", size, bytes.Count(data[:size], []byte("\n")), len(rep.Events))
		}
		switch {
		case rep.Torn == nil && size != int64(len(data)):
			t.Fatalf("no torn tail, but only %d of %d bytes are intact", size, len(data))
		case rep.Torn != nil && (rep.Torn.Offset != size || size+rep.Torn.Bytes != int64(len(data)) || rep.Torn.Line != len(rep.Events)+1):
			t.Fatalf("torn tail %+v does not cover the rest of %d bytes after %d", rep.Torn, len(data), size)
		}
	})
}
