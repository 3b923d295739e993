package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/text"
)

// sessionsOptions are nagame sessions'.
type sessionsOptions struct {
	*factory
	format string
}

func newSessionsCmd(f *factory, runF func(*sessionsOptions) error) *cobra.Command {
	o := &sessionsOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List the sessions recorded so far",
		Example: `  nagame sessions
  nagame sessions --sessions ./team-sessions --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWith(cmd.Context(), o, runF, runSessions)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "text or json")
	return cmd
}

func (o *sessionsOptions) validate() error { return oneOf("--format", o.format, "text", "json") }

// runSessions lists the sessions, the damaged ones too.
func runSessions(_ context.Context, o *sessionsOptions) error {
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	rows, damaged, errs := damagedRows(sessionRows(recs), errs)
	for _, err := range errs {
		report(o.Err, err)
	}
	if o.format == "json" {
		enc := json.NewEncoder(o.Out)
		enc.SetIndent("", "  ")
		return errors.Join(enc.Encode(rows), reportDamaged(o.Err, damaged))
	}
	if len(rows) == 0 {
		fmt.Fprintf(o.Out, "No sessions in %s yet. Start one with: nagame\n", root)
		return nil
	}
	t := text.Table{Columns: []text.Column{{Header: "DATE"}, {Header: "TITLE", Max: 44},
		{Header: "PANELS", Right: true}, {Header: "NOTES", Right: true}, {Header: "OPEN ACTIONS", Right: true},
		{Header: "STATE"}, {Header: "SESSION"}}}
	for _, r := range rows {
		t.AddRow(r.Date, r.Title, strconv.Itoa(r.Panels), strconv.Itoa(r.Notes), strconv.Itoa(r.OpenActions), r.State, r.Session)
	}
	_, err = t.WriteTo(o.Out)
	return errors.Join(err, reportDamaged(o.Err, damaged))
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
			Title:  text.Line(r.State.Start.Title),
			Panels: len(r.Agenda.Panels), Notes: len(r.State.Notes),
			OpenActions: open[r.Name], State: state,
		})
	}
	return rows
}
