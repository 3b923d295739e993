package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// ListRecords reads every session folder under root, oldest first. Folders
// that cannot be read are skipped and reported in errs, so one damaged
// session does not hide the others. A missing root is an empty list.
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
		if _, err := os.Stat(filepath.Join(dir, JournalFile)); err != nil {
			continue
		}
		r, err := OpenRecord(dir)
		if err != nil {
			errs = append(errs, err)
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
	entries, _ := os.ReadDir(root)
	var matches []string
	for _, e := range entries {
		if e.IsDir() && len(name) > 0 && len(e.Name()) >= len(name) && e.Name()[:len(name)] == name {
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

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
