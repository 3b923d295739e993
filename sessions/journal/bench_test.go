package journal

import (
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
