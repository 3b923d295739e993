package sources

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// seriesJSON is the stored shape of a Series: nagame's session data files and
// its exported series use it, and the file source reads it back.
//
//	{"name": "p95", "unit": "s", "step_seconds": 60,
//	 "points": [[1763800000000, 0.142], [1763800060000, null]]}
//
// Timestamps are Unix milliseconds; null is a gap.
type seriesJSON struct {
	Name        string          `json:"name"`
	Unit        string          `json:"unit,omitempty"`
	StepSeconds float64         `json:"step_seconds,omitempty"`
	Points      json.RawMessage `json:"points"`
	Warnings    []string        `json:"warnings,omitempty"`
	Hidden      int             `json:"hidden,omitempty"`
}

// MarshalJSON writes the series in nagame's stored shape.
func (s Series) MarshalJSON() ([]byte, error) {
	var pts bytes.Buffer
	pts.Grow(len(s.Points) * 24)
	pts.WriteByte('[')
	for i, p := range s.Points {
		if i > 0 {
			pts.WriteByte(',')
		}
		pts.WriteByte('[')
		pts.WriteString(strconv.FormatInt(p.T.UnixMilli(), 10))
		pts.WriteByte(',')
		if math.IsNaN(p.V) || math.IsInf(p.V, 0) {
			pts.WriteString("null")
		} else {
			pts.WriteString(strconv.FormatFloat(p.V, 'g', -1, 64))
		}
		pts.WriteByte(']')
	}
	pts.WriteByte(']')
	return json.Marshal(seriesJSON{
		Name:        s.Name,
		Unit:        s.Unit,
		StepSeconds: s.Step.Seconds(),
		Points:      pts.Bytes(),
		Warnings:    s.Warnings,
		Hidden:      s.Hidden,
	})
}

// UnmarshalJSON reads the stored shape written by MarshalJSON.
func (s *Series) UnmarshalJSON(b []byte) error {
	var raw seriesJSON
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	var pts [][]*float64
	if len(raw.Points) > 0 {
		if err := json.Unmarshal(raw.Points, &pts); err != nil {
			return fmt.Errorf("series %q: points: %w", raw.Name, err)
		}
	}
	out := Series{
		Name:     raw.Name,
		Unit:     raw.Unit,
		Step:     time.Duration(raw.StepSeconds * float64(time.Second)),
		Points:   make([]Point, 0, len(pts)),
		Warnings: raw.Warnings,
		Hidden:   raw.Hidden,
	}
	for i, p := range pts {
		if len(p) != 2 || p[0] == nil {
			return fmt.Errorf("series %q: point %d: want [unix_ms, value|null]", raw.Name, i)
		}
		v := math.NaN()
		if p[1] != nil {
			v = *p[1]
		}
		out.Points = append(out.Points, Point{T: time.UnixMilli(int64(*p[0])).UTC(), V: v})
	}
	*s = out
	return nil
}
