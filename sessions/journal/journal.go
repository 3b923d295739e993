package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Journal is a session's journal.jsonl open for appending: one JSON object
// (an Event) per line, each line written whole and fsync'd before Append
// returns. A Journal is safe for concurrent use.
//
// Only one process may write a journal: take the session's lock
// (lock.Acquire) before Create or Open.
//
// A failed Append (a full disk, an I/O error) can be retried: the failed
// line is cut off the file before the next line is written, so a retry of
// the same event neither duplicates nor reorders lines, and its seq is the
// one the failed attempt would have had.
type Journal struct {
	path string
	now  func() time.Time
	open OpenFunc

	mu   sync.Mutex
	f    File
	buf  bytes.Buffer // the line being encoded, reused
	dec  eventDecoder // reads each line back before it is written
	next int64        // seq of the next event
	size int64        // bytes of complete, fsync'd lines in the file
	// dirty is set when the file may hold bytes past size that we could
	// not account for (a failed fsync, or a partial write we could not cut
	// off): the next Append reopens the file and cuts it back to size first.
	dirty error
	// broken is set when the file can no longer be trusted (it is shorter
	// than what was acknowledged): every later Append fails.
	broken error
	closed bool
}

// Create creates a new, empty journal at path, with 0600 permissions
// (meeting notes can be sensitive). The file must not exist; its folder must.
// The folder is fsync'd so the new file survives a power loss together with
// the events later appended to it.
func Create(path string, opts ...Option) (*Journal, error) {
	o := newOptions(opts)
	f, err := o.open(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("journal %s already exists: this session was started before, resume it instead: %w", path, err)
		}
		return nil, fmt.Errorf("creating journal %s: %w", path, err)
	}
	if err := syncJournalDir(filepath.Dir(path)); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("creating journal %s: %w", path, err)
	}
	return &Journal{path: path, now: o.now, open: o.open, f: f, next: 1}, nil
}

