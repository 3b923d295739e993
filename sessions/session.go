package sessions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
)

// Session is a meeting being run: a session folder this process holds the
// lock of, its journal open for appending, and the state so far.
//
// Post records an event without waiting for the disk: the state changes at
// once and a single writer appends and fsyncs events in the order they were
// posted, within milliseconds. That keeps a TUI's Update free of I/O while a
// kill -9 loses at most the events of the last moment. When the disk fails
// (full, an I/O error), the writer keeps the events in memory, in order,
// and tries again with a growing pause until they are written: SaveState
// says how things stand, Flush and Close say what could not be saved.
// Post, State and Close belong to one goroutine (the TUI's); Flush,
// SaveData, SaveState and Err may be called from any.
type Session struct {
	rec  *Record
	j    *journal.Journal
	lock *lock.Lock
	now  func() time.Time

	queue chan queued
	done  chan struct{}
	errs  chan error
	w     *writer // owned by the writer goroutine until done is closed

	// sendMu guards sending on queue from other goroutines (SaveData)
	// against Close closing it.
	sendMu sync.RWMutex
	shut   bool

	mu   sync.Mutex
	save saveCounts // guarded by mu

	closed   bool
	restored string
}

type queued struct {
	e     journal.Event
	data  *PanelData
	flush chan error // a Flush, or the reply of a SaveData
}

// StartOptions are the choices of a new session.
type StartOptions struct {
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Solo is a self-review; As names the one respondent.
	Solo bool
	As   string
	// Previous names earlier sessions whose open action items carry over.
	Previous []string
	// Version of nagame, recorded in the start event.
	Version string
	// Journal options: tests give a disk that fails (journal.WithOpenFile).
	Journal []journal.Option

	// retry and writeData are for tests of a failing disk.
	retry     retryPolicy
	writeData func(dir string, d *PanelData) error
}

// Start creates a new session folder under root for agenda a, takes its
// lock, keeps an exact copy of the agenda, and journals the start.
func Start(root string, a *agenda.Agenda, opt StartOptions) (*Session, error) {
	now := clockOr(opt.Now)
	t := now()
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the sessions folder: %w; choose another with --sessions DIR", err)
	}
	dir, err := newSessionDir(root, t, a.Title)
	if err != nil {
		return nil, err
	}
	lk, err := lock.Acquire(dir, nil)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Session, error) {
		_ = lk.Release()
		return nil, err
	}
	if err := writeFileSync(filepath.Join(dir, AgendaFile), a.Raw, 0o600); err != nil {
		return fail(fmt.Errorf("cannot keep a copy of the agenda: %w", err))
	}
	if err := os.MkdirAll(filepath.Join(dir, DataDir), 0o700); err != nil {
		return fail(err)
	}
	j, err := journal.Create(filepath.Join(dir, JournalFile), append([]journal.Option{journal.WithClock(now)}, opt.Journal...)...)
	if err != nil {
		return fail(err)
	}
	w := a.Window.Resolve(t)
	info := journal.StartInfo{
		Title: a.Title, Service: a.Service,
		From: w.From, To: w.To,
		Participants: append([]string(nil), a.Participants...),
		Solo:         opt.Solo, As: opt.As,
		Planned:    a.Duration,
		Previous:   opt.Previous,
		AgendaFile: a.File,
		Version:    opt.Version,
		Vars:       a.Vars,
	}
	if cw, ok := a.Compare.Of(w); ok {
		info.CompareFrom, info.CompareTo = cw.From, cw.To
	}
	start, err := j.Append(journal.Event{Type: journal.EvStart, Time: stamp(t), Start: &info})
	if err != nil {
		_ = j.Close()
		return fail(err)
	}
	st := NewState()
	if err := st.Apply(start); err != nil {
		_ = j.Close()
		return fail(err)
	}
	rec := &Record{Dir: dir, Name: filepath.Base(dir), Agenda: a, State: st}
	return open(rec, j, lk, now, opt.retry, opt.writeData), nil
}

