package sessions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"golang.org/x/text/unicode/norm"
)

func TestSlugKeepsLettersOfEveryScript(t *testing.T) {
	long := strings.Repeat("眺め", 100) // 600 bytes
	tests := []struct{ title, want string }{
		{"決済チームの眺める会", "決済チームの眺める会"},
		{"checkout — review", "checkout-review"},
		{"Checkout Review", "checkout-review"},
		{"🚀 launch 🎉 review 👩‍💻", "launch-review"},
		{"🎉🎉", "session"},
		{"", "session"},
		{"a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"},
		{"tab\there\x00nul\x1besc", "tab-here-nul-esc"},
		{"trailing dots...  ", "trailing-dots"},
		{"CON", "con"},
		{"NUL.txt", "nul-txt"},
		{"e\u0301te\u0301", "\u00e9t\u00e9"},   // NFD to NFC
		{"\u0301accent first", "accent-first"}, // an orphan mark is dropped
		{"हिन्दी समीक्षा", "हिन्दी-समीक्षा"}, // marks after letters stay
		{"ＡＢＣ ２０２６", "ａｂｃ-２０２６"},             // full-width kept as typed (lowered)
		{long, strings.Repeat("眺め", 100)[:maxSlugBytes/3*3]},
	}
	for _, tt := range tests {
		got := slug(tt.title)
		if got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
		checkSafeName(t, "2026-12-02-"+got+"-999")
	}
}

func TestSlugCutsBetweenCharacters(t *testing.T) {
	for pad := range 4 {
		// a letter with two combining marks astride the cap, at every offset
		// (q has no precomposed form with them: NFC keeps them apart)
		title := strings.Repeat("a", maxSlugBytes-4+pad) + "q\u0323\u0301" + "z"
		got := slug(title)
		if len(got) > maxSlugBytes || !utf8.ValidString(got) {
			t.Fatalf("pad %d: %d bytes, valid %v", pad, len(got), utf8.ValidString(got))
		}
		if strings.HasSuffix(got, "q") || strings.HasSuffix(got, "q\u0323") {
			t.Errorf("pad %d: cut between a letter and its marks: …%q", pad, got[len(got)-8:])
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("pad %d: not NFC", pad)
		}
	}
	// 4-byte runes at the cap are never split.
	got := slug(strings.Repeat("𠀋", 100))
	if !utf8.ValidString(got) || len(got) > maxSlugBytes || len(got) < maxSlugBytes-3 {
		t.Errorf("slug of 4-byte letters: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

// checkSafeName fails when name could not be a folder on Windows, macOS or
// Linux.
func checkSafeName(t *testing.T, name string) {
	t.Helper()
	if len(name) > 200 {
		t.Errorf("%q: %d bytes", name, len(name))
	}
	if strings.ContainsAny(name, "/\\:*?\"<>|") || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Errorf("%q holds a character Windows refuses", name)
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		t.Errorf("%q ends with a dot or space", name)
	}
	stem, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "LPT1":
		t.Errorf("%q is a reserved Windows name", name)
	}
}

func agendaTitled(t *testing.T, title string) *agenda.Agenda {
	t.Helper()
	y := strings.Replace(testAgendaYAML, `title: "checkout — review"`, `title: "`+title+`"`, 1)
	a, err := agenda.Parse("review.yaml", []byte(y), t.TempDir())
	if err != nil {
		t.Fatalf("agenda: %v", err)
	}
	return a
}

func TestJapaneseSessionNamesAreKeptAndUnique(t *testing.T) {
	root := t.TempDir()
	day := time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local)
	clock := testclock.New(day)
	start := func(title string) *Session {
		t.Helper()
		s, err := Start(root, agendaTitled(t, title), StartOptions{Now: clock.Now, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
	names := []string{
		start("決済チームの眺める会").Name(),
		start("決済チームの眺める会").Name(),
		// the same title typed decomposed (as macOS may hand it over): ボ is ホ + U+3099
		start(norm.NFD.String("決済チームの眺める会")).Name(),
		start("ガバナンス").Name(),
		start(norm.NFD.String("ガバナンス")).Name(),
	}
	want := []string{
		"2026-12-02-決済チームの眺める会",
		"2026-12-02-決済チームの眺める会-2",
		"2026-12-02-決済チームの眺める会-3",
		"2026-12-02-ガバナンス",
		"2026-12-02-ガバナンス-2",
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("session %d: %q, want %q", i+1, names[i], want[i])
		}
	}
	// They list, and resolve by a Japanese prefix, also typed decomposed.
	recs, errs := ListRecords(root)
	if len(errs) > 0 || len(recs) != len(want) {
		t.Fatalf("listed %d sessions, errors %v", len(recs), errs)
	}
	if dir, err := FindRecord(root, norm.NFD.String("2026-12-02-決済")); err == nil || !strings.Contains(err.Error(), "matches 3 sessions") {
		t.Errorf("FindRecord(NFD prefix of three) = %q, %v", dir, err)
	}
	if dir, err := FindRecord(root, norm.NFD.String("2026-12-02-ガバナンス-2")); err != nil || filepath.Base(dir) != want[4] {
		t.Errorf("FindRecord(NFD name) = %q, %v", dir, err)
	}
}

func TestSessionsWithOldNamesStillListAndResume(t *testing.T) {
	root := t.TempDir()
	clock := testclock.New(t0)
	s, err := Start(root, agendaTitled(t, "決済チームの眺める会"), StartOptions{Now: clock.Now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Before Unicode names this session's folder was named -session.
	old := filepath.Join(root, "2026-12-02-session")
	if err := os.Rename(s.Dir(), old); err != nil {
		t.Fatal(err)
	}
	recs, errs := ListRecords(root)
	if len(errs) > 0 || len(recs) != 1 || recs[0].Dir != old {
		t.Fatalf("listed %v, errors %v", recs, errs)
	}
	dir, err := FindRecord(root, "2026-12-02-sess")
	if err != nil || dir != old {
		t.Fatalf("FindRecord = %q, %v", dir, err)
	}
	r, err := Resume(dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Name() != "2026-12-02-session" || r.State().Start.Title != "決済チームの眺める会" {
		t.Errorf("resumed %q, title %q", r.Name(), r.State().Start.Title)
	}
}
