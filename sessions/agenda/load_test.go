package agenda

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseAgendaTopLevelDefaults(t *testing.T) {
	src := yamlText(`
version: 1
title: t
panels:
  - {id: p, kind: load, query: q}
`)
	a, err := Parse("three.yaml", src, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 || a.Title != "t" || a.Service != "" || a.Lang != "" {
		t.Errorf("version %d title %q service %q lang %q", a.Version, a.Title, a.Service, a.Lang)
	}
	if a.Duration != 60*time.Minute {
		t.Errorf("duration %v, want the 60m default", a.Duration)
	}
	if a.Window != (WindowSpec{Last: 30 * 24 * time.Hour}) {
		t.Errorf("window %+v, want the 30d default", a.Window)
	}
	if a.Compare != (CompareSpec{Mode: ComparePrevious}) {
		t.Errorf("compare %+v, want previous", a.Compare)
	}
	if len(a.Participants) != 0 {
		t.Errorf("participants %v, want none (a solo review)", a.Participants)
	}
	if a.Name != "three.yaml" || a.File != "" || !bytes.Equal(a.Raw, src) {
		t.Errorf("name %q file %q raw %d bytes; want three.yaml, no file, the input", a.Name, a.File, len(a.Raw))
	}
}

// lang: takes a locale-like code and keeps the language nagame speaks.
func TestParseAgendaLang(t *testing.T) {
	for in, want := range map[string]string{"ja": "ja", "ja_JP.UTF-8": "ja", "EN": "en", "en-GB": "en"} {
		a, err := Parse("x.yaml", yamlText("version: 1\ntitle: t\nlang: "+in+"\npanels:\n  - {id: p, kind: load, query: q}\n"), "")
		if err != nil {
			t.Fatalf("lang: %s: %v", in, err)
		}
		if a.Lang != want {
			t.Errorf("lang: %s gives %q, want %q", in, a.Lang, want)
		}
	}
}

func TestParseAgendaWindowForms(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		line string
		want WindowSpec
	}{
		{"window: 30d", WindowSpec{Last: 30 * day}},
		{"window: 2w", WindowSpec{Last: 14 * day}},
		{"window: 36h", WindowSpec{Last: 36 * time.Hour}},
		// Dates are midnight UTC.
		{"window: {from: 2026-10-01, to: 2026-11-01}", WindowSpec{
			From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}},
		// RFC 3339 times are kept to the second and moved to UTC: 09:00+02:00 is 07:00Z.
		{`window: {from: "2026-10-01T09:00:00+02:00", to: "2026-10-02T09:00:00Z"}`, WindowSpec{
			From: time.Date(2026, 10, 1, 7, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			a, err := Parse("x.yaml", []byte("version: 1\ntitle: t\n"+tt.line+"\npanels: [{id: p, kind: load, query: q}]\n"), "")
			if err != nil {
				t.Fatal(err)
			}
			if !a.Window.From.Equal(tt.want.From) || !a.Window.To.Equal(tt.want.To) || a.Window.Last != tt.want.Last {
				t.Errorf("window %+v, want %+v", a.Window, tt.want)
			}
		})
	}
}

func TestParseAgendaCompareForms(t *testing.T) {
	tests := []struct {
		line string
		want CompareSpec
	}{
		{"compare: none", CompareSpec{Mode: CompareNone}},
		{"compare: previous", CompareSpec{Mode: ComparePrevious}},
		{"compare: 180d", CompareSpec{Mode: CompareShift, Shift: 180 * 24 * time.Hour}},
		{"compare: 1w", CompareSpec{Mode: CompareShift, Shift: 7 * 24 * time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			a, err := Parse("x.yaml", []byte("version: 1\ntitle: t\n"+tt.line+"\npanels: [{id: p, kind: load, query: q}]\n"), "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Compare != tt.want {
				t.Errorf("compare %+v, want %+v", a.Compare, tt.want)
			}
		})
	}
}

func TestLoadAgendaNamesTheFileAndItsFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "checkout.yaml")
	src := []byte("version: 1\ntitle: t\nsources: {csv: {type: file, path: ./exports}}\npanels: [{id: p, kind: load, query: a.csv}]\n")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.File != path || a.Name != "checkout.yaml" || !bytes.Equal(a.Raw, src) {
		t.Errorf("file %q name %q raw %q", a.File, a.Name, a.Raw)
	}
	if got := a.Sources["csv"].BaseDir; got != dir {
		t.Errorf("BaseDir %q, want the agenda's folder %q", got, dir)
	}
}

func TestLoadAgendaErrorsCarryThePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte("version: 1\ntitle: t\npanels: [{id: p, kind: lod, query: q}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var list Errors
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one Error", err)
	}
	// "panels: [{id: p, kind: " is 23 characters: lod at 24.
	want := path + `:3:24: unknown kind "lod" in panel "p"; did you mean "load"?`
	if list[0].Error() != want {
		t.Errorf("got  %s\nwant %s", list[0].Error(), want)
	}
}

func TestLoadAgendaMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want one that is os.ErrNotExist", err)
	}
}

func TestParseAgendaReportsManyProblemsInFileOrder(t *testing.T) {
	src := yamlText(`
version: 1
title: t
compare: sometimes
panels:
  - {id: a, kind: lattency, query: q}
  - {id: b, kind: load, query: q, top: 0}
`)
	want := []string{
		`x.yaml:3:10: unknown compare "sometimes"; write none, previous, or how far back to compare, like 180d`,
		`x.yaml:5:19: unknown kind "lattency" in panel "a"; did you mean "latency"?`,
		// "  - {id: b, kind: load, query: q, top: " is 39 characters.
		`x.yaml:6:40: "top" in panel "b" must be between 1 and 20; a chart stays readable with 1 to 20 lines`,
	}
	checkErrorLines(t, src, want)
}

// badKinds parses an agenda of n panels with an unknown kind each, one per
// line from line 4, and returns its problems.
func badKinds(t *testing.T, n int) Errors {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\ntitle: t\npanels:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: p%d, kind: nope, query: q}\n", i)
	}
	_, err := Parse("x.yaml", []byte(b.String()), "")
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	return list
}

func TestParseAgendaCapsProblemsAtTwentyAndSaysHowManyMore(t *testing.T) {
	// 30 bad kinds, on lines 4..33: the first twenty are kept, and a last
	// entry, at the first one left out, counts the other ten.
	list := badKinds(t, 30)
	if len(list) != 21 || list[0].Line != 4 || list[19].Line != 23 {
		t.Fatalf("got %d problems, lines %d..%d; want 20 and a count, lines 4..23", len(list), list[0].Line, list[len(list)-1].Line)
	}
	// "  - {id: p20, kind: " is 20 characters.
	want := "x.yaml:24:21: … and 10 more problem(s) from here on, not shown; fix the ones above first: the rest are often echoes of them"
	if got := list[20].Error(); got != want {
		t.Errorf("last entry\n got %s\nwant %s", got, want)
	}
	// Twenty problems exactly are all shown, with no count after them.
	if list := badKinds(t, 20); len(list) != 20 || strings.Contains(list.Error(), "more problem") {
		t.Errorf("twenty problems: %v", list)
	}
}

func TestParseAgendaAnchorsAndMergeKeys(t *testing.T) {
	src := yamlText(`
version: 1
title: t
base: &base
  kind: latency
  questions: &qs
    - {id: trend, ask: Trend?, choice: [better, same, worse]}
panels:
  - <<: *base
    id: a
    query: qa
  - <<: *base
    id: b
    query: qb
    kind: load
    questions: *qs
`)
	// base: is not an agenda key: it is reported, and everything else works.
	checkErrorLines(t, src, []string{`x.yaml:3:1: unknown key "base" in the agenda; known keys: version, title, service, lang, duration, window, compare, participants, source, sources, events, panels, closing, vars, publish, github`})

	// Anchored in the first panel instead, the same sharing is valid.
	src = yamlText(`
version: 1
title: t
panels:
  - &first
    id: a
    kind: latency
    query: qa
    questions: &qs
      - {id: trend, ask: Trend?, choice: [better, same, worse]}
  - <<: *first
    id: b
    kind: load
  - {id: c, kind: custom, query: qc, questions: *qs}
`)
	a, err := Parse("x.yaml", src, "")
	if err != nil {
		t.Fatal(err)
	}
	trend := []Question{{ID: "trend", Ask: "Trend?", Kind: Choice, Choices: []string{"better", "same", "worse"}}}
	// b merges a's keys but sets its own id and kind: explicit keys win.
	b, _ := a.Panel("b")
	if b.Kind != "load" || b.Query != "qa" || !reflect.DeepEqual(b.Questions, trend) {
		t.Errorf("merged panel b: kind %s query %s questions %+v", b.Kind, b.Query, b.Questions)
	}
	if c, _ := a.Panel("c"); !reflect.DeepEqual(c.Questions, trend) {
		t.Errorf("aliased questions of c: %+v", c.Questions)
	}
}