// Resume takes up the session in dir again: it takes the lock, replays the
// journal (cutting off a line torn by a crash) and journals the resume.
func Resume(dir string, now func() time.Time) (*Session, error) {
	now = clockOr(now)
	if _, err := os.Stat(filepath.Join(dir, JournalFile)); err != nil {
		return nil, fmt.Errorf("%s: %w; list sessions with: nagame sessions", dir, ErrNoSession)
	}
	lk, err := lock.Acquire(dir, nil)
	if err != nil {
		return nil, err
	}
	j, rep, err := journal.Open(filepath.Join(dir, JournalFile), journal.WithClock(now))
	if err != nil {
		_ = lk.Release()
		return nil, err
	}
	rec, err := recordFrom(dir, rep)
	if err != nil {
		_ = j.Close()
		_ = lk.Release()
		return nil, err
	}
	s := open(rec, j, lk, now, retryPolicy{}, nil)
	if s.restored, err = s.addRescued(); err != nil {
		_ = s.shutdown() // no pause: the journal must end where the rescue continues it
		return nil, err
	}
	if rec.State.Ended {
		return s, nil
	}
	if err := s.Record(journal.Event{Type: journal.EvResume}); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

func open(rec *Record, j *journal.Journal, lk *lock.Lock, now func() time.Time, retry retryPolicy, writeData func(string, *PanelData) error) *Session {
	if writeData == nil {
		writeData = WriteData
	}
	s := &Session{
		rec: rec, j: j, lock: lk, now: now,
		queue: make(chan queued, 4096),
		done:  make(chan struct{}),
		errs:  make(chan error, 1),
	}
	s.w = newWriter(s, retry.orDefault(), writeData)
	go s.w.run()
	return s
}

// Post applies e to the state and queues it for the journal. Its Time is
// set from the session's clock when zero. It fails only when the event makes
// no sense for the state (nothing is written then) or the session is closed.
func (s *Session) Post(e journal.Event) error {
	if s.closed {
		return errors.New("the session is closed")
	}
	if e.Time.IsZero() {
		e.Time = stamp(s.now())
	}
	if err := s.rec.State.Apply(e); err != nil {
		return err
	}
	s.mu.Lock()
	s.save.posted++
	s.mu.Unlock()
	s.queue <- queued{e: e}
	return nil
}

// Record posts e and waits until it is on disk.
func (s *Session) Record(e journal.Event) error {
	if err := s.Post(e); err != nil {
		return err
	}
	return s.Flush()
}

// Flush tries at once to write everything posted so far (and every data
// file waiting, see SaveData) and waits for the attempt: nil when it is all
// on disk, else an *UnsavedError saying what is not and why. The writer
// keeps trying after a failed Flush.
func (s *Session) Flush() error {
	reply := make(chan error, 1)
	if !s.send(queued{flush: reply}) {
		return s.unsaved()
	}
	return <-reply
}

// SaveData stores d as the panel's data file (WriteData), through the
// session's writer: if the disk refuses it, the writer keeps d (the latest
// for each panel) and writes it with the journal once it can. The error, if
// any, is that of the first attempt; SaveState reports what still waits.
// Safe to call from any goroutine, and after Close (it then only writes).
func (s *Session) SaveData(d *PanelData) error {
	reply := make(chan error, 1)
	if !s.send(queued{data: d, flush: reply}) {
		return s.w.writeData(s.rec.Dir, d)
	}
	return <-reply
}

// send queues q unless the session is closing; it reports whether it did.
func (s *Session) send(q queued) bool {
	s.sendMu.RLock()
	defer s.sendMu.RUnlock()
	if s.shut {
		return false
	}
	s.queue <- q
	return true
}

// Err delivers journal write failures as they begin (a failure while one
// is already being reported is not sent again): the TUI listens to show it
// at once, then follows SaveState.
func (s *Session) Err() <-chan error { return s.errs }

// Close journals a pause (unless the meeting ended), writes everything out,
// closes the journal and releases the lock. What could not be written (a
// full disk) is kept in a folder of its own, which the *UnsavedError it
// then returns names (Rescued), with how to add it back.
func (s *Session) Close() error {
	if s.closed {
		return nil
	}
	var errs []error
	if !s.rec.State.Ended {
		errs = append(errs, s.Post(journal.Event{Type: journal.EvPause}))
	}
	errs = append(errs, s.shutdown())
	return errors.Join(errs...)
}

// shutdown writes what it can, stops the writer, keeps what could not be
// written aside (rescue), closes the journal and releases the lock.
func (s *Session) shutdown() error {
	ferr := s.Flush()
	s.closed = true
	s.sendMu.Lock()
	s.shut = true
	close(s.queue)
	s.sendMu.Unlock()
	<-s.done
	var ue *UnsavedError
	if errors.As(ferr, &ue) {
		ue.Rescued, ue.RescueErr = s.rescue(s.w.pending, s.w.dataList())
	}
	return errors.Join(ferr, s.j.Close(), s.lock.Release())
}

// State is the session's state so far. It is live: read it from the
// goroutine that posts, and copy what a background job needs.
func (s *Session) State() *State { return &s.rec.State }

// Rec returns the session as a record (agenda, state, folder).
func (s *Session) Rec() *Record { return s.rec }

// Dir is the session folder.
func (s *Session) Dir() string { return s.rec.Dir }

// Name is the session folder's base name.
func (s *Session) Name() string { return s.rec.Name }

// Agenda is the agenda being run.
func (s *Session) Agenda() *agenda.Agenda { return s.rec.Agenda }

// Restored says what Resume added back of what an earlier Close could not
// save ("" when nothing).
func (s *Session) Restored() string { return s.restored }

// Torn reports a journal line cut short by the crash that preceded a resume.
func (s *Session) Torn() *journal.TornTail { return s.rec.Torn }

// Now is the session's clock.
func (s *Session) Now() time.Time { return s.now() }

// WriteFile replaces the file name in the session folder with data (0600:
// minutes can be as sensitive as notes), fsync'd and atomically: a reader,
// or a crash, sees the old content or the new, never half of it. name is a
// file name (MinutesFile, MinutesJSON), not a path. It touches only the
// folder, so a background job may call it from any goroutine.
func (s *Session) WriteFile(name string, data []byte) error {
	return s.rec.WriteFile(name, data)
}

// newSessionDir creates <root>/<YYYY-MM-DD>-<slug>, adding -2, -3, … when a
// session of that day and title exists already.
func newSessionDir(root string, t time.Time, title string) (string, error) {
	base := t.Local().Format(time.DateOnly) + "-" + slug(title)
	for i := 1; i < 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		dir := filepath.Join(root, name)
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("cannot create the session folder: %w; choose another sessions folder with --sessions DIR", err)
		}
	}
	return "", fmt.Errorf("too many sessions named %s in %s", base, root)
}

func clockOr(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}

// stamp is how times are kept in the journal: UTC, millisecond precision.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// writeFileSync writes a file and fsyncs it before returning.
func writeFileSync(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// writeFileAtomic replaces path with data so that a reader (or a crash)
// sees either the old or the new content, never half of it.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	if err := writeFileSync(tmp, data, perm); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
