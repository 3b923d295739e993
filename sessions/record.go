package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
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
	// Published is what nagame publish sent of the session (published.json).
	Published Publication
}

// ErrNoSession is returned when a folder is not a session.
var ErrNoSession = errors.New("not a nagame session")

// ErrEmptyJournal is returned for a session whose journal holds no event:
// nagame stopped right after creating the folder, and nothing was recorded.
var ErrEmptyJournal = errors.New("the journal is empty")

// errReplay marks a journal whose lines read but do not add up to a
// meeting (an event before the start, a second start).
var errReplay = errors.New("the session record is damaged")

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
	if len(rep.Events) == 0 {
		return nil, fmt.Errorf("%s: %w: nagame stopped right after creating the session, and nothing was recorded; remove the folder %s",
			filepath.Join(dir, JournalFile), ErrEmptyJournal, dir)
	}
	st, err := ReplayEvents(rep.Events)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; %w: run nagame repair %s to keep the events that make sense",
			filepath.Join(dir, JournalFile), err, errReplay, filepath.Base(dir))
	}
	a, err := loadAgendaCopy(dir, st.Start)
	if err != nil {
		return nil, err
	}
	pub, err := ReadPublication(dir)
	if err != nil {
		return nil, err
	}
	return &Record{Dir: dir, Name: filepath.Base(dir), Agenda: a, State: st, Torn: rep.Torn, Published: pub}, nil
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
	a, err := agenda.Parse(path, raw, base, agenda.WithVars(start.Vars))
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

// DataVersion is the version of the data/<panel>.json shape.
const DataVersion = 1

// MaxStoredPoints bounds each stored series: enough for any chart, small
// enough to keep a session folder light. Peaks survive (min and max per
// bucket are kept).
const MaxStoredPoints = 1000

// PanelData is what the team saw of a panel, frozen at fetch time: the lines
// as charted and the numbers as summarised, for the window and the
// comparison window. It is stored as data/<panel>.json so the minutes can be
// regenerated offline, identically.
type PanelData struct {
	Version int          `json:"version"`
	Panel   string       `json:"panel"`
	Title   string       `json:"title"`
	Kind    sources.Kind `json:"kind"`
	// Unit of the charted lines (errors panels chart % of requests).
	Unit string `json:"unit,omitempty"`
	// Source is the agenda's name of the source the panel read.
	Source    string    `json:"source"`
	FetchedAt time.Time `json:"fetched_at"`
	Current   Window    `json:"current"`
	// Previous is the comparison window; nil when the agenda compares none.
	Previous *Window `json:"previous,omitempty"`
	// Changes of the summary figures, current against previous.
	Changes []sources.Change `json:"changes,omitempty"`
}

// Window is a panel's numbers over one window.
type Window struct {
	Window sources.Window `json:"window"`
	// Series as charted: at most MaxStoredPoints points each, peaks kept.
	Series  []sources.Series `json:"series"`
	Summary sources.Summary  `json:"summary"`
	// SLO is the objective's status over the window, when the panel has one.
	SLO *sources.SLOResult `json:"slo,omitempty"`
	// SLOName names a backend SLO (kind: slo, or objective: {slo: id}).
	SLOName string `json:"slo_name,omitempty"`
	// Warnings are what the backend said besides the data (Prometheus
	// warnings, a fallback it took), shown next to the chart.
	Warnings []string `json:"warnings,omitempty"`
	// Points is how many points the backend returned before downsampling.
	Points int `json:"points"`
	// Burn is the objective's error budget left after each bucket, in
	// percent of the budget (sources.Burn's Left), computed from the full
	// series at fetch time: the burn-down chart of a latency or errors
	// objective. Nil without such an objective.
	Burn *sources.Series `json:"burn,omitempty"`
	// Events are what the panel's events queries found in the window (its
	// deploys, config changes), in time order, each text one clean line:
	// the chart marks them. At most sources.MaxEvents: EventsMore counts
	// those left out (the earliest), at least that many when
	// EventsMoreAtLeast. A query that failed is a warning instead.
	Events            []sources.Event `json:"events,omitempty"`
	EventsMore        int             `json:"events_more,omitempty"`
	EventsMoreAtLeast bool            `json:"events_more_at_least,omitempty"`
	// Unit is the one unit of the window's series, figures and objective,
	// by sources.ResolveUnit (the agenda's unit: wins, else the backend's).
	Unit string `json:"unit,omitempty"`
	// Error is why the window could not be fetched; Hint what to do.
	Error string `json:"error,omitempty"`
	Hint  string `json:"hint,omitempty"`
	// Temporary marks an error worth retrying as it is.
	Temporary bool `json:"temporary,omitempty"`
}

// OK reports whether the window was fetched.
func (w *Window) OK() bool { return w != nil && w.Error == "" }

// Failed reports whether any window of the panel failed.
func (d *PanelData) Failed() bool {
	return d.Current.Error != "" || (d.Previous != nil && d.Previous.Error != "")
}

// Err is the first window's error as an error, or nil.
func (d *PanelData) Err() error {
	switch {
	case d.Current.Error != "":
		return errors.New(d.Current.Error)
	case d.Previous != nil && d.Previous.Error != "":
		return fmt.Errorf("comparison window: %s", d.Previous.Error)
	}
	return nil
}

// WriteData stores d as <dir>/data/<panel>.json, atomically: a crash leaves
// the old file or the new one. Safe to call from any goroutine for
// different panels.
func WriteData(dir string, d *PanelData) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("panel %s: cannot encode its data: %w", d.Panel, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, DataDir), 0o700); err != nil {
		return err
	}
	return writeFileAtomic(dataPath(dir, d.Panel), b, 0o600)
}

// ReadData reads data/<panel>.json; nil and no error when there is none.
func ReadData(dir, panel string) (*PanelData, error) {
	path := dataPath(dir, panel)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var d PanelData
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w; fetch the panel again (r in the meeting) to replace it", path, err)
	}
	if d.Version != DataVersion {
		return nil, fmt.Errorf("%s: data version %d, this nagame reads %d", path, d.Version, DataVersion)
	}
	return &d, nil
}

func dataPath(dir, panel string) string {
	return filepath.Join(dir, DataDir, panel+".json")
}
