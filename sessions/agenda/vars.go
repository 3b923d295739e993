package agenda

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/nagame-dev/nagame/text"
)

// Variables let one agenda serve several services or environments:
//
//	vars: {service: checkout, env: prod}
//	panels:
//	  - {id: latency, kind: latency, query: "p95:trace.http.request{service:${service},env:${env}}"}
//
// ${name} stands for the variable's value in the agenda's title and
// service and in a panel's title, query, total, slo and prompt; $${ is a
// literal ${. A run may set other values (nagame run FILE --var env=staging);
// the session keeps the agenda's bytes and the values it ran with.

// Option changes how Parse and Load read an agenda.
type Option func(*options)

type options struct {
	vars map[string]string
}

// WithVars sets agenda variables, over the defaults the agenda's vars:
// gives. A name the agenda does not declare is an error.
func WithVars(vars map[string]string) Option {
	return func(o *options) { o.vars = vars }
}

var (
	varNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// varRef is ${name}, or the escape $${.
	varRef = regexp.MustCompile(`\$\$\{|\$\{([^}]*)\}`)
)

// agendaVars are the variables of one load: their values and where vars:
// declared them.
type agendaVars struct {
	values map[string]string
	names  []string
	at     pos
}

// readVars reads vars: and applies the values given by the caller.
func (w *walker) readVars(o *object, given map[string]string) {
	w.vars = agendaVars{values: map[string]string{}, at: o.at}
	f, ok := o.get("vars")
	if ok && !w.empty(f) {
		w.vars.at = f.keyPos
		vo, ok := w.object(f.val, f.at(), `"vars"`, "vars")
		if ok {
			for _, v := range vo.fields {
				w.declareVar(v, given)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(given)) {
		if _, ok := w.vars.values[name]; ok {
			continue
		}
		hint := "declare it under vars: with a default, or drop the --var"
		if c := closest(name, w.vars.names); c != "" {
			hint = fmt.Sprintf("did you mean %q?", c)
		}
		w.ps.add(w.vars.at, hint, "--var %s: the agenda has no variable %s (its variables: %s)", name, quote(name), orNone(w.vars.names))
	}
}

func (w *walker) declareVar(v field, given map[string]string) {
	if !varNamePattern.MatchString(v.key) {
		w.ps.add(v.keyPos, "use letters, digits and _ (like env or service_name)", "variable name %s is not a plain name", quote(v.key))
		return
	}
	w.vars.names = append(w.vars.names, v.key)
	if value, ok := given[v.key]; ok {
		if strings.ContainsAny(value, "\r\n") {
			w.ps.add(v.keyPos, "give it on one line", "--var %s: the value spans lines", v.key)
			return
		}
		w.vars.values[v.key] = value
		return
	}
	if v.val != nil && v.val.Type() == ast.NullType {
		w.ps.add(v.keyPos, fmt.Sprintf("give it a default (%s: prod) or pass --var %s=… to every command", v.key, v.key),
			"variable %s has no value", quote(v.key))
		return
	}
	s, _, ok := scalarText(v.val, v.tag)
	if !ok {
		w.ps.add(v.at(), "", "variable %s must be text, not %s", quote(v.key), describe(v.val))
		return
	}
	if strings.ContainsAny(s, "\r\n") {
		w.ps.add(v.at(), "", "variable %s spans lines", quote(v.key))
		return
	}
	w.vars.values[v.key] = s
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// expanded reads f with read and replaces its ${name}s.
func (w *walker) expanded(read func(field) (string, bool), f field) (string, bool) {
	s, ok := read(f)
	if !ok || !strings.Contains(s, "$") {
		return s, ok
	}
	good := true
	out := varRef.ReplaceAllStringFunc(s, func(ref string) string {
		if ref == "$${" {
			return "${"
		}
		name := ref[2 : len(ref)-1]
		if v, ok := w.vars.values[name]; ok {
			return v
		}
		good = false
		w.unknownVar(f, name)
		return ref
	})
	return out, good
}

// unknownVar reports ${name} where it is written, with the names that
// are declared.
func (w *walker) unknownVar(f field, name string) {
	hint := ""
	switch c := closest(name, w.vars.names); {
	case c != "":
		hint = fmt.Sprintf("did you mean ${%s}?", c)
	case len(w.vars.names) == 0:
		hint = fmt.Sprintf("declare it: vars: {%s: value}; write $${ for a literal ${", name)
	default:
		hint = "the agenda's variables: " + strings.Join(w.vars.names, ", ") + "; declare it under vars:"
	}
	what := "variable"
	if name == "" || !varNamePattern.MatchString(name) {
		what = "reference"
	}
	w.ps.add(w.refPos(f.at(), "${"+name+"}"), hint, "unknown %s ${%s} in %s", what, text.Clip(name, maxEcho), f.name())
}

// refPos is where ref is written at or after p: the value's line, or the
// lines of a block scalar below it.
func (w *walker) refPos(p pos, ref string) pos {
	for l := p.line; l <= len(w.lines) && l < p.line+200; l++ {
		line := w.lines[l-1]
		from := 0
		if l == p.line {
			from = byteOffset(line, p.col-1)
		}
		if i := strings.Index(line[from:], ref); i >= 0 {
			return pos{l, utf8.RuneCountInString(line[:from+i]) + 1}
		}
	}
	return p
}

// byteOffset is the byte index of rune column col (0-based) of line.
func byteOffset(line string, col int) int {
	for i := range line {
		if col == 0 {
			return i
		}
		col--
	}
	return len(line)
}
