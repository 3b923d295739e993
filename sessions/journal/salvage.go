package journal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Salvaged is what Salvage could read from a damaged journal: every line
// that still reads as an event, and why each other line does not.
type Salvaged struct {
	// Events that read, in file order, with Seq renumbered 1, 2, 3, … so
	// that they make a journal again.
	Events []Event
	// Lines of the file the events came from (1-based), parallel to Events.
	Lines []int
	// Dropped lines, in file order; Changed ones that were kept (see
	// SalvageOptions.KeepChanged) are listed too, with Kept set.
	Dropped []DroppedLine
	// Torn is the last line cut short by a crash, if any: never an event.
	Torn *TornTail
}

// DroppedLine is a line of a damaged journal that a salvage left out, or
// kept although it is not what nagame wrote.
type DroppedLine struct {
	Line    int
	Problem string
	// Changed: the line reads, but its checksum says it is not what nagame
	// wrote (or it lacks one among lines that have one).
	Changed bool
	// Kept: a changed line kept because SalvageOptions.KeepChanged asked.
	Kept bool
	// Duplicate names the earlier line this one repeats, byte for byte.
	Duplicate int
}

// SalvageOptions choose what a salvage keeps.
type SalvageOptions struct {
	// KeepChanged keeps lines that read as events but whose checksum does
	// not match (an edit by hand, on purpose): by default they are dropped,
	// since nothing tells a deliberate edit from a damaged disk.
	KeepChanged bool
}

// Salvage reads the journal at path without writing to it, keeping every
// line that reads as an event and skipping the others (each reported), so
// that one damaged line costs that line and nothing after it. A line that
// repeats an earlier one byte for byte (same seq) is dropped as a copy.
//
// Events of a type this nagame does not know stop the salvage with a
// *Error: they were probably written by a newer nagame, which should read
// them; dropping them would lose what they recorded.
func Salvage(path string, opt SalvageOptions) (Salvaged, error) {
	f, err := os.Open(path)
	if err != nil {
		return Salvaged{}, openJournalError(path, err)
	}
	defer func() { _ = f.Close() }() // read-only
	return salvage(f, path, opt)
}

// salvage is Salvage of what r reads; path names it in messages.
func salvage(r io.Reader, path string, opt SalvageOptions) (Salvaged, error) {
	var (
		out     Salvaged
		br      = bufio.NewReaderSize(r, journalReadBuffer)
		scratch []byte
		dec     eventDecoder
		offset  int64
		seen    = map[int64]lineSeen{} // seq → the kept line that had it
	)
	for lineNo := 1; ; lineNo++ {
		line, size, complete, err := readJournalLine(br, &scratch)
		if err != nil {
			return Salvaged{}, fmt.Errorf("reading journal %s at line %d: %w", path, lineNo, err)
		}
		if size == 0 {
			return out, nil
		}
		if !complete || (bytes.IndexByte(line, 0) >= 0 && atEOF(br)) {
			out.Torn = &TornTail{Path: path, Line: lineNo, Offset: offset, Bytes: size}
			return out, nil
		}
		offset += size
		if size > maxJournalLine {
			out.Dropped = append(out.Dropped, DroppedLine{Line: lineNo, Problem: fmt.Sprintf("line is %d bytes, longer than the %d nagame writes", size, maxJournalLine)})
			continue
		}
		var e Event
		// Each line is judged alone: seq is renumbered below, and whether
		// a line should have had a checksum is not held against it here.
		dec.checksummed = false
		err = decodeJournalLine(&dec, line, path, int(seqOf(&dec, line)), &e)
		var je *Error
		switch {
		case err == nil:
		case errors.As(err, &je) && je.Changed && opt.KeepChanged:
			if err := decodeIgnoringChecksum(&dec, line, &e); err != nil {
				out.Dropped = append(out.Dropped, DroppedLine{Line: lineNo, Problem: je.Problem, Changed: true})
				continue
			}
			out.Dropped = append(out.Dropped, DroppedLine{Line: lineNo, Problem: je.Problem, Changed: true, Kept: true})
		case errors.As(err, &je) && je.unknownType:
			return Salvaged{}, err
		case errors.As(err, &je):
			out.Dropped = append(out.Dropped, DroppedLine{Line: lineNo, Problem: je.Problem, Changed: je.Changed})
			continue
		default:
			return Salvaged{}, err
		}
		sum := crc32.Checksum(bytes.TrimSpace(line), castagnoli)
		if prev, ok := seen[e.Seq]; ok && prev.sum == sum {
			out.Dropped = append(out.Dropped, DroppedLine{Line: lineNo, Problem: fmt.Sprintf("a copy of line %d", prev.line), Duplicate: prev.line})
			continue
		}
		seen[e.Seq] = lineSeen{line: lineNo, sum: sum}
		e.Seq = int64(len(out.Events)) + 1
		out.Events = append(out.Events, e)
		out.Lines = append(out.Lines, lineNo)
	}
}

