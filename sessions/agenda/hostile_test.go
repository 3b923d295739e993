package agenda

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadQuickly runs Load and fails the test if it does not return within
// a few seconds: the files here are the ones that used to hang or exhaust
// memory.
func loadQuickly(t *testing.T, path string) (*Agenda, error) {
	t.Helper()
	type result struct {
		a   *Agenda
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := Load(path)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("Load(%s) did not return within 5 s", path)
		return nil, nil
	}
}

// A device or a folder is refused by what it is, before it is read:
// /dev/zero reports a size of 0 and never ends.
func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	tests := []struct{ path, want string }{
		{t.TempDir(), "is a folder, not an agenda file"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests = append(tests, struct{ path, want string }{"/dev/zero", "/dev/zero is a device, not an agenda file"})
	}
	for _, tt := range tests {
		_, err := loadQuickly(t, tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) = %v, want an error saying %q", tt.path, err, tt.want)
		}
	}
}

// A file larger than the limit is refused after reading one byte past it,
// whatever its size claims, with the limit in the message.
func TestLoadReadsNoMoreThanTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte("version: 1\n# "+strings.Repeat("x", maxAgendaBytes)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := loadQuickly(t, path)
	var list Errors
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one positioned problem", err)
	}
	if want := "big.yaml:1:1: the file is larger than an agenda's limit of 1 MiB"; !strings.HasSuffix(list[0].File+":1:1: "+list[0].Msg, want) {
		t.Errorf("got %s, want it to end %q", list[0], want)
	}
}

// Windows editors start UTF-8 files with a byte-order mark: it is not part
// of the first key, and positions are those the editor shows.
func TestParseAcceptsAByteOrderMark(t *testing.T) {
	src := append([]byte("\ufeff"), yamlText(`
version: 1
title: t
panels:
  - {id: p, kind: load, query: q}
`)...)
	a, err := Parse("bom.yaml", src, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 || string(a.Raw) != string(src) {
		t.Errorf("version %d, raw %q: want 1 and the file's bytes, mark included", a.Version, a.Raw)
	}
	bad := append([]byte("\ufeff"), yamlText(`
versio: 1
title: t
panels:
  - {id: p, kind: load, query: q}
`)...)
	checkErrorLines(t, bad, []string{
		`x.yaml:1:1: unknown key "versio" in the agenda; did you mean "version"?`,
		`x.yaml:1:1: the agenda has no version; this nagame reads version 1 only: write version: 1`,
	})
	// After the mark, line 1 columns count from the first character.
	checkErrorLines(t, append([]byte("\ufeff"), "version: 2\ntitle: t\npanels:\n  - {id: p, kind: load, query: q}\n"...), []string{
		`x.yaml:1:10: agenda version 2 is not supported; this nagame reads version 1 only: write version: 1`,
	})
}

func TestParseRefusesUTF16(t *testing.T) {
	checkErrorLines(t, []byte("\xff\xfev\x00e\x00"), []string{
		`x.yaml:1:1: the file is UTF-16 text; an agenda is UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)`,
	})
}

// A tab in the indentation is named as the problem, at the tab.
func TestParseSaysTabsAreNotIndentation(t *testing.T) {
	const msg = "YAML does not allow tabs for indentation: use spaces; replace the tab with spaces (most editors can insert spaces for the tab key)"
	checkErrorLines(t, []byte("version: 1\ntitle: t\npanels:\n\t- {id: p, kind: load, query: q}\n"), []string{"x.yaml:4:1: " + msg})
	checkErrorLines(t, []byte("version: 1\ntitle: t\npanels:\n  - id: p\n  \t kind: load\n"), []string{"x.yaml:5:3: " + msg})
	// A tab after a key, where YAML allows one, is fine.
	if _, err := Parse("x.yaml", []byte("version: 1\ntitle:\tt\npanels:\n  - {id: p, kind: load, query: q}\n"), ""); err != nil {
		t.Errorf("a tab as separation: %v", err)
	}
}

// A value echoed in a message is one clean line, clipped, with the size of
// the whole: a 900 KB key is not printed whole, an escape sequence in it is
// not replayed.
func TestMessagesEchoExcerptsOfValues(t *testing.T) {
	huge := strings.Repeat("k", 900_000)
	lines := agendaErrorLines(t, []byte("version: 1\ntitle: t\n"+huge+": 1\n\"\\e]0;pwn\\a\\e[2Jkey\": 2\npanels:\n  - {id: p, kind: load, query: q}\n"))
	if len(lines) != 2 {
		t.Fatalf("got %d problems: %q", len(lines), lines)
	}
	if want := `x.yaml:3:1: unknown key "` + strings.Repeat("k", 59) + `…" (900 KB) in the agenda; known keys: `; !strings.HasPrefix(lines[0], want) {
		t.Errorf("huge key:\n got %.200s\nwant %s…", lines[0], want)
	}
	if want := `x.yaml:4:1: unknown key "key" in the agenda`; !strings.HasPrefix(lines[1], want) {
		t.Errorf("hostile key:\n got %q\nwant %q…", lines[1], want)
	}
	for _, l := range lines {
		if len(l) > 600 || strings.ContainsAny(l, "\x1b\x07") {
			t.Errorf("message is %d bytes or holds an escape: %.200q", len(l), l)
		}
	}
}

// Strings people read are cleaned when the agenda is loaded, so no output
// (the screen, minutes.md, minutes.json, actions --format json, the session
// folder's name, messages) can carry a sequence from the file.
func TestParseCleansTheTextPeopleRead(t *testing.T) {
	a, err := Load(filepath.Join("testdata", "hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p := a.Panels[0]
	got := []string{a.Title, a.Service, a.Participants[0], a.Participants[1], p.Title, p.Unit, p.Prompt,
		p.Questions[0].Ask, p.Questions[0].Choices[0], a.Closing.Survey[0].Ask}
	want := []string{"Checkout review", "checkout", "Aiko", "Ben", "p95 latency", "s", "What moved?\nWhy?",
		"Better or worse?", "better", "Anything else?"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// What nagame passes on (a query, a path, a URL) is not cleaned, which
// would change its meaning, but refused with the place of the character.
func TestParseRefusesControlCharactersInQueries(t *testing.T) {
	checkErrorLines(t, yamlText(`
version: 1
title: t
panels:
  - {id: p, kind: load, query: "sum:x\e[2J"}
  - {id: q, kind: load, query: "sum:y\u009b31m"}
  - id: r
    kind: load
    query: |
      sum(rate(x[5m]))
        / 2
`), []string{
		`x.yaml:4:32: "query" in panel "p" holds a control character or escape sequence (ESC at byte 6); remove it: a query, a path or a URL has no place for one`,
		`x.yaml:5:32: "query" in panel "q" holds a control character or escape sequence (U+009B at byte 6); remove it: a query, a path or a URL has no place for one`,
	})
}
