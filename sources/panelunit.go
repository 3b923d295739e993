package sources

import (
	"fmt"
	"math"
	"strings"
)

// PanelUnit is the one unit a panel's numbers are in: the values charted
// and summarised, the axis labels, and the objective's threshold. It is
// what ResolveUnit decides.
type PanelUnit struct {
	// Unit of everything the panel shows ("" for a plain number).
	Unit string
	// Scale turns a value as the backend reported it into Unit: 1 when the
	// backend's values are used as they are, 0.001 for a backend in ms on a
	// panel in s.
	Scale float64
	// Note says, for people, why the backend's unit was not used when it
	// does not convert into the agenda's ("" otherwise): the panel shows
	// it as a warning, since the agenda may be wrong.
	Note string
}

// ResolveUnit decides a panel's unit, one rule for every caller:
//
//  1. the agenda's unit: (declared) wins when it is set. Values the backend
//     reports in another time unit are converted into it (a backend in ms
//     on a panel declared in s gives Scale 0.001). A backend unit that does
//     not convert (the agenda says %, the backend req/s) is not converted:
//     the agenda is believed, and Note says so;
//  2. else the unit the backend reports (reported, from its series), as is;
//  3. else fallback, the panel kind's default (latency s, slo %), as is.
//
// declared must be "" when the agenda has no unit: key (not the kind's
// default), and reported "" when the backend reports none (not an echo of
// the unit the query was sent with). Thresholds and objectives are then
// brought into Unit with ConvertUnit from the unit they were written or
// parsed in, so that data, axis, figures and objective always agree.
func ResolveUnit(declared, reported, fallback string) PanelUnit {
	declared, reported = strings.TrimSpace(declared), strings.TrimSpace(reported)
	switch {
	case declared == "" && reported == "":
		return PanelUnit{Unit: strings.TrimSpace(fallback), Scale: 1}
	case declared == "":
		return PanelUnit{Unit: reported, Scale: 1}
	case reported == "" || reported == declared:
		return PanelUnit{Unit: declared, Scale: 1}
	}
	if f, ok := UnitFactor(reported, declared); ok {
		return PanelUnit{Unit: declared, Scale: f}
	}
	return PanelUnit{Unit: declared, Scale: 1, Note: fmt.Sprintf(
		"the backend reports %s, which does not convert to the panel's unit %s: the values are shown as %s, as the agenda says (check its unit:)",
		reported, declared, declared)}
}

// ReportedUnit is the unit a backend reported for a panel's series: the
// first one set, "" when none is.
func ReportedUnit(series []Series) string {
	for _, s := range series {
		if u := strings.TrimSpace(s.Unit); u != "" {
			return u
		}
	}
	return ""
}

// Apply returns the series in u: values multiplied by u.Scale (copies; the
// input is not modified) and Unit set. With Scale 1 the points are shared.
func (u PanelUnit) Apply(series []Series) []Series {
	out := make([]Series, len(series))
	for i, s := range series {
		if u.Scale != 1 && u.Scale != 0 {
			pts := make([]Point, len(s.Points))
			for j, p := range s.Points {
				pts[j] = Point{T: p.T, V: p.V * u.Scale}
			}
			s.Points = pts
		}
		s.Unit = u.Unit
		out[i] = s
	}
	return out
}

// UnitFactor is what a value in unit from is multiplied by to be in unit
// to: 1 for the same unit (or either unit empty: a plain number is taken
// to be in the other), the ratio for two time units (ns, us/µs, ms, s,
// m/min, h: "ms" to "s" is 0.001); false for units that do not convert.
func UnitFactor(from, to string) (float64, bool) {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if from == to || from == "" || to == "" {
		return 1, true
	}
	f, okF := timeUnits[from]
	t, okT := timeUnits[to]
	if okF && okT {
		// In whole nanoseconds, so that 1000 ms is exactly 1 s.
		return math.Round(f*1e9) / math.Round(t*1e9), true
	}
	return 1, false
}

// ConvertUnit brings v from unit from into unit to (see UnitFactor): 0.3 s
// is 300 ms. false, and v unchanged, when the units do not convert.
func ConvertUnit(v float64, from, to string) (float64, bool) {
	f, ok := UnitFactor(from, to)
	if !ok {
		return v, false
	}
	return v * f, true
}
