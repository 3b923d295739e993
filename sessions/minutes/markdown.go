package minutes

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
)

// Markdown renders the minutes: one document that stands alone (charts as
// text, figures, notes, answers, action items), renders on GitHub and passes
// markdownlint's default rules (but line length).
func (m *Minutes) Markdown() []byte {
	var d mdDoc
	d.block(m.HeaderMarkdown())
	d.block(m.SummaryMarkdown())
	d.block("## Panels")
	for i := range m.Panels {
		d.block(m.PanelMarkdown(i, true))
	}
	d.block(m.ClosingMarkdown())
	return d.bytes()
}

// mdDoc collects Markdown blocks separated by one blank line.
type mdDoc struct{ blocks []string }

func (d *mdDoc) block(s string) {
	if s = strings.TrimRight(s, "\n "); s != "" {
		d.blocks = append(d.blocks, s)
	}
}

func (d *mdDoc) bytes() []byte { return []byte(strings.Join(d.blocks, "\n\n") + "\n") }

func (m *Minutes) header() string {
	var b strings.Builder
	item := func(k, v string) { fmt.Fprintf(&b, "- **%s:** %s\n", k, v) }
	start := m.Started.In(m.loc)
	when := start.Format("2006-01-02 15:04")
	if !m.Ended.IsZero() {
		when += "–" + m.Ended.In(m.loc).Format("15:04")
	}
	item("Date", when+" "+start.Format("MST"))
	dur := fmt.Sprintf("%s of %s planned", minutes(m.ActualSeconds), minutes(m.PlannedSeconds))
	if !m.Finished {
		dur += " (not finished)"
	}
	item("Time", dur)
	if m.Service != "" {
		item("Service", mdInline(m.Service))
	}
	item("Participants", participantsLine(m.Participants, m.Solo))
	item("Window", fmt.Sprintf("%s (%s)", windowIn(m.Window, m.loc), mdInline(m.WindowSpec)))
	if m.Compare != nil {
		item("Compared with", fmt.Sprintf("%s (%s)", windowIn(*m.Compare, m.loc), mdInline(m.CompareMode)))
	} else {
		item("Compared with", "nothing (compare: none)")
	}
	var srcs []string
	for _, s := range m.Sources {
		x := fmt.Sprintf("%s (%s", mdInline(s.Name), s.Type)
		if s.Where != "" {
			x += ", " + mdInline(s.Where)
		}
		srcs = append(srcs, x+")")
	}
	item("Sources", strings.Join(srcs, ", "))
	return b.String()
}

func participantsLine(att []sessions.Attendee, solo bool) string {
	if solo {
		if len(att) > 0 {
			return mdInline(att[0].Name) + " (self-review)"
		}
		return "self-review"
	}
	var present, absent, late []string
	for _, a := range att {
		switch {
		case !a.Present:
			absent = append(absent, mdInline(a.Name))
		case a.Late:
			late = append(late, mdInline(a.Name))
			present = append(present, mdInline(a.Name))
		default:
			present = append(present, mdInline(a.Name))
		}
	}
	s := strings.Join(present, ", ")
	if s == "" {
		s = "nobody marked present"
	}
	if len(late) > 0 {
		s += "; joined late: " + strings.Join(late, ", ")
	}
	if len(absent) > 0 {
		s += "; absent: " + strings.Join(absent, ", ")
	}
	return s
}

func (m *Minutes) summaryTable() string {
	var b strings.Builder
	b.WriteString("| Panel | Headline | Change vs previous | Objective | Time |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, p := range m.Panels {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n",
			mdCell(p.Title), mdCell(p.headline()), mdCell(p.headlineChange()), mdCell(p.sloStatus()), timeCell(p))
	}
	return b.String()
}

func (p Panel) headline() string {
	switch {
	case p.Current == nil:
		return "not fetched"
	case p.Current.Error != "":
		return "error: " + sources.Clip(p.Current.Error, 60)
	case p.Current.Summary.Empty():
		return "no data in this window"
	}
	return Headline(p.Current.Summary)
}

