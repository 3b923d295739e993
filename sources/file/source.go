package file

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// MaxFileSize bounds what one panel reads of a file: a year of 1-minute
// points in ten columns is about 40 MB of CSV, and parsing takes several
// times a file's size in memory. A larger file is refused by its size
// before it is read, and a file that grows while it is read stops at the
// limit.
const MaxFileSize = 64 << 20

// Source reads exported files from one folder. It is safe for concurrent
// use: every Fetch opens and reads its file anew, so an edited export shows
// on the next fetch.
type Source struct {
	name string // the source's name in the agenda, for messages
	dir  string // the folder, as the agenda wrote it (relative to the agenda)
	path string // the folder as opened
	// base is the agenda's folder, which the source's folder must stay in
	// unless outside is set (allow_outside_agenda: true).
	base    string
	outside bool
	limit   int64
}

// Interfaces the file backend implements.
var (
	_ sources.Source      = (*Source)(nil)
	_ sources.Checker     = (*Source)(nil)
	_ sources.EventSource = (*Source)(nil)
)

// New returns the file source of cfg: the folder cfg.Path, relative to
// cfg.BaseDir (the agenda's folder; the current folder when empty) unless
// absolute; "" is the agenda's folder itself. The folder must lie inside
// the agenda's folder unless cfg.AllowOutsideAgenda: a path that leads out
// as written is an error here, and one that leads out through a symbolic
// link is refused by Check and Fetch, which open the folder.
func New(cfg sources.Config) (*Source, error) {
	if cfg.Type != "" && cfg.Type != sources.TypeFile {
		return nil, &sources.Error{Backend: sources.TypeFile,
			Msg:  fmt.Sprintf("source %q has type %q, not %q", cfg.Name, cfg.Type, sources.TypeFile),
			Hint: "open this source with the backend of its type"}
	}
	dir := cfg.Path
	if dir == "" {
		dir = "."
	}
	base := cfg.BaseDir
	if base == "" {
		base = "."
	}
	path := dir
	if !filepath.IsAbs(path) {
		path = filepath.Join(base, path)
	}
	s := &Source{name: cfg.Name, dir: dir, path: filepath.Clean(path), base: filepath.Clean(base),
		outside: cfg.AllowOutsideAgenda, limit: MaxFileSize}
	if !s.outside && !within(absolute(s.base), absolute(s.path)) {
		// As written it leads out; through symbolic links (an agenda folder
		// reached by a link, an absolute path to its real place) it may not.
		if _, inside, err := s.folder(); err != nil || !inside {
			return nil, s.outsideError(s.path)
		}
	}
	return s, nil
}

// Dir is the folder the source reads, as opened.
func (s *Source) Dir() string { return s.path }

// folder resolves the source's folder, symbolic links included, and checks
// that it lies inside the agenda's folder, resolved likewise, unless the
// agenda allows otherwise. inside says whether it does: messages quote only
// files inside the agenda's folder.
func (s *Source) folder() (resolved string, inside bool, err error) {
	resolved, err = filepath.EvalSymlinks(absolute(s.path))
	if err != nil {
		return "", false, s.folderError(err)
	}
	base, err := filepath.EvalSymlinks(absolute(s.base))
	inside = err == nil && within(base, resolved)
	if !inside && !s.outside {
		return "", false, s.outsideError(resolved)
	}
	return resolved, inside, nil
}

// outsideError refuses a folder outside the agenda's.
func (s *Source) outsideError(resolved string) error {
	msg := fmt.Sprintf("path: %s leads outside the agenda's folder %s", s.dir, absolute(s.base))
	if resolved != s.path && resolved != absolute(s.path) {
		msg += fmt.Sprintf(" (to %s)", resolved)
	}
	if s.name != "" {
		msg = fmt.Sprintf("source %q: %s", s.name, msg)
	}
	return &sources.Error{Backend: sources.TypeFile, Msg: msg,
		Hint: "an agenda is shared, and may read only files next to it: move the exports into a folder inside the agenda's " +
			"(and point path: there), or, for an agenda of your own, set allow_outside_agenda: true in the source"}
}

// absolute is p made absolute; p itself when the working folder is unknown.
func absolute(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// within reports whether path is dir or lies inside it (both absolute).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(rel)
}

