package prometheus

import (
	"strings"
	"time"
	"unicode"

	"github.com/prometheus/common/model"
)

// What nagame needs to know about a panel's PromQL, found without a full
// parser (the prometheus/prometheus module is far too big a dependency):
// the ranges it reads ([5m]), whether it is a plain selector, and a metric
// name to label an ungrouped result with. The scanner skips string literals
// and comments, which is where a regexp would trip (a label matcher like
// path=~"/a[0-9]" is not a range).

// exprFacts is what scanning an expression found.
type exprFacts struct {
	// ranges are the distinct durations of range selectors ([5m]), not of
	// subqueries ([1h:1m]), in order of appearance.
	ranges []time.Duration
	// selector is true when the whole expression is one vector selector
	// (metric, metric{…} or {…}) with no function, operator or modifier.
	selector bool
	// metric is the first metric name the expression selects, or "".
	metric string
}

// promqlWords are identifiers that never name a metric when they stand
// outside a call: keywords, operators and number literals.
var promqlWords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
	"bool": true, "offset": true, "and": true, "or": true, "unless": true, "atan2": true,
	"inf": true, "nan": true,
}

// labelListWords are followed by a parenthesised list of label names.
var labelListWords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
}

// aggregations may be written "sum by (le) (…)": the name is not followed by
// "(" and still is no metric.
var aggregations = map[string]bool{
	"sum": true, "min": true, "max": true, "avg": true, "group": true, "stddev": true, "stdvar": true,
	"count": true, "count_values": true, "bottomk": true, "topk": true, "quantile": true,
	"limitk": true, "limit_ratio": true,
}

// scanExpr walks expr once.
func scanExpr(expr string) exprFacts {
	var f exprFacts
	r := []rune(expr)
	tokens := 0        // top-level tokens seen, for the selector test
	selectorOK := true // no token so far rules a plain selector out
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '#':
			for i < len(r) && r[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'' || c == '`':
			i = skipString(r, i)
			selectorOK = false
			tokens++
		case c == '{':
			i = skipBraces(r, i)
			// A selector is "metric{…}" or "{…}": the braces are its first or
			// second token.
			if tokens > 1 {
				selectorOK = false
			}
			tokens++
		case c == '[':
			j := i + 1
			for j < len(r) && r[j] != ']' {
				j++
			}
			if body := strings.TrimSpace(string(r[i+1 : min(j, len(r))])); !strings.Contains(body, ":") {
				if d, err := model.ParseDuration(body); err == nil && d > 0 {
					f.addRange(time.Duration(d))
				}
			}
			i = min(j+1, len(r))
			selectorOK = false
			tokens++
		case c >= '0' && c <= '9' || c == '.':
			i = skipNumber(r, i)
			selectorOK = false
			tokens++
		case isIdentStart(c):
			j := i
			for j < len(r) && isIdentChar(r[j]) {
				j++
			}
			word := strings.ToLower(string(r[i:j]))
			k := skipSpace(r, j)
			next := rune(0)
			if k < len(r) {
				next = r[k]
			}
			switch {
			case labelListWords[word] && next == '(':
				// by (le), on (instance): label names, not metrics.
				j = skipParens(r, k)
			case f.metric == "" && next != '(' && !promqlWords[word] && !aggregations[word]:
				f.metric = string(r[i:j])
			}
			if tokens > 0 || next == '(' || promqlWords[word] || aggregations[word] {
				selectorOK = false
			}
			tokens++
			i = j
		default:
			selectorOK = false
			tokens++
			i++
		}
	}
	f.selector = selectorOK && tokens > 0 && tokens <= 2
	return f
}

func (f *exprFacts) addRange(d time.Duration) {
	for _, have := range f.ranges {
		if have == d {
			return
		}
	}
	f.ranges = append(f.ranges, d)
}

// skipString returns the index just past the string literal opening at i.
// Backquoted strings have no escapes.
func skipString(r []rune, i int) int {
	q := r[i]
	for j := i + 1; j < len(r); j++ {
		switch {
		case r[j] == '\\' && q != '`':
			j++
		case r[j] == q:
			return j + 1
		}
	}
	return len(r)
}

// skipBraces returns the index just past the label matchers opening at i.
func skipBraces(r []rune, i int) int {
	for j := i + 1; j < len(r); j++ {
		switch r[j] {
		case '"', '\'', '`':
			j = skipString(r, j) - 1
		case '}':
			return j + 1
		}
	}
	return len(r)
}

// skipParens returns the index just past the parenthesised list opening at i.
func skipParens(r []rune, i int) int {
	for j := i + 1; j < len(r); j++ {
		if r[j] == ')' {
			return j + 1
		}
	}
	return len(r)
}

// skipNumber returns the index just past the number or duration at i:
// 0.95, 1e-3, 0x1f, 5m, 1h30m.
func skipNumber(r []rune, i int) int {
	j := i
	for j < len(r) {
		c := r[j]
		switch {
		case c >= '0' && c <= '9', c == '.', c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			j++
		case (c == '+' || c == '-') && j > i && (r[j-1] == 'e' || r[j-1] == 'E') && !isHex(r[i:j]):
			j++
		default:
			return j
		}
	}
	return j
}

func isHex(r []rune) bool {
	return len(r) > 1 && r[0] == '0' && (r[1] == 'x' || r[1] == 'X')
}

func skipSpace(r []rune, i int) int {
	for i < len(r) && unicode.IsSpace(r[i]) {
		i++
	}
	return i
}

func isIdentStart(c rune) bool {
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentChar(c rune) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}
