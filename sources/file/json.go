package file

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// parseJSON reads a Prometheus query_range response or series in nagame's
// stored shape (an array of series, or an object with a "series" array);
// base names a series the file does not name, and x says how much of the
// file messages quote.
func parseJSON(data []byte, base string, x excerpts) (table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !json.Valid(data) {
		var probe any
		return table{}, jsonError(data, json.Unmarshal(data, &probe), x)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(data))
		tab, err := decodeNagameSeries(dec, x)
		return tab, jsonError(data, err, x)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return table{}, &parseError{msg: "the JSON is not an object or an array",
			hint: "export a Prometheus query_range response, or series as nagame stores them"}
	}
	switch {
	case keys["series"] != nil:
		dec := json.NewDecoder(bytes.NewReader(data))
		var tab table
		err := walkObject(dec, func(key string) error {
			if key != "series" {
				return skipValue(dec)
			}
			var err error
			tab, err = decodeNagameSeries(dec, x)
			return err
		})
		return tab, jsonError(data, err, x)
	case keys["status"] != nil || keys["data"] != nil:
		return parsePrometheusJSON(data, base, x)
	}
	return table{}, &parseError{msg: "this JSON is neither a Prometheus query_range response nor nagame series",
		hint: `export {"status":"success","data":{"resultType":"matrix",…}} from /api/v1/query_range, or [{"name":…,"points":[[unix_ms, value],…]}]`}
}

// decodeNagameSeries reads an array of series at dec's position.
func decodeNagameSeries(dec *json.Decoder, x excerpts) (table, error) {
	if err := expectDelim(dec, '['); err != nil {
		return table{}, err
	}
	var tab table
	for i := 0; dec.More(); i++ {
		at := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return table{}, &offsetError{offset: at, err: fmt.Errorf("series %d: %w", i, err)}
		}
		var s sources.Series
		if err := json.Unmarshal(raw, &s); err != nil {
			return table{}, &offsetError{offset: at, err: seriesError(i, raw, err, x)}
		}
		tab.series = append(tab.series, s)
		tab.notes = append(tab.notes, s.Warnings...)
	}
	_, err := dec.Token() // ']'
	return tab, err
}

// seriesError words why series i of a nagame file cannot be read. The
// decoder's own message quotes the series' name whole: it is replaced by an
// excerpt, as x allows.
func seriesError(i int, raw json.RawMessage, err error, x excerpts) error {
	var head struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(raw, &head)
	msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("series %q: ", head.Name))
	if name := x.quote(head.Name, ""); name != "" && head.Name != "" {
		return fmt.Errorf("series %d (%s): %s", i, name, msg)
	}
	return fmt.Errorf("series %d: %s", i, msg)
}

// promResult is one series of a Prometheus matrix.
type promResult struct {
	Metric map[string]string   `json:"metric"`
	Values [][]json.RawMessage `json:"values"`
}

// parsePrometheusJSON reads {"status":"success","data":{"resultType":"matrix","result":[…]}}.
func parsePrometheusJSON(data []byte, base string, x excerpts) (table, error) {
	var status, errType, errText, resultType string
	var warnings []string
	var results []promResult
	var offsets []int64
	dec := json.NewDecoder(bytes.NewReader(data))
	err := walkObject(dec, func(key string) error {
		switch key {
		case "status":
			return dec.Decode(&status)
		case "errorType":
			return dec.Decode(&errType)
		case "error":
			return dec.Decode(&errText)
		case "warnings", "infos":
			var ws []string
			err := dec.Decode(&ws)
			warnings = append(warnings, ws...)
			return err
		case "data":
			return walkObject(dec, func(key string) error {
				switch key {
				case "resultType":
					return dec.Decode(&resultType)
				case "result":
					if resultType != "" && resultType != "matrix" {
						return skipValue(dec)
					}
					if err := expectDelim(dec, '['); err != nil {
						return err
					}
					for i := 0; dec.More(); i++ {
						at := dec.InputOffset()
						var r promResult
						if err := dec.Decode(&r); err != nil {
							return &offsetError{offset: at, err: fmt.Errorf("result[%d]: %w", i, err)}
						}
						results = append(results, r)
						offsets = append(offsets, at)
					}
					_, err := dec.Token()
					return err
				}
				return skipValue(dec)
			})
		}
		return skipValue(dec)
	})
	if err != nil {
		return table{}, jsonError(data, err, x)
	}
	if status == "error" {
		msg := "the file holds a failed query"
		if said := x.text(strings.TrimSpace(errType + ": " + errText)); said != "" && said != ":" {
			msg += ": " + said
		}
		return table{}, &parseError{msg: msg, hint: "export the query's data again once it runs in Prometheus"}
	}
	if resultType != "matrix" {
		msg := fmt.Sprintf("the file holds a %s result, not a matrix", x.quote(resultType, "different"))
		return table{}, &parseError{msg: msg, hint: "export a range query: /api/v1/query_range, not /api/v1/query"}
	}
	metrics := make([]map[string]string, len(results))
	for i, r := range results {
		metrics[i] = r.Metric
	}
	names := labelNames(metrics, base)
	tab := table{notes: warnings}
	for i, r := range results {
		s := sources.Series{Name: names[i], Points: make([]sources.Point, 0, len(r.Values))}
		for j, pair := range r.Values {
			p, err := promPoint(pair, x)
			if err != nil {
				return table{}, jsonError(data, &offsetError{offset: offsets[i], err: fmt.Errorf("result[%d].values[%d]: %w", i, j, err)}, x)
			}
			s.Points = append(s.Points, p)
		}
		tab.series = append(tab.series, s)
	}
	return tab, nil
}

