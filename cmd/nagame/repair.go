package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
)

// repairOptions are nagame repair's.
type repairOptions struct {
	*factory
	session     string
	keepChanged bool
}

func newRepairCmd(f *factory, runF func(*repairOptions) error) *cobra.Command {
	o := &repairOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "repair SESSION",
		Short: "Rebuild a damaged session's journal from every event that still reads",
		Long: `Rebuild the journal of a damaged session (nagame sessions lists them) from every
line that still reads as an event, instead of losing everything after the first
damaged line. Lines that do not read, lines changed after nagame wrote them (their
checksum does not match), copies of other lines and events that make no sense in
order are left out, each named with its line number. The damaged journal is kept
beside the fresh one as journal.jsonl.damaged-<time>. The session must not be
open in another nagame. SESSION is a folder, its name or a unique prefix.`,
		Example: `  nagame repair 2026-11-22-checkout
  nagame repair 2026-11-22 --keep-changed   # lines edited on purpose stay`,
		Args: exactArgs(1, "the session to repair (see nagame sessions)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.session = args[0]
			return runWith(cmd.Context(), o, runF, runRepair)
		},
	}
	cmd.Flags().BoolVar(&o.keepChanged, "keep-changed", false, "keep lines that read but were changed after nagame wrote them (edits made on purpose)")
	return cmd
}

// runRepair rebuilds a session's journal and says what it kept.
func runRepair(_ context.Context, o *repairOptions) error {
	root, err := o.SessionsDir()
	if err != nil {
		return err
	}
	dir, err := findSessionDir(root, o.session)
	if err != nil {
		return err
	}
	rep, err := sessions.Repair(dir, sessions.RepairOptions{KeepChanged: o.keepChanged, Now: o.Now})
	if err != nil {
		return err
	}
	printRepair(o.Out, rep, o.keepChanged)
	return nil
}

// findSessionDir resolves a session's name like every command, and also
// finds a folder whose journal is missing, so that repair can say so.
func findSessionDir(root, name string) (string, error) {
	dir, err := sessions.FindRecord(root, name)
	if err == nil {
		return dir, nil
	}
	for _, d := range []string{name, root + string(os.PathSeparator) + name} {
		if st, serr := os.Stat(d); serr == nil && st.IsDir() {
			return d, nil
		}
	}
	return "", err
}

func printRepair(w io.Writer, rep sessions.RepairReport, keepChanged bool) {
	if rep.Damaged == "" {
		fmt.Fprintf(w, "Nothing to repair: the journal of %s reads whole (%d events).\n", rep.Session, rep.Kept)
		if rep.Torn != nil {
			fmt.Fprintf(w, "Its last line was cut short by a crash; nagame resume %s cuts it off.\n", rep.Session)
		}
		return
	}
	fmt.Fprintf(w, "Repaired %s: kept %d of %d lines as events.\n", rep.Session, rep.Kept, rep.Lines)
	changed := 0
	for _, d := range rep.Dropped {
		what := "left out"
		if d.Kept {
			what = "kept as it reads"
		}
		if d.Changed && !d.Kept {
			changed++
		}
		fmt.Fprintf(w, "  line %d: %s (%s)\n", d.Line, d.Problem, what)
	}
	if rep.Torn != nil {
		fmt.Fprintf(w, "  line %d: cut short by a crash, never saved (left out)\n", rep.Torn.Line)
	}
	fmt.Fprintf(w, "The damaged journal is kept as %s.\n", rep.Damaged)
	if changed > 0 && !keepChanged {
		fmt.Fprintf(w, "If you changed those %d line(s) on purpose, copy the damaged journal back over journal.jsonl and run nagame repair %s --keep-changed.\n",
			changed, rep.Session)
	}
	fmt.Fprintf(w, "Continue with: nagame resume %s (or nagame export %s)\n", rep.Session, rep.Session)
}
