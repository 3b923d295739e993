package main

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

type actionsOptions struct {
	open   bool
	format string
	sync   bool
}

func newActionsCmd(g *globals) *cobra.Command {
	o := &actionsOptions{}
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "List every action item across the sessions, to paste into a tracker",
		Example: `  nagame actions --open
  nagame actions --sync --open     # first read the state of their GitHub issues
  nagame actions --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.format != "md" && o.format != "json" {
				return usagef("--format must be md or json, not %q", o.format)
			}
			root, err := g.sessionsDir()
			if err != nil {
				return err
			}
			recs, errs := sessions.ListRecords(root)
			for _, err := range errs {
				report(g.env.Err, err)
			}
			if o.sync {
				if recs, err = syncIssues(cmd.Context(), g.env, nil, root, recs); err != nil {
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
				return writeActionsJSON(g.env.Out, items, g.env.now())
			}
			return writeActionsMarkdown(g.env.Out, items, g.env.now(), o.open)
		},
	}
	cmd.Flags().BoolVar(&o.open, "open", false, "only the items still open")
	cmd.Flags().StringVar(&o.format, "format", "md", "md or json")
	cmd.Flags().BoolVar(&o.sync, "sync", false, "first read back the state of the items' GitHub issues (nagame publish made them; needs GITHUB_TOKEN)")
	return cmd
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