// promPoint reads [1700000000.123, "0.12"]: seconds, and the value as a
// string ("NaN" and "+Inf" included).
func promPoint(pair []json.RawMessage, x excerpts) (sources.Point, error) {
	if len(pair) != 2 {
		return sources.Point{}, fmt.Errorf("want [unix_seconds, \"value\"], got %d elements", len(pair))
	}
	sec, err := strconv.ParseFloat(string(pair[0]), 64)
	if err != nil {
		return sources.Point{}, fmt.Errorf("%s is not a number of seconds", x.named("timestamp", pair[0]))
	}
	var text string
	if err := json.Unmarshal(pair[1], &text); err != nil {
		return sources.Point{}, fmt.Errorf("%s is not a string like \"0.12\"", x.named("value", pair[1]))
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return sources.Point{}, fmt.Errorf("%s is not a number", x.named("value", []byte(strconv.Quote(text))))
	}
	ms := int64(sec*1000 + 0.5) // Prometheus has millisecond timestamps
	if sec < 0 {
		ms = int64(sec*1000 - 0.5)
	}
	return sources.Point{T: time.UnixMilli(ms).UTC(), V: v}, nil
}

// walkObject calls f with each key of the object at dec's position; f must
// consume the key's value.
func walkObject(dec *json.Decoder, f func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := f(key); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	return err
}

func skipValue(dec *json.Decoder) error {
	var skip json.RawMessage
	return dec.Decode(&skip)
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	at := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return &offsetError{offset: at, err: fmt.Errorf("want %q here, found %s", want, tokenKind(tok))}
	}
	return nil
}

// tokenKind names what a JSON token is without quoting it: a string of the
// file may be anything.
func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", rune(t))
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// offsetError is a decoding error at a byte offset of the file.
type offsetError struct {
	offset int64
	err    error
}

func (e *offsetError) Error() string { return e.err.Error() }
func (e *offsetError) Unwrap() error { return e.err }

// jsonError locates err (a syntax, type or offset error) in data as
// line:column; nil stays nil. A syntax error quotes the character it
// stopped at, which x may forbid.
func jsonError(data []byte, err error, x excerpts) error {
	if err == nil {
		return nil
	}
	var pe *parseError
	if errors.As(err, &pe) {
		return pe
	}
	offset := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var oe *offsetError
	switch {
	case errors.As(err, &oe):
		offset = oe.offset
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		offset = max(se.Offset-1, 0)
	case errors.As(err, &te):
		offset = te.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		offset = int64(len(data))
	}
	msg := err.Error()
	if x.none && errors.As(err, new(*json.SyntaxError)) {
		msg = "the JSON is not valid there"
	}
	out := &parseError{msg: msg, hint: "fix the JSON there (a missing comma or bracket, a number where a string belongs), or export the file again"}
	if offset >= 0 {
		out.line, out.col = lineCol(data, offset)
	}
	return out
}

// lineCol converts a byte offset to a 1-based line and column, skipping the
// whitespace a decoder offset may point at.
func lineCol(data []byte, offset int64) (int, int) {
	offset = min(offset, int64(len(data)))
	for offset < int64(len(data)) && (data[offset] == ' ' || data[offset] == '\n' || data[offset] == '\r' || data[offset] == '\t' || data[offset] == ',') {
		offset++
	}
	before := data[:min(offset, int64(len(data)))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
