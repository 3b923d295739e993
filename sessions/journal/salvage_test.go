package journal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A salvage keeps every line that reads, whatever is damaged before or
// after it, renumbers them, and says what it left out and why.
func TestSalvageKeepsEveryLineThatReads(t *testing.T) {
	lines := goldenLines(t)
	want, err := Read(filepath.Join("testdata", "journal", "append.golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines[4] = strings.Replace(lines[4], "rollback", "rollbock", 1)                     // line 5: a changed letter
	lines[6] = `{"seq":7,"t":"2026-11-22T10:00:09Z","type":"act`                        // line 7: cut, but a newline follows
	damaged := append(append(append([]string{}, lines[:3]...), lines[2]), lines[3:]...) // line 3 twice
	damaged = append(damaged, `{"seq":11,"t":"2026-11-22T1`)                            // and a torn tail
	path := writeLines(t, damaged)                                                      // the torn line gets a newline too: it is damage, not a tail

	got, err := Salvage(path, SalvageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// File lines: 1 2 3 3' 4 5* 6 7* 8 9 10 11(torn, with newline → damaged JSON).
	keptFrom := []int{1, 2, 3, 5, 7, 9, 10, 11}
	if !reflect.DeepEqual(got.Lines, keptFrom) {
		t.Fatalf("kept lines %v, want %v", got.Lines, keptFrom)
	}
	wantEvents := []Event{}
	for _, i := range []int{0, 1, 2, 3, 5, 7, 8, 9} {
		e := want.Events[i]
		e.Seq = int64(len(wantEvents)) + 1
		wantEvents = append(wantEvents, e)
	}
	if !reflect.DeepEqual(got.Events, wantEvents) {
		t.Errorf("events differ:\n got %+v\nwant %+v", got.Events, wantEvents)
	}
	var problems []string
	for _, d := range got.Dropped {
		problems = append(problems, strings.SplitN(d.Problem, ":", 2)[0])
	}
	wantProblems := []string{"a copy of line 3", "its checksum does not match", "not a JSON object (unexpected end of JSON input)", "not a JSON object (unexpected end of JSON input)"}
	if strings.Join(problems, "|") != strings.Join(wantProblems, "|") {
		t.Errorf("dropped %q, want %q", problems, wantProblems)
	}
	if got.Dropped[1].Line != 6 || !got.Dropped[1].Changed || got.Dropped[1].Kept {
		t.Errorf("the changed line is reported as %+v", got.Dropped[1])
	}

	// Asked to, a salvage keeps a changed line that reads (an edit on
	// purpose), and still reports it.
	kept, err := Salvage(path, SalvageOptions{KeepChanged: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Events) != 9 || !strings.Contains(kept.Events[4].Text, "rollbock") || !kept.Dropped[1].Kept {
		t.Errorf("with KeepChanged: %d events, the changed note %q, report %+v", len(kept.Events), kept.Events[4].Text, kept.Dropped[1])
	}

	// What it kept makes a journal again.
	fresh := filepath.Join(t.TempDir(), "journal.jsonl")
	if err := Rewrite(fresh, got.Events); err != nil {
		t.Fatal(err)
	}
	back, err := Read(fresh)
	if err != nil || !reflect.DeepEqual(back.Events, got.Events) {
		t.Errorf("the rewritten journal reads as %d events, %v", len(back.Events), err)
	}
	if err := Rewrite(fresh, got.Events); err == nil {
		t.Error("Rewrite replaced an existing journal")
	}
}

// A salvage never drops events it does not understand: a newer nagame
// wrote them and can read them.
func TestSalvageStopsAtAnUnknownEventType(t *testing.T) {
	_, err := Salvage(filepath.Join("testdata", "journal", "unknown_type.jsonl"), SalvageOptions{})
	var je *Error
	if !errors.As(err, &je) || je.Line != 2 || !strings.Contains(err.Error(), "newer nagame") {
		t.Errorf("Salvage = %v, want the unknown type of line 2 refused", err)
	}
}

// FuzzSalvage feeds a repair arbitrary bytes: it never panics, what it
// keeps are events numbered 1…n of known types, each from a line of the
// file, and a journal rewritten from them reads back as the same events.
func FuzzSalvage(f *testing.F) {
	for _, name := range []string{"append.golden", "append.nocrc", "corrupt_middle", "seq_gap", "nul_middle", "torn_tail", "unknown_type", "crlf"} {
		data, err := os.ReadFile(filepath.Join("testdata", "journal", name+".jsonl"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, keep := range []bool{false, true} {
			sv, err := salvage(bytes.NewReader(data), "fuzz.jsonl", SalvageOptions{KeepChanged: keep})
			if err != nil {
				var je *Error
				if !errors.As(err, &je) || !je.unknownType {
					t.Fatalf("Salvage failed with %v; only unknown event types stop it", err)
				}
				return
			}
			if len(sv.Lines) != len(sv.Events) {
				t.Fatalf("%d events from %d lines", len(sv.Events), len(sv.Lines))
			}
			// What Rewrite writes: the events, each line encoded and
			// checksummed, must replay as those events.
			var file, buf bytes.Buffer
			for i, e := range sv.Events {
				if e.Seq != int64(i)+1 || !knownEventType(e.Type) || (i > 0 && sv.Lines[i] <= sv.Lines[i-1]) {
					t.Fatalf("event %d: seq %d type %q line %d", i, e.Seq, e.Type, sv.Lines[i])
				}
				line, err := encodeJournalLine(&buf, e)
				if err != nil {
					t.Fatal(err)
				}
				file.Write(line)
			}
			back, _, err := replayJournal(&file, "fresh.jsonl")
			if err != nil || len(back.Events) != len(sv.Events) {
				t.Fatalf("the rewritten journal: %d events, %v; want %d", len(back.Events), err, len(sv.Events))
			}
		}
	})
}