func (p Panel) headlineChange() string {
	if p.Current == nil || p.Previous == nil {
		return "–"
	}
	if p.Previous.Error != "" {
		return "previous window failed"
	}
	if c, ok := HeadlineChange(p.Current.Summary, p.Changes); ok {
		return c.Line()
	}
	return "–"
}

func (p Panel) sloStatus() string {
	if p.Current == nil || p.Current.SLO == nil {
		if p.Objective != "" && p.Current != nil && p.Current.Error == "" {
			return "no data"
		}
		return "–"
	}
	s := p.Current.SLO
	if math.IsNaN(s.SLI) {
		return "no data"
	}
	mark := "met"
	if !s.Met {
		mark = "missed"
	}
	return fmt.Sprintf("%s %s (target %s)", mark, pct(s.SLI), pct(s.Target))
}

func timeCell(p Panel) string {
	s := minutes(p.SpentSeconds)
	if p.TimeboxSeconds > 0 {
		s += " / " + minutes(p.TimeboxSeconds)
		if p.SpentSeconds > p.TimeboxSeconds {
			s += " (over)"
		}
	}
	return s
}

func (m *Minutes) reviewList() string {
	var b strings.Builder
	for _, r := range m.Reviews {
		details := []string{r.Status, "from " + r.Session}
		if r.Panel != "" {
			details = append(details, r.Panel)
		}
		details = append(details, Days(r.AgeDays)+" old")
		w := ActionWords{Text: r.Text, Owner: r.Owner, Status: r.Status, Details: details, Note: r.Note}
		b.WriteString(w.Markdown() + "\n")
	}
	return b.String()
}

func actionList(items []Action, withPanel bool) string {
	var b strings.Builder
	for _, a := range items {
		var details []string
		if a.Due != "" {
			details = append(details, "due "+a.Due)
		}
		if withPanel && a.PanelTitle != "" {
			details = append(details, "from "+a.PanelTitle)
		}
		if a.Status == journal.ActionDropped {
			details = append(details, "dropped")
		}
		w := ActionWords{Text: a.Text, Owner: a.Owner, Status: a.Status, Details: details}
		if w.Status == journal.ActionDropped {
			w.Status = "" // said in the details, not struck through (as before)
		}
		b.WriteString(w.Markdown() + "\n")
	}
	return b.String()
}

func (m *Minutes) closing(d *mdDoc) {
	d.block("### Impressions")
	if len(m.Impressions) == 0 {
		d.block("None recorded.")
	} else {
		var b strings.Builder
		for _, r := range m.Impressions {
			fmt.Fprintf(&b, "- **%s:** %s\n", mdInline(r.Person), mdInline(r.Value))
		}
		d.block(b.String())
		if n := m.ImpressionsFromDevices; n > 0 {
			d.block(upper(fromDevicesText(n, len(m.Impressions))) + ".")
		}
	}
	d.block("### Survey")
	if len(m.Survey) == 0 {
		d.block("No survey.")
		return
	}
	if m.Anonymous {
		d.block(fmt.Sprintf("Anonymous: results only, and only the count where fewer than %d answered.", MinRespondents))
	}
	if m.ShownHidden {
		d.block(fmt.Sprintf("Written with --show-hidden, for the facilitator: the results of fewer than %d answers are shown. Do not share these minutes.", MinRespondents))
	}
	for _, s := range m.Survey {
		d.block(surveyBlock(s))
	}
}

