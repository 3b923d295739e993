package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/tui"
)

// runOptions are nagame run's (and the demo party's): the agenda, empty
// for the demo.
type runOptions struct {
	*factory
	agenda   string
	solo     bool
	as       string
	previous string
	vars     []string
	join     tui.JoinOptions
}

// addJoinFlags adds the flags of the join server for participants' phones.
// Resume takes them too: a meeting that had one serves it again, on the
// same link, by itself; the flags change where.
func addJoinFlags(cmd *cobra.Command, o *tui.JoinOptions) {
	cmd.Flags().BoolVar(&o.Start, "join", false, "let participants answer from their phones: show the join link and QR code (also the w key)")
	cmd.Flags().StringVar(&o.Addr, "join-addr", "", "host:port the join server listens on (default: this machine's private address, port 8765)")
	cmd.Flags().StringVar(&o.CertFile, "join-cert", "", "serve the join pages over HTTPS with this certificate (PEM; with --join-key)")
	cmd.Flags().StringVar(&o.KeyFile, "join-key", "", "the key of --join-cert (PEM)")
}

func newRunCmd(f *factory, runF func(*runOptions) error) *cobra.Command {
	o := &runOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "run AGENDA",
		Short: "Run a viewing party from an agenda",
		Long: `Run a viewing party from an agenda: attendance, the action items still open from
earlier sessions of the same agenda, every panel, the closing round and the
survey, and the minutes. Everything is saved as it is typed; quit any time and
continue with nagame resume.`,
		Example: `  nagame run checkout.yaml
  nagame run checkout.yaml --solo --as aiko      # review a service alone
  nagame run checkout.yaml --previous 2026-05-20-checkout
  nagame run checkout.yaml --join                # everyone answers from their phone`,
		Args: exactArgs(1, "an agenda file (try examples/demo.yaml)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.agenda = args[0]
			return runWith(cmd.Context(), o, runF, runParty)
		},
	}
	cmd.Flags().BoolVar(&o.solo, "solo", false, "review alone: one respondent, no roll call")
	cmd.Flags().StringVar(&o.as, "as", "", "your name in a solo review (default: me)")
	addVarFlag(cmd, &o.vars)
	cmd.Flags().StringVar(&o.previous, "previous", "", "carry over the open action items of this session (default: earlier sessions of the same agenda)")
	addJoinFlags(cmd, &o.join)
	return cmd
}

// resumeOptions are nagame resume's: the session, empty for the latest
// unfinished one.
type resumeOptions struct {
	*factory
	session string
	join    tui.JoinOptions
}

func newResumeCmd(f *factory, runF func(*resumeOptions) error) *cobra.Command {
	o := &resumeOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "resume [SESSION]",
		Short: "Continue a session where it stopped",
		Long: `Continue a session exactly where it stopped (phase, panel, notes, answers,
clocks), after a quit or a crash. SESSION is a folder, its name or a unique
prefix (see nagame sessions); the latest unfinished session when left out.`,
		Example: `  nagame resume
  nagame resume 2026-11-22-checkout`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.session = firstArg(args)
			return runWith(cmd.Context(), o, runF, runResume)
		},
	}
	addJoinFlags(cmd, &o.join)
	return cmd
}

func (o *runOptions) validate() error {
	if o.as != "" && !o.solo {
		return usagef("--as names you in a solo review: add --solo")
	}
	return nil
}

// runParty starts a session of the agenda and runs the meeting.
func runParty(ctx context.Context, o *runOptions) error {
	a, err := loadAgenda(o.agenda, o.vars)
	if err != nil {
		return err
	}
	if a.File != "" {
		if abs, err := filepath.Abs(a.File); err == nil {
			a.File = abs
		}
	}
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	for _, err := range errs {
		report(o.Err, fmt.Errorf("skipping a session: %w", err))
	}
	hist, err := sessions.FollowUps(root, recs, a, o.previous)
	if err != nil {
		return err
	}
	var prevNames []string
	for _, r := range hist {
		prevNames = append(prevNames, r.Name)
	}
	s, err := sessions.Start(root, a, sessions.StartOptions{
		Now: o.Now, Solo: o.solo, As: o.as, Previous: prevNames, Version: version(),
	})
	if err != nil {
		return err
	}
	return party(ctx, o.factory, s, hist, o.join)
}

// runResume continues a session where it stopped.
func runResume(ctx context.Context, o *resumeOptions) error {
	name := o.session
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	dir, err := sessions.ToResume(root, name, recs)
	if name == "" {
		if err := latestIsDamaged(recs, errs, dir, err); err != nil {
			for _, err := range errs {
				report(o.Err, err)
			}
			return err
		}
	}
	if err != nil {
		return err
	}
	s, err := sessions.Resume(dir, o.Now)
	if err != nil {
		return err
	}
	if t := s.Torn(); t != nil {
		fmt.Fprintf(o.Err, "nagame: note: %s\n", t)
	}
	if r := s.Restored(); r != "" {
		fmt.Fprintf(o.Err, "nagame: note: %s\n", r)
	}
	return party(ctx, o.factory, s, sessions.PreviousOf(recs, s.State().Start), o.join)
}

