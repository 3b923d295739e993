package importer

import (
	"regexp"
	"strings"
)

// A ratio is how dashboards show errors as a share: errors / requests,
// often as a percentage. splitRatio finds the two sides of one in a
// Datadog formula ("query1 / query2", "100 * a / b", "(a / b) * 100") or a
// PromQL expression. nagame computes the share itself, so the factor of 100
// is dropped; scaled reports whether there was one.

// splitRatio returns num and den of expr when expr is num / den, maybe
// times 100 and maybe in parentheses.
func splitRatio(expr string) (num, den string, scaled, ok bool) {
	e := unwrap(strings.TrimSpace(expr))
	for range 4 {
		parts := splitTop(e)
		for i, p := range parts {
			if !isHundred(p.text) || len(parts) < 2 {
				continue
			}
			if i == 0 && parts[1].op == '*' {
				parts = parts[1:]
				parts[0].op = 0
			} else if i > 0 && p.op == '*' {
				parts = append(parts[:i:i], parts[i+1:]...)
			} else {
				continue
			}
			scaled = true
			break
		}
		switch {
		case len(parts) == 1 && wrapped(parts[0].text):
			e = unwrap(parts[0].text)
			continue
		case len(parts) == 2 && parts[1].op == '/':
			num, den = unwrap(parts[0].text), unwrap(parts[1].text)
			if num == "" || den == "" || vectorMatching.MatchString(den) {
				return "", "", false, false
			}
			return num, den, scaled, true
		}
		return "", "", false, false
	}
	return "", "", false, false
}

var vectorMatching = regexp.MustCompile(`^(on|ignoring|group_left|group_right|bool)\b`)

func isHundred(s string) bool {
	s = strings.TrimSpace(s)
	return s == "100" || s == "100.0"
}

// term is an operand of a top-level expression and the operator before it
// (0 for the first).
type term struct {
	text string
	op   byte
}

// splitTop splits e at its top-level arithmetic operators: outside
// parentheses, braces, brackets and string literals. A sign that follows an
// operator or starts e belongs to its operand.
func splitTop(e string) []term {
	var out []term
	depth, start := 0, 0
	var quote, op byte
	for i := 0; i < len(e); i++ {
		c := e[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '{' || c == '[':
			depth++
		case c == ')' || c == '}' || c == ']':
			depth--
		case depth == 0 && strings.IndexByte("*/+-", c) >= 0:
			text := strings.TrimSpace(e[start:i])
			if text == "" || (c == '-' || c == '+') && isExponent(e[:i]) {
				continue
			}
			out = append(out, term{text, op})
			op, start = c, i+1
		}
	}
	return append(out, term{strings.TrimSpace(e[start:]), op})
}

// isExponent reports whether s ends in a number's "1e" (so a sign after it
// is the exponent's).
func isExponent(s string) bool {
	n := len(s)
	return n >= 2 && (s[n-1] == 'e' || s[n-1] == 'E') && s[n-2] >= '0' && s[n-2] <= '9'
}

// wrapped reports whether e is one parenthesised group: "(a / b)".
func wrapped(e string) bool {
	if len(e) < 2 || e[0] != '(' || e[len(e)-1] != ')' {
		return false
	}
	depth := 0
	for i := 0; i < len(e); i++ {
		switch e[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i < len(e)-1 {
				return false
			}
		}
	}
	return true
}

// unwrap removes parentheses around the whole of e.
func unwrap(e string) string {
	for wrapped(e) {
		e = strings.TrimSpace(e[1 : len(e)-1])
	}
	return e
}
