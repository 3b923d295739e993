package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
)

// RepairOptions choose what a repair keeps.
type RepairOptions struct {
	// KeepChanged keeps lines that read as events though their checksum
	// says they were changed after nagame wrote them (edits on purpose).
	KeepChanged bool
	// Now stamps the name of the damaged journal kept (time.Now when nil).
	Now func() time.Time
}

// RepairReport says what a repair did.
type RepairReport struct {
	// Session is the folder's name.
	Session string
	// Lines is how many lines the damaged journal had, Kept how many of
	// them the fresh journal holds as events.
	Lines, Kept int
	// Dropped lines, and changed lines kept, in file order.
	Dropped []journal.DroppedLine
	// Torn is a last line cut short by a crash (never an event).
	Torn *journal.TornTail
	// Damaged is where the damaged journal is kept ("" when nothing was
	// repaired).
	Damaged string
}

// Repair rebuilds the journal of the session in dir from every event that
// still reads, instead of everything before the first damaged line: it
// keeps the lines that read as events (journal.Salvage), then those that
// make sense in order (a second start, an event before the start are
// dropped), renumbers them into a fresh, checksummed journal, keeps the
// damaged journal beside it as journal.jsonl.damaged-<time>, and moves the
// fresh one into place. It takes the session's lock: a session open in
// another nagame is not repaired. A journal that reads whole is left alone
// (Damaged is "").
func Repair(dir string, opt RepairOptions) (RepairReport, error) {
	rep := RepairReport{Session: filepath.Base(dir)}
	jpath := filepath.Join(dir, JournalFile)
	if _, err := os.Stat(jpath); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return rep, fmt.Errorf("session %s has no %s: there is nothing to rebuild it from", rep.Session, JournalFile)
		}
		return rep, err
	}
	lk, err := lock.Acquire(dir, nil)
	if err != nil {
		return rep, err
	}
	defer func() { _ = lk.Release() }()

	sv, err := journal.Salvage(jpath, journal.SalvageOptions{KeepChanged: opt.KeepChanged})
	if err != nil {
		return rep, err
	}
	rep.Dropped, rep.Torn = sv.Dropped, sv.Torn
	rep.Lines = len(sv.Events) + countDropped(sv.Dropped)
	// Keep what makes sense in order, as replay will judge it.
	st := NewState()
	kept := make([]journal.Event, 0, len(sv.Events))
	for i, e := range sv.Events {
		if err := st.Apply(e); err != nil {
			rep.Dropped = insertDropped(rep.Dropped, journal.DroppedLine{Line: sv.Lines[i], Problem: err.Error()})
			st = replayed(kept) // Apply may have changed st before refusing
			continue
		}
		e.Seq = int64(len(kept)) + 1
		kept = append(kept, e)
	}
	rep.Kept = len(kept)
	if len(kept) == 0 || kept[0].Type != journal.EvStart {
		return rep, fmt.Errorf("session %s cannot be rebuilt: its start event (the first line) does not read, and everything else depends on it; "+
			"the journal is left as it is", rep.Session)
	}
	if len(rep.Dropped) == 0 {
		if _, err := journal.Read(jpath); err == nil {
			return rep, nil // nothing to repair (a torn tail is cut by resume)
		}
	}

	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	rep.Damaged = jpath + ".damaged-" + now().UTC().Format("20060102T150405Z")
	if err := journal.Replace(jpath, kept, rep.Damaged); err != nil {
		return rep, err
	}
	return rep, nil
}

// replayed is the state of events already judged good.
func replayed(events []journal.Event) State {
	st, _ := ReplayEvents(events)
	return st
}

// countDropped counts the lines of the file among drops (a changed line
// kept is counted with the events).
func countDropped(ds []journal.DroppedLine) int {
	n := 0
	for _, d := range ds {
		if !d.Kept {
			n++
		}
	}
	return n
}

// insertDropped adds d in line order.
func insertDropped(ds []journal.DroppedLine, d journal.DroppedLine) []journal.DroppedLine {
	i := len(ds)
	for i > 0 && ds[i-1].Line > d.Line {
		i--
	}
	return append(ds[:i], append([]journal.DroppedLine{d}, ds[i:]...)...)
}
