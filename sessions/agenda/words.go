package agenda

import (
	"strconv"
	"strings"
)

// quote writes s as messages show values: "latency".
func quote(s string) string { return strconv.Quote(s) }

// clip shortens a value echoed in a message, so that a pasted blob does
// not flood the terminal.
func clip(s string) string {
	const limit = 60
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return string(r[:limit-1]) + "…"
}

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
