package agenda

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Version is the only agenda format version this nagame reads.
const Version = 1

// Load reads and validates the agenda file at path. Problems in the
// file come back as Errors positioned at path:line:col (the path as
// given, so editors and terminals can jump to it); the agenda's Name is the
// file's base name and relative paths in it start at the file's folder.
func Load(path string, opts ...Option) (*Agenda, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such agenda file; check the path (examples/demo.yaml is one to copy): %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read the agenda: %w", path, err)
	}
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	a, err := Parse(path, data, dir, opts...)
	if err != nil {
		return nil, err
	}
	a.File = path
	a.Name = filepath.Base(path)
	return a, nil
}

// Parse validates agenda bytes. name is what errors and the agenda's
// Name call the file ("checkout.yaml"); baseDir is where relative paths (a
// file source's path:) start. The error, when not nil, is Errors: every
// problem found, not only the first. WithVars sets agenda variables.
func Parse(name string, data []byte, baseDir string, opts ...Option) (*Agenda, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	ps := &problems{file: name}
	if !checkShape(ps, data) {
		return nil, ps.err()
	}
	body := parseDocument(ps, data)
	if body == nil {
		return nil, ps.err()
	}
	w := newWalker(ps, body)
	w.lines = strings.Split(string(data), "\n")
	a := w.agenda(body, baseDir, o.vars)
	if err := ps.err(); err != nil {
		return nil, err
	}
	a.Name = name
	a.Raw = slices.Clone(data)
	return a, nil
}

// parseDocument parses data into the body of its one YAML document, or
// records why it cannot and returns nil.
func parseDocument(ps *problems, data []byte) (body ast.Node) {
	// The YAML parser is third-party code fed arbitrary bytes; a panic in it
	// must not take the meeting down. Report it as a syntax problem.
	defer func() {
		if r := recover(); r != nil {
			ps.add(pos{1, 1}, "check the file's indentation and quoting", "the YAML parser failed on this file: %v", r)
			body = nil
		}
	}()
	// Duplicate keys are ours to report: the parser stops at the first one,
	// and we want all of them, each naming the line of the first.
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		at, msg := pos{1, 1}, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			at, msg = tokenPos(ye.GetToken()), ye.GetMessage()
		}
		ps.add(at, "", "YAML syntax: %s", msg)
		return nil
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		ps.add(pos{1, 1}, "start with version: 1, a title: and a panels: list (see examples/minimal.yaml)", "the agenda is empty")
		return nil
	}
	if len(docs) > 1 {
		ps.add(posOf(docs[1].Body), "keep one agenda per file", "the file holds %d YAML documents (separated by ---)", len(docs))
		return nil
	}
	return docs[0].Body
}