// party runs the TUI on a started or resumed session, then says where
// everything is.
func party(ctx context.Context, f *factory, s *sessions.Session, hist []*sessions.Record, join tui.JoinOptions) error {
	open, failed := openSources(s.Agenda(), f)
	resume := resumeCommand(f, s)
	if ctx.Err() != nil { // stopped while the sources opened
		return sayWhereThingsAre(f.Err, s, resume, ctx.Err(), s.Close())
	}
	// Bubble Tea handles SIGINT and SIGTERM itself (a graceful quit). Main's
	// signal context must not also cancel the program: Bubble Tea v2.0.10
	// then deadlocks in its shutdown, its signal goroutine blocked sending
	// the quit no one reads any more (and killed by a context it races its
	// input reader). SIGHUP (the terminal closed, an SSH connection
	// dropped) it does not handle: the app is asked to quit then, as SIGTERM
	// does, and tui.Run saves what was typed in the last moment.
	hup, stop := signal.NotifyContext(context.WithoutCancel(ctx), syscall.SIGHUP)
	defer stop()
	runErr := tui.Run(context.WithoutCancel(ctx), tui.Options{
		Session: s,
		Sources: sessions.Sources{Open: open, Failed: failed},
		History: hist,
		Now:     f.Now,
		Getenv:  f.Getenv,
		Quit:    hup.Done(),
		Join:    join,
		Publish: publishFromSummary(f),
	})
	return sayWhereThingsAre(f.Err, s, resume, runErr, s.Close())
}

// resumeCommand is the command that continues s, as the user can copy
// it: with --sessions when the folder is not the one nagame finds by
// itself.
func resumeCommand(f *factory, s *sessions.Session) string {
	cmd := "nagame resume " + s.Name()
	root := filepath.Dir(s.Dir())
	if def, err := sessions.Root("", f.Getenv); err != nil || filepath.Clean(def) != filepath.Clean(root) {
		cmd += " --sessions " + shellWord(root)
	}
	return cmd
}

// shellWord quotes s for a POSIX shell when it needs it.
func shellWord(s string) string {
	const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@%=,"
	if s != "" && strings.Trim(s, plain) == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sayWhereThingsAre tells, after the meeting closed (closeErr is what Close
// returned), where its record is and how to go on (resume, the command),
// and what could not be saved, if anything: then it never says
// "Everything is saved".
func sayWhereThingsAre(w io.Writer, s *sessions.Session, resume string, runErr, closeErr error) error {
	var ue *sessions.UnsavedError
	unsaved := errors.As(closeErr, &ue)
	if closeErr != nil {
		report(w, closeErr)
	}
	if s.State().Ended {
		fmt.Fprintf(w, "Minutes: %s\n", filepath.Join(s.Dir(), sessions.MinutesFile))
	}
	switch {
	case unsaved:
		fmt.Fprintf(w, "Everything else is saved in %s.\n", s.Dir())
	case !s.State().Ended:
		fmt.Fprintf(w, "Everything is saved in %s.\n", s.Dir())
	}
	if !s.State().Ended || unsaved {
		fmt.Fprintf(w, "Continue with: %s\n", resume)
	}
	// The TUI's last flush failed for the reason Close reported: once is
	// enough.
	if runErr = withoutUnsaved(runErr); runErr != nil {
		return runErr
	}
	if closeErr != nil {
		return &silentError{closeErr}
	}
	return nil
}

// withoutUnsaved is err without the *sessions.UnsavedError parts.
func withoutUnsaved(err error) error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var keep []error
		for _, e := range j.Unwrap() {
			if e = withoutUnsaved(e); e != nil {
				keep = append(keep, e)
			}
		}
		return errors.Join(keep...)
	}
	var ue *sessions.UnsavedError
	if errors.As(err, &ue) {
		return nil
	}
	return err
}

// latestIsDamaged refuses to guess when the session nagame resume would
// continue is not the latest: a damaged session changed after it (or there
// is none but damaged ones). Resuming an older meeting in its place would
// surprise; the user repairs the damaged one or names what to resume.
func latestIsDamaged(recs []*sessions.Record, errs []error, chosen string, chooseErr error) error {
	d := sessions.NewestDamaged(errs)
	if d == nil {
		return nil
	}
	if chooseErr == nil {
		for _, r := range recs {
			if r.Dir == chosen && !d.Modified.After(r.State.Last) {
				return nil
			}
		}
	}
	next := "nagame repair " + d.Name + ", then nagame resume"
	if !d.Repairable {
		next = "remove or move the folder " + d.Dir
	}
	return fmt.Errorf("the latest session, %s, is damaged (%s): %s; or name the session to resume (nagame sessions lists them)", d.Name, d.Problem, next)
}
