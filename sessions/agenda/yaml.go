package agenda

import (
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// This file walks goccy/go-yaml's AST instead of decoding into structs, so
// that every problem, however deep, is reported at the line:col of the node
// that causes it (the decoder's own errors name Go struct fields instead).

// pos is a 1-based line and column in the agenda file.
type pos struct{ line, col int }

// posOf is where n starts as a person reading the file would point at it.
// goccy positions a block mapping at its first colon; we want its first key.
func posOf(n ast.Node) pos {
	switch v := n.(type) {
	case nil:
		return pos{1, 1}
	case *ast.DocumentNode:
		return posOf(v.Body)
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return posOf(v.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return posOf(v.Key)
	}
	return tokenPos(n.GetToken())
}

func tokenPos(tk *token.Token) pos {
	if tk == nil || tk.Position == nil {
		return pos{1, 1}
	}
	return pos{max(tk.Position.Line, 1), max(tk.Position.Column, 1)}
}

func (p pos) before(q pos) bool {
	return p.line < q.line || p.line == q.line && p.col < q.col
}

// maxAliasUses bounds how many times aliases are followed, so that a file of
// aliases to aliases (a "billion laughs") cannot make loading explode.
const maxAliasUses = 10000

// anchorDef is one &name in the file.
type anchorDef struct {
	at   pos
	node ast.Node
}

// walker reads one agenda's AST and records its problems.
type walker struct {
	ps        *problems
	anchors   map[string][]anchorDef
	aliasUses int
	// merging holds the mappings whose merge keys are being expanded: a
	// mapping that merges itself (&a {<<: *a}) would recurse forever.
	merging map[*ast.MappingNode]bool
	// vars are the agenda's variables; lines the file's lines, to position
	// a ${name} inside a value.
	vars  agendaVars
	lines []string
}

func newWalker(ps *problems, body ast.Node) *walker {
	w := &walker{ps: ps, anchors: map[string][]anchorDef{}, merging: map[*ast.MappingNode]bool{}}
	ast.Walk(anchorCollector(w.anchors), body)
	return w
}

// anchorCollector records every anchor in file order.
type anchorCollector map[string][]anchorDef

func (c anchorCollector) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok && a.Name != nil {
		name := a.Name.GetToken()
		if name != nil {
			c[name.Value] = append(c[name.Value], anchorDef{at: posOf(a), node: a.Value})
		}
	}
	return c
}

// resolve looks through anchors, aliases and tags to the node that carries
// the value. It returns the tag when there was one ("!!str"), and nil for an
// alias that names no anchor (reported here).
func (w *walker) resolve(n ast.Node) (ast.Node, string) {
	tag := ""
	for range 64 { // a chain longer than this is hostile; treat as unresolved
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			if v.Start != nil && tag == "" {
				tag = v.Start.Value
			}
			n = v.Value
		case *ast.AliasNode:
			w.aliasUses++
			if w.aliasUses > maxAliasUses {
				w.ps.add(posOf(v), "", "too many aliases (more than %d uses); write the repeated parts out", maxAliasUses)
				return nil, ""
			}
			target := w.anchor(v)
			if target == nil {
				name := ""
				if v.Value != nil && v.Value.GetToken() != nil {
					name = v.Value.GetToken().Value
				}
				w.ps.add(posOf(v), "define it with &"+name+" before this line", "alias *%s names no anchor", name)
				return nil, ""
			}
			n = target
		default:
			return n, tag
		}
	}
	return nil, ""
}

// anchor finds the node an alias stands for: the latest anchor of that name
// before it, as YAML says.
func (w *walker) anchor(a *ast.AliasNode) ast.Node {
	if a.Value == nil || a.Value.GetToken() == nil {
		return nil
	}
	at := posOf(a)
	var found ast.Node
	for _, d := range w.anchors[a.Value.GetToken().Value] {
		if d.at.before(at) {
			found = d.node
		}
	}
	return found
}

// field is one key: value of a mapping, with its value resolved.
type field struct {
	key    string
	keyPos pos
	val    ast.Node // nil when the alias was unresolvable
	tag    string
	// where is the mapping the key belongs to, for messages: "panel
	// \"latency\"", "the objective of panel \"latency\"", "" at the top.
	where string
	// label, when set, is the whole name of a list item ("item 2 of
	// \"participants\"").
	label string
}

// at is where a problem with the value is reported: the value itself, or
// its key when the value is empty (goccy puts an empty value after the colon).
func (f field) at() pos {
	if f.val == nil || f.val.Type() == ast.NullType {
		return f.keyPos
	}
	return posOf(f.val)
}

