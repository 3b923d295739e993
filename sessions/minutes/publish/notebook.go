package publish

import (
	"fmt"
	"strings"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
)

// The notebook of a session, top to bottom:
//
//  1. Markdown: the title, the meeting's details (date, time, participants,
//     window, comparison, sources), general notes, the summary table, the
//     review of earlier action items and this session's action items.
//  2. Per panel: when the panel reads this Datadog org, a live timeseries
//     cell of the panel's own query over the meeting's window (the notebook's
//     time), with the comparison window as a second, dashed request
//     (timeshift(query, -N) over the same query); then a Markdown cell with
//     what the team saw that day: figures against the previous window, the
//     objective, the prompt, notes, answers and action items. Other panels
//     (Prometheus, files, the demo, SLOs) get the Markdown cell only, with
//     their text chart.
//  3. Markdown: impressions, survey, trends, and the line naming the session,
//     by which a notebook whose id was lost is found again.

// maxNotebookName bounds the notebook's name (Datadog truncates long ones
// in lists; the date at the end must survive).
const maxNotebookName = 80

// notebookName names the notebook after the session: its title and day.
func notebookName(m *minutes.Minutes, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	day := " — " + m.Started.In(loc).Format(time.DateOnly)
	title := agenda.CleanLine(m.Title)
	return sources.Clip(title, maxNotebookName-len([]rune(day))) + day
}

// liveChart reports whether panel p gets a live cell: it reads a metric
// query through a Datadog source whose API host is host.
type liveChart func(p agenda.Panel) bool

// notebookAttributes builds the notebook as the datadogV1 models define it.
func notebookAttributes(m *minutes.Minutes, a *agenda.Agenda, live liveChart, loc *time.Location) datadogV1.NotebookCreateDataAttributes {
	cells := []datadogV1.NotebookCellCreateRequest{
		markdownCell(m.HeaderMarkdown() + "\n" + m.SummaryMarkdown()),
	}
	for i, pm := range m.Panels {
		p, _ := a.Panel(pm.ID)
		isLive := live(p)
		if isLive {
			cells = append(cells, timeseriesCell(p, m))
		}
		cells = append(cells, markdownCell(m.PanelMarkdown(i, !isLive)))
	}
	cells = append(cells, markdownCell(m.ClosingMarkdown()))

	status := datadogV1.NOTEBOOKSTATUS_PUBLISHED
	report := datadogV1.NOTEBOOKMETADATATYPE_REPORT
	notLive := false
	return datadogV1.NotebookCreateDataAttributes{
		Name:   notebookName(m, loc),
		Cells:  cells,
		Status: &status,
		Metadata: &datadogV1.NotebookMetadata{
			Type: *datadogV1.NewNullableNotebookMetadataType(&report),
		},
		// The meeting's absolute window: the live charts show what the team
		// looked at, not the last hour of whenever the notebook is opened.
		Time: datadogV1.NotebookGlobalTime{NotebookAbsoluteTime: &datadogV1.NotebookAbsoluteTime{
			Start: m.Window.From.UTC(), End: m.Window.To.UTC(), Live: &notLive,
		}},
	}
}

func markdownCell(text string) datadogV1.NotebookCellCreateRequest {
	return datadogV1.NotebookCellCreateRequest{
		Type: datadogV1.NOTEBOOKCELLRESOURCETYPE_NOTEBOOK_CELLS,
		Attributes: datadogV1.NotebookCellCreateRequestAttributes{
			NotebookMarkdownCellAttributes: &datadogV1.NotebookMarkdownCellAttributes{
				Definition: datadogV1.NotebookMarkdownCellDefinition{
					Type: datadogV1.NOTEBOOKMARKDOWNCELLDEFINITIONTYPE_MARKDOWN,
					Text: strings.TrimRight(text, "\n"),
				},
			},
		},
	}
}

// chartQuery is the query a panel charts: an errors panel with a total
// charts errors as a share of all requests, as the meeting did.
func chartQuery(p agenda.Panel) (q, title string) {
	title = p.Title
	if p.Kind == sources.KindErrors && p.Total != "" {
		return fmt.Sprintf("100 * (%s) / (%s)", p.Query, p.Total), title + " (% of requests)"
	}
	return p.Query, title
}

// timeseriesCell is a panel's live chart: its query over the notebook's
// time, the comparison window as a dashed second line, and the objective's
// threshold as a marker.
func timeseriesCell(p agenda.Panel, m *minutes.Minutes) datadogV1.NotebookCellCreateRequest {
	q, title := chartQuery(p)
	line := datadogV1.WIDGETDISPLAYTYPE_LINE
	solid, dashed := datadogV1.WIDGETLINETYPE_SOLID, datadogV1.WIDGETLINETYPE_DASHED
	normal, thin := datadogV1.WIDGETLINEWIDTH_NORMAL, datadogV1.WIDGETLINEWIDTH_THIN
	classic, grey := "dog_classic", "grey"
	requests := []datadogV1.TimeseriesWidgetRequest{{
		Q: &q, DisplayType: &line,
		Style: &datadogV1.TimeseriesRequestStyle{Palette: &classic, LineType: &solid, LineWidth: &normal},
	}}
	if m.Compare != nil {
		// Datadog's timeshift() draws the same query shifted by the
		// comparison's offset, so both lines share the time axis, as the
		// meeting's chart laid the previous window under the current one.
		offset := int64(m.Window.From.Sub(m.Compare.From) / time.Second)
		shifted := fmt.Sprintf("timeshift(%s, -%d)", q, offset)
		requests = append(requests, datadogV1.TimeseriesWidgetRequest{
			Q: &shifted, DisplayType: &line,
			Style: &datadogV1.TimeseriesRequestStyle{Palette: &grey, LineType: &dashed, LineWidth: &thin},
		})
	}
	showLegend := true
	def := datadogV1.TimeseriesWidgetDefinition{
		Type:       datadogV1.TIMESERIESWIDGETDEFINITIONTYPE_TIMESERIES,
		Title:      &title,
		Requests:   requests,
		ShowLegend: &showLegend,
	}
	if m.Compare != nil {
		desc := "dashed: the comparison window, " + m.Compare.String()
		def.Description = &desc
	}
	if o := p.Objective; o != nil && o.HasThreshold {
		kind, label := "error dashed", "objective "+sources.FormatValue(o.Threshold, p.Unit)
		def.Markers = []datadogV1.WidgetMarker{{Value: fmt.Sprintf("y = %g", o.Threshold), DisplayType: &kind, Label: &label}}
	}
	size := datadogV1.NOTEBOOKGRAPHSIZE_MEDIUM
	return datadogV1.NotebookCellCreateRequest{
		Type: datadogV1.NOTEBOOKCELLRESOURCETYPE_NOTEBOOK_CELLS,
		Attributes: datadogV1.NotebookCellCreateRequestAttributes{
			NotebookTimeseriesCellAttributes: &datadogV1.NotebookTimeseriesCellAttributes{
				Definition: def, GraphSize: &size,
			},
		},
	}
}
