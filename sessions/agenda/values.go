package agenda

import (
	"fmt"
	"math"
	"strings"

	"github.com/goccy/go-yaml/ast"
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

// str reads a text value. Numbers are refused so that the decoder and the
// JSON Schema agree ("title: 2026" is a number to both); quoting fixes it.
func (w *walker) str(f field) (string, bool) {
	if w.empty(f) {
		return "", false
	}
	s, isString, ok := scalarText(f.val, f.tag)
	if !ok || !isString {
		hint := ""
		if ok {
			hint = fmt.Sprintf("quote it: %q", s)
		}
		w.ps.add(f.at(), hint, "%s must be text, not %s", f.name(), describe(f.val))
		return "", false
	}
	return s, true
}

// nonEmpty reads a text value that must not be blank.
func (w *walker) nonEmpty(f field) (string, bool) {
	s, ok := w.str(f)
	if ok && strings.TrimSpace(s) == "" {
		w.ps.add(f.at(), "", "%s is blank", f.name())
		return "", false
	}
	return s, ok
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
