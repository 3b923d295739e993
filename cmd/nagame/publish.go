package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/lock"
	"github.com/nagame-dev/nagame/sessions/minutes/publish"
	"github.com/nagame-dev/nagame/text"
	"github.com/nagame-dev/nagame/tui"
)

// publishOptions are nagame publish's: the session, empty for the latest,
// and where to publish it. The factory's HTTP client sends every request
// (publish's default when nil).
type publishOptions struct {
	*factory
	session    string
	to         []string
	dryRun     bool
	minutesURL string
}

func newPublishCmd(f *factory, runF func(*publishOptions) error) *cobra.Command {
	o := &publishOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "publish [SESSION]",
		Short: "Publish a session's minutes to a Datadog notebook and its action items as GitHub issues",
		Long: `Publish a session where the team already reads: --to datadog makes a notebook
(the summary, a live chart per Datadog panel beside the figures seen that day,
the closing) in the org of the agenda's Datadog source; --to github:OWNER/REPO
opens one issue per open action item. Without --to, the agenda's publish: list
is used. Publishing again updates the notebook and creates no issue twice.

Keys and tokens come from the environment only: DD_API_KEY and DD_APP_KEY
(scope notebooks_write), GITHUB_TOKEN or GH_TOKEN (issues: write), and
GITHUB_API_URL for GitHub Enterprise. SESSION is a session folder, its name or
a unique prefix (the latest session when left out).`,
		Example: `  nagame publish --to datadog
  nagame publish 2026-11-16 --to github:acme/checkout
  nagame publish --dry-run                  # the agenda's publish: targets, nothing sent
  nagame actions --sync                     # later: issues closed on GitHub count as done`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.session = firstArg(args)
			return runWith(cmd.Context(), o, runF, runPublish)
		},
	}
	cmd.Flags().StringSliceVar(&o.to, "to", nil, "where to publish: datadog, github:OWNER/REPO (repeat or separate with commas; default: the agenda's publish:)")
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print the requests that would be sent (JSON bodies) and send nothing")
	cmd.Flags().StringVar(&o.minutesURL, "minutes-url", "", "where issues link to when no notebook was published (a wiki page of the minutes)")
	return cmd
}

// runPublish publishes a session to its targets and says what each made.
func runPublish(ctx context.Context, o *publishOptions) error {
	root, recs, errs, err := o.records()
	if err != nil {
		return err
	}
	rec, err := sessions.Pick(root, o.session, recs, errs)
	if err != nil {
		return err
	}
	targets, err := publishTargets(o.to, rec)
	if err != nil {
		return err
	}
	if !o.dryRun {
		// Publishing writes published.json: not while a meeting holds the
		// session (its summary screen publishes itself).
		lk, err := lock.Acquire(rec.Dir, nil)
		if err != nil {
			return lockedHint(err)
		}
		defer func() { _ = lk.Release() }()
	}
	opt := publish.Options{
		Getenv: o.Getenv, HTTPClient: o.HTTPClient, Now: o.Now,
		Sessions: recs, DryRun: o.dryRun, MinutesURL: o.minutesURL,
	}
	results, err := publish.All(ctx, targets, rec, opt)
	for _, r := range results {
		if o.dryRun {
			writeDryRun(o.Out, r)
		} else {
			writePublished(o.Out, r)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(o.Err, "nagame: note: %s: %s\n", r.Target, n)
		}
	}
	return err
}

// publishTargets are --to's, else the agenda's publish: list.
func publishTargets(to []string, rec *sessions.Record) ([]publish.Target, error) {
	if len(to) == 0 {
		if len(rec.Agenda.Publish) == 0 {
			return nil, usagef("say where to publish: --to datadog or --to github:OWNER/REPO (or list them in the agenda's publish: key)")
		}
		return rec.Agenda.Publish, nil
	}
	var out []publish.Target
	for _, s := range to {
		t, err := publish.ParseTarget(s)
		if err != nil {
			return nil, &usageError{fmt.Errorf("--to: %w", err)}
		}
		out = append(out, t)
	}
	return out, nil
}

// lockedHint says how to go on when a meeting holds the session.
func lockedHint(err error) error {
	var le *lock.HeldError
	if errors.As(err, &le) {
		return fmt.Errorf("%w; publish from the meeting's summary screen, or once it has quit", err)
	}
	return err
}

