package journal

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// The fast path must take every line Append writes for the common events,
// or replay silently falls back to encoding/json and misses its budget.
func TestEventDecoderFastPathTakesAppendOutput(t *testing.T) {
	var buf bytes.Buffer
	for _, e := range realisticEvents(2000, 3) {
		if e.Type == EvStart {
			continue // the start payload is left to encoding/json
		}
		yes := true
		e.Present, e.Late, e.Status, e.From, e.Error = &yes, true, ActionDone, "2026-05-20-checkout", "timeout"
		line, err := encodeJournalLine(&buf, e)
		if err != nil {
			t.Fatal(err)
		}
		var got Event
		p := eventDecoder{b: bytes.TrimSpace(line)}
		if !p.event(&got) {
			t.Fatalf("fast path refused %s", line)
		}
		if !reflect.DeepEqual(got, e) {
			t.Fatalf("fast path decoded\n%+v\nwant\n%+v", got, e)
		}
	}
}

// Lines outside the fast path's subset fall back to encoding/json, whose
// result (or error) is the reference.
func TestEventDecoderFallsBackToEncodingJSON(t *testing.T) {
	lines := []string{
		`{"seq":1,"t":"2026-11-22T10:00:00Z","type":"note","text":"bell \u0007 and \u2028"}`, // \u escapes
		`{ "seq": 1, "type": "clock" }`,                            // whitespace
		`{"Seq":1,"TYPE":"clock"}`,                                 // encoding/json matches keys case-insensitively
		`{"seq":1,"type":"clock","person":null}`,                   // null leaves the field alone
		`{"seq":1,"type":"clock","extra":{"a":[1,2]}}`,             // unknown keys are ignored
		`{"seq":1.0,"type":"clock"}`,                               // not an int: an error
		`{"seq":-1,"type":"clock"}`,                                // negative
		`{"seq":12345678901234567890,"type":"clock"}`,              // overflows int64: an error
		"{\"seq\":1,\"type\":\"note\",\"text\":\"bad \xff byte\"}", // invalid UTF-8 becomes U+FFFD
		`{"seq":1,"type":"note","text":"tab	raw"}`,                 // raw control character: an error
		`{"seq":1,"type":"clock"} {"seq":2}`,                       // trailing data: an error
		`{"seq":1,"type":"clock",}`,                                // trailing comma: an error
		`{"seq":1,"t":null,"type":"clock"}`,
		`{"seq":1,"late":"yes","type":"clock"}`,
		`{}`,
	}
	for _, line := range lines {
		checkDecodeMatchesEncodingJSON(t, []byte(line))
	}
}

// FuzzDecodeEventMatchesEncodingJSON: for any input the decoder gives what
// json.Unmarshal gives — the same Event, or an error exactly when it errs.
func FuzzDecodeEventMatchesEncodingJSON(f *testing.F) {
	var buf bytes.Buffer
	for _, e := range realisticEvents(40, 5) {
		line, err := encodeJournalLine(&buf, e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.TrimSpace(line))
	}
	f.Add([]byte(`{"seq":7,"t":"2026-11-22T10:00:00.123Z","type":"attendance","present":false,"late":true,"text":"a\"b\\c\/d\b\f\n\r\t"}`))
	f.Add([]byte(`{"seq":0,"type":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeMatchesEncodingJSON(t, data)
	})
}

func checkDecodeMatchesEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	var got, want Event
	var dec eventDecoder
	gotErr := dec.decode(data, &got)
	wantErr := json.Unmarshal(data, &want)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%q: decode error %v, json.Unmarshal error %v", data, gotErr, wantErr)
	}
	if wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: decode gave\n%+v\njson.Unmarshal gave\n%+v", data, got, want)
	}
}
