package sessions

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// SaveState says whether what a session was told to keep is on disk: the
// TUI's status line polls it.
type SaveState struct {
	// Waiting counts the events posted but not yet on disk (a few for a
	// moment while the writer works; more while the disk fails).
	Waiting int
	// Data lists the panels whose data file is not written yet.
	Data []string
	// Since is when the oldest of those was posted.
	Since time.Time
	// Err is the last failure to write them, while they wait because of it;
	// nil otherwise. The writer keeps trying: NextTry is its next attempt.
	Err     error
	NextTry time.Time
}

// Saved reports whether everything posted is on disk.
func (st SaveState) Saved() bool { return st.Waiting == 0 && len(st.Data) == 0 }

// String is the state for a status line: "saved", "saving…", or
// "NOT SAVED: 12 events since 10:02 (write …: no space left on device);
// retrying".
func (st SaveState) String() string {
	switch {
	case st.Err != nil:
		return "NOT SAVED: " + waitingText(st.Waiting, st.Data) + " since " + st.Since.Local().Format("15:04:05") +
			" (" + st.Err.Error() + "); nagame keeps them and retries"
	case !st.Saved():
		return "saving…"
	}
	return "saved"
}

// waitingText is "12 events and the data of 2 panels".
func waitingText(events int, data []string) string {
	var parts []string
	switch events {
	case 0:
	case 1:
		parts = append(parts, "1 event")
	default:
		parts = append(parts, fmt.Sprintf("%d events", events))
	}
	switch len(data) {
	case 0:
	case 1:
		parts = append(parts, "the data of panel "+data[0])
	default:
		parts = append(parts, "the data of panels "+strings.Join(data, ", "))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " and ")
}

// SaveState is how the session's writer stands now.
func (s *Session) SaveState() SaveState {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.save
	return SaveState{
		Waiting: int(c.posted - c.saved), Data: slices.Clone(c.data),
		Since: c.since, Err: c.err, NextTry: c.nextTry,
	}
}

// saveCounts is what SaveState is made of, kept under Session.mu.
type saveCounts struct {
	posted, saved int64
	data          []string
	since         time.Time
	err           error
	nextTry       time.Time
}

// UnsavedError is what Flush and Close return while posted events or data
// files are not on disk.
type UnsavedError struct {
	// Session is the session's name, SessionDir its folder.
	Session, SessionDir string
	// Events counts the events not written; Data names the panels whose
	// data file is not; Since is when the oldest was posted.
	Events int
	Data   []string
	Since  time.Time
	// Err is why: the last write failure.
	Err error
	// Rescued is the folder Close kept them in instead, when it could;
	// RescueErr why it could not.
	Rescued   string
	RescueErr error
}

func (e *UnsavedError) Error() string {
	msg := fmt.Sprintf("session %s: %s posted since %s could not be saved (%v)",
		e.Session, waitingText(e.Events, e.Data), e.Since.Local().Format("15:04:05"), e.Err)
	switch {
	case e.Rescued != "" && filepath.Dir(e.Rescued) == e.SessionDir:
		msg += fmt.Sprintf("; they are kept in %s: nagame resume %s adds them back once there is space", e.Rescued, e.Session)
	case e.Rescued != "":
		msg += fmt.Sprintf("; they are kept in %s: once there is space, move that folder into %s and nagame resume %s adds them back",
			e.Rescued, e.SessionDir, e.Session)
	case e.RescueErr != nil:
		msg += fmt.Sprintf("; they could not be kept anywhere else either (%v): they are lost", e.RescueErr)
	}
	return msg
}

func (e *UnsavedError) Unwrap() error { return e.Err }

// retryPolicy is how long the writer waits between attempts: first, then
// twice as long each time, at most max.
type retryPolicy struct{ first, max time.Duration }

func (p retryPolicy) orDefault() retryPolicy {
	if p.first <= 0 {
		p.first = 250 * time.Millisecond
	}
	if p.max <= 0 {
		p.max = 5 * time.Second
	}
	return p
}

// writer is the session's single writer goroutine and what it holds.
type writer struct {
	s         *Session
	retry     retryPolicy
	writeData func(dir string, d *PanelData) error

	// pending are events received and not yet on disk, in posting order.
	pending []journal.Event
	// data waits per panel (the latest data of each), in order of arrival.
	data      map[string]*PanelData
	dataOrder []string
	dataSince map[string]time.Time

	failing bool
	pause   time.Duration
	timer   *time.Timer
}

func newWriter(s *Session, retry retryPolicy, writeData func(string, *PanelData) error) *writer {
	return &writer{s: s, retry: retry, writeData: writeData, data: map[string]*PanelData{}, dataSince: map[string]time.Time{}}
}

