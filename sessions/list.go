package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
	"golang.org/x/text/unicode/norm"
)

// ListRecords reads every session folder under root, oldest first. Folders
// that cannot be read are skipped and reported in errs, one *DamagedError
// each (an error reading root itself is not one), so one damaged session
// does not hide the others. A folder counts as a session when it holds a
// journal, an agenda copy, a data folder or a lock: a session whose
// journal is missing or empty is damaged, not absent. A missing root is an
// empty list.
func ListRecords(root string) (recs []*Record, errs []error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{fmt.Errorf("cannot read the sessions folder %s: %w", root, err)}
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		if !looksLikeSession(dir) {
			continue
		}
		r, err := OpenRecord(dir)
		if err != nil {
			errs = append(errs, damaged(dir, err))
			continue
		}
		recs = append(recs, r)
	}
	slices.SortStableFunc(recs, func(a, b *Record) int {
		if c := a.State.Started.Compare(b.State.Started); c != 0 {
			return c
		}
		return compareStrings(a.Name, b.Name)
	})
	return recs, errs
}

// looksLikeSession reports whether dir holds any file a session folder has.
func looksLikeSession(dir string) bool {
	for _, name := range []string{JournalFile, AgendaFile, DataDir, lock.FileName} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// DamagedError is a session folder that cannot be read: its journal is
// missing, empty or damaged, or its agenda copy is.
type DamagedError struct {
	// Dir is the folder, Name its base name.
	Dir, Name string
	// Modified is when the folder's journal (else the folder) last changed:
	// what tells whether it is the latest session.
	Modified time.Time
	// Problem says what is wrong, in one line.
	Problem string
	// Repairable: nagame repair can rebuild the journal from what reads.
	Repairable bool
	Err        error
}

func (e *DamagedError) Error() string { return e.Err.Error() }
func (e *DamagedError) Unwrap() error { return e.Err }

// damaged describes why OpenRecord refused dir.
func damaged(dir string, err error) *DamagedError {
	d := &DamagedError{Dir: dir, Name: filepath.Base(dir), Err: err, Problem: firstLine(err.Error())}
	if st, serr := os.Stat(filepath.Join(dir, JournalFile)); serr == nil {
		d.Modified = st.ModTime()
	} else if st, serr := os.Stat(dir); serr == nil {
		d.Modified = st.ModTime()
	}
	var je *journal.Error
	switch {
	case errors.As(err, &je):
		d.Problem = fmt.Sprintf("journal line %d: %s", je.Line, je.Problem)
		d.Repairable = true
	case errors.Is(err, ErrNoSession):
		d.Problem = "no " + JournalFile + " (it was moved or removed)"
	case errors.Is(err, ErrEmptyJournal):
		d.Problem = "the journal is empty: nothing was recorded"
	case errors.Is(err, errReplay):
		d.Repairable = true
	}
	return d
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// NewestDamaged returns the most recently changed of the damaged sessions
// among errs (as ListRecords returns them), or nil.
func NewestDamaged(errs []error) *DamagedError {
	var newest *DamagedError
	for _, err := range errs {
		var d *DamagedError
		if errors.As(err, &d) && (newest == nil || d.Modified.After(newest.Modified)) {
			newest = d
		}
	}
	return newest
}

// SameAgenda reports whether two sessions ran the same agenda: the same
// title and service.
func SameAgenda(a, b journal.StartInfo) bool {
	return a.Title == b.Title && a.Service == b.Service
}

// History returns the sessions of the same agenda (title and service) that
// started before the session named self (or all when self is ""), oldest
// first, from records as ListRecords returns them.
func History(recs []*Record, title, service, self string) []*Record {
	var out []*Record
	for _, r := range recs {
		if r.Name == self {
			break
		}
		if r.State.Start.Title == title && r.State.Start.Service == service {
			out = append(out, r)
		}
	}
	return out
}

// Latest returns the most recently started record, or nil.
func Latest(recs []*Record) *Record {
	if len(recs) == 0 {
		return nil
	}
	return recs[len(recs)-1]
}

// FindRecord resolves what a user typed to name a session: a folder path,
// a folder name under root, or a unique prefix of one.
func FindRecord(root, name string) (string, error) {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		if _, err := os.Stat(filepath.Join(name, JournalFile)); err == nil {
			return name, nil
		}
	}
	dir := filepath.Join(root, name)
	if _, err := os.Stat(filepath.Join(dir, JournalFile)); err == nil {
		return dir, nil
	}
	// Names are compared NFC-normalised: a name typed or pasted decomposed
	// (as macOS may hand it over) finds the folder slug made.
	want := norm.NFC.String(name)
	entries, _ := os.ReadDir(root)
	var matches []string
	for _, e := range entries {
		got := norm.NFC.String(e.Name())
		if e.IsDir() && want != "" && got == want {
			return filepath.Join(root, e.Name()), nil
		}
		if e.IsDir() && want != "" && strings.HasPrefix(got, want) {
			matches = append(matches, e.Name())
		}
	}
	switch len(matches) {
	case 1:
		return filepath.Join(root, matches[0]), nil
	case 0:
		return "", fmt.Errorf("no session %q in %s; list them with: nagame sessions", name, root)
	default:
		return "", fmt.Errorf("%q matches %d sessions (%s, …); type more of the name", name, len(matches), matches[0])
	}
}

// Pick finds the session a user named (a folder, a folder name under root
// or a unique prefix of one, as FindRecord resolves it) among recs, as
// ListRecords returned them with errs, and reads it when it is not among
// them (a folder elsewhere). With name "" it is the latest session; when
// there is none, errs say why (or that root holds no session yet).
func Pick(root, name string, recs []*Record, errs []error) (*Record, error) {
	if name == "" {
		if r := Latest(recs); r != nil {
			return r, nil
		}
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		return nil, fmt.Errorf("no sessions in %s yet; run one with: nagame", root)
	}
	dir, err := FindRecord(root, name)
	if err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dir)
	for _, r := range recs {
		if ra, _ := filepath.Abs(r.Dir); ra == abs {
			return r, nil
		}
	}
	return OpenRecord(dir)
}

