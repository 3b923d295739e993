package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

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
