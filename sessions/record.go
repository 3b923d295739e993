package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// Files of a session folder.
const (
	AgendaFile  = "agenda.yaml"
	JournalFile = "journal.jsonl"
	DataDir     = "data"
	MinutesFile = "minutes.md"
	MinutesJSON = "minutes.json"
)

// Record is a session folder read back: its agenda, its replayed state and
// what replay noticed. It is what export, the sessions list and the minutes
// work from; it never writes.
type Record struct {
	// Dir is the session folder; Name its base name ("2026-11-22-checkout").
	Dir  string
	Name string
	// Agenda as it was run (the copy in the folder).
	Agenda *agenda.Agenda
	State  State
	// Torn is set when the journal's last line was cut short by a crash.
	Torn *journal.TornTail
}

// ErrNoSession is returned when a folder is not a session.
var ErrNoSession = errors.New("not a nagame session")

// OpenRecord reads the session folder dir.
func OpenRecord(dir string) (*Record, error) {
	jpath := filepath.Join(dir, JournalFile)
	if _, err := os.Stat(jpath); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (no %s); list sessions with: nagame sessions", dir, ErrNoSession, JournalFile)
		}
		return nil, err
	}
	rep, err := journal.Read(jpath)
	if err != nil {
		return nil, err
	}
	return recordFrom(dir, rep)
}

func recordFrom(dir string, rep journal.Replay) (*Record, error) {
	st, err := ReplayEvents(rep.Events)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; the session record is damaged", filepath.Join(dir, JournalFile), err)
	}
	a, err := loadAgendaCopy(dir, st.Start)
	if err != nil {
		return nil, err
	}
	return &Record{Dir: dir, Name: filepath.Base(dir), Agenda: a, State: st, Torn: rep.Torn}, nil
}

// loadAgendaCopy parses the agenda kept in the session folder. Relative
// paths in it (the file source) still start at the original agenda's folder.
func loadAgendaCopy(dir string, start journal.StartInfo) (*agenda.Agenda, error) {
	path := filepath.Join(dir, AgendaFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("session %s: cannot read its agenda copy: %w", filepath.Base(dir), err)
	}
	base := dir
	if start.AgendaFile != "" {
		base = filepath.Dir(start.AgendaFile)
	}
	a, err := agenda.Parse(path, raw, base)
	if err != nil {
		return nil, err
	}
	a.File = start.AgendaFile
	return a, nil
}

// Data reads the data captured for a panel; nil and no error when the panel
// was never captured.
func (r *Record) Data(panel string) (*PanelData, error) {
	return ReadData(r.Dir, panel)
}

// Date is the day the session started, in local time.
func (r *Record) Date() time.Time { return r.State.Started.Local() }

// Root returns the folder sessions live in: flag, else $NAGAME_SESSIONS, else
// the XDG data dir (~/.local/share/nagame/sessions).
func Root(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if d := getenv("NAGAME_SESSIONS"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "nagame", "sessions"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no sessions folder: set --sessions DIR or NAGAME_SESSIONS (%w)", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "nagame", "sessions"), nil
}

// slug turns a title into a folder-name part: lower case, a-z0-9 and dashes,
// at most 40 characters.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "session"
	}
	return out
}