// ToResume chooses the session that nagame resume continues and returns its
// folder: the session name names (as FindRecord resolves it), else, with
// name "", the most recently started session that has not ended, else the
// most recent one. recs are the sessions under root as ListRecords returns
// them.
//
// The earlier sessions a resumed session follows up are not chosen again:
// they are the ones its start named (PreviousOf).
func ToResume(root, name string, recs []*Record) (string, error) {
	if name != "" {
		return FindRecord(root, name)
	}
	for i := len(recs) - 1; i >= 0; i-- {
		if !recs[i].State.Ended {
			return recs[i].Dir, nil
		}
	}
	if r := Latest(recs); r != nil {
		return r.Dir, nil
	}
	return "", fmt.Errorf("no session to resume in %s; start one with: nagame", root)
}

// FollowUps chooses the earlier sessions a new session of agenda a follows
// up, oldest first: the sessions whose action items still open it reviews
// first and whose figures its trends compare with. They are the sessions of
// the same agenda (title and service); or, when previous names a session
// (as Pick resolves it, whatever its agenda), that session after the
// sessions of its own agenda that came before it. recs are the sessions
// under root as ListRecords returns them. Pass the names of the result to
// Start (StartOptions.Previous), so a resume follows up the same ones.
func FollowUps(root string, recs []*Record, a *agenda.Agenda, previous string) ([]*Record, error) {
	if previous == "" {
		return History(recs, a.Title, a.Service, ""), nil
	}
	prev, err := Pick(root, previous, recs, nil)
	if err != nil {
		return nil, err
	}
	h := History(recs, prev.State.Start.Title, prev.State.Start.Service, prev.Name)
	return append(h, prev), nil
}

// PreviousOf returns the sessions of recs that start names as the ones it
// follows up (StartInfo.Previous), in the order of recs: the history of a
// resumed session. Sessions that are no longer under root are left out.
func PreviousOf(recs []*Record, start journal.StartInfo) []*Record {
	var out []*Record
	for _, r := range recs {
		if slices.Contains(start.Previous, r.Name) {
			out = append(out, r)
		}
	}
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