// run appends events in the order they were posted and writes data files,
// retrying what fails until the queue is closed.
func (w *writer) run() {
	defer close(w.s.done)
	for {
		var wake <-chan time.Time
		if w.timer != nil {
			wake = w.timer.C
		}
		select {
		case q, ok := <-w.s.queue:
			if !ok {
				w.stopTimer()
				return
			}
			w.take(q)
		case <-wake:
			w.timer = nil
			_ = w.attempt() // a failure is reported (SaveState, Err) and retried
		}
	}
}

func (w *writer) take(q queued) {
	switch {
	case q.data != nil:
		p := q.data.Panel
		if _, ok := w.data[p]; !ok {
			w.dataOrder = append(w.dataOrder, p)
			w.dataSince[p] = w.s.now()
		}
		w.data[p] = q.data
		// A data file is tried at once, even while waiting for a retry: it
		// is one write, and the fetch that made it reports the outcome.
		err := w.attempt()
		if _, still := w.data[p]; !still {
			err = nil
		}
		q.flush <- err
	case q.flush != nil:
		if w.attempt() == nil {
			q.flush <- nil
			return
		}
		q.flush <- w.unsaved()
	default:
		w.pending = append(w.pending, q.e)
		if w.timer == nil { // while waiting for a retry, keep it in order
			_ = w.attempt() // a failure is reported (SaveState, Err) and retried
		} else {
			w.publish()
		}
	}
}

// attempt writes what is pending, events first, stopping at the first
// failure, which it returns (and reports).
func (w *writer) attempt() error {
	w.stopTimer()
	var err error
	for len(w.pending) > 0 {
		if _, err = w.s.j.Append(w.pending[0]); err != nil {
			break
		}
		w.pending = w.pending[1:]
		w.s.mu.Lock()
		w.s.save.saved++
		w.s.mu.Unlock()
	}
	if len(w.pending) == 0 {
		w.pending = nil // release what a long failure accumulated
	}
	for err == nil && len(w.dataOrder) > 0 {
		p := w.dataOrder[0]
		if err = w.writeData(w.s.rec.Dir, w.data[p]); err != nil {
			break
		}
		delete(w.data, p)
		delete(w.dataSince, p)
		w.dataOrder = w.dataOrder[1:]
	}
	if err != nil {
		w.fail(err)
		return err
	}
	w.failing, w.pause = false, 0
	w.publish()
	return nil
}

// fail keeps what is pending and schedules the next attempt.
func (w *writer) fail(err error) {
	started := !w.failing
	w.failing = true
	if w.pause == 0 {
		w.pause = w.retry.first
	} else {
		w.pause = min(2*w.pause, w.retry.max)
	}
	w.timer = time.NewTimer(w.pause)
	w.s.mu.Lock()
	w.s.save.err = err
	w.s.save.nextTry = time.Now().Add(w.pause)
	w.s.mu.Unlock()
	w.publish()
	if started {
		select {
		case w.s.errs <- fmt.Errorf("cannot write to session %s: %w; nagame keeps what you type and retries", w.s.rec.Name, err):
		default:
		}
	}
}

// publish updates what SaveState reports of the data and the oldest wait.
func (w *writer) publish() {
	var since time.Time
	if len(w.pending) > 0 {
		since = w.pending[0].Time
	}
	for _, t := range w.dataSince {
		if since.IsZero() || t.Before(since) {
			since = t
		}
	}
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	w.s.save.data = slices.Clone(w.dataOrder)
	w.s.save.since = since
	if !w.failing {
		w.s.save.err, w.s.save.nextTry = nil, time.Time{}
	}
}

func (w *writer) stopTimer() {
	if w.timer != nil {
		w.timer.Stop()
		w.timer = nil
	}
}

// unsaved describes what the writer still holds.
func (w *writer) unsaved() *UnsavedError {
	w.s.mu.Lock()
	err, since := w.s.save.err, w.s.save.since
	w.s.mu.Unlock()
	return &UnsavedError{Session: w.s.rec.Name, SessionDir: w.s.rec.Dir, Events: len(w.pending), Data: slices.Clone(w.dataOrder), Since: since, Err: err}
}

// dataList is the data still waiting, in order.
func (w *writer) dataList() []*PanelData {
	out := make([]*PanelData, 0, len(w.dataOrder))
	for _, p := range w.dataOrder {
		out = append(out, w.data[p])
	}
	return out
}

// unsaved is what the writer held when it stopped, for a Flush after
// Close.
func (s *Session) unsaved() error {
	st := s.SaveState()
	if st.Saved() {
		return nil
	}
	return &UnsavedError{Session: s.rec.Name, SessionDir: s.rec.Dir, Events: st.Waiting, Data: st.Data, Since: st.Since, Err: st.Err}
}
