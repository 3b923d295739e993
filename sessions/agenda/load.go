package agenda

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/nagame-dev/nagame/text"
)

// Version is the only agenda format version this nagame reads.
const Version = 1

// Load reads and validates the agenda file at path. Problems in the
// file come back as Errors positioned at path:line:col (the path as
// given, so editors and terminals can jump to it); the agenda's Name is the
// file's base name and relative paths in it start at the file's folder.
//
// Only a regular file is read: a folder, a device (/dev/zero), a named pipe
// or a socket is refused before it is opened, so Load never blocks on a pipe
// nobody writes and never reads a stream that does not end; at most one
// byte more than an agenda's limit is read.
func Load(path string, opts ...Option) (*Agenda, error) {
	data, err := readAgendaFile(path)
	if err != nil {
		return nil, err
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

// readAgendaFile reads the regular file at path, up to the size limit of an
// agenda (a larger file is an Errors saying so).
func readAgendaFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, agendaFileError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, notAFileError(path, st.Mode())
	}
	// O_NONBLOCK: if the file was swapped for a named pipe since the Stat,
	// opening it must not wait for a writer. It changes nothing for a
	// regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, agendaFileError(path, err)
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose
	if st, err := f.Stat(); err != nil {
		return nil, agendaFileError(path, err)
	} else if !st.Mode().IsRegular() {
		return nil, notAFileError(path, st.Mode())
	}
	// The size Stat reports is not trusted: files under /proc say 0, and
	// a file may grow while it is read.
	data, err := io.ReadAll(io.LimitReader(f, maxAgendaBytes+1))
	if err != nil {
		return nil, agendaFileError(path, err)
	}
	if len(data) > maxAgendaBytes {
		ps := &problems{file: path}
		ps.add(pos{1, 1}, "an agenda is a few kilobytes: is this the right file?",
			"the file is larger than an agenda's limit of %d MiB", maxAgendaBytes>>20)
		return nil, ps.err()
	}
	return data, nil
}

// agendaFileError explains why the agenda file could not be read.
func agendaFileError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such agenda file; check the path (examples/demo.yaml is one to copy): %w", path, err)
	}
	return fmt.Errorf("%s: cannot read the agenda: %w", path, err)
}

// notAFileError refuses a path that is not a regular file.
func notAFileError(path string, mode fs.FileMode) error {
	what := "not a regular file"
	switch {
	case mode.IsDir():
		what = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		what = "a device"
	}
	return fmt.Errorf("%s is %s, not an agenda file; give the path of a YAML file (examples/demo.yaml is one to copy)", path, what)
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
	src, ok := withoutBOM(ps, data)
	if !ok || !checkShape(ps, src) {
		return nil, ps.err()
	}
	body := parseDocument(ps, src)
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

// utf8BOM is the byte-order mark Windows editors put at the start of a
// UTF-8 file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// withoutBOM returns data without a UTF-8 byte-order mark, which is not part
// of the text: without this the first key reads "\ufeffversion". Positions
// stay those an editor shows, which does not count the mark either. A file
// in UTF-16 (its mark first) is refused with what to do.
func withoutBOM(ps *problems, data []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return data[len(utf8BOM):], true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		ps.add(pos{1, 1}, "save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)", "the file is UTF-16 text; an agenda is UTF-8")
		return nil, false
	}
	return data, true
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
		if tab, ok := indentTab(data, at.line); ok {
			ps.add(tab, "replace the tab with spaces (most editors can insert spaces for the tab key)",
				"YAML does not allow tabs for indentation: use spaces")
			return nil
		}
		// The parser's words can quote the file: keep them to one clean line.
		ps.add(at, "", "YAML syntax: %s", text.Excerpt(msg, 200))
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

// indentTab finds a tab in the indentation of line (1-based) of data: where
// a parser stops at a tab, the tab is the problem, and YAML's own words
// for it ("found character that cannot start any token") do not say so.
func indentTab(data []byte, line int) (pos, bool) {
	for n := 1; len(data) > 0; n++ {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if n < line {
			continue
		}
		for col, c := range l {
			switch c {
			case ' ', '-', '?', ':':
				continue
			case '\t':
				return pos{n, col + 1}, true
			}
			break
		}
		return pos{}, false
	}
	return pos{}, false
}
