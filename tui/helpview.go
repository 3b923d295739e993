package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/text"
)

// wide measures the way a terminal set up for Chinese, Japanese or Korean
// does (East Asian Ambiguous characters such as → and · take two cells).
// The footer's keys are laid out by it, so the line fits either way.
var wide = text.Measure{AmbiguousWide: true}

// helpGap separates the footer's entries.
const helpGap = "  "

// footerKeys is the footer's line of keys for h, at most w cells wide
// however the terminal counts arrows: when the line is too long, the
// entries of lowest priority (the last ones) drop first, but never the
// help and quit keys, so "? help" and "q quit" are always there.
func footerKeys(st Styles, km KeyMap, h help.KeyMap, w int) string {
	var entries []key.Binding
	for _, b := range h.ShortHelp() {
		if b.Enabled() && b.Help().Key != "" {
			entries = append(entries, b)
		}
	}
	render := func(bs []key.Binding) string {
		parts := make([]string, len(bs))
		for i, b := range bs {
			parts[i] = st.HelpKey.Render(b.Help().Key) + " " + st.HelpDesc.Render(b.Help().Desc)
		}
		return strings.Join(parts, helpGap)
	}
	for len(entries) > 0 && wide.Width(render(entries)) > w {
		drop := -1
		for i := len(entries) - 1; i >= 0; i-- {
			if !km.pinned(entries[i]) {
				drop = i
				break
			}
		}
		if drop < 0 {
			break
		}
		entries = append(entries[:drop], entries[drop+1:]...)
	}
	return wide.Clip(render(entries), w)
}

// keyColumns lays out the full help's groups as columns of "key  what"
// lines, side by side while they fit in w cells, in more rows of columns
// when they do not.
func keyColumns(st Styles, groups [][]key.Binding, w int) string {
	var cols []string
	for _, g := range groups {
		keyW := 0
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, text.Width(b.Help().Key))
			}
		}
		var lines []string
		for _, b := range g {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			// Padded as lipgloss counts (the common terminal); the column is
			// measured wide so it fits either way.
			lines = append(lines, st.HelpKey.Render(text.PadRight(b.Help().Key, keyW))+"  "+st.HelpDesc.Render(b.Help().Desc))
		}
		if len(lines) > 0 {
			cols = append(cols, strings.Join(lines, "\n"))
		}
	}
	const gap = "    "
	var rows []string
	var row []string
	rowW := 0
	for _, c := range cols {
		cw := wide.Width(c)
		if len(row) > 0 && rowW+len(gap)+cw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			row = append(row, gap)
			rowW += len(gap)
		}
		row = append(row, c)
		rowW += cw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

// overlay draws body in a bordered box centred in w×h, never larger: the
// box pads less on small screens, wraps nothing (the caller wraps to
// overlayInner), and cuts what does not fit, saying so.
func overlay(st Styles, body string, w, h int) string {
	box := st.Overlay
	if h < 30 || w < 100 {
		box = box.Padding(0, 1)
	}
	innerW := w - box.GetHorizontalFrameSize()
	innerH := h - box.GetVerticalFrameSize()
	lines := strings.Split(body, "\n")
	if len(lines) > innerH {
		lines = append(lines[:innerH-1], st.Subtle.Render("(more: make the terminal taller)"))
	}
	for i, l := range lines {
		lines[i] = wide.Clip(l, innerW)
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box.Render(strings.Join(lines, "\n")))
}

// overlayInner is how wide the text inside an overlay of w×h may be.
func overlayInner(st Styles, w, h int) int {
	box := st.Overlay
	if h < 30 || w < 100 {
		box = box.Padding(0, 1)
	}
	return w - box.GetHorizontalFrameSize()
}

// wrapped wraps plain text to w cells and styles each line.
func wrapped(style lipgloss.Style, s string, w int) string {
	lines := text.Wrap(s, w)
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}
