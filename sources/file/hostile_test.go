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

// fetchWithin fetches name from src and fails the test when the fetch
// takes longer than limit (a read that blocks on a pipe or never ends).
func fetchWithin(t *testing.T, src *Source, name string, limit time.Duration) ([]sources.Series, error) {
	t.Helper()
	type result struct {
		series []sources.Series
		err    error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		s, err := src.Fetch(context.Background(), sources.Query{Expr: name}, morning)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		if took := time.Since(start); took > limit {
			t.Errorf("fetching %s took %s, more than %s", name, took, limit)
		}
		return r.series, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("fetching %s still blocks after 10 s", name)
		return nil, nil
	}
}

// wantRefusal checks that err is a file-source error whose message holds
// every part of msg and whose hint holds hint.
func wantRefusal(t *testing.T, err error, hint string, msg ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("got no error")
	}
	for _, m := range msg {
		if !strings.Contains(err.Error(), m) {
			t.Errorf("error %q lacks %q", err, m)
		}
	}
	if h := sources.HintOf(err); !strings.Contains(h, hint) {
		t.Errorf("hint %q lacks %q", h, hint)
	}
}

func TestSpecialFilesAreRefusedUpFront(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes or /dev on Windows")
	}
	dir := t.TempDir()
	if err := mkfifo(filepath.Join(dir, "pipe.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("pipe.csv", filepath.Join(dir, "to-pipe.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := New(sources.Config{Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a named pipe does not block the fetch", func(t *testing.T) {
		_, err := fetchWithin(t, src, "pipe.csv", time.Second)
		wantRefusal(t, err, "save the export as a file", "pipe.csv is a named pipe (FIFO), not a file: nagame reads only regular files")
	})
	t.Run("nor a link to one", func(t *testing.T) {
		_, err := fetchWithin(t, src, "to-pipe.csv", time.Second)
		wantRefusal(t, err, "save the export as a file", "to-pipe.csv is a named pipe (FIFO)")
	})
	t.Run("a link to /dev/zero leads out of the folder", func(t *testing.T) {
		_, err := fetchWithin(t, src, "zero.csv", time.Second)
		wantRefusal(t, err, "copy the file into the folder", "zero.csv leads outside the source's folder")
	})
	t.Run("a folder", func(t *testing.T) {
		_, err := fetchWithin(t, src, "folder.csv", time.Second)
		wantRefusal(t, err, "name a CSV or JSON file", "folder.csv is a folder, not a file")
	})
	t.Run("a device, where the agenda allows reading outside its folder", func(t *testing.T) {
		dev, err := New(sources.Config{Path: "/dev", BaseDir: dir, AllowOutsideAgenda: true})
		if err != nil {
			t.Fatal(err)
		}
		_, err = fetchWithin(t, dev, "zero", time.Second)
		wantRefusal(t, err, "save the export as a file", "zero is a device, not a file")
	})
}

func TestLargeFilesAreRefusedWithoutReadingThem(t *testing.T) {
	dir := t.TempDir()
	// A sparse file one byte over the limit: refused by its size, at once.
	f, err := os.Create(filepath.Join(dir, "huge.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	src, err := New(sources.Config{Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = fetchWithin(t, src, "huge.csv", 200*time.Millisecond)
	wantRefusal(t, err, "export a coarser resolution", "huge.csv is larger than 64 MiB")
}

func TestAFileLargerThanItsSizeStopsAtTheLimit(t *testing.T) {
	// Files of /proc say they are empty and are not: the limit holds on
	// what is read, not only on what the file claims.
	if runtime.GOOS != "linux" {
		t.Skip("needs /proc")
	}
	src, err := New(sources.Config{Path: "/proc/self", BaseDir: t.TempDir(), AllowOutsideAgenda: true})
	if err != nil {
		t.Fatal(err)
	}
	src.limit = 16
	_, err = fetchWithin(t, src, "status", time.Second)
	wantRefusal(t, err, "export a coarser resolution", "status is larger than 16 bytes")
}

func TestThePathStaysInsideTheAgendasFolder(t *testing.T) {
	root := t.TempDir()
	agenda := filepath.Join(root, "team", "agendas")
	elsewhere := filepath.Join(root, "home", ".aws")
	for _, d := range []string{agenda, elsewhere, filepath.Join(agenda, "exports")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, elsewhere, "credentials", "timestamp,value\n2026-10-01T00:00:00Z,aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
	writeFile(t, filepath.Join(agenda, "exports"), "ok.csv", "timestamp,v\n2026-10-01T00:00:00Z,1\n")
	if err := os.Symlink(elsewhere, filepath.Join(agenda, "linked")); err != nil {
		t.Fatal(err)
	}
	up := "../../home/.aws"

	t.Run("a path that leads out is refused when the source opens", func(t *testing.T) {
		_, err := New(sources.Config{Name: "csv", Path: up, BaseDir: agenda})
		wantRefusal(t, err, "allow_outside_agenda: true",
			`source "csv": path: ../../home/.aws leads outside the agenda's folder `+agenda)
	})
	t.Run("so is an absolute path elsewhere", func(t *testing.T) {
		_, err := New(sources.Config{Name: "csv", Path: elsewhere, BaseDir: agenda})
		wantRefusal(t, err, "move the exports into a folder inside the agenda's", "leads outside the agenda's folder")
	})
	t.Run("a folder linked from inside is refused when it is read", func(t *testing.T) {
		src, err := New(sources.Config{Name: "csv", Path: "linked", BaseDir: agenda})
		if err != nil {
			t.Fatalf("New: %v (the path is inside as written)", err)
		}
		_, err = src.Fetch(context.Background(), sources.Query{Expr: "credentials"}, morning)
		wantRefusal(t, err, "allow_outside_agenda", "path: linked leads outside the agenda's folder", "(to "+elsewhere+")")
		if strings.Contains(err.Error(), "aws_secret") {
			t.Errorf("the error quotes the file: %v", err)
		}
		wantRefusal(t, src.Check(context.Background()), "allow_outside_agenda", "leads outside the agenda's folder")
	})
	t.Run("an absolute path inside the agenda's folder is fine", func(t *testing.T) {
		src, err := New(sources.Config{Name: "csv", Path: filepath.Join(agenda, "exports"), BaseDir: agenda})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := src.Fetch(context.Background(), sources.Query{Expr: "ok.csv"}, morning); err != nil || len(got) != 1 {
			t.Errorf("got %v, %v; want the series", got, err)
		}
	})
	t.Run("allowed outside, a file's contents are never quoted", func(t *testing.T) {
		src, err := New(sources.Config{Name: "csv", Path: up, BaseDir: agenda, AllowOutsideAgenda: true})
		if err != nil {
			t.Fatal(err)
		}
		_, err = src.Fetch(context.Background(), sources.Query{Expr: "credentials"}, morning)
		wantRefusal(t, err, "plain numbers", "credentials:2: column 2: the cell is not a number")
		for _, piece := range []string{"aws_", "secret", "wJalr", "EXAMPLE"} {
			if strings.Contains(err.Error()+sources.HintOf(err), piece) {
				t.Errorf("the error quotes the file (%q): %v", piece, err)
			}
		}
	})
}

func TestMessagesQuoteShortCleanExcerpts(t *testing.T) {
	dir := t.TempDir()
	long := "\x1b[31m" + strings.Repeat("x", 100) + "\x07"
	writeFile(t, dir, "long.csv", "timestamp,p95\n2026-10-01T00:00:00Z,"+long+"\n")
	writeFile(t, dir, "header.csv", "timestamp,\x1b]0;pwned\x07"+strings.Repeat("h", 60)+"\n2026-10-01T00:00:00Z,abc\n")
	writeFile(t, dir, "failed.json", `{"status":"error","errorType":"bad_data","error":"`+strings.Repeat("e", 100)+`"}`)
	src, err := New(sources.Config{Path: dir, BaseDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, want string
	}{
		// ESC and BEL are gone; the excerpt is 40 characters, "…" included.
		{"long.csv", `long.csv:2: column 2: (p95) "[31m` + strings.Repeat("x", 35) + `…" is not a number`},
		{"header.csv", `header.csv:2: column 2: (]0;pwned ` + strings.Repeat("h", 30) + `…) "abc" is not a number`},
		{"failed.json", `failed.json: the file holds a failed query: bad_data: ` + strings.Repeat("e", 29) + `…`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := src.Fetch(context.Background(), sources.Query{Expr: tt.file}, morning)
			var se *sources.Error
			if !errors.As(err, &se) || se.Msg != tt.want {
				t.Errorf("got %v\nwant Msg %q", err, tt.want)
			}
		})
	}
}

func TestAnAgendaFolderReachedByALink(t *testing.T) {
	// The agenda is opened through a link to its folder; path: is the
	// folder's real place. Both are the same folder.
	root := t.TempDir()
	target := filepath.Join(root, "real")
	if err := os.MkdirAll(filepath.Join(target, "exports"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(target, "exports"), "ok.csv", "timestamp,v\n2026-10-01T00:00:00Z,1\n")
	link := filepath.Join(root, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	src, err := New(sources.Config{Path: filepath.Join(target, "exports"), BaseDir: link})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got, err := src.Fetch(context.Background(), sources.Query{Expr: "ok.csv"}, morning); err != nil || len(got) != 1 {
		t.Errorf("got %v, %v; want the series", got, err)
	}
}
