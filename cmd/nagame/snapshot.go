package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources/chart"
	"github.com/nagame-dev/nagame/text"
)

// snapshotOptions are nagame snapshot's: the agenda, empty for the demo.
type snapshotOptions struct {
	*factory
	agenda string
	// width is --width: 0 for the terminal's, else 100.
	width int
	panel string
	vars  []string
}

func newSnapshotCmd(f *factory, runF func(*snapshotOptions) error) *cobra.Command {
	o := &snapshotOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "snapshot [AGENDA]",
		Short: "Print every panel's chart, summary, change and SLO, without a meeting",
		Long: `Fetch every panel of an agenda and its comparison window, and print the chart,
the summary, the change against the previous window and the SLO status. With
no AGENDA, the demo agenda. Plain text without escape codes when stdout is not
a terminal.`,
		Example: `  nagame snapshot
  nagame snapshot checkout.yaml --panel latency
  nagame snapshot checkout.yaml > review.txt`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.agenda = firstArg(args)
			return runWith(cmd.Context(), o, runF, runSnapshot)
		},
	}
	cmd.Flags().IntVar(&o.width, "width", 0, "width of the output (default: the terminal's, else 100)")
	cmd.Flags().StringVar(&o.panel, "panel", "", "only this panel (its id)")
	addVarFlag(cmd, &o.vars)
	return cmd
}

// runSnapshot fetches the agenda's panels and prints each one's chart and
// figures.
func runSnapshot(ctx context.Context, o *snapshotOptions) error {
	a, err := loadAgenda(o.agenda, o.vars)
	if err != nil {
		return err
	}
	panels := a.Panels
	if o.panel != "" {
		p, ok := a.Panel(o.panel)
		if !ok {
			return usagef("no panel %q in %s (panels: %s)", o.panel, a.Name, panelIDs(a))
		}
		panels = []agenda.Panel{p}
	}
	out, color, width := terminalOut(o.factory)
	if o.width > 0 {
		width = o.width
	}
	width = max(width, 40)
	open, failed := openSources(a, o.factory)
	srcs := sessions.Sources{Open: open, Failed: failed}
	now := o.Now()
	w := a.Window.Resolve(now)
	cw, _ := a.Compare.Of(w)
	reqs := make([]sessions.FetchRequest, len(panels))
	for i, p := range panels {
		reqs[i] = srcs.Request(p, w, cw, sessions.ChartColumns(width), now)
	}
	data := sessions.FetchAll(ctx, reqs, sessions.FetchParallel)
	var b strings.Builder
	writeWrapped(&b, width, text.Line(a.Title))
	header := fmt.Sprintf("window %s", w)
	if !cw.IsZero() {
		// The comparison goes on a line of its own rather than be cut
		// inside a date when both do not fit.
		if cmp := fmt.Sprintf(", compared with %s", cw); ansi.StringWidth(header+cmp) <= width {
			header += cmp
		} else {
			header += fmt.Sprintf("\n  compared with %s", cw)
		}
	}
	b.WriteString(header + "\n")
	failures := 0
	for i, d := range data {
		if d.Failed() {
			failures++
		}
		writePanelSnapshot(&b, i+1, len(data), panels[i], d, width, color)
	}
	if _, err := io.WriteString(out, b.String()); err != nil {
		return err
	}
	if failures > 0 {
		return &silentError{fmt.Errorf("%d panel(s) failed", failures)}
	}
	return nil
}

func writePanelSnapshot(b *strings.Builder, n, total int, p agenda.Panel, d *sessions.PanelData, width int, color bool) {
	title := text.Clip(fmt.Sprintf("── %d/%d %s · %s · %s ", n, total, text.Line(p.Title), p.Kind, p.Source), width)
	b.WriteString("\n" + title + strings.Repeat("─", max(0, width-text.Width(title))) + "\n")
	if d.Current.Error != "" {
		writeWrapped(b, width, "error: "+text.Line(d.Current.Error))
		if d.Current.Hint != "" {
			writeWrapped(b, width, "hint: "+text.Line(d.Current.Hint))
		}
		return
	}
	// The chart marks the events and they are listed whole below it, so the
	// plot keeps its rows.
	dr := minutes.PanelDrawing(d, p, minutes.ChartOptions{Width: width, Height: 14, Color: color, NoEventList: true})
	b.WriteString(dr.String() + "\n")
	for _, row := range chart.EventRows(dr.Markers, nil, width, len(dr.Markers)) {
		b.WriteString(row + "\n")
	}
	if more := minutes.MoreEventsText(&d.Current); more != "" && len(dr.Markers) > 0 {
		b.WriteString(more + "\n")
	}
	if burn, ok := minutes.BurnChart(d, p, minutes.ChartOptions{Width: width, Height: 9, Color: color, NoEventList: true}); ok {
		b.WriteString("error budget:\n" + burn + "\n")
	}
	for _, w := range d.Current.Warnings {
		writeWrapped(b, width, "warning: "+text.Line(w))
	}
	if d.Current.Summary.Empty() {
		return // the chart already says there is no data in this window
	}
	var figs []string
	for _, f := range minutes.Figures(d.Current.Summary, nil, nil) {
		s := f.Label + " " + f.Value
		if f.At != "" {
			s += " (" + f.At + ")"
		}
		figs = append(figs, s)
	}
	writeWrapped(b, width, strings.Join(figs, " · "))
	if d.Previous != nil {
		if d.Previous.Error != "" {
			writeWrapped(b, width, "previous window: error: "+text.Line(d.Previous.Error))
		}
		if c, ok := minutes.HeadlineChange(d.Current.Summary, d.Changes); ok {
			writeWrapped(b, width, "vs previous: "+c.Label+" "+c.Line())
		}
	}
	if s := d.Current.SLO; s != nil {
		writeWrapped(b, width, "objective: "+minutes.SLOText(*s, d.Current.SLOName))
	}
}

// writeWrapped writes one line of prose, wrapped by display width (Japanese
// between characters, following its line-breaking rules): a continuation
// line is indented by two spaces.
func writeWrapped(b *strings.Builder, width int, s string) {
	for _, line := range text.WrapIndent(s, width, "  ") {
		b.WriteString(line + "\n")
	}
}

func panelIDs(a *agenda.Agenda) string {
	ids := make([]string, len(a.Panels))
	for i, p := range a.Panels {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

// terminalOut returns where to print, whether colour is on, and the width:
// colour and the terminal's width only when stdout is a terminal.
func terminalOut(fac *factory) (io.Writer, bool, int) {
	f, ok := fac.Out.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return fac.Out, false, 100
	}
	width := 100
	if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
		width = w
	}
	p := colorprofile.Detect(f, environ(fac.Getenv))
	return &colorprofile.Writer{Forward: f, Profile: p}, p > colorprofile.ASCII, width
}

// environ rebuilds the variables colour detection reads.
func environ(getenv func(string) string) []string {
	var out []string
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_FORCE", "TERM_PROGRAM"} {
		if v := getenv(k); v != "" {
			out = append(out, k+"="+v)
		}
	}
	return out
}
