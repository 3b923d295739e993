package text_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/text"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want []string
	}{
		{"a line that fits is kept", "p95 latency", 20, []string{"p95 latency"}},
		{"Latin text breaks at spaces", "The quick brown fox jumps over the lazy dog", 10,
			[]string{"The quick", "brown fox", "jumps over", "the lazy", "dog"}},
		{"spaces at a break are dropped", "aaaa    bbbb", 6, []string{"aaaa", "bbbb"}},
		{"spaces inside a line are kept", "a  b  c  dddddd", 8, []string{"a  b  c", "dddddd"}},
		{"a word longer than the line is broken", "see https://grafana.example/d/abc?from=now-1h", 16,
			[]string{"see", "https://grafana.", "example/d/abc?fr", "om=now-1h"}},
		{"explicit newlines are kept", "first line\n\nthird", 40, []string{"first line", "", "third"}},
		{"each paragraph is wrapped", "aaa bbb\nccc ddd", 4, []string{"aaa", "bbb", "ccc", "ddd"}},
		{"leading indentation is kept", "  - item one two", 10, []string{"  - item", "one two"}},
		{"empty gives one empty line", "", 10, []string{""}},
		{"width 0 only splits at newlines", "a b\nc", 0, []string{"a b", "c"}},

		{"Japanese breaks between characters", "決済チームの眺める会", 8,
			[]string{"決済チー", "ムの眺め", "る会"}},
		{"a 64-cell title fits in 40 cells", "決済チームの眺める会・第二回：四半期のレイテンシとエラー率を見る", 40,
			[]string{"決済チームの眺める会・第二回：四半期のレ", "イテンシとエラー率を見る"}},
		{"a Latin word in Japanese text stays whole", "今日はPrometheusの数字を見る", 12,
			[]string{"今日は", "Prometheusの", "数字を見る"}},
		{"Japanese with spaces breaks at them too", "決済 チーム", 6, []string{"決済", "チーム"}},
		{"fullwidth forms break like kanji", "ＡＢＣＤＥＦ", 6, []string{"ＡＢＣ", "ＤＥＦ"}},
		{"emoji break like kanji and stay whole", "👍🏽👨‍👩‍👧👍🏽👨‍👩‍👧", 5, []string{"👍🏽👨‍👩‍👧", "👍🏽👨‍👩‍👧"}},
		{"a combining mark stays with its letter", "cafe\u0301 cafe\u0301", 5, []string{"cafe\u0301", "cafe\u0301"}},
		{"a combining mark stays when a word is broken", "e\u0301e\u0301e\u0301e\u0301", 3, []string{"e\u0301e\u0301e\u0301", "e\u0301"}},
		{"a zero-width space is a break", "verylong\u200bword", 9, []string{"verylong\u200b", "word"}},
		{"a wide character wider than the line gets a line of its own", "決a", 1, []string{"決", "a"}},

		// Kinsoku: what may not start or end a line.
		{"a line does not start with 。: the character before it comes along",
			"レイテンシは改善した。次回も確認する。", 20, []string{"レイテンシは改善し", "た。次回も確認する。"}},
		{"a line does not start with 、", "数字は、よい", 6, []string{"数字", "は、よ", "い"}},
		{"a line does not end with 「", "決済チームの「眺める会」", 14, []string{"決済チームの", "「眺める会」"}},
		{"a line does not start with 」", "「眺める会」です", 10, []string{"「眺める", "会」です"}},
		{"a line does not start with a small kana", "チェックする", 6, []string{"チェッ", "クする"}},
		{"a line does not start with ュ or ー", "スケジュール", 6, []string{"スケ", "ジュー", "ル"}},
		{"a line does not start with ー", "サーバー", 6, []string{"サー", "バー"}},
		{"a line does not start with …", "改善した……", 8, []string{"改善し", "た……"}},
		{"a line does not start with ！ or ？", "本当！？", 6, []string{"本", "当！？"}},
		{"a line does not end with （", "値は（単位）", 6, []string{"値は", "（単", "位）"}},
		{"a line does not end with “", "彼は“はい”と", 5, []string{"彼は", "“は", "い”と"}},
		{"ASCII punctuation after Japanese does not start a line", "確認する!", 8, []string{"確認す", "る!"}},
		{"a closing mark after a space does not start a line", "aa bb 。", 6, []string{"aa", "bb 。"}},
		{"a word is not broken to keep a closing mark off a line's start", "aaaa 。", 5, []string{"aaaa", "。"}},
		{"when nothing else fits, the rule gives way to the margin", "た。", 2, []string{"た", "。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text.Wrap(tt.in, tt.w)
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			checkWrap(t, text.Measure{}, tt.in, tt.w, got)
		})
	}
}

