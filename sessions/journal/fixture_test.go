package journal

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// journalEpoch is the fixed clock of journal tests: 2026-11-22 10:00:00 UTC.
var journalEpoch = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// tickingClock returns a clock that starts at journalEpoch and advances by
// step on every call. Not safe for concurrent use; concurrent tests use
// fixedClock.
func tickingClock(step time.Duration) func() time.Time {
	t := journalEpoch
	return func() time.Time {
		now := t
		t = t.Add(step)
		return now
	}
}

// fixedClock always returns journalEpoch.
func fixedClock() time.Time { return journalEpoch }

// noteText is n bytes of meeting-note-like text: words, punctuation that
// JSON must escape (quotes, backslashes, newlines) and some non-ASCII.
func noteText(rng *rand.Rand, n int) string {
	words := []string{"p95", "latency", "went", "up", "after", "the", "deploy", "of", "checkout-v2.3",
		"\"pool\"", "errors", "0.02 %", "<ok>", "Aiko:", "sagt", "眺め", "C:\\tmp", "→", "budget", "burn"}
	var b strings.Builder
	b.Grow(n + 16)
	for b.Len() < n {
		if rng.IntN(12) == 0 {
			b.WriteString("\n- ")
		}
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	s := b.String()[:n]
	for !utf8.ValidString(s) { // the cut may split a rune: typed text is valid UTF-8
		s = s[:len(s)-1]
	}
	return s
}

// realisticEvent is the i-th event (0-based) of a made-up meeting: mostly
// notes of 200–2,000 chars (notes are saved whole, so they dominate the
// bytes), answers, clock ticks, now and then a panel switch or an action.
func realisticEvent(rng *rand.Rand, i int) Event {
	panel := fmt.Sprintf("panel-%d", i/500)
	switch r := rng.IntN(10); {
	case i == 0:
		return Event{Type: EvStart, Start: &StartInfo{Title: "checkout — metrics viewing party", Service: "checkout",
			From: journalEpoch.Add(-30 * 24 * time.Hour), To: journalEpoch,
			Participants: []string{"Aiko", "Ben", "Chen"}, Planned: time.Hour}}
	case r < 4:
		return Event{Type: EvNote, Panel: panel, Text: noteText(rng, 200+rng.IntN(1801))}
	case r < 7:
		return Event{Type: EvAnswer, Panel: panel, Question: "trend", Person: []string{"Aiko", "Ben", "Chen"}[rng.IntN(3)],
			Value: []string{"better", "same", "worse"}[rng.IntN(3)]}
	case r < 9:
		return Event{Type: EvClock}
	case rng.IntN(2) == 0:
		return Event{Type: EvPanel, Panel: panel}
	default:
		return Event{Type: EvAction, Action: fmt.Sprintf("a%d", i), Text: noteText(rng, 80), Owner: "Ben", Due: "2026-12-01", Panel: panel}
	}
}

// realisticEvents is a meeting of n events as Append would have stored
// them: seq 1…n, one second apart from journalEpoch.
func realisticEvents(n int, seed uint64) []Event {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]Event, n)
	for i := range n {
		e := realisticEvent(rng, i)
		e.Seq = int64(i) + 1
		e.Time = journalEpoch.Add(time.Duration(i) * time.Second)
		out[i] = e
	}
	return out
}

// writeJournalFile writes events as a journal file, encoded exactly as
// Append encodes them but without an fsync per line (10,000 fsyncs take
// ~20 s here): for benchmarks and replay tests that need big journals.
func writeJournalFile(tb testing.TB, path string, events []Event) {
	tb.Helper()
	var all, buf bytes.Buffer
	for _, e := range events {
		line, err := encodeJournalLine(&buf, e)
		if err != nil {
			tb.Fatal(err)
		}
		all.Write(line)
	}
	if err := os.WriteFile(path, all.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// writeRealisticJournal appends n realistic events to a new journal at path
// through Append (with its fsyncs) and returns them as Append returned them.
func writeRealisticJournal(tb testing.TB, path string, n int, seed uint64) []Event {
	tb.Helper()
	j, err := Create(path, WithClock(tickingClock(time.Second)))
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]Event, 0, n)
	for i := range n {
		e, err := j.Append(realisticEvent(rng, i))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, e)
	}
	if err := j.Close(); err != nil {
		tb.Fatal(err)
	}
	return out
}
