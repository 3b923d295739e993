package minutes

import (
	"regexp"
	"strings"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

var urlPattern = regexp.MustCompile(`https?://[^\s<>()\[\]|*` + "`" + `]+[^\s<>()\[\]|*.,;:!?'"` + "`" + `]`)

// mdInline renders one line of people's text as Markdown that reads back as
// the same text: characters Markdown would take for syntax are escaped and
// web addresses become autolinks.
func mdInline(s string) string {
	s = agenda.CleanLine(s)
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(s, -1) {
		b.WriteString(mdEscape(s[last:m[0]]))
		b.WriteString("<" + s[m[0]:m[1]] + ">")
		last = m[1]
	}
	b.WriteString(mdEscape(s[last:]))
	return b.String()
}

// mdEscape backslash-escapes the characters that start Markdown syntax
// anywhere in a line.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdBlock renders multi-line text (notes) as Markdown blocks: lines that
// begin with "- " or "* " become list items, other lines paragraphs (lines
// of one paragraph keep their breaks), blank lines separate blocks. Returns
// blocks already separated by blank lines.
func mdBlock(s string) string {
	lines := strings.Split(agenda.CleanText(s), "\n")
	var blocks []string
	var cur []string
	curList := false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if curList {
			blocks = append(blocks, strings.Join(cur, "\n"))
		} else {
			blocks = append(blocks, strings.Join(cur, "\\\n"))
		}
		cur = nil
	}
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		isItem := strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ")
		if isItem != curList {
			flush()
			curList = isItem
		}
		if isItem {
			cur = append(cur, "- "+mdInline(strings.TrimSpace(line[2:])))
		} else {
			cur = append(cur, mdLineStart(mdInline(line)))
		}
	}
	flush()
	return strings.Join(blocks, "\n\n")
}

// mdLineStart escapes what would make a paragraph line a list, heading,
// quote or rule: "+ x", "1. x", "---", "=".
func mdLineStart(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "- "), strings.HasPrefix(s, "="), strings.HasPrefix(s, "---"):
		return "\\" + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// mdCell renders text for a table cell: one line, pipes escaped.
func mdCell(s string) string {
	out := mdInline(s)
	if out == "" {
		return " "
	}
	return out
}

// MarkdownInline renders one line of people's text as Markdown that reads
// back as the same text (for lists other commands print).
func MarkdownInline(s string) string { return mdInline(s) }
