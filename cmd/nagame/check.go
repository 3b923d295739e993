package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/text"
)

// checkOptions are nagame check's: the agenda, empty for the demo.
type checkOptions struct {
	*factory
	agenda  string
	timeout time.Duration
	vars    []string
}

func newCheckCmd(f *factory, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "check [AGENDA]",
		Short: "The day before: validate the agenda, the keys, and every query of both windows",
		Long: `Validate the agenda, check each source's credentials and reachability, then run
every panel's queries over the window and the comparison window, and print a
table: panel, source, points, status and a hint. Exits 1 when anything fails,
so it can run in CI. With no AGENDA, the demo agenda.`,
		Example: `  nagame check checkout.yaml
  DD_SITE=datadoghq.eu nagame check checkout.yaml`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.agenda = firstArg(args)
			return runWith(cmd.Context(), o, runF, runCheck)
		},
	}
	cmd.Flags().DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up on the whole check after this long")
	addVarFlag(cmd, &o.vars)
	return cmd
}

// runCheck checks the agenda, each source, and every panel's queries over
// both windows, and prints what it found.
func runCheck(ctx context.Context, o *checkOptions) error {
	a, err := loadAgenda(o.agenda, o.vars)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	out := o.Out
	// On a terminal long statuses and hints are clipped to keep the table
	// readable (the full words follow it); piped, nothing is cut.
	_, _, width := terminalOut(o.factory)
	statusMax, hintMax := 0, 0
	if _, isTerm := out.(*os.File); isTerm && width > 0 {
		statusMax, hintMax = 90, 70
	}
	fmt.Fprintf(out, "%s: ok: %s\n\n", a.Name, describeAgenda(a))
	open, failed := openSources(a, o.factory)
	problems := 0
	srcTable := text.Table{Columns: []text.Column{{Header: "SOURCE"}, {Header: "TYPE"}, {Header: "STATUS", Max: statusMax}, {Header: "HINT", Max: hintMax}}}
	for _, name := range a.SourceNames {
		typ := a.Sources[name].Type
		var status, hint string
		if err := failed[name]; err != nil {
			status, hint = "error: "+oneLine(err), sources.HintOf(err)
		} else {
			status, hint = checkSource(ctx, open[name])
		}
		if strings.HasPrefix(status, "error") {
			problems++
		}
		srcTable.AddRow(name, typ, status, hint)
	}
	if _, err := srcTable.WriteTo(out); err != nil {
		return err
	}
	now := o.Now()
	w := a.Window.Resolve(now)
	cw, _ := a.Compare.Of(w)
	srcs := sessions.Sources{Open: open, Failed: failed}
	reqs := make([]sessions.FetchRequest, len(a.Panels))
	for i, p := range a.Panels {
		reqs[i] = srcs.Request(p, w, cw, sessions.ChartColumns(width), now)
	}
	data := sessions.FetchAll(ctx, reqs, sessions.FetchParallel)
	fmt.Fprintf(out, "\nwindow %s", w)
	if !cw.IsZero() {
		fmt.Fprintf(out, ", compared with %s", cw)
	}
	fmt.Fprint(out, "\n\n")
	panelTable := text.Table{Columns: []text.Column{{Header: "PANEL"}, {Header: "SOURCE"}, {Header: "POINTS"}, {Header: "STATUS"}, {Header: "HINT", Max: hintMax}}}
	// The backends' words, each message once with the panels that got it:
	// a source that is down fails every panel alike.
	var details []string
	panelsOf := map[string][]string{}
	noPrevious, warned := 0, 0
	for i, d := range data {
		row := checkRow(d)
		if row.failed {
			problems++
		}
		if row.noPrevious {
			noPrevious++
		}
		if row.status == "warning" {
			warned++
		}
		panelTable.AddRow(a.Panels[i].ID, a.Panels[i].Source, row.points, row.status, row.hint)
		for _, msg := range row.messages {
			if _, ok := panelsOf[msg]; !ok {
				details = append(details, msg)
			}
			panelsOf[msg] = append(panelsOf[msg], a.Panels[i].ID)
		}
	}
	if _, err := panelTable.WriteTo(out); err != nil {
		return err
	}
	if len(details) > 0 {
		fmt.Fprintln(out, "\nWhat the backends said:")
		for _, msg := range details {
			fmt.Fprintf(out, "  %s: %s\n", strings.Join(panelsOf[msg], ", "), msg)
		}
	}
	if problems > 0 {
		fmt.Fprintf(out, "\n%d problem(s): fix them before the meeting.\n", problems)
		return &silentError{errors.New("check failed")}
	}
	// Warnings (an events query that failed, a partial answer) do not stop
	// the meeting, but the last line must not read as if all were well.
	warning := ""
	if warned > 0 {
		warning = fmt.Sprintf(" %d panel(s) with warnings: see what the backends said above.", warned)
	}
	if noPrevious > 0 {
		fmt.Fprintf(out, "\nAll panels answered for the window; %d had no data in the previous window, so there is nothing to compare them with.%s\n", noPrevious, warning)
		return nil
	}
	fmt.Fprintf(out, "\nAll panels answered for both windows.%s\n", warning)
	return nil
}

