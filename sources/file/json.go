package file

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// parseJSON reads a Prometheus query_range response or series in nagame's
// stored shape (an array of series, or an object with a "series" array);
// base names a series the file does not name.
func parseJSON(data []byte, base string) (table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !json.Valid(data) {
		var probe any
		return table{}, jsonError(data, json.Unmarshal(data, &probe), "")
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(data))
		tab, err := decodeNagameSeries(dec)
		return tab, jsonError(data, err, "")
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
			tab, err = decodeNagameSeries(dec)
			return err
		})
		return tab, jsonError(data, err, "")
	case keys["status"] != nil || keys["data"] != nil:
		return parsePrometheusJSON(data, base)
	}
	return table{}, &parseError{msg: "this JSON is neither a Prometheus query_range response nor nagame series",
		hint: `export {"status":"success","data":{"resultType":"matrix",…}} from /api/v1/query_range, or [{"name":…,"points":[[unix_ms, value],…]}]`}
}

// decodeNagameSeries reads an array of series at dec's position.
func decodeNagameSeries(dec *json.Decoder) (table, error) {
	if err := expectDelim(dec, '['); err != nil {
		return table{}, err
	}
	var tab table
	for i := 0; dec.More(); i++ {
		at := dec.InputOffset()
		var s sources.Series
		if err := dec.Decode(&s); err != nil {
			return table{}, &offsetError{offset: at, err: fmt.Errorf("series %d: %w", i, err)}
		}
		tab.series = append(tab.series, s)
		tab.notes = append(tab.notes, s.Warnings...)
	}
	_, err := dec.Token() // ']'
	return tab, err
}

// promResult is one series of a Prometheus matrix.
type promResult struct {
	Metric map[string]string   `json:"metric"`
	Values [][]json.RawMessage `json:"values"`
}

// parsePrometheusJSON reads {"status":"success","data":{"resultType":"matrix","result":[…]}}.
func parsePrometheusJSON(data []byte, base string) (table, error) {
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
		return table{}, jsonError(data, err, "")
	}
	if status == "error" {
		return table{}, &parseError{msg: fmt.Sprintf("the file holds a failed query: %s: %s", errType, errText),
			hint: "export the query's data again once it runs in Prometheus"}
	}
	if resultType != "matrix" {
		return table{}, &parseError{msg: fmt.Sprintf("the file holds a %q result, not a matrix", resultType),
			hint: "export a range query: /api/v1/query_range, not /api/v1/query"}
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
			p, err := promPoint(pair)
			if err != nil {
				return table{}, jsonError(data, &offsetError{offset: offsets[i], err: fmt.Errorf("result[%d].values[%d]: %w", i, j, err)}, "")
			}
			s.Points = append(s.Points, p)
		}
		tab.series = append(tab.series, s)
	}
	return tab, nil
}

// promPoint reads [1700000000.123, "0.12"]: seconds, and the value as a
// string ("NaN" and "+Inf" included).
func promPoint(pair []json.RawMessage) (sources.Point, error) {
	if len(pair) != 2 {
		return sources.Point{}, fmt.Errorf("want [unix_seconds, \"value\"], got %d elements", len(pair))
	}
	sec, err := strconv.ParseFloat(string(pair[0]), 64)
	if err != nil {
		return sources.Point{}, fmt.Errorf("timestamp %s is not a number of seconds", pair[0])
	}
	var text string
	if err := json.Unmarshal(pair[1], &text); err != nil {
		return sources.Point{}, fmt.Errorf("value %s is not a string like \"0.12\"", pair[1])
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return sources.Point{}, fmt.Errorf("value %q is not a number", text)
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
		return &offsetError{offset: at, err: fmt.Errorf("want %q here, found %v", want, tok)}
	}
	return nil
}

// offsetError is a decoding error at a byte offset of the file.
type offsetError struct {
	offset int64
	err    error
}

func (e *offsetError) Error() string { return e.err.Error() }
func (e *offsetError) Unwrap() error { return e.err }

// jsonError locates err (a syntax, type or offset error) in data as
// line:column; nil stays nil.
func jsonError(data []byte, err error, hint string) error {
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
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		offset = int64(len(data))
	}
	if hint == "" {
		hint = "fix the JSON there (a missing comma or bracket, a number where a string belongs), or export the file again"
	}
	out := &parseError{msg: err.Error(), hint: hint}
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
