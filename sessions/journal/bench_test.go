package journal

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReplay10k replays a 10,000-event journal of a realistic meeting
// (target: < 50 ms/op). Resuming a session and every export pay this.
func BenchmarkReplay10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.jsonl")
	writeJournalFile(b, path, realisticEvents(10_000, 1))
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Read(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Events) != 10_000 {
			b.Fatalf("replayed %d events, want 10000", len(rep.Events))
		}
	}
}

// BenchmarkEncodeLine is the CPU part of every Append (the write and the
// fsync aside): encode an event of a realistic meeting as its line, and
// read the line back as replay will. It runs while the team types.
func BenchmarkEncodeLine(b *testing.B) {
	events := realisticEvents(1000, 2)
	var buf bytes.Buffer
	var dec eventDecoder
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e := events[i%len(events)]
		i++
		line, err := encodeJournalLine(&buf, e)
		if err != nil {
			b.Fatal(err)
		}
		var back Event
		if err := decodeJournalLine(&dec, line, "bench.jsonl", int(e.Seq), &back); err != nil {
			b.Fatal(err)
		}
	}
}
