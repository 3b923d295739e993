package agenda

import (
	"strings"

	"github.com/nagame-dev/nagame/text"
)

// maxEcho is how many cells of a value a message echoes.
const maxEcho = 60

// quote writes a value from the file as messages show it: "latency", on
// one clean line (an escape sequence in the file is not replayed on the
// terminal), clipped with the size of the whole when it is long, so that a
// pasted blob does not flood the terminal: "SELECT …" (900 KB).
func quote(s string) string { return text.Quote(s, maxEcho) }

// joinOr lists choices for a hint: "a, b or c".
func joinOr(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// whereOf is the mapping a field belongs to, for messages.
func whereOf(f field) string {
	if f.where == "" {
		return "the agenda"
	}
	return f.where
}
