package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/text"
)

// Exit codes, in one place.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is a mistake in how nagame was called: exit code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// silentError has been reported to the user already (a check table with
// failures, a list of agenda errors): exit 1 without printing it again.
type silentError struct{ err error }

func (e *silentError) Error() string { return e.err.Error() }
func (e *silentError) Unwrap() error { return e.err }

// errInterrupted is a command stopped by a signal.
var errInterrupted = fmt.Errorf("interrupted: %w", context.Canceled)

// interrupted is what became of a command that ran under ctx: once a stop
// signal cancelled ctx, a failure is an interruption (exit 130), whatever
// the command made of the cancellation (check and snapshot see their
// fetches fail); a usage error stays one.
func interrupted(ctx context.Context, err error) error {
	var ue *usageError
	if err != nil && ctx.Err() != nil && !errors.As(err, &ue) {
		return errInterrupted
	}
	return err
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, context.Canceled), errors.Is(err, tea.ErrInterrupted):
		return exitInterrupted
	}
	return exitError
}

// report prints err for people: "nagame: …", one problem a line.
func report(w io.Writer, err error) {
	var se *silentError
	if err == nil || errors.As(err, &se) {
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, tea.ErrInterrupted) {
		fmt.Fprintln(w, "nagame: interrupted")
		return
	}
	// Messages quote files, backends and people: nothing in them may act on
	// the terminal (text.Clean keeps the lines and drops the sequences).
	msg := strings.TrimSpace(text.Clean(err.Error()))
	for line := range strings.SplitSeq(msg, "\n") {
		fmt.Fprintf(w, "nagame: %s\n", line)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(w, "Run 'nagame --help' for usage.")
	}
}