// Open opens the existing journal at path to continue it. It replays
// the journal (as Read does) and returns what it read; if the last
// line is torn it truncates the file before it, so the next Append does not
// glue onto junk, and reports it in Replay.Torn. A damaged line is a
// *Error and nothing is opened: a journal is never continued past
// content it does not understand.
func Open(path string, opts ...Option) (*Journal, Replay, error) {
	o := newOptions(opts)
	f, err := o.open(path, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return nil, Replay{}, openJournalError(path, err)
	}
	rep, size, err := replayJournal(f, path)
	if err != nil {
		_ = f.Close()
		return nil, Replay{}, err
	}
	if rep.Torn != nil {
		if err := f.Truncate(size); err != nil {
			_ = f.Close()
			return nil, Replay{}, fmt.Errorf("cutting the torn last line off journal %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			_ = f.Close()
			return nil, Replay{}, fmt.Errorf("cutting the torn last line off journal %s: %w", path, err)
		}
	}
	j := &Journal{path: path, now: o.now, open: o.open, f: f, next: int64(len(rep.Events)) + 1, size: size}
	return j, rep, nil
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Append writes e as the next line. It sets e.Seq to the next sequence
// number (whatever e.Seq held), sets e.Time from the journal's clock if it
// is zero, and stores the time in UTC at millisecond precision. It returns
// the event as written, which is what a replay will read. Once Append
// returns nil the line is on disk (fsync'd): it survives kill -9 of the
// process and a power loss.
//
// An event of an unknown type, or one whose line would exceed 16 MiB, is
// refused, since replay would refuse it. A write or fsync that fails
// returns the error and may be retried (see Journal).
func (j *Journal) Append(e Event) (Event, error) {
	if !knownEventType(e.Type) {
		return Event{}, fmt.Errorf("journal %s: cannot append an event of unknown type %q", j.path, e.Type)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	switch {
	case j.closed:
		return Event{}, fmt.Errorf("journal %s: append after Close", j.path)
	case j.broken != nil:
		return Event{}, fmt.Errorf("journal %s cannot be written any more: %w", j.path, j.broken)
	}

	e.Seq = j.next
	if e.Time.IsZero() {
		e.Time = j.now()
	}
	// UTC drops the monotonic reading and the zone; Truncate the sub-ms
	// digits, so what Append returns is exactly what replay will read.
	e.Time = e.Time.UTC().Truncate(time.Millisecond)

	line, err := encodeJournalLine(&j.buf, e)
	if err != nil {
		return Event{}, fmt.Errorf("journal %s: encoding event %d (%s): %w", j.path, e.Seq, e.Type, err)
	}
	if len(line) > maxJournalLine {
		return Event{}, fmt.Errorf("journal %s: event %d (%s) is %d bytes, more than the %d a journal line may hold",
			j.path, e.Seq, e.Type, len(line), maxJournalLine)
	}
	// Read the line back before writing it: the journal never gets a line
	// replay would reject, and the caller gets exactly what replay will
	// give (encoding turns invalid UTF-8 into U+FFFD, for one).
	var written Event
	if err := decodeJournalLine(&j.dec, line, j.path, int(e.Seq), &written); err != nil {
		return Event{}, fmt.Errorf("journal %s: event %d (%s) would not read back, so it was not written: %w", j.path, e.Seq, e.Type, err)
	}
	if j.dirty != nil {
		if err := j.recover(); err != nil {
			return Event{}, fmt.Errorf("journal %s: writing event %d (%s): %w", j.path, e.Seq, e.Type, err)
		}
	}

	// One write of the whole line: with O_APPEND it lands at the end even if
	// something else moved the offset, and a crash leaves at worst one torn
	// last line, which replay ignores.
	if _, err := j.f.Write(line); err != nil {
		// A short write (disk full) leaves part of a line: cut it off so the
		// next Append starts on a clean line.
		if terr := j.f.Truncate(j.size); terr != nil {
			j.dirty = errors.Join(err, terr)
		}
		return Event{}, fmt.Errorf("journal %s: writing event %d (%s): %w", j.path, e.Seq, e.Type, err)
	}
	if err := j.f.Sync(); err != nil {
		// After a failed fsync the kernel may have dropped the dirty pages
		// or marked them clean: what is on disk past size is unknown, and
		// this file handle may not report the failure again. The next
		// Append reopens the file and cuts it back to what was saved.
		j.dirty = err
		return Event{}, fmt.Errorf("journal %s: saving event %d (%s) to disk: %w", j.path, e.Seq, e.Type, err)
	}
	j.size += int64(len(line))
	j.next++
	return written, nil
}

// recover makes the file hold exactly the lines acknowledged so far after
// a failure left its tail unknown: it reopens the file (a fresh handle
// reports new errors, where the old one may not), cuts it back to their
// size and fsyncs that. Those lines were fsync'd each, so they are on disk;
// a file found shorter than them was cut by someone else, and the journal
// stops (broken).
func (j *Journal) recover() error {
	_ = j.f.Close() // the handle that failed; what it held is being cut off
	f, err := j.open(j.path, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("reopening it after %w: %w", j.dirty, err)
	}
	j.f = f
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reopening it after %w: %w", j.dirty, err)
	}
	if st.Size() < j.size {
		j.broken = fmt.Errorf("the file is %d bytes, shorter than the %d already saved: something else changed it; "+
			"quit, then nagame repair the session", st.Size(), j.size)
		return j.broken
	}
	if err := f.Truncate(j.size); err != nil {
		return fmt.Errorf("cutting off what a failed write left: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cutting off what a failed write left: %w", err)
	}
	j.dirty = nil
	return nil
}

// Next is the seq the next appended event will get.
func (j *Journal) Next() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.next
}

// Close closes the file. Every acknowledged event is already on disk; Close
// adds nothing to the journal. Closing twice is harmless.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil
	}
	j.closed = true
	if err := j.f.Close(); err != nil {
		return fmt.Errorf("closing journal %s: %w", j.path, err)
	}
	return nil
}

// encodeJournalLine encodes e as one journal line (JSON with its checksum
// field, and "\n") into buf, which it resets, and returns the line (valid
// until buf is next used).
func encodeJournalLine(buf *bytes.Buffer, e Event) ([]byte, error) {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // notes are full of "<", ">" and "&": keep them legible
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	appendChecksum(buf, buf.Len()-1) // Encode ended the object with "\n"
	return buf.Bytes(), nil
}

// syncJournalDir fsyncs dir so a file just created in it survives a power
// loss. Windows cannot fsync a directory (and does not need to).
func syncJournalDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	serr := d.Sync()
	cerr := d.Close()
	if serr != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, serr)
	}
	if cerr != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, cerr)
	}
	return nil
}
