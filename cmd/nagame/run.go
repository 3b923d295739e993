package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/tui"
)

type runOptions struct {
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

func newRunCmd(g *globals) *cobra.Command {
	o := runOptions{}
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
			return runParty(cmd.Context(), g, o)
		},
	}
	cmd.Flags().BoolVar(&o.solo, "solo", false, "review alone: one respondent, no roll call")
	cmd.Flags().StringVar(&o.as, "as", "", "your name in a solo review (default: me)")
	addVarFlag(cmd, &o.vars)
	cmd.Flags().StringVar(&o.previous, "previous", "", "carry over the open action items of this session (default: earlier sessions of the same agenda)")
	addJoinFlags(cmd, &o.join)
	return cmd
}

func newResumeCmd(g *globals) *cobra.Command {
	var join tui.JoinOptions
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
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			return resumeParty(cmd.Context(), g, name, join)
		},
	}
	addJoinFlags(cmd, &join)
	return cmd
}

func runParty(ctx context.Context, g *globals, o runOptions) error {
	if o.as != "" && !o.solo {
		return usagef("--as names you in a solo review: add --solo")
	}
	a, err := loadAgenda(o.agenda, o.vars)
	if err != nil {
		return err
	}
	if a.File != "" {
		if abs, err := filepath.Abs(a.File); err == nil {
			a.File = abs
		}
	}
	root, err := g.sessionsDir()
	if err != nil {
		return err
	}
	recs, errs := sessions.ListRecords(root)
	for _, err := range errs {
		report(g.env.Err, fmt.Errorf("skipping a session: %w", err))
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
		Now: g.env.Now, Solo: o.solo, As: o.as, Previous: prevNames, Version: version(),
	})
	if err != nil {
		return err
	}
	return party(ctx, g, s, hist, o.join)
}

func resumeParty(ctx context.Context, g *globals, name string, join tui.JoinOptions) error {
	root, err := g.sessionsDir()
	if err != nil {
		return err
	}
	recs, errs := sessions.ListRecords(root)
	dir, err := sessions.ToResume(root, name, recs)
	if err != nil {
		if name == "" {
			for _, err := range errs {
				report(g.env.Err, err)
			}
		}
		return err
	}
	s, err := sessions.Resume(dir, g.env.Now)
	if err != nil {
		return err
	}
	if t := s.Torn(); t != nil {
		fmt.Fprintf(g.env.Err, "nagame: note: %s\n", t)
	}
	return party(ctx, g, s, sessions.PreviousOf(recs, s.State().Start), join)
}

// party runs the TUI on a started or resumed session, then says where
// everything is.
func party(ctx context.Context, g *globals, s *sessions.Session, hist []*sessions.Record, join tui.JoinOptions) error {
	open, failed := openSources(s.Agenda(), g.env)
	// Bubble Tea handles SIGINT and SIGTERM itself (a graceful quit). Main's
	// signal context must not also cancel the program: Bubble Tea v2.0.10
	// then deadlocks in its shutdown, its signal goroutine blocked sending
	// the quit no one reads any more.
	runErr := tui.Run(context.WithoutCancel(ctx), tui.Options{
		Session: s,
		Sources: sessions.Sources{Open: open, Failed: failed},
		History: hist,
		Now:     g.env.Now,
		Getenv:  g.env.Getenv,
		Join:    join,
	})
	closeErr := s.Close()
	if closeErr != nil {
		report(g.env.Err, closeErr)
	}
	if s.State().Ended {
		fmt.Fprintf(g.env.Err, "Minutes: %s\n", filepath.Join(s.Dir(), sessions.MinutesFile))
	} else {
		resume := "nagame resume " + s.Name()
		if g.sessions != "" {
			// The hint must work when copied: it names the folder too.
			resume += " --sessions " + shellWord(filepath.Dir(s.Dir()))
		}
		fmt.Fprintf(g.env.Err, "Everything is saved in %s.\nContinue with: %s\n", s.Dir(), resume)
	}
	if runErr != nil {
		return runErr
	}
	return closeErr
}

// shellWord quotes s for a POSIX shell when it needs it.
func shellWord(s string) string {
	const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@%=,"
	if s != "" && strings.Trim(s, plain) == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
