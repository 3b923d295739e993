package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
)

// Env is what the commands get from the outside world, so tests can give
// them buffers, an environment and a clock of their own.
type Env struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// HTTP is the client of nagame init's dashboard reads; a default one
	// when nil.
	HTTP *http.Client
}

func (e *Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// Main runs nagame with args and returns the process exit code.
func Main(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	g := &globals{env: &env}
	root := newRoot(g)
	root.SetArgs(args)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	err := root.ExecuteContext(ctx)
	report(env.Err, err)
	return exitCode(err)
}

// globals are the flags every command shares.
type globals struct {
	env      *Env
	sessions string
}

// sessionsDir is --sessions, else $NAGAME_SESSIONS, else the XDG data dir.
func (g *globals) sessionsDir() (string, error) {
	return sessions.Root(g.sessions, g.env.Getenv)
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "nagame",
		Short: "Run a metrics viewing party in the terminal",
		Long: `nagame runs a metrics viewing party: a team walks a scripted agenda of
latency, error and load panels from Datadog, Prometheus, files or a built-in
demo, takes notes, answers questions, and leaves with Markdown minutes.

Run it with no arguments for the demo party (no credentials, no network).`,
		Example: `  nagame                          # the demo party
  nagame run checkout.yaml        # a party from your agenda
  nagame check checkout.yaml      # the day before: every query, both windows
  nagame export                   # the latest session's minutes`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runParty(cmd.Context(), g, runOptions{})
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.PersistentFlags().StringVar(&g.sessions, "sessions", "", "folder of sessions (default $NAGAME_SESSIONS, else ~/.local/share/nagame/sessions)")
	root.AddCommand(
		newRunCmd(g), newResumeCmd(g), newValidateCmd(g), newCheckCmd(g), newSnapshotCmd(g),
		newExportCmd(g), newSessionsCmd(g), newActionsCmd(g), newPublishCmd(g),
		newInitCmd(g), newSchemaCmd(g),
	)
	return root
}

// noArgs rejects arguments as a usage error, naming the commands.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}

// maxArgs is cobra.MaximumNArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s needs %s", cmd.CommandPath(), what)
		}
		return nil
	}
}

// version is the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
