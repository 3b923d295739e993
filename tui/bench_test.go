package tui

import (
	"strings"
	"testing"
)

// BenchmarkPanelView is the panel screen's View at 120×40 with its data
// loaded and a 2,000-character note: what every keystroke costs on screen.
// Target: < 1 ms/op.
func BenchmarkPanelView(b *testing.B) {
	m, _ := newApp(b, 120, 40, appOptions{})
	keys(m, "enter", "tab")
	note := strings.Repeat("p95 went up after the deploy; the pool fix helped. ", 40)[:2000]
	m.panel.notes.SetValue(note)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkTypingInNotes is a whole keystroke in a 2,000-character note:
// Update (which re-renders the text box and journals nothing until the
// debounce) and View.
func BenchmarkTypingInNotes(b *testing.B) {
	m, _ := newApp(b, 120, 40, appOptions{})
	keys(m, "enter", "tab")
	m.panel.notes.SetValue(strings.Repeat("p95 went up after the deploy; the pool fix helped. ", 40)[:2000])
	b.ReportAllocs()
	for b.Loop() {
		m.Update(press("x"))
		_ = m.View()
	}
}
