package file

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// maxFileSize bounds what one panel reads into memory: a year of 1-minute
// points in ten columns is about 40 MB of CSV.
const maxFileSize = 256 << 20

// Source reads exported files from one folder. It is safe for concurrent
// use: every Fetch opens and reads its file anew, so an edited export shows
// on the next fetch.
type Source struct {
	name string // the source's name in the agenda, for messages
	dir  string // the folder, as the agenda wrote it (relative to the agenda)
	path string // the folder as opened
}

// Interfaces the file backend implements.
var (
	_ sources.Source  = (*Source)(nil)
	_ sources.Checker = (*Source)(nil)
)

// New returns the file source of cfg: the folder cfg.Path, relative to
// cfg.BaseDir (the agenda's folder) unless absolute; "" is the agenda's
// folder itself. The folder is not opened until Check or Fetch.
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
	path := dir
	if !filepath.IsAbs(path) {
		path = filepath.Join(cfg.BaseDir, path)
	}
	return &Source{name: cfg.Name, dir: dir, path: filepath.Clean(path)}, nil
}

// Dir is the folder the source reads, as opened.
func (s *Source) Dir() string { return s.path }

// Check verifies that the folder exists and can be listed.
func (s *Source) Check(context.Context) error {
	entries, err := os.ReadDir(s.path)
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
	if name == "" {
		return nil, &sources.Error{Backend: sources.TypeFile, Msg: fmt.Sprintf("panel %q names no file", q.Panel),
			Hint: "write the file's name (relative to " + s.dir + ") in the panel's query:"}
	}
	if err := ctx.Err(); err != nil {
		return nil, &sources.Error{Backend: sources.TypeFile, Query: name, Msg: "the read was canceled", Err: err}
	}
	data, err := s.read(name)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	var tab table
	if isJSON(name, data) {
		tab, err = parseJSON(data, base)
	} else {
		tab, err = parseCSV(data, name, base)
	}
	if err != nil {
		var pe *parseError
		if !errors.As(err, &pe) {
			pe = &parseError{msg: err.Error()}
		}
		where := name
		if w := pe.where(); w != "" {
			where += ":" + w
		}
		return nil, &sources.Error{Backend: sources.TypeFile, Query: name, Msg: where + ": " + pe.msg, Hint: pe.hint, Err: err}
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

// read returns the bytes of the file name inside the folder. Paths that
// leave the folder (../x, /etc/x, or a symbolic link pointing out) are
// refused: an agenda is shared, and must not read files elsewhere on the
// machine of whoever runs it.
func (s *Source) read(name string) ([]byte, error) {
	fail := func(msg, hint string, err error) error {
		return &sources.Error{Backend: sources.TypeFile, Query: name, Msg: msg, Hint: hint, Err: err}
	}
	rel := filepath.FromSlash(name)
	if filepath.IsAbs(rel) || !filepath.IsLocal(rel) {
		return nil, fail(fmt.Sprintf("%s is outside the source's folder %s", name, s.dir),
			"name a file inside the folder, like latency.csv or exports/latency.csv; to read elsewhere, point the source's path: there", nil)
	}
	root, err := os.OpenRoot(s.path)
	if err != nil {
		return nil, s.folderError(err)
	}
	defer root.Close()
	f, err := root.Open(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail(fmt.Sprintf("%s: no such file in %s", name, s.path), "check the panel's query: (the file name) and the source's path:", err)
	case err != nil && strings.Contains(err.Error(), "escapes"):
		return nil, fail(fmt.Sprintf("%s leads outside the source's folder %s (a symbolic link?)", name, s.dir),
			"copy the file into the folder instead of linking to it", err)
	case err != nil:
		return nil, fail(fmt.Sprintf("cannot open %s: %v", name, unwrapPath(err)), "check the file's permissions", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		return nil, fail(fmt.Sprintf("%s is a folder, not a file", name), "name a CSV or JSON file", nil)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fail(fmt.Sprintf("cannot read %s: %v", name, unwrapPath(err)), "", err)
	}
	if len(data) > maxFileSize {
		return nil, fail(fmt.Sprintf("%s is larger than %d MiB", name, maxFileSize>>20),
			"export a coarser resolution (hourly points for a month are plenty) or a shorter span", nil)
	}
	return data, nil
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