// Check verifies that the folder exists inside the agenda's (unless the
// agenda allows otherwise) and can be listed.
func (s *Source) Check(context.Context) error {
	resolved, _, err := s.folder()
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(resolved)
	if err != nil {
		return s.folderError(err)
	}
	if len(entries) == 0 {
		return &sources.Error{Backend: sources.TypeFile, Msg: fmt.Sprintf("the folder %s is empty", s.path),
			Hint: "put the exported CSV or JSON files the panels name there"}
	}
	return nil
}

// Fetch reads the file q.Expr names (relative to the source's folder) and
// returns its series with the points inside w; see the package doc for the
// formats. q.Unit, when set, is the series' unit; q.Top (default 5) caps
// how many lines a file of many series shows, the rest folded into "other"
// for rates and counts.
//
// Notes about the file (text columns skipped, duplicate timestamps, the
// warnings a Prometheus export carried) are in the first series' Warnings.
// A file with no point in w is no data: nil and a nil error.
func (s *Source) Fetch(ctx context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	name := strings.TrimSpace(q.Expr)
	data, x, err := s.readQuery(ctx, name, fmt.Sprintf("panel %q", q.Panel), "the panel's query:")
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	var tab table
	if isJSON(name, data) {
		tab, err = parseJSON(data, base, x)
	} else {
		tab, err = parseCSV(data, name, base, x)
	}
	if err != nil {
		return nil, parseFailure(name, err)
	}
	series, notes := finish(tab, w)
	out := series[:0]
	for _, sr := range series {
		if q.Unit != "" {
			sr.Unit = q.Unit
		}
		sr.Warnings = nil
		if len(sr.Points) > 0 {
			out = append(out, sr)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	out = sources.Top(out, q.Top, q.Kind, sources.MeasureOf(q))
	out[0].Warnings = notes
	return out, nil
}

// readQuery reads the file a query names (what asks for it, and where the
// name goes, word the error of an empty one) unless ctx has ended, with the
// excerpts its messages may quote.
func (s *Source) readQuery(ctx context.Context, name, what, where string) ([]byte, excerpts, error) {
	if name == "" {
		return nil, excerpts{}, &sources.Error{Backend: sources.TypeFile, Msg: what + " names no file",
			Hint: "write the file's name (relative to " + s.dir + ") in " + where}
	}
	if err := ctx.Err(); err != nil {
		return nil, excerpts{}, &sources.Error{Backend: sources.TypeFile, Query: name, Msg: "the read was canceled", Err: err}
	}
	data, inside, err := s.read(name)
	return data, excerpts{none: !inside}, err
}

// parseFailure is a file that does not read, located: "latency.csv:14:3: …".
func parseFailure(name string, err error) error {
	var pe *parseError
	if !errors.As(err, &pe) {
		pe = &parseError{msg: err.Error()}
	}
	where := name
	if w := pe.where(); w != "" {
		where += ":" + w
	}
	return &sources.Error{Backend: sources.TypeFile, Query: name, Msg: where + ": " + pe.msg, Hint: pe.hint, Err: err}
}

// read returns the bytes of the file name inside the folder, and whether
// the folder lies inside the agenda's. Paths that leave the folder (../x,
// /etc/x, or a symbolic link pointing out) are refused: an agenda is shared,
// and must not read files elsewhere on the machine of whoever runs it.
//
// Only regular files are read: a named pipe would block the fetch until
// something writes to it, and a device such as /dev/zero never ends. The
// file is looked at before it is opened, and opened without blocking, so
// a pipe put in its place in between cannot block either. It is read up to
// the limit, in one buffer of its size.
func (s *Source) read(name string) ([]byte, bool, error) {
	fail := func(msg, hint string, err error) ([]byte, bool, error) {
		return nil, false, &sources.Error{Backend: sources.TypeFile, Query: name, Msg: msg, Hint: hint, Err: err}
	}
	rel := filepath.FromSlash(name)
	if filepath.IsAbs(rel) || !filepath.IsLocal(rel) {
		return fail(fmt.Sprintf("%s is outside the source's folder %s", name, s.dir),
			"name a file inside the folder, like latency.csv or exports/latency.csv; to read elsewhere, point the source's path: there", nil)
	}
	resolved, inside, err := s.folder()
	if err != nil {
		return nil, false, err
	}
	root, err := os.OpenRoot(resolved)
	if err != nil {
		return nil, false, s.folderError(err)
	}
	defer root.Close()
	info, err := root.Stat(rel)
	if err == nil {
		if msg, hint, ok := s.readable(name, info); !ok {
			return fail(msg, hint, nil)
		}
		var f *os.File
		if f, err = root.OpenFile(rel, os.O_RDONLY|openFlags, 0); err == nil {
			defer f.Close()
			return s.readAll(name, f, inside)
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail(fmt.Sprintf("%s: no such file in %s", name, s.path), "check the panel's query: (the file name) and the source's path:", err)
	case strings.Contains(err.Error(), "escapes"):
		return fail(fmt.Sprintf("%s leads outside the source's folder %s (a symbolic link?)", name, s.dir),
			"copy the file into the folder instead of linking to it", err)
	}
	return fail(fmt.Sprintf("cannot open %s: %v", name, unwrapPath(err)), "check the file's permissions", err)
}

// readable says why the file name, as info describes it, is not one to
// read, when it is not: not a regular file, or over the limit.
func (s *Source) readable(name string, info fs.FileInfo) (msg, hint string, ok bool) {
	mode := info.Mode()
	switch {
	case mode.IsRegular() && info.Size() > s.limit:
		return s.tooLarge(name)
	case mode.IsRegular():
		return "", "", true
	case mode.IsDir():
		return fmt.Sprintf("%s is a folder, not a file", name), "name a CSV or JSON file", false
	}
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a file"
	case mode&fs.ModeSocket != 0:
		kind = "a socket, not a file"
	case mode&fs.ModeDevice != 0:
		kind = "a device, not a file"
	}
	return fmt.Sprintf("%s is %s: nagame reads only regular files", name, kind),
		"save the export as a file in the source's folder and name that file", false
}

func (s *Source) tooLarge(name string) (msg, hint string, ok bool) {
	return fmt.Sprintf("%s is larger than %s", name, sources.SizeText(s.limit)),
		"export a coarser resolution (hourly points for a month are plenty) or a shorter span", false
}

// readAll reads the opened file f, which must still be a regular file (it
// was looked at by name before it was opened).
func (s *Source) readAll(name string, f *os.File, inside bool) ([]byte, bool, error) {
	fail := func(msg, hint string, err error) ([]byte, bool, error) {
		return nil, false, &sources.Error{Backend: sources.TypeFile, Query: name, Msg: msg, Hint: hint, Err: err}
	}
	info, err := f.Stat()
	if err != nil {
		return fail(fmt.Sprintf("cannot read %s: %v", name, unwrapPath(err)), "", err)
	}
	if msg, hint, ok := s.readable(name, info); !ok {
		return fail(msg, hint, nil)
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(sources.LimitBody(f, -1, s.limit))
	var tl *sources.TooLargeError
	switch {
	case errors.As(err, &tl):
		msg, hint, _ := s.tooLarge(name)
		return fail(msg, hint, nil)
	case err != nil:
		return fail(fmt.Sprintf("cannot read %s: %v", name, unwrapPath(err)), "", err)
	}
	return buf.Bytes(), inside, nil
}

// folderError says the folder cannot be used.
func (s *Source) folderError(err error) error {
	msg := fmt.Sprintf("cannot read the folder %s: %v", s.path, unwrapPath(err))
	hint := "check the source's path: (relative to the agenda's folder) and its permissions"
	if errors.Is(err, fs.ErrNotExist) {
		msg = fmt.Sprintf("the folder %s does not exist", s.path)
		hint = "create it and put the exported files there, or fix the source's path: (relative to the agenda's folder)"
	}
	if s.name != "" {
		msg = fmt.Sprintf("source %q: %s", s.name, msg)
	}
	return &sources.Error{Backend: sources.TypeFile, Msg: msg, Hint: hint, Err: err}
}

// unwrapPath drops the path a *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isJSON tells JSON from CSV: by extension, else by the first character.
func isJSON(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".csv", ".tsv", ".txt":
		return false
	}
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n', 0xef, 0xbb, 0xbf:
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}