func surveyBlock(s Survey) string {
	var b strings.Builder
	b.WriteString("**" + mdInline(s.Ask) + "**\\\n")
	fmt.Fprintf(&b, "%s", respondents(s.Respondents))
	if s.Devices > 0 {
		b.WriteString(" (" + fromDevicesText(s.Devices, s.Respondents) + ")")
	}
	if s.Hidden && !s.Shown {
		b.WriteString(" (too few to show without revealing who said what)")
		return b.String()
	}
	if s.Shown {
		b.WriteString(" (too few to share: shown by --show-hidden)")
	}
	if s.Respondents == 0 {
		return b.String()
	}
	if s.Mean != nil {
		fmt.Fprintf(&b, " · mean %.1f", *s.Mean)
	}
	if s.YesShare != nil {
		fmt.Fprintf(&b, " · %s yes", pct(*s.YesShare))
	}
	if len(s.Tally) > 0 {
		var parts []string
		for _, t := range s.Tally {
			parts = append(parts, fmt.Sprintf("%s: %d", mdInline(t.Label), t.Count))
		}
		b.WriteString(" · " + strings.Join(parts, ", "))
	}
	if len(s.Answers) > 0 && s.Kind != string(agenda.Text) {
		var who []string
		for _, a := range s.Answers {
			who = append(who, mdInline(a.Person)+" "+mdInline(a.Value))
		}
		b.WriteString("\\\n" + strings.Join(who, ", "))
	}
	if s.Kind == string(agenda.Text) {
		b.WriteString("\n")
		if len(s.Answers) > 0 {
			for _, a := range s.Answers {
				fmt.Fprintf(&b, "\n- %s: %s", mdInline(a.Person), mdInline(a.Value))
			}
		} else {
			for _, t := range s.Texts {
				fmt.Fprintf(&b, "\n- %s", mdInline(t))
			}
		}
	}
	return b.String()
}

func (m *Minutes) trends(d *mdDoc) {
	t := m.Trends
	d.block("## Since last time")
	prev := t.Sessions[len(t.Sessions)-2]
	d.block(fmt.Sprintf("Compared with %d earlier session(s) of this agenda; the last one was %s.", len(t.Sessions)-1, mdEscape(prev)))
	var b strings.Builder
	for _, tr := range t.Survey {
		if p, c, ok := tr.Last(); ok {
			fmt.Fprintf(&b, "- Survey %s: %s → %s\n", mdInline(tr.Label), trendValue(p, tr.Unit), trendValue(c, tr.Unit))
		}
	}
	for _, tr := range t.Panels {
		if p, c, ok := tr.Last(); ok {
			fmt.Fprintf(&b, "- %s: %s → %s (%s)\n", mdInline(tr.Label), sources.FormatValue(p, tr.Unit), sources.FormatValue(c, tr.Unit), tr.Verdict)
		}
	}
	for _, o := range t.Overruns {
		fmt.Fprintf(&b, "- %s ran over its %s timebox twice running (%s, then %s): try %s.\n",
			mdInline(o.Title), minutes(o.TimeboxSeconds), minutes(o.SpentSeconds[0]), minutes(o.SpentSeconds[1]), minutes(o.SuggestSeconds))
	}
	if b.Len() == 0 {
		b.WriteString("Nothing to compare yet.")
	}
	d.block(b.String())
}

func trendValue(v float64, unit string) string {
	if unit == "%" {
		return sources.FormatValue(v, "%")
	}
	return fmt.Sprintf("%.1f", v)
}

// minutes writes seconds as "12 min" (or "45 s" below a minute).
func minutes(s int64) string {
	if s < 60 {
		return fmt.Sprintf("%d s", s)
	}
	return fmt.Sprintf("%d min", int64(math.Round(float64(s)/60)))
}

// upper is s with its first letter in upper case.
func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func respondents(n int) string {
	if n == 1 {
		return "1 response"
	}
	return fmt.Sprintf("%d responses", n)
}

func pct(f float64) string { return sources.FormatValue(f*100, "%") }

// trimLines drops trailing spaces of every line (markdownlint MD009).
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// windowIn writes a window in the minutes' time zone, like the meeting's
// date above it: "2026-11-02 09:00 → 2026-12-02 09:00 JST" (each end with
// its own zone when daylight saving time changes between them).
func windowIn(w sources.Window, loc *time.Location) string {
	if w.IsZero() {
		return w.String()
	}
	const layout = "2006-01-02 15:04"
	from, to := w.From.In(loc), w.To.In(loc)
	if from.Format("MST") != to.Format("MST") {
		return from.Format(layout+" MST") + " → " + to.Format(layout+" MST")
	}
	return from.Format(layout) + " → " + to.Format(layout) + " " + to.Format("MST")
}
