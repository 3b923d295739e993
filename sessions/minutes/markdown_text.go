package minutes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nagame-dev/nagame/text"
)

// mdInline renders one line of people's text as Markdown that reads back as
// the same text: characters Markdown would take for syntax are escaped and
// addresses become links (see autolinks), so that no address is left bare
// (markdownlint's MD034) and none is cut short.
func mdInline(s string) string {
	s = text.Line(s)
	var b strings.Builder
	last := 0
	for _, l := range autolinks(s) {
		b.WriteString(mdEscape(s[last:l.start]))
		b.WriteString(l.markdown)
		last = l.end
	}
	b.WriteString(mdEscape(s[last:]))
	return b.String()
}

// link is an address found in people's text: s[start:end], and how the
// minutes write it.
type link struct {
	start, end int
	markdown   string
}

// autolinks finds the addresses in one line of text, as GitHub's own
// autolinking finds them, and says how to write each so that it renders as
// the link GitHub would make of it without relying on that extension:
//
//   - http:// and https:// addresses become autolinks, <https://…>;
//   - e-mail addresses become e-mail autolinks, <aiko@example.com>, when
//     CommonMark's grammar for those takes them, else their @ is escaped;
//   - www. addresses become links that show what was typed:
//     [www.example.com](https://www.example.com).
//
// An address ends at white space, at < > | ` \ " and at Japanese
// punctuation; trailing punctuation (.,:;!?*_~'") is not part of it, nor is
// a closing parenthesis without its opening one, so "(see
// https://en.wikipedia.org/wiki/Apdex_(metric))" links the whole article
// name and leaves the outer parenthesis as text.
func autolinks(s string) []link {
	var out []link
	for i := 0; i < len(s); {
		if l, ok := linkAt(s, i); ok {
			out = append(out, l)
			i = l.end
			continue
		}
		i++
	}
	return out
}

// linkAt returns the address starting at s[i], if there is one. Each kind
// starts only after a character that cannot be part of a longer word or
// address of its kind (as GitHub and markdownlint see them, or more
// eagerly: linking too much is harmless, leaving one bare is not).
func linkAt(s string, i int) (link, bool) {
	var prev byte = ' '
	if i > 0 {
		prev = s[i-1]
	}
	rest := s[i:]
	if !isAlpha(prev) {
		for _, scheme := range []string{"https://", "http://"} {
			if len(rest) > len(scheme) && strings.EqualFold(rest[:len(scheme)], scheme) {
				end := addressEnd(s, i, i+len(scheme))
				if !validHost(s[i+len(scheme):end], false) {
					return link{}, false
				}
				return link{start: i, end: end, markdown: "<" + s[i:end] + ">"}, true
			}
		}
	}
	if len(rest) > 4 && strings.EqualFold(rest[:4], "www.") && !isAlnum(prev) && strings.IndexByte("./@-_", prev) < 0 {
		end := addressEnd(s, i, i+4)
		if !validHost(s[i:end], true) {
			return link{}, false
		}
		addr := s[i:end]
		return link{start: i, end: end, markdown: "[" + mdEscape(addr) + "](https://" + addr + ")"}, true
	}
	if isAlnum(prev) || strings.IndexByte("._%+-/@", prev) >= 0 {
		return link{}, false
	}
	if end, ok := emailEnd(s, i); ok {
		addr := s[i:end]
		if at := strings.IndexByte(addr, '@'); strings.Contains(addr[at:], "_") {
			// CommonMark's e-mail autolinks take no _ in the domain: say it
			// literally, with the @ escaped so nothing links it half.
			return link{start: i, end: end, markdown: mdEscape(addr[:at]) + "\\@" + mdEscape(addr[at+1:])}, true
		}
		return link{start: i, end: end, markdown: "<" + addr + ">"}, true
	}
	return link{}, false
}

// addressEnd is where the address that starts at s[start] ends, scanning
// from s[from] (past its scheme).
func addressEnd(s string, start, from int) int {
	end := from
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if addressStop(r) {
			break
		}
		end += size
	}
	for end > from {
		c := s[end-1]
		switch {
		case strings.IndexByte(".,:;!?*_~'\"", c) >= 0:
			end--
			continue
		case c == ')' && strings.Count(s[start:end], ")") > strings.Count(s[start:end], "("):
			end--
			continue
		}
		break
	}
	return end
}

// addressStop reports the characters an address never holds.
func addressStop(r rune) bool {
	switch {
	case unicode.IsSpace(r), unicode.IsControl(r):
		return true
	case strings.ContainsRune("<>|`\\\"", r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF: // 。、「」 and fullwidth forms
		return true
	}
	return false
}

// validHost reports whether the address (after its scheme) begins with a
// host name: letters, digits, - and _ in labels separated by dots, with at
// least one dot when dotted is set (www.x).
func validHost(addr string, dotted bool) bool {
	host := addr
	if i := strings.IndexAny(host, "/?#:"); i >= 0 {
		host = host[:i]
	}
	if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return false
	}
	labels := strings.Split(host, ".")
	if dotted && len(labels) < 2 || len(labels) > 1 && labels[len(labels)-1] == "" {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
		for _, r := range l {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
				return false
			}
		}
	}
	return true
}

// emailEnd returns the end of an e-mail address starting at s[i]: a local
// part of letters, digits and . _ % + -, an @, and a domain of at least two
// labels of letters, digits, - and _ (not ending in either), as GitHub
// recognises them.
func emailEnd(s string, i int) (int, bool) {
	j := i
	for j < len(s) && (isAlnum(s[j]) || strings.IndexByte("._%+-", s[j]) >= 0) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return 0, false
	}
	end, labels := 0, 0 // end of the last whole label
	for k := j + 1; ; k++ {
		from := k
		for k < len(s) && (isAlnum(s[k]) || s[k] == '-' || s[k] == '_') {
			k++
		}
		if k == from || s[k-1] == '-' || s[k-1] == '_' {
			break
		}
		labels, end = labels+1, k
		if k+1 >= len(s) || s[k] != '.' || !isAlnum(s[k+1]) {
			break
		}
	}
	if labels < 2 {
		return 0, false
	}
	return end, true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }

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
	lines := strings.Split(text.Clean(s), "\n")
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
