package file

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// TestFaultMatrix is the file source's share of the backends' fault
// matrix: each way an export can be wrong gives the panel an error that
// says what is wrong, where (the file, and the line when there is one) and
// what to do, at once, and the next panel's file still reads: the meeting
// goes on.
func TestFaultMatrix(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good.csv", "timestamp,v\n2026-10-01T00:00:00Z,1\n")
	writeFile(t, dir, "truncated.json", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1790812800,"1"`)
	writeFile(t, dir, "malformed.json", `{"status":"success","data":{"resultType":"matrix","result":[}]}}`)
	writeFile(t, dir, "html.json", "<!doctype html><title>Sign in</title>")
	writeFile(t, dir, "html.csv", "<!doctype html>\n<title>Sign in</title>\n")
	writeFile(t, dir, "binary.csv", "\x00\x01\x02PK\x03\x04\x00\x00")
	writeFile(t, dir, "error.json", `{"status":"error","errorType":"bad_data","error":"1:5: parse error"}`)
	big, err := os.Create(filepath.Join(dir, "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(100 << 20); err != nil { // 100 MiB, sparse
		t.Fatal(err)
	}
	if err := big.Close(); err != nil {
		t.Fatal(err)
	}
	unix := runtime.GOOS != "windows"
	if unix {
		if err := mkfifo(filepath.Join(dir, "fifo.csv")); err != nil {
			t.Fatal(err)
		}
	}
	src, err := New(sources.Config{Name: "csv", Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file            string
		what, where     string // parts of the message
		todo            string // part of the hint
		needsNamedPipes bool
	}{
		{file: "missing.csv", what: "no such file in " + dir, where: "missing.csv", todo: "check the panel's query:"},
		{file: "truncated.json", what: "unexpected end of JSON input", where: "truncated.json:1:", todo: "fix the JSON there"},
		{file: "malformed.json", what: "invalid character '}'", where: "malformed.json:1:", todo: "fix the JSON there"},
		{file: "html.json", what: "invalid character '<'", where: "html.json:1:1", todo: "export the file again"},
		{file: "html.csv", what: "no timestamp column", where: "html.csv:1", todo: `name the timestamp column "timestamp"`},
		{file: "binary.csv", what: "no timestamp column", where: "binary.csv:1", todo: "timestamp"},
		{file: "error.json", what: "the file holds a failed query: bad_data: 1:5: parse error", where: "error.json", todo: "export the query's data again"},
		{file: "big.csv", what: "is larger than 64 MiB", where: "big.csv", todo: "export a coarser resolution"},
		{file: "fifo.csv", what: "is a named pipe (FIFO), not a file", where: "fifo.csv", todo: "save the export as a file", needsNamedPipes: true},
		{file: "../good.csv", what: "is outside the source's folder", where: "../good.csv", todo: "name a file inside the folder"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if tt.needsNamedPipes && !unix {
				t.Skip("no named pipes here")
			}
			_, err := fetchWithin(t, src, tt.file, time.Second)
			var se *sources.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *sources.Error", err)
			}
			if !strings.Contains(se.Msg, tt.what) || !strings.Contains(se.Msg, tt.where) {
				t.Errorf("Msg %q, want what happened (%q) and where (%q)", se.Msg, tt.what, tt.where)
			}
			if !strings.Contains(se.Hint, tt.todo) {
				t.Errorf("Hint %q does not say what to do: %q", se.Hint, tt.todo)
			}
			if se.Backend != "file" || se.Query != tt.file {
				t.Errorf("Backend %q, Query %q; want file and the panel's query", se.Backend, se.Query)
			}
			// The meeting goes on.
			if got, err := src.Fetch(context.Background(), sources.Query{Expr: "good.csv"}, morning); err != nil || len(got) != 1 {
				t.Errorf("after the fault: %v, %v", got, err)
			}
		})
	}
}
