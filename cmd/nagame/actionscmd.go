package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

type actionsOptions struct {
	open   bool
	format string
}

func newActionsCmd(g *globals) *cobra.Command {
	o := &actionsOptions{}
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "List every action item across the sessions, to paste into a tracker",
		Example: `  nagame actions --open
  nagame actions --format json`,
		Args: noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
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
		box := "[ ]"
		if t.Status == journal.ActionDone {
			box = "[x]"
		}
		text := minutes.MarkdownInline(t.Text)
		if t.Status == journal.ActionDropped {
			// Struck through as in the minutes: an unticked box alone
			// would read as work still to do.
			text = "~~" + text + "~~"
		}
		fmt.Fprintf(&b, "- %s %s", box, text)
		if t.Owner != "" {
			b.WriteString(" — " + minutes.MarkdownInline(t.Owner))
		}
		parts := []string{t.Status, days(t.AgeDays(now)) + " old", "from " + t.Session}
		if t.PanelTitle != "" {
			parts = append(parts, minutes.MarkdownInline(t.PanelTitle))
		}
		if t.Due != "" {
			parts = append(parts, "due "+t.Due)
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
		if t.Note != "" {
			b.WriteString(": " + minutes.MarkdownInline(t.Note))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
