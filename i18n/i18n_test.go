package i18n

import (
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// verbRE matches a fmt verb with its flags, width and precision ("%q",
// "%-8s", "%.1f"); "%%" is a literal percent sign, not a verb.
var verbRE = regexp.MustCompile(`%[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// Every key is in every language, with the same verbs in the same order.
func TestEveryKeyInEveryLanguageWithTheSameVerbs(t *testing.T) {
	en := catalogue[English]
	if len(en) == 0 {
		t.Fatal("the English catalogue is empty")
	}
	for _, l := range Languages() {
		m := catalogue[l]
		for k, want := range en {
			got, ok := m[k]
			if !ok {
				t.Errorf("%s: no message for %s", l, k)
				continue
			}
			if !slices.Equal(verbs(got), verbs(want)) {
				t.Errorf("%s: %s has verbs %q, English %q", l, k, verbs(got), verbs(want))
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %s is not in the English catalogue", l, k)
			}
		}
	}
}

// The Japanese catalogue is Japanese: no message of more than a word is
// left in English by mistake (a copied line).
func TestJapaneseMessagesAreTranslated(t *testing.T) {
	for k, en := range catalogue[English] {
		if ja := catalogue[Japanese][k]; ja == en {
			t.Errorf("ja: %s is the English %q", k, en)
		}
	}
}

func TestVerbs(t *testing.T) {
	if got := verbs("%d%% of %-8s, %.1f"); !slices.Equal(got, []string{"%d", "%-8s", "%.1f"}) {
		t.Errorf("verbs = %q", got)
	}
}

func TestLoadRejectsBadLines(t *testing.T) {
	// load reads the embedded files: both parse, and a key is never empty.
	for _, l := range Languages() {
		m, err := load(l)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if k == "" || strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty key or message %q=%q", l, k, v)
			}
		}
	}
	if _, err := load("xx"); err == nil {
		t.Error("load of a language without a file: no error")
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{
		"ja": Japanese, "ja-JP": Japanese, "ja_JP.UTF-8": Japanese, "JA": Japanese,
		"en": English, "en_US.UTF-8": English, "en_GB@euro": English,
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := Parse("fr")
	if err == nil || err.Error() != `unknown language "fr": nagame speaks en, ja` {
		t.Errorf("Parse(fr) error = %v", err)
	}
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestChoose(t *testing.T) {
	cases := []struct {
		name, flag, agenda string
		env                map[string]string
		want               Lang
		err                string
	}{
		{"flag wins", "ja", "en", map[string]string{"LANG": "en_US.UTF-8"}, Japanese, ""},
		{"agenda next", "", "ja", map[string]string{"LANG": "en_US.UTF-8"}, Japanese, ""},
		{"LC_ALL before LANG", "", "", map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, Japanese, ""},
		{"LC_MESSAGES before LANG", "", "", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, English, ""},
		{"LANG", "", "", map[string]string{"LANG": "ja_JP.UTF-8"}, Japanese, ""},
		{"C locale is English", "", "", map[string]string{"LANG": "C"}, English, ""},
		{"nothing is English", "", "", nil, English, ""},
		{"bad flag", "de", "", nil, English, `--lang: unknown language "de": nagame speaks en, ja`},
		{"bad agenda", "", "de", nil, English, `unknown language "de": nagame speaks en, ja`},
	}
	for _, c := range cases {
		got, err := Choose(c.flag, c.agenda, env(c.env))
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != c.want || gotErr != c.err {
			t.Errorf("%s: Choose = %q, %q; want %q, %q", c.name, got, gotErr, c.want, c.err)
		}
	}
}

func TestT(t *testing.T) {
	if got := Japanese.T("status.fetching", "p99"); got != "p99 を取得中 …" {
		t.Errorf("ja fetching = %q", got)
	}
	if got := English.T("status.fetching", "p99"); got != "Fetching p99 …" {
		t.Errorf("en fetching = %q", got)
	}
	if got := Japanese.T("no.such.key"); got != "!no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}

func TestNumbersAndDates(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", -1234567: "-1,234,567"} {
		if got := Japanese.Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
	d := time.Date(2026, 12, 2, 13, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{Japanese.DateTime(d), "12月2日 13:00"},
		{English.DateTime(d), "Dec 2 13:00"},
		{Japanese.Date(d), "2026年12月2日"},
		{English.Date(d), "Dec 2, 2026"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// Package i18n is a leaf: it imports only the standard library.
func TestImportsOnlyTheStandardLibrary(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"github.com/nagame-dev/nagame/i18n"}) {
		t.Errorf("package i18n depends on %q", got)
	}
}
