package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

// exportOptions are nagame export's: the session, empty for the latest.
type exportOptions struct {
	*factory
	session    string
	format     string
	output     string
	showHidden bool
}

func newExportCmd(f *factory, runF func(*exportOptions) error) *cobra.Command {
	o := &exportOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "export [SESSION]",
		Short: "Write a session's minutes (Markdown or JSON)",
		Long: `Write a session's minutes from its record, offline: the numbers are those the
team saw that day. SESSION is a session folder, its name, or a unique prefix of
it (see nagame sessions); the latest session when left out.`,
		Example: `  nagame export                         # the latest session, Markdown to stdout
  nagame export 2026-11-22-checkout -o minutes.md
  nagame export --format json | jq .survey
  nagame export --show-hidden -o for-me.md       # what anonymity hides, for the facilitator`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.session = firstArg(args)
			return runWith(cmd.Context(), o, runF, runExport)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	cmd.Flags().BoolVar(&o.showHidden, "show-hidden", false, "include what the anonymity rule hides (results of fewer than 3 answers), for the facilitator: not to share")
	return cmd
}

func (o *exportOptions) validate() error { return oneOf("--format", o.format, "md", "json") }

// runExport writes a session's minutes from its record.
func runExport(_ context.Context, o *exportOptions) error {
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	rec, err := sessions.Pick(root, o.session, recs, errs)
	if err != nil {
		return err
	}
	if rec.Torn != nil {
		fmt.Fprintf(o.Err, "nagame: note: %s\n", rec.Torn)
	}
	hist := sessions.History(recs, rec.State.Start.Title, rec.State.Start.Service, rec.Name)
	m, err := minutes.Build(rec, minutes.Options{History: hist, ShowHidden: o.showHidden})
	if err != nil {
		return err
	}
	var out []byte
	if o.format == "json" {
		if out, err = m.JSON(); err != nil {
			return err
		}
	} else {
		out = m.Markdown()
	}
	if o.output == "" {
		_, err = o.Out.Write(out)
		return err
	}
	if err := os.WriteFile(o.output, out, 0o644); err != nil {
		return fmt.Errorf("cannot write the minutes: %w", err)
	}
	fmt.Fprintf(o.Err, "wrote %s\n", o.output)
	return nil
}