// name is how messages call the key: "title", or "target" in the objective
// of panel "latency".
func (f field) name() string {
	if f.label != "" {
		return f.label
	}
	if f.where == "" {
		return quote(f.key)
	}
	return quote(f.key) + " in " + f.where
}

// object is a mapping read into fields.
type object struct {
	at     pos
	where  string
	fields []field
}

// object reads n as a mapping. It reports a value that is not one, keys that
// are not plain names and duplicate keys, and expands merge keys (<<: *base),
// whose entries count only where the mapping does not set the key itself.
func (w *walker) object(n ast.Node, at pos, what, where string) (*object, bool) {
	n, _ = w.resolve(n)
	if n == nil {
		return nil, false
	}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		w.ps.add(at, "", "%s must be a mapping of keys to values, not %s", what, describe(n))
		return nil, false
	}
	o := &object{at: posOf(m), where: where}
	if w.merging[m] {
		w.ps.add(at, "merge another mapping", "%s merges the mapping it is in", what)
		return o, true
	}
	w.merging[m] = true
	defer delete(w.merging, m)
	seen := map[string]pos{}
	var merged []field
	for _, mv := range m.Values {
		if mv == nil || mv.Key == nil {
			continue
		}
		if _, isMerge := mv.Key.(*ast.MergeKeyNode); isMerge {
			merged = append(merged, w.mergeFields(mv.Value, posOf(mv.Key), what, where)...)
			continue
		}
		name, ok := keyName(mv.Key)
		kp := posOf(mv.Key)
		if !ok {
			w.ps.add(kp, "", "keys of %s must be plain names, not %s", what, describe(mv.Key))
			continue
		}
		if first, dup := seen[name]; dup {
			w.ps.add(kp, "remove one of them", "duplicate key %s in %s (first at line %d)", quote(name), what, first.line)
			continue
		}
		seen[name] = kp
		val, tag := w.resolve(mv.Value)
		o.fields = append(o.fields, field{key: name, keyPos: kp, val: val, tag: tag, where: where})
	}
	for _, f := range merged {
		if _, set := seen[f.key]; set {
			continue
		}
		seen[f.key] = f.keyPos
		o.fields = append(o.fields, f)
	}
	return o, true
}

// mergeFields reads the mapping, or list of mappings, of a merge key.
func (w *walker) mergeFields(n ast.Node, at pos, what, where string) []field {
	r, _ := w.resolve(n)
	if r == nil {
		return nil
	}
	// Aliases in a list of merges are positioned where they are written.
	items, ats := []ast.Node{r}, []pos{at}
	if seq, ok := r.(*ast.SequenceNode); ok {
		items, ats = seq.Values, nil
		for _, item := range items {
			ats = append(ats, posOf(item))
		}
	}
	var out []field
	for i, item := range items {
		if o, ok := w.object(item, ats[i], "a merge key (<<) in "+what, where); ok {
			out = append(out, o.fields...)
		}
	}
	return out
}

// keyName returns a mapping key as text; false for a key that is a list, a
// mapping or null.
func keyName(k ast.MapKeyNode) (string, bool) {
	// An anchored or tagged key (&k title: …) is the key it wraps.
	var n ast.Node = k
	for range 8 {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
			continue
		case *ast.TagNode:
			n = v.Value
			continue
		}
		break
	}
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return v.GetToken().Value, true
	case *ast.MappingKeyNode:
		if s, ok := v.Value.(*ast.StringNode); ok {
			return s.Value, true
		}
	}
	return "", false
}

// get returns the field named key.
func (o *object) get(key string) (field, bool) {
	for _, f := range o.fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// setFrom stores in dst what read makes of key, when o has the key and it
// reads; a key that does not read has already said why (read records it).
func setFrom[T any](o *object, key string, read func(field) (T, bool), dst *T) {
	if f, ok := o.get(key); ok {
		if v, ok := read(f); ok {
			*dst = v
		}
	}
}

// has reports whether the mapping sets key.
func (o *object) has(key string) bool {
	_, ok := o.get(key)
	return ok
}

// allow reports every key not in allowed, suggesting the closest allowed
// key. extra, when set, may explain a key better (a secret, a misplaced key)
// and returns whether it did.
func (w *walker) allow(o *object, what string, allowed []string, extra func(field) bool) {
	for _, f := range o.fields {
		if slices.Contains(allowed, f.key) {
			continue
		}
		if extra != nil && extra(f) {
			continue
		}
		hint := ""
		if s := closest(f.key, allowed); s != "" {
			hint = "did you mean " + quote(s) + "?"
		} else {
			hint = "known keys: " + strings.Join(allowed, ", ")
		}
		w.ps.add(f.keyPos, hint, "unknown key %s in %s", quote(f.key), what)
	}
}
