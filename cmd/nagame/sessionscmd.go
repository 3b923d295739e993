package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
)

func newSessionsCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List the sessions recorded so far",
		Example: `  nagame sessions
  nagame sessions --sessions ./team-sessions --format json`,
		Args: noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usagef("--format must be text or json, not %q", format)
			}
			root, err := g.sessionsDir()
			if err != nil {
				return err
			}
			recs, errs := sessions.ListRecords(root)
			rows, damaged, errs := damagedRows(sessionRows(recs), errs)
			for _, err := range errs {
				report(g.env.Err, err)
			}
			if format == "json" {
				enc := json.NewEncoder(g.env.Out)
				enc.SetIndent("", "  ")
				return errors.Join(enc.Encode(rows), reportDamaged(g.env.Err, damaged))
			}
			if len(rows) == 0 {
				fmt.Fprintf(g.env.Out, "No sessions in %s yet. Start one with: nagame\n", root)
				return nil
			}
			tw := tabwriter.NewWriter(g.env.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DATE\tTITLE\tPANELS\tNOTES\tOPEN ACTIONS\tSTATE\tSESSION")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", r.Date, clip(r.Title, 44), r.Panels, r.Notes, r.OpenActions, r.State, r.Session)
			}
			return errors.Join(tw.Flush(), reportDamaged(g.env.Err, damaged))
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

type sessionRow struct {
	Session     string `json:"session"`
	Dir         string `json:"dir"`
	Date        string `json:"date"`
	Title       string `json:"title"`
	Panels      int    `json:"panels"`
	Notes       int    `json:"notes"`
	OpenActions int    `json:"open_actions"`
	State       string `json:"state"`
	Problem     string `json:"problem,omitempty"` // of a damaged session
}

func sessionRows(recs []*sessions.Record) []sessionRow {
	open := map[string]int{}
	for _, t := range sessions.TrackActions(recs) {
		if t.Open() {
			open[t.Session]++
		}
	}
	rows := []sessionRow{}
	for _, r := range recs {
		state := "finished"
		if !r.State.Ended {
			state = "in progress (" + r.State.Phase + ")"
		}
		rows = append(rows, sessionRow{
			Session: r.Name, Dir: r.Dir,
			Date:   r.Date().Format("2006-01-02 15:04"),
			Title:  agenda.CleanLine(r.State.Start.Title),
			Panels: len(r.Agenda.Panels), Notes: len(r.State.Notes),
			OpenActions: open[r.Name], State: state,
		})
	}
	return rows
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
