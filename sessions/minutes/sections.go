package minutes

import "fmt"

// The sections of the Markdown minutes, for documents that lay them out
// differently: a Datadog notebook puts a live chart before each panel's
// frozen figures. Each is what Markdown writes for that part, so the two
// never disagree.

// HeaderMarkdown is the title, the meeting's details and its general notes.
func (m *Minutes) HeaderMarkdown() string {
	var d mdDoc
	d.block("# " + mdInline(m.Title))
	d.block(m.header())
	if m.Notes != "" {
		d.block("## Notes")
		d.block(mdBlock(m.Notes))
	}
	return string(d.bytes())
}

// SummaryMarkdown is the summary table, the review of earlier action items
// and this session's action items.
func (m *Minutes) SummaryMarkdown() string {
	var d mdDoc
	d.block("## Summary")
	d.block(m.summaryTable())
	if len(m.Reviews) > 0 {
		d.block("## Action items from earlier sessions")
		d.block(m.reviewList())
	}
	d.block("## Action items")
	if len(m.Actions) == 0 {
		d.block("None.")
	} else {
		d.block(actionList(m.Actions, true))
	}
	return string(d.bytes())
}

// PanelMarkdown is panel i (from 0) as the minutes write it: heading,
// query, figures, objective, prompt, notes, answers and action items; with
// its text chart when chart is set (leave it out beside a live chart).
func (m *Minutes) PanelMarkdown(i int, chart bool) string {
	p := m.Panels[i]
	if !chart {
		p.chart = ""
	}
	var d mdDoc
	m.panel(&d, i+1, p)
	return string(d.bytes())
}

// ClosingMarkdown is the closing (impressions, survey), what changed since
// earlier sessions, and the line that names the session.
func (m *Minutes) ClosingMarkdown() string {
	var d mdDoc
	d.block("## Closing")
	m.closing(&d)
	if m.Trends != nil {
		m.trends(&d)
	}
	d.block(m.Signature())
	return string(d.bytes())
}

// Signature is the minutes' last line: it names the session.
func (m *Minutes) Signature() string {
	return fmt.Sprintf("*Minutes of session %s, written by nagame.*", mdEscape(m.Session))
}