func TestWrapAmbiguousWide(t *testing.T) {
	got := wide.Wrap("○○○ ※注意", 6)
	want := []string{"○○○", "※注意"}
	if !slices.Equal(got, want) {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	// Ambiguous characters are wide there but still letters: Greek is not
	// broken between its letters.
	got = wide.Wrap("αβγ δεζ", 8)
	want = []string{"αβγ", "δεζ"}
	if !slices.Equal(got, want) {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	checkWrap(t, wide, "○○○ ※注意", 6, wide.Wrap("○○○ ※注意", 6))
}

func TestWrapIndent(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		w      int
		indent string
		want   []string
	}{
		{"continuation lines are indented", "error: cannot reach Prometheus at localhost", 20, "  ",
			[]string{"error: cannot reach", "  Prometheus at", "  localhost"}},
		{"Japanese continuation lines are indented and fit", "レイテンシは改善した。次回も確認する。", 20, "  ",
			[]string{"レイテンシは改善し", "  た。次回も確認す", "  る。"}},
		{"every paragraph starts without the indent", "aaa bbb\nccc ddd", 5, "  ",
			[]string{"aaa", "  bbb", "ccc", "  ddd"}},
		{"an indent as wide as the line is left out", "aa bb", 2, "  ", []string{"aa", "bb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text.WrapIndent(tt.in, tt.w, tt.indent)
			if !slices.Equal(got, tt.want) {
				t.Errorf("WrapIndent(%q, %d, %q) = %q, want %q", tt.in, tt.w, tt.indent, got, tt.want)
			}
		})
	}
}

// Kinsoku holds at every width where the rules can be kept: no line starts
// with a closing mark or ends with an opening one.
func TestWrapKinsokuAtEveryWidth(t *testing.T) {
	const noStart = "、。，．）」』】〕〉》〙〗〟’”ー…‥ゃゅょっァィゥェォッャュョ！？"
	const noEnd = "（「『【〔〈《〘〖〝‘“"
	for _, s := range []string{
		"レイテンシは改善した。次回も確認する。",
		"「決済チーム」の会議では、p95（ミリ秒）が改善したと報告された……次回も確認する！？",
		"『ジョブキュー』のチェックポイントはスケジュールどおり。ショートカット、ファイル。",
	} {
		for w := 1; w <= text.Width(s)+1; w++ {
			lines := text.Wrap(s, w)
			checkWrap(t, text.Measure{}, s, w, lines)
			if w < 10 {
				continue // the longest run that may not be broken is 8 cells
			}
			for i, l := range lines {
				r := []rune(l)
				if i > 0 && len(r) > 1 && strings.ContainsRune(noStart, r[0]) {
					t.Errorf("Wrap(%q, %d) line %d starts with %q: %q", s, w, i, r[0], lines)
				}
				if i < len(lines)-1 && len(r) > 1 && strings.ContainsRune(noEnd, r[len(r)-1]) {
					t.Errorf("Wrap(%q, %d) line %d ends with %q: %q", s, w, i, r[len(r)-1], lines)
				}
			}
		}
	}
}

// checkWrap checks what holds for every wrap: each line fits (when w ≥ 2),
// and the lines hold every character of s but spaces, in order.
func checkWrap(t *testing.T, m text.Measure, s string, w int, lines []string) {
	t.Helper()
	for i, l := range lines {
		if w >= 2 && m.Width(l) > w {
			t.Errorf("Wrap(%q, %d) line %d %q is %d cells", s, w, i, l, m.Width(l))
		}
		if strings.Contains(l, "\n") {
			t.Errorf("Wrap(%q, %d) line %d %q holds a newline", s, w, i, l)
		}
	}
	var got []rune
	for _, l := range lines {
		got = append(got, withoutSpaces(l)...)
	}
	if want := withoutSpaces(s); !slices.Equal(got, want) {
		t.Errorf("Wrap(%q, %d) = %q lost characters: %q, want %q", s, w, lines, string(got), string(want))
	}
	if got, want := len(lines), strings.Count(s, "\n")+1; got < want {
		t.Errorf("Wrap(%q, %d) gave %d lines for %d paragraphs", s, w, got, want)
	}
}

// withoutSpaces is the runes of s but spaces and newlines, each byte that is
// not UTF-8 a U+FFFD of its own (joining lines could make two such bytes one
// character).
func withoutSpaces(s string) []rune {
	var out []rune
	for _, r := range s {
		if r != ' ' && r != '\n' {
			out = append(out, r)
		}
	}
	return out
}
