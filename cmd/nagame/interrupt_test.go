package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/journal/journaltest"
)

// A command stopped by Ctrl-C (its context cancelled) exits 130 and says it
// was interrupted, however it took the cancellation: check and snapshot see
// every fetch fail, which alone would be exit 1.
func TestInterruptedCommandsExit130(t *testing.T) {
	for _, args := range [][]string{{"check"}, {"snapshot", "--width", "80"}} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out, errb bytes.Buffer
		c := newCLI(t)
		f := &factory{
			In: strings.NewReader(""), Out: &out, Err: &errb,
			Getenv: func(k string) string { return c.env[k] }, Now: func() time.Time { return testNow },
		}
		code := execute(ctx, newRootCmd(f), args)
		if code != exitInterrupted || !strings.Contains(errb.String(), "nagame: interrupted") {
			t.Errorf("nagame %s cancelled: exit %d, want 130\n--- stderr ---\n%s", strings.Join(args, " "), code, errb.String())
		}
	}
	// A usage error stays one.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	if code := execute(ctx, newRootCmd(f), []string{"export", "--format", "xml"}); code != exitUsage {
		t.Errorf("a usage error under a cancelled context exits %d, want 2", code)
	}
}

// The real binary, stopped by a signal while check waits on a backend that
// does not answer, exits 130 at once: SIGINT (Ctrl-C where the terminal
// is not raw), SIGTERM, and SIGHUP.
func TestSignalsStopCheckWith130(t *testing.T) {
	// asked says a request has come: check is waiting on the backend.
	asked := make(chan struct{}, 1)
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		<-r.Context().Done()
	}))
	defer hang.Close()
	path := writeAgenda(t, "slow.yaml", fmt.Sprintf(`version: 1
title: "a backend that never answers"
source: prom
sources:
  prom: {type: prometheus, url: %q}
panels:
  - {id: load, kind: load, query: "sum(rate(http_requests_total[5m]))"}
`, hang.URL))
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		ctx, cancel := context.WithTimeout(t.Context(), wait)
		cmd := exec.CommandContext(ctx, nagameBinary(t), "check", path)
		cmd.Env = append(os.Environ(), "NAGAME_SESSIONS="+t.TempDir())
		var errb bytes.Buffer
		cmd.Stderr = &errb
		// What an earlier round left unread is not this round's request.
		select {
		case <-asked:
		default:
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-asked: // the check is waiting on the backend
		case <-ctx.Done():
			_ = cmd.Wait()
			t.Fatalf("check never asked the backend; stderr:\n%s", errb.String())
		}
		sent := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		cancel()
		if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || !strings.Contains(errb.String(), "nagame: interrupted") {
			t.Errorf("check after %v: exit %d, want 130\n%s", sig, code, errb.String())
		}
		if d := time.Since(sent); d > 5*time.Second {
			t.Errorf("check took %v to stop after %v", d, sig)
		}
		noCrash(t, []string{"check"}, errb.String())
	}
}

// After a quit on a full disk nagame does not say everything is saved: it
// says what was not, where it is kept, and how to add it back.
func TestQuitMessageTellsWhatWasNotSaved(t *testing.T) {
	a, err := loadAgenda("", nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &journaltest.Disk{}
	s, err := sessions.Start(t.TempDir(), a, sessions.StartOptions{Now: func() time.Time { return testNow },
		Journal: []journal.Option{journal.WithOpenFile(d.Open)}})
	if err != nil {
		t.Fatal(err)
	}
	d.Fill(false)
	if err := s.Post(journal.Event{Type: journal.EvNote, Text: "typed on a full disk"}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = sayWhereThingsAre(&out, s, "nagame resume "+s.Name(), s.Flush(), s.Close())
	msg := out.String()
	for _, want := range []string{
		"nagame: session " + s.Name() + ": 2 events posted since ",
		"could not be saved (",
		"no space left on device",
		"they are kept in " + filepath.Join(s.Dir(), "unsaved-"),
		"nagame resume " + s.Name() + " adds them back once there is space",
		"Everything else is saved in " + s.Dir() + ".\n",
		"Continue with: nagame resume " + s.Name() + "\n",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the quit message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "Everything is saved") || strings.Contains(msg, "not being saved") {
		t.Errorf("the quit message claims what is not so:\n%s", msg)
	}
	if exitCode(err) != exitError || strings.Count(msg, "could not be saved") != 1 {
		t.Errorf("exit %d; the failure is told %d times", exitCode(err), strings.Count(msg, "could not be saved"))
	}
}
