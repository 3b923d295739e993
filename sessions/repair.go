package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// What a session could not save: kept aside, added back on resume.

// unsavedPrefix names the folders that hold what a session could not save.
const unsavedPrefix = "unsaved-"

// rescue keeps events and data that could not be saved in a folder of
// their own, beside the journal when the disk takes it, else in the
// temporary folder: events as a journal of their own (seq from 1, each
// line checksummed), data files under data/, and after.json, which says
// where they continue the session's journal. Resume adds them back.
func (s *Session) rescue(events []journal.Event, data []*PanelData) (string, error) {
	if len(events) == 0 && len(data) == 0 {
		return "", nil
	}
	numbered := make([]journal.Event, len(events))
	for i, e := range events {
		e.Seq = int64(i) + 1
		numbered[i] = e
	}
	stamp := s.now().UTC().Format("20060102T150405Z")
	after := s.j.Next() - 1
	var errs []error
	for _, dir := range []string{
		filepath.Join(s.rec.Dir, unsavedPrefix+stamp),
		filepath.Join(os.TempDir(), "nagame-"+s.rec.Name+"-"+unsavedPrefix+stamp),
	} {
		err := writeRescue(dir, numbered, data, after)
		if err == nil {
			return dir, nil
		}
		_ = os.RemoveAll(dir)
		errs = append(errs, err)
	}
	return "", errors.Join(errs...)
}

// rescueInfo is after.json of a rescue folder.
type rescueInfo struct {
	// After is the seq of the journal's last saved event: the rescued
	// events come after it.
	After int64 `json:"after"`
}

func writeRescue(dir string, events []journal.Event, data []*PanelData, after int64) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if len(events) > 0 {
		if err := journal.Rewrite(filepath.Join(dir, JournalFile), events); err != nil {
			return err
		}
	}
	for _, d := range data {
		if err := WriteData(dir, d); err != nil {
			return err
		}
	}
	return writeFileSync(filepath.Join(dir, "after.json"), fmt.Appendf(nil, "{\"after\":%d}\n", after), 0o600)
}

// addRescued adds back what an earlier Close kept aside (the unsaved-*
// folders of the session folder), oldest first, and removes each folder
// once its content is on disk. It says what it added, for the user.
func (s *Session) addRescued() (string, error) {
	entries, err := os.ReadDir(s.rec.Dir)
	if err != nil {
		return "", err
	}
	var events int
	var panels []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), unsavedPrefix) {
			continue
		}
		n, p, err := s.addRescue(filepath.Join(s.rec.Dir, e.Name()))
		if err != nil {
			return "", err
		}
		events, panels = events+n, append(panels, p...)
	}
	if events == 0 && len(panels) == 0 {
		return "", nil
	}
	return fmt.Sprintf("added back %s kept aside when the disk was full", waitingText(events, panels)), nil
}

func (s *Session) addRescue(dir string) (events int, panels []string, err error) {
	bad := func(err error) (int, []string, error) {
		return 0, nil, fmt.Errorf("session %s: cannot add back what %s keeps: %w; move the folder out of the session to resume without it", s.rec.Name, dir, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "after.json"))
	if err != nil {
		return bad(err)
	}
	var info rescueInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return bad(err)
	}
	if have := s.j.Next() - 1; info.After != have {
		return bad(fmt.Errorf("its events follow event %d, but the journal ends at event %d", info.After, have))
	}
	rep, err := journal.Read(filepath.Join(dir, JournalFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return bad(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, DataDir, "*.json"))
	if err != nil {
		return bad(err)
	}
	// Everything is read before anything is added, so a folder that
	// cannot be read adds nothing.
	data := make([]*PanelData, 0, len(paths))
	for _, p := range paths {
		d, err := ReadData(dir, strings.TrimSuffix(filepath.Base(p), ".json"))
		if err != nil || d == nil {
			return bad(err)
		}
		data = append(data, d)
	}
	for _, e := range rep.Events {
		if err := s.Post(e); err != nil {
			return bad(err)
		}
	}
	for _, d := range data {
		if err := s.SaveData(d); err != nil {
			return bad(err)
		}
		panels = append(panels, d.Panel)
	}
	if err := s.Flush(); err != nil {
		return bad(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return bad(err)
	}
	return len(rep.Events), panels, nil
}
