package journal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxJournalLine is the longest line (JSON + newline) the journal writes and
// replay reads. A note of a few hundred KB is far below it; the cap exists so
// damaged input cannot make replay hold an unbounded line in memory.
const maxJournalLine = 16 << 20

// journalReadBuffer is replay's read buffer: lines that fit are decoded in
// place without copying; longer ones are gathered in a growing scratch slice.
const journalReadBuffer = 256 << 10

// Replay is what reading a journal yields.
type Replay struct {
	// Events in file order; their Seq run 1, 2, 3, … without gaps.
	Events []Event
	// Torn is set when the last line was cut short by a crash mid-write:
	// it is ignored (it was never acknowledged to the writer) and reported
	// here so the user can be told.
	Torn *TornTail
}

// TornTail describes the ignored last line of a journal: a line without
// its newline (Append writes line and newline in one call, so the event was
// never acknowledged), or a last line holding NUL bytes, which is what a
// power loss leaves of blocks that were never written.
type TornTail struct {
	// Path of the journal file.
	Path string
	// Line is the 1-based number of the torn line.
	Line int
	// Offset is where the torn line starts: the length of the intact part
	// of the file. Open truncates the file to it.
	Offset int64
	// Bytes is how long the torn line is.
	Bytes int64
}

// String tells the user what happened, in one line.
func (t *TornTail) String() string {
	return fmt.Sprintf("%s:%d: the last line (%d bytes) was cut short, probably by a crash while it was being written; "+
		"it was ignored (its event had not been saved yet)", t.Path, t.Line, t.Bytes)
}

// Read reads the journal at path without writing to it (export,
// sessions list). An empty file is a valid journal with no events: it is what
// a crash right after Create leaves. A missing file is an error that
// wraps fs.ErrNotExist; a damaged line is a *Error.
func Read(path string) (Replay, error) {
	f, err := os.Open(path)
	if err != nil {
		return Replay{}, openJournalError(path, err)
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose on close
	rep, _, err := replayJournal(f, path)
	return rep, err
}

// openJournalError explains why the journal file could not be opened.
func openJournalError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no journal at %s: the folder is not a session, or its journal.jsonl was moved or removed: %w", path, err)
	}
	return fmt.Errorf("opening journal %s: %w", path, err)
}

// replayJournal decodes and checks every line of r. It returns the replay
// and the length of the intact part (everything before a torn tail).
func replayJournal(r io.Reader, path string) (Replay, int64, error) {
	var (
		rep     Replay
		br      = bufio.NewReaderSize(r, journalReadBuffer)
		scratch []byte
		offset  int64
		dec     eventDecoder
		events  eventBlocks
	)
	for lineNo := 1; ; lineNo++ {
		line, size, complete, err := readJournalLine(br, &scratch)
		if err != nil {
			return Replay{}, 0, fmt.Errorf("reading journal %s at line %d: %w", path, lineNo, err)
		}
		if size == 0 {
			rep.Events = events.all()
			return rep, offset, nil
		}
		if !complete || (bytes.IndexByte(line, 0) >= 0 && atEOF(br)) {
			// A crash mid-write leaves a line without its newline. After a
			// power loss the final line can also end in blocks that were
			// never written (NUL bytes, which encoding/json never emits).
			// Either way the writer was never told the event was saved.
			rep.Events = events.all()
			rep.Torn = &TornTail{Path: path, Line: lineNo, Offset: offset, Bytes: size}
			return rep, offset, nil
		}
		if size > maxJournalLine {
			return Replay{}, 0, &Error{Path: path, Line: lineNo,
				Problem: fmt.Sprintf("line is %d bytes, longer than the %d nagame writes", size, maxJournalLine),
				Hint:    damagedLineHint(path, lineNo)}
		}
		if err := decodeJournalLine(&dec, line, path, lineNo, events.next()); err != nil {
			return Replay{}, 0, err
		}
		offset += size
	}
}

// eventBlocks gathers a replay's events in fixed-size blocks and joins them
// once at the end. An Event is ~300 bytes and a long meeting has tens of
// thousands: growing one slice would copy it over and over and, with the
// garbage it leaves, cost a third of the replay time.
type eventBlocks struct {
	full [][]Event
	cur  []Event
	n    int
}

// eventBlockSize is how many events a block holds.
const eventBlockSize = 1024

