package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listLines lays out a list of items, each itemH lines, in at most h
// lines: all of them when they fit, else the window around item cur with a
// line above and below that says how many more there are, so nobody
// wonders whether the 12 names shown are everyone.
func listLines(st Styles, items []string, cur, itemH, h int) string {
	n := len(items)
	if n*itemH <= h {
		return strings.Join(items, "\n")
	}
	// One line for a marker when the window is at an end, two between.
	fit := max(1, (h-1)/itemH)
	first, last := visibleRange(n, cur, fit)
	if first > 0 && last < n {
		fit = max(1, (h-2)/itemH)
		first, last = visibleRange(n, cur, fit)
	}
	var b []string
	if first > 0 {
		b = append(b, st.Subtle.Render(fmt.Sprintf("  ↑ %d more", first)))
	}
	b = append(b, items[first:last]...)
	if last < len(items) {
		b = append(b, st.Subtle.Render(fmt.Sprintf("  ↓ %d more", len(items)-last)))
	}
	return strings.Join(b, "\n")
}

// visibleRange is the window of n rows of height h that keeps row cur in
// view.
func visibleRange(n, cur, h int) (int, int) {
	if n <= h {
		return 0, n
	}
	first := min(max(0, cur-h/2), n-h)
	return first, first + h
}

// moveRow moves a list's cursor for a key: up, down, first, last; ok is
// false when the key is none of them.
func (a *app) moveRow(k tea.KeyPressMsg, row, n int) (int, bool) {
	km := a.keys
	switch {
	case key.Matches(k, km.Up):
		return max(0, row-1), true
	case key.Matches(k, km.Down):
		return max(0, min(n-1, row+1)), true
	case key.Matches(k, km.First):
		return 0, true
	case key.Matches(k, km.Last):
		return max(0, n-1), true
	}
	return row, false
}
