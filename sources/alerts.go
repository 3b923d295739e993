package sources

import (
	"cmp"
	"slices"
	"time"
)

// MaxAlerts is how many alerts an alerts panel lists by default; the rest
// are counted, not listed.
const MaxAlerts = 15

// AlertEvent is one firing of an alert: from when it fired to when it
// recovered (a zero To means it still fires).
type AlertEvent struct {
	Name string
	From time.Time
	To   time.Time
	// Paged says the backend named a priority or notification target that
	// pages someone.
	Paged bool
}

// AlertRow is what an alerts panel says of one alert over a window.
type AlertRow struct {
	Name string
	// Fired counts the firings that started in the window; PrevFired the
	// ones in the previous window.
	Fired, PrevFired int
	// Total and Longest are time in alert inside the window.
	Total, Longest time.Duration
	LastFired      time.Time
	Paged          bool
}

// AlertTable is the alerts of a window, most fired first, at most a limit
// of them; More counts the alerts left out and MoreFired their firings.
type AlertTable struct {
	Rows            []AlertRow
	More, MoreFired int
}

// Alerts sums events into rows for w, counting the firings of w.Previous()
// too, sorted by times fired (then total time, then name), the first limit
// of them (MaxAlerts when limit ≤ 0). An alert that fired only in the
// previous window is listed with 0 firings; a firing that started before w
// but lasted into it adds its time, not a firing.
func Alerts(events []AlertEvent, w Window, limit int) AlertTable {
	if limit <= 0 {
		limit = MaxAlerts
	}
	prev := w.Previous()
	rows := map[string]*AlertRow{}
	row := func(name string) *AlertRow {
		r, ok := rows[name]
		if !ok {
			r = &AlertRow{Name: name}
			rows[name] = r
		}
		return r
	}
	for _, e := range events {
		end := e.To
		if end.IsZero() || end.After(w.To) {
			end = w.To
		}
		switch {
		case w.Contains(e.From):
			r := row(e.Name)
			r.Fired++
			r.Paged = r.Paged || e.Paged
			if e.From.After(r.LastFired) {
				r.LastFired = e.From
			}
			r.add(end.Sub(e.From))
		case prev.Contains(e.From):
			row(e.Name).PrevFired++
			if end.After(w.From) {
				rows[e.Name].add(end.Sub(w.From))
			}
		case e.From.Before(w.From) && end.After(w.From):
			row(e.Name).add(end.Sub(w.From))
		}
	}
	all := make([]AlertRow, 0, len(rows))
	for _, r := range rows {
		all = append(all, *r)
	}
	slices.SortFunc(all, func(a, b AlertRow) int {
		return cmp.Or(cmp.Compare(b.Fired, a.Fired), cmp.Compare(b.Total, a.Total), cmp.Compare(a.Name, b.Name))
	})
	t := AlertTable{Rows: all}
	if len(all) > limit {
		t.Rows = all[:limit]
		t.More = len(all) - limit
		for _, r := range all[limit:] {
			t.MoreFired += r.Fired
		}
	}
	return t
}

func (r *AlertRow) add(d time.Duration) {
	r.Total += d
	r.Longest = max(r.Longest, d)
}
