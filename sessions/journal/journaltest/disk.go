// Package journaltest gives tests of the journal and of what writes it a
// disk that fails on demand: a journal.OpenFunc whose files stop taking
// writes (ENOSPC, as a full disk does), fail their fsync, or cut a write
// short, until the test frees the space again. Nothing is faked but the
// failures: the files are real files in the test's folder.
package journaltest

import (
	"errors"
	"io/fs"
	"os"
	"sync"
	"syscall"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// ErrNoSpace is what a full Disk returns: the error a full disk gives.
var ErrNoSpace error = &fs.PathError{Op: "write", Path: "journal", Err: syscall.ENOSPC}

// Disk is a file system that can fill up. The zero Disk works normally.
// It is safe for concurrent use.
type Disk struct {
	mu sync.Mutex
	// full makes writes fail; short makes a failing write write half of
	// its bytes first, as a disk that fills mid-line does.
	full, short bool
	// syncFails makes fsync fail (after the write succeeded), as delayed
	// allocation on a full disk does; truncFails makes cutting a file
	// back fail too.
	syncFails, truncFails bool
	// Writes counts the writes that reached a file.
	writes int
}

// Fill makes every write fail with ErrNoSpace from now on; short: a failing
// write first writes half of what it was given.
func (d *Disk) Fill(short bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.full, d.short = true, short
}

// FailSync makes every fsync fail with ErrNoSpace from now on, and, with
// trunc, every truncate too.
func (d *Disk) FailSync(trunc bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.syncFails, d.truncFails = true, trunc
}

// Free makes the disk work again.
func (d *Disk) Free() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.full, d.short, d.syncFails, d.truncFails = false, false, false, false
}

// Writes is how many writes reached a file.
func (d *Disk) Writes() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.writes
}

// Open is the Disk's journal.OpenFunc.
func (d *Disk) Open(name string, flag int, perm fs.FileMode) (journal.File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &file{File: f, d: d}, nil
}

// Full reports whether writes fail now: for writers of other files to
// fail alongside the journal.
func (d *Disk) Full() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.full
}

type file struct {
	*os.File
	d *Disk
}

func (f *file) Write(p []byte) (int, error) {
	f.d.mu.Lock()
	full, short := f.d.full, f.d.short
	if !full {
		f.d.writes++
	}
	f.d.mu.Unlock()
	if !full {
		return f.File.Write(p)
	}
	if short && len(p) > 1 {
		n, err := f.File.Write(p[:len(p)/2])
		return n, errors.Join(ErrNoSpace, err)
	}
	return 0, ErrNoSpace
}

func (f *file) Sync() error {
	f.d.mu.Lock()
	fail := f.d.syncFails
	f.d.mu.Unlock()
	if fail {
		return &fs.PathError{Op: "sync", Path: f.Name(), Err: syscall.ENOSPC}
	}
	return f.File.Sync()
}

func (f *file) Truncate(size int64) error {
	f.d.mu.Lock()
	fail := f.d.truncFails
	f.d.mu.Unlock()
	if fail {
		return &fs.PathError{Op: "truncate", Path: f.Name(), Err: syscall.EIO}
	}
	return f.File.Truncate(size)
}
