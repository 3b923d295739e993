package file

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/internal/eventtest"
)

// eventsIn writes the files into a fresh agenda folder and opens the
// source on its "exports" folder.
func eventsIn(t *testing.T, files map[string]string) *Source {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "exports")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		writeFile(t, dir, name, content)
	}
	s, err := New(sources.Config{Name: "files", Type: sources.TypeFile, Path: "exports", BaseDir: base})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEventsFileFormats(t *testing.T) {
	// Every file: 00:30 and 02:15 inside the morning, 07:00 after it.
	files := map[string]string{
		"deploys.csv": "time,text\n" +
			"2026-10-01T02:15:00Z,\"deploy checkout v2.14.1, the pool fix\"\n" +
			"1790814600,deploy checkout v2.14.0\n" +
			"\n" +
			"2026-10-01T07:00:00Z,after the window\n",
		"other-columns.csv": "\ufeffService;Timestamp;Title;Author\n" +
			"checkout;2026-10-01 00:30:00;deploy checkout v2.14.0;ben\n" +
			"checkout;2026-10-01 02:15:00+00:00;deploy checkout v2.14.1, the pool fix;aiko\n",
		"deploys.jsonl": `{"time": "2026-10-01T00:30:00Z", "text": "deploy checkout v2.14.0", "by": "ben"}` + "\n\n" +
			`{"time": 1790820900, "text": "deploy checkout v2.14.1, the pool fix"}` + "\n" +
			`{"time": "2026-10-01T07:00:00Z", "text": "after the window"}` + "\n",
		"deploys.json": `[{"time": "2026-10-01T02:15:00+00:00", "text": "deploy checkout v2.14.1, the pool fix"},
			{"time": "2026-10-01T00:30:00Z", "text": "  deploy checkout v2.14.0  "}]`,
	}
	s := eventsIn(t, files)
	want := "00:30 deploy checkout v2.14.0\n02:15 deploy checkout v2.14.1, the pool fix"
	for name := range files {
		t.Run(name, func(t *testing.T) {
			got, err := s.Events(context.Background(), sources.EventQuery{Expr: name}, morning)
			if err != nil {
				t.Fatalf("%v (hint: %s)", err, sources.HintOf(err))
			}
			if got := eventtest.Text(got, "15:04"); got != want {
				t.Errorf("events:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	t.Run("the latest are kept", func(t *testing.T) {
		got, err := s.Events(context.Background(), sources.EventQuery{Expr: "deploys.csv", Limit: 1}, morning)
		if err != nil || len(got.Events) != 1 || got.More != 1 || got.Events[0].At != at(2, 15) {
			t.Errorf("events %q (%d more), %v; want the 02:15 one and 1 more", eventtest.Lines(got, "15:04"), got.More, err)
		}
	})
}

func TestEventsFileErrorsSayWhereAndHow(t *testing.T) {
	tests := []struct {
		name, content string
		msg, hint     string
	}{
		{"no-header.csv", "2026-10-01T00:30:00Z,deploy\n", "no-header.csv:1: the header row names no time or text column", "write a header row time,text"},
		{"no-text.csv", "time,version\n2026-10-01T00:30:00Z,v2\n", "no-text.csv:1: the header row names no text column", "time,text"},
		{"bad-time.csv", "time,text\n2026-10-01T00:30:00Z,ok\nyesterday,deploy\n", `bad-time.csv:3: column 1: (time) "yesterday" is not a timestamp`, "one event a row"},
		{"short-row.csv", "text,time\ndeploy\n", "short-row.csv:2: the row has 1 fields and no time", "time,text"},
		{"empty.csv", "", "empty.csv: the file has no rows", "header row time,text"},
		{"bad-json.jsonl", "{\"time\": \"2026-10-01T00:30:00Z\", \"text\": \"ok\"}\n{\"time\": \"2026-10-01T00:30:00Z\" \"text\": \"x\"}\n", "bad-json.jsonl:2:33: invalid character", "one object a line"},
		{"no-time.jsonl", "{\"text\": \"deploy\"}\n", `no-time.jsonl:1: no "time"`, "time,text"},
		{"bad-time.jsonl", "{\"time\": \"soon\", \"text\": \"deploy\"}\n", `bad-time.jsonl:1: "time": "soon" is not a timestamp`, ""},
		{"text-number.jsonl", "{\"time\": 1790814600, \"text\": 42}\n", `text-number.jsonl:1: "text" must be text, not value 42`, ""},
		{"time-object.jsonl", "{\"time\": {\"at\": 1}, \"text\": \"x\"}\n", `time-object.jsonl:1: "time": value {"at": 1} is not a time`, ""},
		{"bad-array.json", `[{"time": "2026-10-01T00:30:00Z"}, {"text": "x"}]`, `bad-array.json: event 2: no "time"`, ""},
	}
	files := map[string]string{}
	for _, tt := range tests {
		files[tt.name] = tt.content
	}
	s := eventsIn(t, files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Events(context.Background(), sources.EventQuery{Expr: tt.name}, morning)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "file: "+tt.msg) || !strings.Contains(sources.HintOf(err), tt.hint) {
				t.Errorf("error %v\n(hint %q)\nwant %q with a hint containing %q", err, sources.HintOf(err), tt.msg, tt.hint)
			}
		})
	}
}

func TestEventsFilesFollowTheFolderRules(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, outside, "deploys.csv", "time,text\n2026-10-01T00:30:00Z,secret deploy\n")
	s := eventsIn(t, nil)
	for _, c := range []struct{ name, want string }{
		{"../../" + filepath.Base(outside) + "/deploys.csv", "outside the source's folder"},
		{filepath.Join(outside, "deploys.csv"), "outside the source's folder"},
		{"missing.csv", "missing.csv: no such file"},
		{"  ", "an events entry names no file"},
	} {
		_, err := s.Events(context.Background(), sources.EventQuery{Expr: c.name}, morning)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.name, err, c.want)
		}
	}
	// A named pipe is refused before anything waits on it.
	pipe := filepath.Join(s.Dir(), "deploys.csv")
	if err := mkfifo(pipe); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Events(context.Background(), sources.EventQuery{Expr: "deploys.csv"}, morning)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe (FIFO), not a file") {
			t.Errorf("pipe: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}

func TestEventsFileOutsideTheAgendaIsNotQuoted(t *testing.T) {
	// With allow_outside_agenda, the file may be any file of the machine:
	// its events are shown (that is what was asked for), its cells never
	// quoted in a message.
	outside := t.TempDir()
	writeFile(t, outside, "bad.csv", "time,text\ntoken-abcdef,deploy\n")
	writeFile(t, outside, "ok.csv", "time,text\n2026-10-01T00:30:00Z,deploy\n")
	s, err := New(sources.Config{Type: sources.TypeFile, Path: outside, BaseDir: t.TempDir(), AllowOutsideAgenda: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Events(context.Background(), sources.EventQuery{Expr: "bad.csv"}, morning)
	if err == nil || strings.Contains(err.Error(), "token-abcdef") || !strings.Contains(err.Error(), "the cell is not a timestamp") {
		t.Errorf("error %v, want one that does not quote the cell", err)
	}
	got, err := s.Events(context.Background(), sources.EventQuery{Expr: "ok.csv"}, morning)
	if err != nil || len(got.Events) != 1 {
		t.Errorf("events %v, %v", got, err)
	}
}