type lineSeen struct {
	line int
	sum  uint32
}

// seqOf is the seq a line claims, so that decodeJournalLine's check of the
// sequence passes for any line that reads: a salvage renumbers anyway.
func seqOf(dec *eventDecoder, line []byte) int64 {
	var e Event
	body := bytes.TrimSpace(line)
	if len(body) == 0 || body[0] != '{' || dec.decode(body, &e) != nil || e.Seq < 1 || e.Seq > 1<<40 {
		return 1
	}
	return e.Seq
}

// decodeIgnoringChecksum decodes a line whose checksum did not match.
func decodeIgnoringChecksum(dec *eventDecoder, line []byte, e *Event) error {
	*e = Event{}
	if err := dec.decode(bytes.TrimSpace(line), e); err != nil {
		return err
	}
	if !knownEventType(e.Type) {
		return fmt.Errorf("unknown event type %q", e.Type)
	}
	return nil
}

// Rewrite writes events as a new journal at path, which must not exist
// (0600, one checksummed line each, their Seq as given), fsyncs it and its
// folder, and only then returns: a repair writes the fresh journal beside
// the damaged one and moves it into place afterwards.
func Rewrite(path string, events []Event) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("writing journal %s: it exists already: %w", path, err)
		}
		return fmt.Errorf("writing journal %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("writing journal %s: %w", path, cerr)
		}
		if err != nil {
			_ = os.Remove(path)
		}
	}()
	w := bufio.NewWriterSize(f, 256<<10)
	var buf bytes.Buffer
	for _, e := range events {
		if !knownEventType(e.Type) {
			return fmt.Errorf("writing journal %s: event %d has unknown type %q", path, e.Seq, e.Type)
		}
		line, err := encodeJournalLine(&buf, e)
		if err != nil {
			return fmt.Errorf("writing journal %s: encoding event %d (%s): %w", path, e.Seq, e.Type, err)
		}
		if _, err := w.Write(line); err != nil {
			return fmt.Errorf("writing journal %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing journal %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing journal %s: %w", path, err)
	}
	return syncJournalDir(filepath.Dir(path))
}

// Replace makes events the journal at path, keeping the journal it
// replaces as keepAs (which must not exist): it writes them beside it
// (Rewrite), keeps the old one under the new name (a second link to it
// where the file system allows, else a copy), then renames the fresh
// journal over the old and fsyncs the folder. At every moment path holds
// the old journal or the new one, whole; an error leaves the old one in
// place.
func Replace(path string, events []Event, keepAs string) error {
	fresh := path + ".repair-tmp"
	_ = os.Remove(fresh) // left by a replacement that crashed
	if err := Rewrite(fresh, events); err != nil {
		return err
	}
	if err := keepCopy(path, keepAs); err != nil {
		_ = os.Remove(fresh)
		return fmt.Errorf("keeping journal %s as %s: %w; nothing was changed", path, keepAs, err)
	}
	if err := os.Rename(fresh, path); err != nil {
		_ = os.Remove(fresh)
		return fmt.Errorf("moving the new journal into place: %w; %s is unchanged (a copy is %s)", err, path, keepAs)
	}
	return syncJournalDir(filepath.Dir(path))
}

// keepCopy makes dst a copy of src: a second link to it where the file
// system allows, else a copy, fsync'd.
func keepCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