// next returns a zero Event slot to decode into; it counts as gathered.
func (b *eventBlocks) next() *Event {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]Event, 0, eventBlockSize)
	}
	b.cur = b.cur[:len(b.cur)+1]
	b.n++
	return &b.cur[len(b.cur)-1]
}

// all returns every gathered event in order (nil if none).
func (b *eventBlocks) all() []Event {
	if len(b.full) == 0 {
		return b.cur
	}
	out := make([]Event, 0, b.n)
	for _, blk := range b.full {
		out = append(out, blk...)
	}
	return append(out, b.cur...)
}

// atEOF reports whether br has nothing left to read.
func atEOF(br *bufio.Reader) bool {
	_, err := br.Peek(1)
	return errors.Is(err, io.EOF)
}

// readJournalLine reads one line, newline included. It returns the line (its
// bytes stay valid only until the next call), its size in the file, and
// whether it ended in a newline. Lines longer than maxJournalLine are
// consumed and measured but not kept (line is nil). size 0 means end of file.
func readJournalLine(br *bufio.Reader, scratch *[]byte) (line []byte, size int64, complete bool, err error) {
	gathering := false
	for {
		frag, err := br.ReadSlice('\n')
		size += int64(len(frag))
		switch {
		case err == nil || errors.Is(err, io.EOF):
			complete = err == nil
			if !gathering {
				return frag, size, complete, nil
			}
			if size <= maxJournalLine {
				*scratch = append(*scratch, frag...)
				return *scratch, size, complete, nil
			}
			return nil, size, complete, nil
		case errors.Is(err, bufio.ErrBufferFull):
			if !gathering {
				gathering = true
				*scratch = (*scratch)[:0]
			}
			if size <= maxJournalLine {
				*scratch = append(*scratch, frag...)
			}
		default:
			return nil, 0, false, err
		}
	}
}

// decodeJournalLine decodes one complete line (newline included) into e,
// which must be the zero Event, and checks it carries seq want.
func decodeJournalLine(dec *eventDecoder, line []byte, path string, lineNo int, e *Event) error {
	want := int64(lineNo)
	body := bytes.TrimSpace(line)
	if len(body) == 0 {
		return &Error{Path: path, Line: lineNo, Problem: "empty line",
			Hint: damagedLineHint(path, lineNo)}
	}
	if body[0] != '{' {
		return &Error{Path: path, Line: lineNo,
			Problem: fmt.Sprintf("not a JSON object (starts with %q)", firstRunes(body, 20)),
			Hint:    damagedLineHint(path, lineNo)}
	}
	switch checkLine(body) {
	case crcWrong:
		return &Error{Path: path, Line: lineNo, Changed: true,
			Problem: "its checksum does not match: the line was changed after nagame wrote it",
			Hint:    damagedLineHint(path, lineNo)}
	case crcNone:
		if dec.checksummed {
			return &Error{Path: path, Line: lineNo, Changed: true,
				Problem: "it has no checksum, unlike the lines before it: it was added or changed after nagame wrote the journal",
				Hint:    damagedLineHint(path, lineNo)}
		}
	case crcGood:
		dec.checksummed = true
	}
	if err := dec.decode(body, e); err != nil {
		return &Error{Path: path, Line: lineNo,
			Problem: fmt.Sprintf("not a JSON object (%v)", err),
			Hint:    damagedLineHint(path, lineNo), Err: err}
	}
	if !knownEventType(e.Type) {
		return &Error{Path: path, Line: lineNo, unknownType: true,
			Problem: fmt.Sprintf("unknown event type %q", e.Type),
			Hint:    unknownTypeHint(path)}
	}
	if e.Seq != want {
		prev := "the start of the journal (seq 1 expected)"
		if want > 1 {
			prev = fmt.Sprintf("seq %d of line %d", want-1, lineNo-1)
		}
		return &Error{Path: path, Line: lineNo,
			Problem: fmt.Sprintf("seq %d does not follow %s", e.Seq, prev),
			Hint:    damagedLineHint(path, lineNo)}
	}
	return nil
}

// firstRunes is the start of b, at most n bytes, for an error message.
func firstRunes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// knownEventType reports whether replay understands t. It must list every
// EventType constant of event.go: TestKnownEventTypesMatchEventGo checks.
func knownEventType(t EventType) bool {
	switch t {
	case EvStart, EvResume, EvPause, EvClock, EvAttendance, EvPhase, EvPanel, EvData,
		EvNote, EvAnswer, EvImpression, EvSurvey, EvAction, EvActionStatus, EvEnd:
		return true
	}
	return false
}
