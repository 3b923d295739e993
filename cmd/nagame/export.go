package main

import (
	"context"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // export --tz works on machines without zone files

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/text"
)

// exportOptions are nagame export's: the session, empty for the latest.
type exportOptions struct {
	*factory
	session    string
	format     string
	output     string
	showHidden bool
	tz         string
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
  nagame export --show-hidden -o for-me.md       # what anonymity hides, for the facilitator
  nagame export --tz Asia/Tokyo                  # the times as a colleague in Tokyo reads them`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.session = firstArg(args)
			return runWith(cmd.Context(), o, runF, runExport)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	cmd.Flags().BoolVar(&o.showHidden, "show-hidden", false, "include what the anonymity rule hides (results of fewer than 3 answers), for the facilitator: not to share")
	cmd.Flags().StringVar(&o.tz, "tz", "", "write the minutes' times in this IANA time zone (Asia/Tokyo, Europe/Berlin, UTC; default: this machine's)")
	return cmd
}

func (o *exportOptions) validate() error {
	if _, err := exportZone(o.tz); err != nil {
		return err
	}
	return oneOf("--format", o.format, "md", "json")
}

// exportZone is --tz's time zone: the machine's when empty. Time zone data
// is embedded (cmd/nagame imports time/tzdata), so a name resolves on a
// machine without /usr/share/zoneinfo too.
func exportZone(name string) (*time.Location, error) {
	if name == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, usagef("--tz %s is not a time zone nagame knows: give an IANA name such as Asia/Tokyo, Europe/Berlin or UTC", text.Quote(name, 60))
	}
	return loc, nil
}

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
	loc, err := exportZone(o.tz)
	if err != nil {
		return err
	}
	m, err := minutes.Build(rec, minutes.Options{History: hist, ShowHidden: o.showHidden, Location: loc})
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
