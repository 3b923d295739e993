package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

type exportOptions struct {
	format     string
	output     string
	showHidden bool
}

func newExportCmd(g *globals) *cobra.Command {
	o := &exportOptions{}
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
		RunE: func(_ *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			return runExport(g, name, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	cmd.Flags().BoolVar(&o.showHidden, "show-hidden", false, "include what the anonymity rule hides (results of fewer than 3 answers), for the facilitator: not to share")
	return cmd
}

func runExport(g *globals, name string, o *exportOptions) error {
	if o.format != "md" && o.format != "json" {
		return usagef("--format must be md or json, not %q", o.format)
	}
	root, err := g.sessionsDir()
	if err != nil {
		return err
	}
	recs, errs := sessions.ListRecords(root)
	rec, err := sessions.Pick(root, name, recs, errs)
	if err != nil {
		return err
	}
	if rec.Torn != nil {
		fmt.Fprintf(g.env.Err, "nagame: note: %s\n", rec.Torn)
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
		_, err = g.env.Out.Write(out)
		return err
	}
	if err := os.WriteFile(o.output, out, 0o644); err != nil {
		return fmt.Errorf("cannot write the minutes: %w", err)
	}
	fmt.Fprintf(g.env.Err, "wrote %s\n", o.output)
	return nil
}