// publishFromSummary is the meeting's summary screen's publish: what
// nagame publish does, to the agenda's targets, for the meeting's own
// session (whose lock the meeting holds), said in a line a target.
func publishFromSummary(f *factory) tui.PublishFunc {
	return func(ctx context.Context, dir string) ([]string, error) {
		rec, err := sessions.OpenRecord(dir)
		if err != nil {
			return nil, err
		}
		_, recs, _, err := f.records()
		if err != nil {
			return nil, err
		}
		results, err := publish.All(ctx, rec.Agenda.Publish, rec,
			publish.Options{Getenv: f.Getenv, HTTPClient: f.HTTPClient, Now: f.Now, Sessions: recs})
		var lines []string
		for _, r := range results {
			if l := publishedLine(r); l != "" {
				lines = append(lines, l)
			}
		}
		return lines, err
	}
}

// publishedLine is what a publish to one target made, links included;
// empty when it failed before a notebook existed (the error says why).
func publishedLine(r publish.Result) string {
	if r.Target.Kind == "datadog" {
		if r.URL == "" {
			return ""
		}
		how := "updated"
		if r.Created > 0 {
			how = "created"
		}
		return fmt.Sprintf("%s: notebook %s: %s", r.Target, how, r.URL)
	}
	counts := map[string]int{}
	for _, ir := range r.Issues {
		counts[ir.Outcome]++
	}
	return fmt.Sprintf("%s: %d created, %d found, %d already published, %d skipped (done or dropped): %s",
		r.Target, counts[publish.OutcomeCreated], counts[publish.OutcomeFound], counts[publish.OutcomePublished], counts[publish.OutcomeSkipped], r.URL)
}

// writePublished prints what a publish did: its links first, for people
// and for scripts, then a GitHub publish's issues one a row.
func writePublished(w io.Writer, r publish.Result) {
	line := publishedLine(r)
	if line == "" {
		return
	}
	fmt.Fprintln(w, line)
	if r.Target.Kind == "datadog" || len(r.Issues) == 0 {
		return
	}
	t := text.Table{Columns: []text.Column{{Header: "ITEM"}, {Header: "ISSUE", Right: true}, {Header: "OUTCOME"}, {Header: "TITLE", Max: 60}}}
	for _, ir := range r.Issues {
		ref := "–"
		if ir.Number > 0 {
			ref = fmt.Sprintf("#%d", ir.Number)
		}
		t.AddRow(ir.Action, ref, ir.Outcome, ir.Title)
	}
	_, _ = io.WriteString(w, t.String())
}

// writeDryRun prints the requests a publish would send.
func writeDryRun(w io.Writer, r publish.Result) {
	fmt.Fprintf(w, "# %s: %d request(s) would be sent\n", r.Target, len(r.Requests))
	for _, ir := range r.Issues {
		if ir.Outcome == publish.OutcomePublished {
			fmt.Fprintf(w, "# %s: already published as #%d\n", ir.Action, ir.Number)
		}
		if ir.Outcome == publish.OutcomeSkipped {
			fmt.Fprintf(w, "# %s: skipped (done or dropped)\n", ir.Action)
		}
	}
	for _, req := range r.Requests {
		fmt.Fprintf(w, "%s %s\n", req.Method, req.URL)
		if len(req.Body) > 0 {
			fmt.Fprintf(w, "%s\n", strings.TrimRight(string(req.Body), "\n"))
		}
	}
}

// syncIssues reads back the state of every issue published from recs
// (GET requests only, asked for with nagame actions --sync) and returns
// the records read again. A session a meeting holds keeps what it had.
func syncIssues(ctx context.Context, f *factory, root string, recs []*sessions.Record) ([]*sessions.Record, error) {
	synced := false
	for _, r := range recs {
		if len(r.Published.Issues) == 0 {
			continue
		}
		lk, err := lock.Acquire(r.Dir, nil)
		if err != nil {
			report(f.Err, fmt.Errorf("%w; its issues were not synced", err))
			continue
		}
		notes, err := publish.Sync(ctx, r, publish.Options{Getenv: f.Getenv, HTTPClient: f.HTTPClient, Now: f.Now})
		_ = lk.Release()
		for _, n := range notes {
			fmt.Fprintf(f.Err, "nagame: note: %s: %s\n", r.Name, n)
		}
		if err != nil {
			return recs, err
		}
		synced = true
	}
	if !synced {
		return recs, nil
	}
	out, errs := sessions.ListRecords(root)
	for _, err := range errs {
		report(f.Err, err)
	}
	return out, nil
}
