package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

// actionsOptions are nagame actions'.
type actionsOptions struct {
	*factory
	open   bool
	format string
	sync   bool
}

func newActionsCmd(f *factory, runF func(*actionsOptions) error) *cobra.Command {
	o := &actionsOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "List every action item across the sessions, to paste into a tracker",
		Example: `  nagame actions --open
  nagame actions --sync --open     # first read the state of their GitHub issues
  nagame actions --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWith(cmd.Context(), o, runF, runActions)
		},
	}
	cmd.Flags().BoolVar(&o.open, "open", false, "only the items still open")
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().BoolVar(&o.sync, "sync", false, "first read back the state of the items' GitHub issues (nagame publish made them; needs GITHUB_TOKEN)")
	return cmd
}

func (o *actionsOptions) validate() error { return oneOf("--format", o.format, "md", "json") }

// runActions lists the action items of every session, with their latest
// status.
func runActions(ctx context.Context, o *actionsOptions) error {
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	for _, err := range errs {
		report(o.Err, err)
	}
	if o.sync {
		if recs, err = syncIssues(ctx, o.factory, root, recs); err != nil {
			return err
		}
	}
	var items []sessions.TrackedAction
	for _, t := range sessions.TrackActions(recs) {
		if !o.open || t.Open() {
			items = append(items, t)
		}
	}
	if o.format == "json" {
		return writeActionsJSON(o.Out, items, o.Now())
	}
	return writeActionsMarkdown(o.Out, items, o.Now(), o.open)
}

type actionJSON struct {
	sessions.TrackedAction
	AgeDays int `json:"age_days"`
}

func writeActionsJSON(w io.Writer, items []sessions.TrackedAction, now time.Time) error {
	out := []actionJSON{}
	for _, t := range items {
		out = append(out, actionJSON{TrackedAction: t, AgeDays: t.AgeDays(now)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeActionsMarkdown(w io.Writer, items []sessions.TrackedAction, now time.Time, onlyOpen bool) error {
	var b strings.Builder
	if onlyOpen {
		b.WriteString("# Open action items\n\n")
	} else {
		b.WriteString("# Action items\n\n")
	}
	if len(items) == 0 {
		b.WriteString("None.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	for _, t := range items {
		// Struck through when dropped, as in the minutes: an unticked box
		// alone would read as work still to do.
		details := []string{t.Status, minutes.Days(t.AgeDays(now)) + " old", "from " + t.Session}
		if t.PanelTitle != "" {
			details = append(details, t.PanelTitle)
		}
		if t.Due != "" {
			details = append(details, "due "+t.Due)
		}
		w := minutes.ActionWords{Text: t.Text, Owner: t.Owner, Status: t.Status, Details: details, Note: t.Note}
		b.WriteString(w.Markdown() + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