func TestParseAgendaAliasWithoutAnchor(t *testing.T) {
	src := yamlText(`
version: 1
title: *missing
panels: [{id: p, kind: load, query: q}]
`)
	// "title: " is 7 characters: the alias at 8.
	checkErrorLines(t, src, []string{`x.yaml:2:8: alias *missing names no anchor; define it with &missing before this line`})
}

func TestParseAgendaRefusesFilesNoAgendaLooksLike(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		// The parser's time grows with the square of nesting: these must
		// fail before it runs (the test would take minutes otherwise).
		{"brackets nested deeper than 64", "a: " + strings.Repeat("[", 100000),
			// "a: " is 3 characters; the 65th bracket is at 3 + 65 = 68.
			`x.yaml:1:68: brackets nest more than 64 deep; an agenda nests a few levels deep: is this the right file?`},
		{"block nesting deeper than 256 columns", strings.Repeat("- ", 50000) + "x",
			`x.yaml:1:257: the line is indented more than 256 columns; an agenda nests a few levels deep: is this the right file?`},
		{"more than a megabyte", "# " + strings.Repeat("x", 1<<20),
			// 2 + 1,048,576 = 1,048,578 bytes.
			`x.yaml:1:1: the file is 1048578 bytes, more than an agenda's limit of 1048576; an agenda is a few kilobytes: is this the right file?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErrorLines(t, []byte(tt.src), []string{tt.want})
		})
	}
}

func TestParseAgendaBracketsInQuotesAndCommentsDoNotCount(t *testing.T) {
	deep := strings.Repeat("[", 100)
	src := "version: 1\ntitle: \"" + deep + "\"\nservice: it's " + deep + "\n# " + deep + "\npanels: [{id: p, kind: load, query: q}]\n"
	if _, err := Parse("x.yaml", []byte(src), ""); err != nil {
		t.Errorf("brackets in text refused:\n%v", err)
	}
}

func TestParseAgendaMergeOfItself(t *testing.T) {
	// A mapping that merges itself would expand forever.
	src := yamlText(`
version: 1
title: t
panels:
  - &p
    <<: *p
    id: a
    kind: load
    query: q
`)
	// Reported at the merge key: "    <<" puts it at line 5 column 5.
	checkErrorLines(t, src, []string{`x.yaml:5:5: a merge key (<<) in panel 1 merges the mapping it is in; merge another mapping`})
}

func TestParseAgendaMergesAListOfMappings(t *testing.T) {
	src := yamlText(`
version: 1
title: t
panels:
  - &a {id: a, kind: load, query: qa}
  - &b {id: b, kind: latency, query: qb, timebox: 5m}
  - <<: [*a, *b]
    id: c
`)
	a, err := Parse("x.yaml", src, "")
	if err != nil {
		t.Fatal(err)
	}
	// As YAML says, the earlier mapping of the list wins: kind and query
	// come from a; timebox, which only b has, from b; id is c's own.
	if c, _ := a.Panel("c"); c.Kind != "load" || c.Query != "qa" || c.Timebox != 5*time.Minute {
		t.Errorf("panel c: kind %q query %q timebox %v, want load, qa, 5m", c.Kind, c.Query, c.Timebox)
	}
}