type checkResult struct {
	points, status, hint string
	// messages are the backends' words, one per distinct failure.
	messages []string
	// failed: the panel is a problem to fix before the meeting (an error,
	// or no data in the window it will show).
	failed bool
	// noPrevious: the window has data, the previous window none.
	noPrevious bool
}

// checkRow sums up one panel's fetch for the check table: a short status
// and hint for the row, and what the backend said, once per distinct
// message (both windows usually fail alike).
func checkRow(d *sessions.PanelData) checkResult {
	r := checkResult{points: pointsText(&d.Current), status: "ok"}
	if d.Previous != nil {
		r.points += " / " + pointsText(d.Previous)
	}
	seen := map[string]bool{}
	for _, w := range []*sessions.Window{&d.Current, d.Previous} {
		if w == nil {
			continue
		}
		which := "window"
		if w != &d.Current {
			which = "previous window"
		}
		switch {
		case w.Error != "":
			r.failed = true
			r.status = "error"
			msg := text.Line(w.Error)
			if !seen[msg] {
				seen[msg] = true
				r.messages = append(r.messages, msg)
			}
			if w.Hint != "" {
				r.hint = text.Line(w.Hint)
			}
		case w.Summary.Empty() && r.status == "ok":
			r.status = "no data"
			r.hint = "no data in the " + which + ": is the query right?"
			// The meeting shows the window: nothing there is a problem.
			// An empty previous window only leaves nothing to compare.
			r.failed = w == &d.Current
			r.noPrevious = !r.failed
		case len(w.Warnings) > 0 && r.status == "ok":
			r.status = "warning"
			r.hint = "see below"
			for _, warn := range w.Warnings {
				if msg := text.Line(warn); !seen[msg] {
					seen[msg] = true
					r.messages = append(r.messages, msg)
				}
			}
		}
	}
	if r.status == "error" && r.hint == "" {
		r.hint = "see below"
	}
	return r
}

func pointsText(w *sessions.Window) string {
	if w.Error != "" {
		return "–"
	}
	return fmt.Sprintf("%d", w.Points)
}

func oneLine(err error) string { return text.Line(err.Error()) }

// checkSource checks a source's credentials and reachability.
func checkSource(ctx context.Context, src sources.Source) (status, hint string) {
	if r, ok := src.(sources.StatusReporter); ok {
		msg, err := r.Status(ctx)
		if err != nil {
			return "error: " + oneLine(err), sources.HintOf(err)
		}
		return "ok: " + text.Line(msg), ""
	}
	if c, ok := src.(sources.Checker); ok {
		if err := c.Check(ctx); err != nil {
			return "error: " + oneLine(err), sources.HintOf(err)
		}
	}
	return "ok", ""
}
