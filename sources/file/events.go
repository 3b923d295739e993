package file

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// eventTextColumns name the text column of an events CSV (lower case).
var eventTextColumns = map[string]bool{
	"text": true, "title": true, "event": true, "message": true, "description": true, "summary": true,
}

// Events reads the events file q.Expr names (relative to the source's
// folder, under the same rules as Fetch's files) and returns its events
// inside w, the latest q.Limit of them:
//
//   - CSV with a header row naming a time column (time, timestamp, date)
//     and a text column (text, title, event, message, description); other
//     columns are ignored:
//
//     time,text
//     2026-11-10T14:10:00Z,deploy checkout v2.14.0
//     1794838200,deploy checkout v2.14.1
//
//   - JSON lines, one object a line: {"time": "2026-11-10T14:10:00Z",
//     "text": "deploy checkout v2.14.0"}, the time RFC 3339 or Unix
//     seconds; a JSON array of such objects reads too.
//
// Times are read as the series files' timestamps are (RFC 3339, epoch
// seconds, …). A row that does not read is an error located at its line.
func (s *Source) Events(ctx context.Context, q sources.EventQuery, w sources.Window) (sources.EventList, error) {
	name := strings.TrimSpace(q.Expr)
	data, x, err := s.readQuery(ctx, name, "an events entry", "its query:")
	if err != nil {
		return sources.EventList{}, err
	}
	var events []sources.Event
	if isEventsJSON(name, data) {
		events, err = parseEventsJSON(data, x)
	} else {
		events, err = parseEventsCSV(data, name, x)
	}
	if err != nil {
		return sources.EventList{}, parseFailure(name, err)
	}
	return sources.LimitEvents(events, w, q.Limit), nil
}

// isEventsJSON tells JSON lines from CSV: by extension, else by the first
// character.
func isEventsJSON(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return true
	}
	return isJSON(name, data)
}

// eventsHint is how an events file is written.
const eventsHint = "write a header row time,text and one event a row, like 2026-11-10T14:10:00Z,deploy checkout v2.14.0"

// parseEventsCSV reads an events CSV: a header, then time,text rows.
func parseEventsCSV(data []byte, name string, x excerpts) ([]sources.Event, error) {
	c, err := readCSV(data, name, x)
	if err != nil {
		return nil, err
	}
	if len(c.rows) == 0 {
		return nil, &parseError{msg: "the file has no rows", hint: eventsHint}
	}
	timeCol, textCol := -1, -1
	for i, h := range c.rows[0] {
		k := strings.ToLower(strings.TrimSpace(h))
		switch {
		case timeColumnNames[k] && timeCol < 0:
			timeCol = i
		case eventTextColumns[k] && textCol < 0:
			textCol = i
		}
	}
	if timeCol < 0 || textCol < 0 {
		missing := "time"
		if timeCol >= 0 {
			missing = "text"
		} else if textCol < 0 {
			missing = "time or text"
		}
		return nil, &parseError{line: c.lines[0], msg: fmt.Sprintf("the header row names no %s column", missing), hint: eventsHint}
	}
	out := make([]sources.Event, 0, len(c.rows)-1)
	for r := 1; r < len(c.rows); r++ {
		row := c.rows[r]
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		if timeCol >= len(row) {
			return nil, &parseError{line: c.lines[r], msg: fmt.Sprintf("the row has %d fields and no time", len(row)), hint: eventsHint}
		}
		at, err := parseTime(row[timeCol])
		if err != nil {
			return nil, c.cell(r, timeCol, c.rows[0][timeCol], err, eventsHint)
		}
		text := ""
		if textCol < len(row) {
			text = strings.TrimSpace(row[textCol])
		}
		out = append(out, sources.Event{At: at, Text: text})
	}
	return out, nil
}

// eventLine is one event of a JSON events file.
type eventLine struct {
	Time json.RawMessage `json:"time"`
	Text json.RawMessage `json:"text"`
}

// parseEventsJSON reads JSON lines of {"time", "text"}, or an array of them.
func parseEventsJSON(data []byte, x excerpts) ([]sources.Event, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '[' {
		var lines []eventLine
		if err := json.Unmarshal(trimmed, &lines); err != nil {
			return nil, jsonError(data, err, x)
		}
		out := make([]sources.Event, 0, len(lines))
		for i, l := range lines {
			e, err := l.event(x)
			if err != nil {
				return nil, &parseError{msg: fmt.Sprintf("event %d: %s", i+1, err), hint: eventsHint}
			}
			out = append(out, e)
		}
		return out, nil
	}
	var out []sources.Event
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var l eventLine
		if err := json.Unmarshal(line, &l); err != nil {
			var pe *parseError
			errors.As(jsonError(line, err, x), &pe)
			return nil, &parseError{line: n + 1, col: pe.col, msg: pe.msg,
				hint: `write one object a line: {"time": "2026-11-10T14:10:00Z", "text": "deploy checkout v2.14.0"}`}
		}
		e, err := l.event(x)
		if err != nil {
			return nil, &parseError{line: n + 1, msg: err.Error(), hint: eventsHint}
		}
		out = append(out, e)
	}
	return out, nil
}

// event reads the line: its time RFC 3339 (or another form of the series
// files) in a string, or Unix seconds as a number; its text a string.
func (l eventLine) event(x excerpts) (sources.Event, error) {
	raw := bytes.TrimSpace(l.Time)
	var (
		at   time.Time
		str  string
		err  error
		text string
	)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return sources.Event{}, errors.New(`no "time"`)
	case json.Unmarshal(raw, &str) == nil:
		at, err = parseTime(str)
	case isNumber(string(raw)):
		at, err = parseEpoch(string(raw))
	default:
		err = fmt.Errorf("%s is not a time (RFC 3339 text or Unix seconds)", x.named("value", raw))
	}
	if err != nil {
		return sources.Event{}, fmt.Errorf(`"time": %s`, x.describe(err))
	}
	if t := bytes.TrimSpace(l.Text); len(t) > 0 && string(t) != "null" && json.Unmarshal(t, &text) != nil {
		return sources.Event{}, fmt.Errorf(`"text" must be text, not %s`, x.named("value", t))
	}
	return sources.Event{At: at, Text: strings.TrimSpace(text)}, nil
}
