package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/text"
)

// renderMarkdown draws nagame's own minutes for the terminal: the subset of
// Markdown they are written in (headings, paragraphs with hard breaks, task
// lists, pipe tables, fenced charts, quotes, and bold, emphasis, strike,
// code and autolinks inline), wrapped by display width so Japanese text
// wraps between characters. It is ours rather than a general renderer's: the
// minutes are the only Markdown the app shows, and a general renderer (and
// its syntax highlighter) costs tens of milliseconds at every start.
func renderMarkdown(md string, width int, st Styles) string {
	width = max(20, width)
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var out []string
	for i := 0; i < len(lines); {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			i++
		case strings.HasPrefix(l, "```"):
			i++
			for i < len(lines) && !strings.HasPrefix(lines[i], "```") {
				out = append(out, text.Clip(lines[i], width))
				i++
			}
			i++
		case strings.HasPrefix(l, "#"):
			out = append(out, heading(l, width, st)...)
			i++
		case strings.HasPrefix(l, "|"):
			var rows []string
			for i < len(lines) && strings.HasPrefix(lines[i], "|") {
				rows = append(rows, lines[i])
				i++
			}
			out = append(out, table(rows, width, st)...)
		case strings.HasPrefix(l, "- "):
			out = append(out, listItem(l[2:], width, st)...)
			i++
		case strings.HasPrefix(l, "> "):
			for _, w := range wrapInline(l[2:], width-2, st.Prompt) {
				out = append(out, "  "+w)
			}
			i++
		default:
			// A paragraph: lines ending in a backslash break there; the
			// others join with a space.
			var para []string
			cur := ""
			for i < len(lines) && strings.TrimSpace(lines[i]) != "" && !blockStart(lines[i]) {
				t := lines[i]
				if strings.HasSuffix(t, "\\") {
					para = append(para, cur+strings.TrimSuffix(t, "\\"))
					cur = ""
				} else {
					cur += t + " "
				}
				i++
			}
			if strings.TrimSpace(cur) != "" {
				para = append(para, strings.TrimSpace(cur))
			}
			for _, p := range para {
				out = append(out, wrapInline(p, width, lipgloss.NewStyle())...)
			}
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

func blockStart(l string) bool {
	for _, p := range []string{"```", "#", "|", "- ", "> "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

func heading(l string, width int, st Styles) []string {
	level := len(l) - len(strings.TrimLeft(l, "#"))
	body := strings.TrimSpace(l[level:])
	style := st.Section
	switch level {
	case 1:
		style = st.Title.Foreground(st.AccentColor)
	case 2:
		style = st.Section.Underline(true)
	}
	return wrapInline(body, width, style)
}

func listItem(body string, width int, st Styles) []string {
	mark := "• "
	switch {
	case strings.HasPrefix(body, "[ ] "):
		mark, body = "[ ] ", body[4:]
	case strings.HasPrefix(body, "[x] "):
		mark, body = st.OK.Render("[x]")+" ", body[4:]
	}
	ind := strings.Repeat(" ", text.Width(mark))
	var out []string
	for i, w := range wrapInline(body, width-text.Width(mark), lipgloss.NewStyle()) {
		if i == 0 {
			out = append(out, mark+w)
		} else {
			out = append(out, ind+w)
		}
	}
	return out
}

// table lays out a pipe table: columns as wide as their widest cell, the
// widest shrunk (its cells wrapped) until the table fits.
func table(rows []string, width int, st Styles) []string {
	var cells [][]string
	for i, r := range rows {
		if i == 1 && strings.Trim(r, "|-: ") == "" {
			continue // the header rule
		}
		cells = append(cells, splitRow(r))
	}
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	widths := make([]int, n)
	for _, c := range cells {
		for j, v := range c {
			widths[j] = max(widths[j], text.Width(v))
		}
	}
	const gap = 2
	for total(widths)+gap*(n-1) > width {
		j := 0
		for k := range widths {
			if widths[k] > widths[j] {
				j = k
			}
		}
		if widths[j] <= 6 {
			break
		}
		widths[j]--
	}
	var out []string
	for i, c := range cells {
		// A cell wider than its column wraps onto more lines of its row.
		wrapped := make([][]string, n)
		height := 1
		for j := range wrapped {
			v := ""
			if j < len(c) {
				v = c[j]
			}
			wrapped[j] = text.Wrap(v, widths[j])
			height = max(height, len(wrapped[j]))
		}
		for k := 0; k < height; k++ {
			parts := make([]string, n)
			for j := range parts {
				v := ""
				if k < len(wrapped[j]) {
					v = wrapped[j][k]
				}
				if j < n-1 {
					v = text.PadRight(v, widths[j])
				}
				if i == 0 {
					v = st.Label.Render(v)
				}
				parts[j] = v
			}
			out = append(out, strings.TrimRight(strings.Join(parts, strings.Repeat(" ", gap)), " "))
		}
		if i == 0 {
			out = append(out, st.Faint.Render(strings.Repeat("-", min(width, total(widths)+gap*(n-1)))))
		}
	}
	return out
}

func total(ws []int) int {
	t := 0
	for _, w := range ws {
		t += w
	}
	return t
}

// splitRow splits "| a | b \| c |" into its cells, unescaped and inline
// markup removed (a table cell is read, not styled).
func splitRow(r string) []string {
	r = strings.TrimSpace(r)
	r = strings.TrimPrefix(r, "|")
	r = strings.TrimSuffix(r, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\\' && i+1 < len(r) && r[i+1] == '|':
			cur.WriteByte('|')
			i++
		case r[i] == '|':
			cells = append(cells, plainInline(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(r[i])
		}
	}
	return append(cells, plainInline(cur.String()))
}

// span is a run of inline text in one style.
type span struct {
	text                       string
	bold, em, strike, code, ul bool
}

// parseInline reads bold, emphasis, strike, code, autolinks and backslash
// escapes.
func parseInline(s string) []span {
	var out []span
	var cur strings.Builder
	var bold, em, strike bool
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, span{text: cur.String(), bold: bold, em: em, strike: strike})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]<>|~#+-.!()", s[i+1]) >= 0:
			cur.WriteByte(s[i+1])
			i++
		case strings.HasPrefix(s[i:], "**"):
			flush()
			bold = !bold
			i++
		case strings.HasPrefix(s[i:], "~~"):
			flush()
			strike = !strike
			i++
		case c == '*':
			flush()
			em = !em
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				flush()
				out = append(out, span{text: s[i+1 : i+1+j], code: true})
				i += j + 1
			} else {
				cur.WriteByte(c)
			}
		case c == '<':
			if j := strings.IndexByte(s[i+1:], '>'); j >= 0 && strings.Contains(s[i+1:i+1+j], ":") {
				flush()
				out = append(out, span{text: s[i+1 : i+1+j], ul: true})
				i += j + 1
			} else {
				cur.WriteByte(c)
			}
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

func plainInline(s string) string {
	var b strings.Builder
	for _, sp := range parseInline(strings.TrimSpace(s)) {
		b.WriteString(sp.text)
	}
	return b.String()
}

// wrapInline wraps one paragraph of inline Markdown to width and styles
// each wrapped line's runs.
func wrapInline(s string, width int, base lipgloss.Style) []string {
	spans := parseInline(s)
	var plain strings.Builder
	starts := make([]int, len(spans))
	for i, sp := range spans {
		starts[i] = plain.Len()
		plain.WriteString(sp.text)
	}
	p := plain.String()
	var out []string
	at := 0
	for _, line := range text.Wrap(p, max(1, width)) {
		off := strings.Index(p[at:], line)
		if off < 0 {
			out = append(out, base.Render(line))
			continue
		}
		from := at + off
		to := from + len(line)
		at = to
		var b strings.Builder
		for i, sp := range spans {
			a, z := max(from, starts[i]), min(to, starts[i]+len(sp.text))
			if a >= z {
				continue
			}
			style := base
			if sp.bold {
				style = style.Bold(true)
			}
			if sp.em {
				style = style.Italic(true)
			}
			if sp.strike {
				style = style.Strikethrough(true)
			}
			if sp.ul {
				style = style.Underline(true)
			}
			if sp.code {
				style = style.Bold(true)
			}
			b.WriteString(style.Render(p[a:z]))
		}
		out = append(out, b.String())
	}
	return out
}
