package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
)

// factory is what the commands get from the outside world: the streams,
// the environment, the clock, the HTTP client and the sessions folder.
// main gives the real ones; tests give buffers, a map, a fixed clock and
// a fake transport. Every command's options embed it.
type factory struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Getenv reads the environment: keys, $NAGAME_SESSIONS, colour.
	Getenv func(string) string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// HTTPClient sends the requests of the sources, nagame init, publish
	// and actions --sync; nil leaves each its default client.
	HTTPClient *http.Client
	// SessionsDir is the sessions folder: --sessions, else
	// $NAGAME_SESSIONS, else the XDG data dir (newRootCmd sets it).
	SessionsDir func() (string, error)
}

// records reads the sessions folder: its path, every session that reads,
// and an error for each that does not.
func (f *factory) records() (string, []*sessions.Record, []error, error) {
	root, err := f.SessionsDir()
	if err != nil {
		return "", nil, nil, err
	}
	recs, errs := sessions.ListRecords(root)
	return root, recs, errs, nil
}

// stopSignals are the signals that stop nagame cleanly: Ctrl-C, kill, and
// the hang-up of a closed terminal or a dropped SSH connection. A command
// stops what it is doing and exits 130; the meeting (Bubble Tea handles
// SIGINT and SIGTERM itself, see party) saves, releases its lock and quits.
func stopSignals() []os.Signal { return []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} }

// Main runs nagame with args and returns the process exit code.
func Main(args []string, f factory) int {
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	return execute(ctx, newRootCmd(&f), args)
}

// execute runs the command tree root with args under ctx, which a stop
// signal cancels, and returns the exit code.
func execute(ctx context.Context, root *cobra.Command, args []string) int {
	root.SetArgs(args)
	err := interrupted(ctx, root.ExecuteContext(ctx))
	report(root.ErrOrStderr(), err)
	return exitCode(err)
}

// newRootCmd is nagame and its commands, all made with f (whose clock is
// time.Now when it has none, and whose sessions folder --sessions says).
func newRootCmd(f *factory) *cobra.Command {
	if f.Now == nil {
		f.Now = time.Now
	}
	var sessionsFlag string
	f.SessionsDir = func() (string, error) { return sessions.Root(sessionsFlag, f.Getenv) }
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
			return runWith(cmd.Context(), &runOptions{factory: f}, nil, runParty) // the demo party
		},
	}
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.PersistentFlags().StringVar(&sessionsFlag, "sessions", "", "folder of sessions (default $NAGAME_SESSIONS, else ~/.local/share/nagame/sessions)")
	root.AddCommand(
		newRunCmd(f, nil), newResumeCmd(f, nil), newValidateCmd(f, nil), newCheckCmd(f, nil),
		newSnapshotCmd(f, nil), newExportCmd(f, nil), newSessionsCmd(f, nil), newActionsCmd(f, nil),
		newPublishCmd(f, nil), newRepairCmd(f, nil), newInitCmd(f, nil), newSchemaCmd(f, nil),
	)
	return root
}

// validator is options that tell a mistake in the flags (a usage error)
// before the command runs.
type validator interface{ validate() error }

// runWith runs a command's options once they are valid: through runF when
// a test gave one (to see what the flags and arguments made of them), else
// through run.
func runWith[O any](ctx context.Context, o *O, runF func(*O) error, run func(context.Context, *O) error) error {
	if v, ok := any(o).(validator); ok {
		if err := v.validate(); err != nil {
			return err
		}
	}
	if runF != nil {
		return runF(o)
	}
	return run(ctx, o)
}

// firstArg is the optional argument of a command that takes at most one.
func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// oneOf is a usage error unless the flag's value is one of want.
func oneOf(flag, value string, want ...string) error {
	if slices.Contains(want, value) {
		return nil
	}
	return usagef("%s must be %s, not %q", flag, strings.Join(want, " or "), value)
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
