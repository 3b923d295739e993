package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxAgendaErrors caps how many problems one load reports: past twenty, the
// rest are usually echoes of the first ones (a mis-indented block).
const maxAgendaErrors = 20

// maxCollected bounds the problems kept while walking, before the first
// twenty in file order are chosen: a generated file can have millions.
const maxCollected = 1000

// Error is one problem in an agenda, positioned at the offending node:
//
//	checkout.yaml:12:5: unknown key "quer" in panel "latency"; did you mean "query"?
type Error struct {
	// File is what the message calls the agenda ("checkout.yaml").
	File string
	// Line and Col are 1-based and always set.
	Line, Col int
	// Msg says what is wrong; Hint, when set, what to do about it.
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Errors is every problem found in an agenda, in file order: at most
// twenty, and then one more entry that says how many were not shown (its
// position is the first of those). Load and Parse return it as their error, so a caller can
// show each problem or errors.As it to point an editor at them.
type Errors []*Error

// Error is one line per problem.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// problems collects Errors while the loader walks the file.
type problems struct {
	file string
	list []*Error
}

// add records a problem at p. Positions below 1 (a node without a token)
// become 1 so that every error can be followed to the file.
func (ps *problems) add(p pos, hint, format string, args ...any) {
	if len(ps.list) >= maxCollected {
		return
	}
	ps.list = append(ps.list, &Error{
		File: ps.file,
		Line: max(p.line, 1),
		Col:  max(p.col, 1),
		Msg:  fmt.Sprintf(format, args...),
		Hint: hint,
	})
}

// err returns the problems in file order, capped, or nil when there are none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	if len(out) > maxAgendaErrors {
		more := &Error{
			File: ps.file, Line: out[maxAgendaErrors].Line, Col: out[maxAgendaErrors].Col,
			Msg:  fmt.Sprintf("… and %d more problem(s) from here on, not shown", len(out)-maxAgendaErrors),
			Hint: "fix the ones above first: the rest are often echoes of them",
		}
		if len(ps.list) >= maxCollected {
			more.Msg = fmt.Sprintf("… and more than %d more problems from here on, not shown", len(out)-maxAgendaErrors)
		}
		out = append(out[:maxAgendaErrors], more)
	}
	return Errors(out)
}
