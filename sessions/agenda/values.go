package agenda

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"github.com/nagame-dev/nagame/text"
)

// describe names the shape of a node for messages: "a list", "a number".
func describe(n ast.Node) string {
	switch n.(type) {
	case nil:
		return "nothing"
	case *ast.NullNode:
		return "empty"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	case *ast.MappingKeyNode:
		return "a complex key (?)"
	case *ast.AliasNode:
		return "an alias"
	case *ast.AnchorNode:
		return "an anchored value"
	case *ast.TagNode:
		return "a tagged value"
	case *ast.MergeKeyNode:
		return "a merge key (<<)"
	default:
		return "a YAML " + strings.ToLower(n.Type().String())
	}
}

// scalarText returns the text of a scalar value: strings as they read,
// numbers as written. ok is false for anything else.
func scalarText(n ast.Node, tag string) (s string, isString, ok bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true, true
		}
		return v.Value.Value, true, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		tk := n.GetToken()
		if tk == nil {
			return "", false, false
		}
		// "!!str 12" is the string "12".
		return tk.Value, tag == "!!str", true
	}
	return "", false, false
}

// empty reports a key that has no value, and returns whether it had none.
func (w *walker) empty(f field) bool {
	if f.val == nil {
		return true // an unresolvable alias, already reported
	}
	if f.val.Type() == ast.NullType {
		w.ps.add(f.keyPos, "give it a value or remove the line", "%s has no value", f.name())
		return true
	}
	return false
}

// str reads a text value that nagame passes on rather than shows (a
// query, a path, a URL): it must hold no control character or escape
// sequence, which a backend would misread and a terminal obey when a
// message echoes it; tabs and line breaks are allowed (multi-line queries).
func (w *walker) str(f field) (string, bool) {
	s, ok := w.scalarString(f)
	if !ok {
		return "", false
	}
	if i := controlIndex(s); i >= 0 {
		w.ps.add(f.at(), "remove it: a query, a path or a URL has no place for one",
			"%s holds a control character or escape sequence (%s at byte %d)", f.name(), controlName(s[i:]), i+1)
		return "", false
	}
	return s, true
}

// line reads a text value that people read on one line (a title, a name, a
// question): escape sequences, control characters and line breaks are
// cleaned away (text.Line), so that nothing in the file can act on a
// terminal wherever the value is shown, printed or exported.
func (w *walker) line(f field) (string, bool) {
	s, ok := w.scalarString(f)
	return text.Line(s), ok
}

// block reads text that people read as a block (a prompt): cleaned like
// line, but its line breaks are kept, and the final one, which a block
// scalar (prompt: |) adds as layout, is dropped.
func (w *walker) block(f field) (string, bool) {
	s, ok := w.scalarString(f)
	return strings.TrimRight(text.Clean(s), "\n"), ok
}

// scalarString reads a text value as written. Numbers are refused so that
// the decoder and the JSON Schema agree ("title: 2026" is a number to both);
// quoting fixes it.
func (w *walker) scalarString(f field) (string, bool) {
	if w.empty(f) {
		return "", false
	}
	s, isString, ok := scalarText(f.val, f.tag)
	if !ok || !isString {
		hint := ""
		if ok {
			hint = "quote it: " + quote(s)
		}
		w.ps.add(f.at(), hint, "%s must be text, not %s", f.name(), describe(f.val))
		return "", false
	}
	return s, true
}

// nonEmpty reads a value passed on (see str) that must not be blank.
func (w *walker) nonEmpty(f field) (string, bool) {
	return w.notBlank(f, w.str)
}

// nonEmptyLine reads a line people read (see line) that must not be blank
// once cleaned: a title of escape sequences only is blank.
func (w *walker) nonEmptyLine(f field) (string, bool) {
	return w.notBlank(f, w.line)
}

func (w *walker) notBlank(f field, read func(field) (string, bool)) (string, bool) {
	s, ok := read(f)
	if ok && strings.TrimSpace(s) == "" {
		w.ps.add(f.at(), "", "%s is blank", f.name())
		return "", false
	}
	return s, ok
}

// controlIndex is the byte index of the first control character, escape
// character, bidirectional override or invalid UTF-8 in s, or -1. Tabs and
// line breaks are not counted.
func controlIndex(s string) int {
	for i, r := range s {
		switch {
		case r == '\t', r == '\n', r == '\r':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isBidiControl(r), r == utf8.RuneError:
			return i
		}
	}
	return -1
}

// controlName names the character s starts with for a message: "ESC",
// "U+009B".
func controlName(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case 0x1b:
		return "ESC"
	case 0x07:
		return "BEL"
	case utf8.RuneError:
		return "a byte that is not UTF-8"
	}
	return fmt.Sprintf("U+%04X", r)
}

// isBidiControl reports the characters that reorder the text after them.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// boolean reads true or false.
func (w *walker) boolean(f field) (bool, bool) {
	if w.empty(f) {
		return false, false
	}
	b, ok := f.val.(*ast.BoolNode)
	if !ok {
		w.ps.add(f.at(), "", "%s must be true or false, not %s", f.name(), describe(f.val))
		return false, false
	}
	return b.Value, true
}

// integer reads a whole number.
func (w *walker) integer(f field) (int64, bool) {
	if w.empty(f) {
		return 0, false
	}
	n, ok := f.val.(*ast.IntegerNode)
	if !ok {
		w.ps.add(f.at(), "", "%s must be a whole number, not %s", f.name(), describe(f.val))
		return 0, false
	}
	v, ok := intValue(n)
	if !ok {
		w.ps.add(f.at(), "", "%s is too large a number", f.name())
	}
	return v, ok
}

// intValue is an integer node's value; goccy holds non-negative numbers as
// uint64 and negative ones as int64.
func intValue(n *ast.IntegerNode) (int64, bool) {
	switch v := n.Value.(type) {
	case int64:
		return v, true
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v), true
		}
	}
	return 0, false
}

// items reads a sequence; each item comes back as a field named after its
// place in the list, so the typed readers above work on it.
func (w *walker) items(f field) ([]field, bool) {
	if w.empty(f) {
		return nil, false
	}
	seq, ok := f.val.(*ast.SequenceNode)
	if !ok {
		w.ps.add(f.at(), "", "%s must be a list, not %s", f.name(), describe(f.val))
		return nil, false
	}
	out := make([]field, 0, len(seq.Values))
	for i, item := range seq.Values {
		at := posOf(item)
		val, tag := w.resolve(item)
		out = append(out, field{
			key: f.key, keyPos: at, val: val, tag: tag, where: f.where,
			label: fmt.Sprintf("item %d of %s", i+1, f.name()),
		})
	}
	return out, true
}
