package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/text"
)

// TestRenderMarkdownOfTheMinutes draws the full minutes of the minutes'
// golden test at 80 and 60 columns: no line is wider than the screen,
// Markdown's escapes and markers are gone, tables line up, charts stay.
func TestRenderMarkdownOfTheMinutes(t *testing.T) {
	md, err := os.ReadFile("../sessions/minutes/testdata/TestMinutesOfAFullMeeting/markdown.golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{80, 60} {
		out := ansi.Strip(renderMarkdown(string(md), w, NewStyles(true)))
		for i, l := range strings.Split(out, "\n") {
			if text.Width(l) > w {
				t.Errorf("width %d: line %d is %d cells: %q", w, i+1, text.Width(l), l)
			}
		}
		for _, gone := range []string{"\\#", "**", "| ---", "```", "<https:"} {
			if strings.Contains(out, gone) {
				t.Errorf("width %d: %q is still shown", w, gone)
			}
		}
		for _, kept := range []string{"Share the minutes in #checkout — Aiko", "[ ] Alert on pool saturation", "┤", "p95 regressed after the *14:10* deploy | pool size"} {
			if !strings.Contains(out, kept) {
				t.Errorf("width %d: %q is missing:\n%s", w, kept, out)
			}
		}
		if w == 80 {
			golden.RequireEqual(t, []byte(out))
		}
	}
}

func TestRenderMarkdownWrapsJapanese(t *testing.T) {
	md := "## 決済チームの眺める会\n\nレイテンシは改善した。次回もプールのサイズを確認する。**重要**な点は、デプロイの後に上がったこと。\n\n- [ ] 接続プールの監視を追加する — 佐藤\n"
	out := ansi.Strip(renderMarkdown(md, 24, NewStyles(false)))
	for _, l := range strings.Split(out, "\n") {
		if text.Width(l) > 24 {
			t.Errorf("%q is %d cells wide", l, text.Width(l))
		}
		if strings.HasPrefix(strings.TrimSpace(l), "。") || strings.HasPrefix(strings.TrimSpace(l), "、") {
			t.Errorf("a line starts with closing punctuation: %q", l)
		}
	}
	if !strings.Contains(out, "重要") || strings.Contains(out, "**") {
		t.Errorf("bold lost or markers left:\n%s", out)
	}
}
