package minutes

import (
	"fmt"
	"math"
	"strings"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

func (m *Minutes) panel(d *mdDoc, n int, p Panel) {
	d.block(fmt.Sprintf("### %d. %s", n, mdInline(p.Title)))
	meta := []string{"`" + string(p.Kind) + "`", "source " + mdInline(p.Source)}
	meta = append(meta, "time "+timeCell(p))
	if !p.FetchedAt.IsZero() {
		meta = append(meta, "fetched "+p.FetchedAt.In(m.loc).Format("15:04"))
	}
	d.block(strings.Join(meta, " · "))
	if q := queryText(p); q != "" {
		d.block(q)
	}
	switch {
	case p.DataLost:
		d.block("*Shown in the meeting, but its data could not be saved.*")
	case p.Current == nil:
		d.block("*Not fetched in this session.*")
	case p.Current.Error != "":
		d.block("**Could not fetch:** " + mdInline(p.Current.Error))
	default:
		if p.chart != "" {
			d.block("```text\n" + trimLines(p.chart) + "\n```")
		}
		d.block(eventMarkdown(p))
		d.block(warningMarkdown(p.Current))
		d.block(figureTable(p))
		if s := sloLine(p); s != "" {
			d.block(s)
		}
		if p.burn != "" {
			d.block("Error budget over the window:")
			d.block("```text\n" + trimLines(p.burn) + "\n```")
		}
	}
	if p.Prompt != "" {
		d.block("> " + mdInline(p.Prompt))
	}
	if p.Notes != "" {
		d.block("#### Notes")
		d.block(mdBlock(p.Notes))
	}
	if answered(p.Questions) {
		d.block("#### Answers")
		for _, q := range p.Questions {
			d.block(questionBlock(q))
		}
	}
	if len(p.Actions) > 0 {
		d.block("#### Action items")
		d.block(actionList(p.Actions, false))
	}
}

func queryText(p Panel) string {
	var parts []string
	if p.Query != "" {
		parts = append(parts, "Query: "+codeSpan(p.Query))
	}
	if p.Total != "" {
		parts = append(parts, "Total: "+codeSpan(p.Total))
	}
	if p.SLO != "" {
		parts = append(parts, "SLO: "+codeSpan(p.SLO))
	}
	return strings.Join(parts, "\\\n")
}

// codeSpan wraps text in enough backticks that none inside can end it.
func codeSpan(s string) string {
	s = agenda.CleanLine(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func figureTable(p Panel) string {
	var b strings.Builder
	cur := p.Current.Summary
	if cur.Empty() {
		return "*No data in this window.*"
	}
	hasPrev := p.Previous != nil && p.Previous.Error == "" && !p.Previous.Summary.Empty()
	if hasPrev {
		b.WriteString("| Figure | This window | Previous | Change |\n| --- | --- | --- | --- |\n")
	} else {
		b.WriteString("| Figure | This window |\n| --- | --- |\n")
	}
	var prev *sources.Summary
	if hasPrev {
		prev = &p.Previous.Summary
	}
	for _, f := range Figures(cur, prev, p.Changes) {
		val := f.Value
		if f.At != "" {
			val += " at " + f.At + " UTC"
		}
		if !hasPrev {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(f.Label), mdCell(val))
			continue
		}
		prevText, change := "–", "–"
		if f.Prev != "" {
			prevText = f.Prev
		}
		if f.Change != nil {
			change = f.Change.Text
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCell(f.Label), mdCell(val), mdCell(prevText), mdCell(change))
	}
	if cur.Missing > 0 {
		fmt.Fprintf(&b, "\n%d of %d points had no data.", cur.Missing, cur.Missing+cur.Valid)
	}
	return b.String()
}

func sloLine(p Panel) string {
	s := p.Current.SLO
	if s == nil {
		return ""
	}
	name := p.Objective
	if p.Current.SLOName != "" {
		name = "SLO " + p.Current.SLOName
	}
	if math.IsNaN(s.SLI) {
		return fmt.Sprintf("**Objective:** %s — no data in this window.", mdInline(name))
	}
	verdict := "**met**"
	if !s.Met {
		verdict = "**missed**"
	}
	line := fmt.Sprintf("**Objective:** %s — %s %s against %s", mdInline(name), verdict, pct(s.SLI), pct(s.Target))
	if b := budgetText(s.BudgetRemaining); b != "" {
		line += "; " + b
	}
	if !math.IsNaN(s.BurnRate) && s.Method != "backend" {
		line += fmt.Sprintf(", burn rate %.2f×", s.BurnRate)
	}
	if p.Previous != nil && p.Previous.SLO != nil && !math.IsNaN(p.Previous.SLO.SLI) {
		line += fmt.Sprintf(" (previous window %s)", pct(p.Previous.SLO.SLI))
	}
	return line + "."
}

func answered(qs []Question) bool {
	for _, q := range qs {
		if q.Respondents > 0 || q.Group != "" {
			return true
		}
	}
	return false
}

func questionBlock(q Question) string {
	var b strings.Builder
	b.WriteString("**" + mdInline(q.Ask) + "**")
	if q.Group != "" {
		b.WriteString("\\\nThe room: " + mdInline(q.Group))
	}
	if q.Respondents == 0 {
		return b.String()
	}
	if q.Kind == string(agenda.Text) {
		b.WriteString("\n")
		for _, a := range q.Answers {
			fmt.Fprintf(&b, "\n- %s: %s", mdInline(a.Person), mdInline(a.Value))
		}
		if q.Devices > 0 {
			b.WriteString("\n\n" + fromDevicesText(q.Devices, q.Respondents) + ".")
		}
		return b.String()
	}
	var parts []string
	for _, t := range q.Tally {
		if t.Count == 0 {
			continue
		}
		var who []string
		for _, a := range q.Answers {
			if a.Value == t.Label {
				who = append(who, mdInline(a.Person))
			}
		}
		parts = append(parts, fmt.Sprintf("%s %d (%s)", mdInline(t.Label), t.Count, strings.Join(who, ", ")))
	}
	line := strings.Join(parts, " · ")
	if q.Mean != nil {
		line += fmt.Sprintf(" · mean %.1f", *q.Mean)
	}
	if q.Devices > 0 {
		line += " · " + fromDevicesText(q.Devices, q.Respondents)
	}
	b.WriteString("\\\n" + line)
	return b.String()
}

// fromDevicesText says how many of n answers came from participants' own
// devices: "3 of 5 answered on their own devices".
func fromDevicesText(devices, n int) string {
	if devices == n {
		return fmt.Sprintf("all %d answered on their own devices", n)
	}
	return fmt.Sprintf("%d of %d answered on their own devices", devices, n)
}

// SLOText describes an objective's status in one line of plain text:
// "met 99.6 % (target 99 %), error budget 60 % left, burn rate 0.40×".
func SLOText(s sources.SLOResult, name string) string {
	prefix := ""
	if name != "" {
		prefix = "SLO " + name + ": "
	}
	if math.IsNaN(s.SLI) {
		return prefix + "no data in this window"
	}
	verdict := "met"
	if !s.Met {
		verdict = "missed"
	}
	out := fmt.Sprintf("%s%s %s (target %s)", prefix, verdict, pct(s.SLI), pct(s.Target))
	if b := budgetText(s.BudgetRemaining); b != "" {
		out += ", " + b
	}
	if !math.IsNaN(s.BurnRate) && s.Method != "backend" {
		out += fmt.Sprintf(", burn rate %.2f×", s.BurnRate)
	}
	return out
}

// budgetText says how much error budget is left, or how far it is overspent.
func budgetText(remaining float64) string {
	switch {
	case math.IsNaN(remaining):
		return ""
	case remaining < 0:
		return fmt.Sprintf("error budget overspent (%s of it used)", pct(1-remaining))
	}
	return fmt.Sprintf("error budget %s left", pct(remaining))
}
