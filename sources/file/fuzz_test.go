package file

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/nagame-dev/nagame/sources"
)

// The parsers read files people edit by hand: no input may panic them.

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"timestamp,a,b\n2026-10-01T00:00:00Z,1,\n",
		"1790812800,1\n1790812860,2\n",
		"time;v\n1790812800000;1\n",
		"timestamp,value,series\n2026-10-01 00:00:00,1,web\n",
		"\"a\n", "", ",,,\n,,\n",
	} {
		f.Add([]byte(s))
	}
	w := sources.Window{From: time.Unix(0, 0), To: time.Unix(4e9, 0)}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, x := range []excerpts{{}, {none: true}} {
			tab, err := parseCSV(data, "f.csv", "f", x)
			if err != nil {
				checkMessage(t, err)
				continue
			}
			finish(tab, w)
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1,"1"]]}]}}`,
		`[{"name":"x","points":[[1,2],[3,null]]}]`,
		`{"series":[]}`, `{"status":"error"}`, `[`, `{"data":{"result":[[]]}}`,
	} {
		f.Add([]byte(s))
	}
	w := sources.Window{From: time.Unix(0, 0), To: time.Unix(4e9, 0)}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, x := range []excerpts{{}, {none: true}} {
			tab, err := parseJSON(data, "f", x)
			if err != nil {
				checkMessage(t, err)
				continue
			}
			finish(tab, w)
		}
	})
}

// checkMessage fails on an error message that could disturb a terminal or
// the minutes: a file's control characters must never reach one.
func checkMessage(t *testing.T, err error) {
	t.Helper()
	var pe *parseError
	if !errors.As(err, &pe) {
		return
	}
	for _, text := range []string{pe.msg, pe.hint} {
		if i := strings.IndexFunc(text, unicode.IsControl); i >= 0 {
			t.Fatalf("message %q has a control character at %d", text, i)
		}
	}
}

func FuzzParseEvents(f *testing.F) {
	for _, s := range []string{
		"time,text\n2026-10-01T00:30:00Z,deploy\n1790814600,\"a, b\"\n",
		"Title;Timestamp\nx;2026-10-01 00:30\n",
		`{"time": "2026-10-01T00:30:00Z", "text": "deploy"}` + "\n" + `{"time": 1790814600}`,
		`[{"time": 1, "text": "x"}]`, `{"time": {}}`, "\"a\n", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, x := range []excerpts{{}, {none: true}} {
			if _, err := parseEventsCSV(data, "f.csv", x); err != nil {
				checkMessage(t, err)
			}
			if _, err := parseEventsJSON(data, x); err != nil {
				checkMessage(t, err)
			}
		}
	})
}
