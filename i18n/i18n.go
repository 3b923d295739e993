// Package i18n is nagame's one message catalogue: every user-facing string in
// English and Japanese, embedded in the binary (catalogue/en.txt and
// catalogue/ja.txt, one "key<TAB>message" a line), and the choice of the
// language: the --lang flag, else the agenda's lang:, else LC_ALL,
// LC_MESSAGES, LANG.
//
// It is a leaf, like text: it imports only the standard library, so every
// layer (cmd, tui, sessions/minutes, sessions/agenda) can use it without an
// import cycle, and the agenda can validate lang: against Languages.
package i18n

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Lang is a language nagame speaks.
type Lang string

// The languages of the catalogue.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// Languages lists the languages nagame speaks, English first.
func Languages() []Lang { return []Lang{English, Japanese} }

//go:embed catalogue/*.txt
var files embed.FS

// catalogue holds the messages of each language by key.
var catalogue = mustLoad()

func mustLoad() map[Lang]map[string]string {
	c := map[Lang]map[string]string{}
	for _, l := range Languages() {
		m, err := load(l)
		if err != nil {
			panic(err)
		}
		c[l] = m
	}
	return c
}

// load reads catalogue/<lang>.txt; a line is "key<TAB>message", "#" starts a
// comment line, blank lines are skipped.
func load(l Lang) (map[string]string, error) {
	name := "catalogue/" + string(l) + ".txt"
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("%s:%d: want key<TAB>message, got %q", name, n, line)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("%s:%d: key %s given twice", name, n, k)
		}
		m[k] = v
	}
	return m, sc.Err()
}

// Keys returns the keys of the English catalogue, sorted.
func Keys() []string {
	keys := make([]string, 0, len(catalogue[English]))
	for k := range catalogue[English] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Parse reads a language code: "ja", "ja-JP", "ja_JP.UTF-8", "EN". An unknown
// language is an error naming the ones nagame speaks.
func Parse(code string) (Lang, error) {
	base := strings.ToLower(code)
	base, _, _ = strings.Cut(base, ".")
	base, _, _ = strings.Cut(base, "@")
	base, _, _ = strings.Cut(strings.ReplaceAll(base, "_", "-"), "-")
	for _, l := range Languages() {
		if base == string(l) {
			return l, nil
		}
	}
	names := make([]string, 0, 2)
	for _, l := range Languages() {
		names = append(names, string(l))
	}
	return English, fmt.Errorf("%s", English.T("error.unknown_lang", code, strings.Join(names, ", ")))
}

// FromEnv is the language of the environment: the first of LC_ALL,
// LC_MESSAGES and LANG that is set (as POSIX ranks them); English when none
// is, or when it names a language nagame does not speak ("C", "POSIX", "de").
func FromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			l, err := Parse(s)
			if err != nil {
				return English
			}
			return l
		}
	}
	return English
}

// Choose picks the meeting's language: flag (--lang) when given, else the
// agenda's lang:, else the environment. A flag or agenda naming an unknown
// language is an error; the environment never is.
func Choose(flag, agenda string, getenv func(string) string) (Lang, error) {
	switch {
	case flag != "":
		l, err := Parse(flag)
		if err != nil {
			return English, fmt.Errorf("--lang: %w", err)
		}
		return l, nil
	case agenda != "":
		return Parse(agenda)
	default:
		return FromEnv(getenv), nil
	}
}

// T returns the message key in l, formatted with args when it has verbs. A
// key missing from l falls back to English; a key missing from English is a
// programming error, shown as "!key" so a test or a look at the screen sees it.
func (l Lang) T(key string, args ...any) string {
	s, ok := catalogue[l][key]
	if !ok {
		s, ok = catalogue[English][key]
	}
	if !ok {
		return "!" + key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Int writes n with the language's digit grouping: 1,234,567 in both English
// and Japanese.
func (l Lang) Int(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	s := fmt.Sprint(u)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// DateTime writes t (in its own location) as the language writes a day and
// a time of day: "Dec 2 13:00" in English, "12月2日 13:00" in Japanese.
func (l Lang) DateTime(t time.Time) string {
	if l == Japanese {
		return fmt.Sprintf("%d月%d日 %s", int(t.Month()), t.Day(), t.Format("15:04"))
	}
	return t.Format("Jan 2 15:04")
}

// Date writes t's day: "Dec 2, 2026" in English, "2026年12月2日" in Japanese.
func (l Lang) Date(t time.Time) string {
	if l == Japanese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("Jan 2, 2006")
}
