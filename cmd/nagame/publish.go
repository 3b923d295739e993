package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/minutes/publish"
	"github.com/nagame-dev/nagame/text"
)

// publishOptions are nagame publish's inputs: the flags, and what the
// command gets from outside (IO, environment, clock, HTTP client, the
// sessions folder), so tests give it their own.
type publishOptions struct {
	Env *Env
	// HTTPClient sends every request; publish's default when nil.
	HTTPClient *http.Client
	// SessionsDir resolves the sessions folder.
	SessionsDir func() (string, error)

	Session    string
	To         []string
	DryRun     bool
	MinutesURL string
}

func newPublishCmd(g *globals) *cobra.Command {
	o := &publishOptions{Env: g.env, SessionsDir: g.sessionsDir}
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
			if len(args) == 1 {
				o.Session = args[0]
			}
			return runPublish(cmd.Context(), o)
		},
	}
	cmd.Flags().StringSliceVar(&o.To, "to", nil, "where to publish: datadog, github:OWNER/REPO (repeat or separate with commas; default: the agenda's publish:)")
	cmd.Flags().BoolVar(&o.DryRun, "dry-run", false, "print the requests that would be sent (JSON bodies) and send nothing")
	cmd.Flags().StringVar(&o.MinutesURL, "minutes-url", "", "where issues link to when no notebook was published (a wiki page of the minutes)")
	return cmd
}

func runPublish(ctx context.Context, o *publishOptions) error {
	root, err := o.SessionsDir()
	if err != nil {
		return err
	}
	recs, errs := sessions.ListRecords(root)
	rec, err := sessions.Pick(root, o.Session, recs, errs)
	if err != nil {
		return err
	}
	targets, err := publishTargets(o.To, rec)
	if err != nil {
		return err
	}
	if !o.DryRun {
		// Publishing writes published.json: not while a meeting holds the
		// session (its summary screen publishes itself).
		lock, err := sessions.AcquireLock(rec.Dir, nil)
		if err != nil {
			return lockedHint(err)
		}
		defer func() { _ = lock.Release() }()
	}
	opt := publish.Options{
		Getenv: o.Env.Getenv, HTTPClient: o.HTTPClient, Now: o.Env.now,
		Sessions: recs, DryRun: o.DryRun, MinutesURL: o.MinutesURL,
	}
	results, err := publish.All(ctx, targets, rec, opt)
	for _, r := range results {
		if o.DryRun {
			writeDryRun(o.Env.Out, r)
		} else {
			writePublished(o.Env.Out, r)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(o.Env.Err, "nagame: note: %s: %s\n", r.Target, n)
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
	var le *sessions.LockedError
	if errors.As(err, &le) {
		return fmt.Errorf("%w; publish from the meeting's summary screen, or once it has quit", err)
	}
	return err
}

// writePublished prints what a publish did: its links first, for people
// and for scripts.
func writePublished(w io.Writer, r publish.Result) {
	if r.Target.Kind == "datadog" {
		how := "updated"
		if r.Created > 0 {
			how = "created"
		}
		fmt.Fprintf(w, "%s: notebook %s: %s\n", r.Target, how, r.URL)
		return
	}
	t := text.Table{Columns: []text.Column{{Header: "ITEM"}, {Header: "ISSUE", Right: true}, {Header: "OUTCOME"}, {Header: "TITLE", Max: 60}}}
	counts := map[string]int{}
	for _, ir := range r.Issues {
		counts[ir.Outcome]++
		ref := "–"
		if ir.Number > 0 {
			ref = fmt.Sprintf("#%d", ir.Number)
		}
		t.AddRow(ir.Action, ref, ir.Outcome, ir.Title)
	}
	fmt.Fprintf(w, "%s: %d created, %d found, %d already published, %d skipped (done or dropped): %s\n",
		r.Target, counts[publish.OutcomeCreated], counts[publish.OutcomeFound], counts[publish.OutcomePublished], counts[publish.OutcomeSkipped], r.URL)
	if len(r.Issues) > 0 {
		_, _ = io.WriteString(w, t.String())
	}
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
func syncIssues(ctx context.Context, env *Env, client *http.Client, root string, recs []*sessions.Record) ([]*sessions.Record, error) {
	synced := false
	for _, r := range recs {
		if len(r.Published.Issues) == 0 {
			continue
		}
		lock, err := sessions.AcquireLock(r.Dir, nil)
		if err != nil {
			report(env.Err, fmt.Errorf("%w; its issues were not synced", err))
			continue
		}
		notes, err := publish.Sync(ctx, r, publish.Options{Getenv: env.Getenv, HTTPClient: client, Now: env.now})
		_ = lock.Release()
		for _, n := range notes {
			fmt.Fprintf(env.Err, "nagame: note: %s: %s\n", r.Name, n)
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
		report(env.Err, err)
	}
	return out, nil
}
