package datadog

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// ErrNoData is wrapped by the error FetchSLO returns when Datadog has no SLI
// for the window (a zero denominator, a monitor without results). The
// status returned with it still has the SLO's name and target, and the
// error's message is Datadog's own explanation, for the panel to show.
var ErrNoData = errors.New("no SLI in this window")

// FetchSLO reads an SLO's history over w (GET /api/v1/slo/{id}/history) and
// reports it as fractions:
//
//   - Target comes from the SLO's threshold whose timeframe (7d, 30d, 90d)
//     equals the window's length; otherwise from its first threshold, as the
//     SLO lists them, which is the one Datadog's UI shows first.
//   - SLI is sli_value / 100; BudgetRemaining is error_budget_remaining of
//     that timeframe / 100, or 1 − (1 − SLI)/(1 − Target) when Datadog does
//     not give it.
//   - History is the SLI per bucket in percent (good/total × 100) for metric
//     SLOs; monitor and time-slice SLOs have none.
//
// When the window has no SLI, the status comes back with NaN SLI and budget
// together with an error that wraps ErrNoData and carries Datadog's reason.
func (s *Source) FetchSLO(ctx context.Context, id string, w sources.Window) (sources.SLOStatus, error) {
	id = strings.TrimSpace(id)
	st := sources.SLOStatus{ID: id, Name: id, Target: math.NaN(), SLI: math.NaN(), BudgetRemaining: math.NaN()}
	if s.keysErr != nil {
		return st, s.keysErr
	}
	if id == "" {
		return st, &sources.Error{Backend: backend, Msg: "SLO panel without an SLO id", Hint: "set slo: to the SLO's id in the agenda"}
	}
	if !w.To.After(w.From) {
		return st, &sources.Error{Backend: backend, Query: "slo " + id, Msg: fmt.Sprintf("empty window %s", w)}
	}
	actx := s.authContext(ctx)
	var resp datadogV1.SLOHistoryResponse
	o := s.retry.do(ctx, func() (*http.Response, error) {
		var (
			hr  *http.Response
			err error
		)
		resp, hr, err = s.slos.GetSLOHistory(actx, id, w.From.Unix(), w.To.Unix())
		return hr, err
	})
	if o.err != nil {
		return st, s.failure(ctx, request{query: "slo " + id, slo: id}, o)
	}
	return s.sloStatus(st, resp, o.resp, w)
}

// sloStatus fills st from a history response. When the client could not
// read it (see loose.go), hr's body is read part by part: what was read is
// used, and what was not is a warning on the SLI history.
func (s *Source) sloStatus(st sources.SLOStatus, resp datadogV1.SLOHistoryResponse, hr *http.Response, w sources.Window) (sources.SLOStatus, error) {
	fail := func(msg, hint string, wrap error) error {
		e := &sources.Error{Backend: backend, Query: "slo " + st.ID, Msg: msg, Hint: hint, Err: wrap}
		s.secrets.RedactError(e)
		return e
	}
	var lost unreadable
	if unparsed, _ := datadog.ContainsUnparsedObject(resp); unparsed {
		var ok bool
		if resp, lost, ok = looseHistory(rawBody(hr)); !ok {
			return st, fail(fmt.Sprintf("Datadog's history of SLO %s does not have the expected shape", st.ID),
				"nagame could not read it; if url: points at a proxy, check it forwards Datadog's API unchanged", nil)
		}
	}
	d := resp.Data
	if d == nil {
		var said []string
		for _, e := range resp.Errors {
			said = append(said, e.GetError())
		}
		return st, fail(fmt.Sprintf("no history for SLO %s: %s", st.ID, orStatus(strings.Join(said, "; "), "Datadog returned none")),
			"check the slo: id in the agenda", ErrNoData)
	}
	if name := sloName(d); name != "" {
		st.Name = name
	}
	tf, th, ok := pickThreshold(d, w.Duration())
	if ok {
		st.Target = th.Target / 100
	}
	if o := d.Overall; o != nil {
		if v := o.SliValue.Get(); v != nil {
			st.SLI = *v / 100
		}
		if b, found := o.ErrorBudgetRemaining[tf]; found && ok {
			st.BudgetRemaining = b / 100
		} else if !math.IsNaN(st.SLI) && st.Target < 1 {
			// 1 − spent/allowed: SLI 99.95 % against 99.9 % spends half.
			st.BudgetRemaining = 1 - (1-st.SLI)/(1-st.Target)
		}
	}
	st.History = sliHistory(d.Series, w)
	if note := s.lostNote(lost, "Datadog's SLO history"); note != "" {
		if len(st.History) == 0 {
			st.History = []sources.Series{{Name: "SLI", Unit: "%"}}
		}
		st.History[0].Warnings = append(st.History[0].Warnings, note)
	}
	if math.IsNaN(st.SLI) {
		return st, fail(fmt.Sprintf("SLO %s has no SLI in this window: %s", st.Name, noDataReason(d.Overall)),
			"Datadog has no good/total events (or monitor results) for the SLO in this window; check its queries in Datadog", ErrNoData)
	}
	return st, nil
}

// sloName is the name in the history's "slo" object, which the client
// leaves among the additional properties.
func sloName(d *datadogV1.SLOHistoryResponseData) string {
	slo, _ := d.AdditionalProperties["slo"].(map[string]any)
	name, _ := slo["name"].(string)
	return strings.TrimSpace(name)
}

// pickThreshold chooses the threshold whose timeframe matches the window
// (a 30-day meeting reads the 30d target), else the SLO's first threshold
// in its own order, else the shortest timeframe present.
func pickThreshold(d *datadogV1.SLOHistoryResponseData, window time.Duration) (string, datadogV1.SLOThreshold, bool) {
	if len(d.Thresholds) == 0 {
		return "", datadogV1.SLOThreshold{}, false
	}
	for tf, th := range d.Thresholds {
		if days, ok := timeframeDays(tf); ok && time.Duration(days)*24*time.Hour == window {
			return tf, th, true
		}
	}
	slo, _ := d.AdditionalProperties["slo"].(map[string]any)
	list, _ := slo["thresholds"].([]any)
	for _, item := range list {
		m, _ := item.(map[string]any)
		if tf, _ := m["timeframe"].(string); tf != "" {
			if th, ok := d.Thresholds[tf]; ok {
				return tf, th, true
			}
		}
	}
	keys := make([]string, 0, len(d.Thresholds))
	for tf := range d.Thresholds {
		keys = append(keys, tf)
	}
	slices.SortFunc(keys, func(a, b string) int {
		da, oka := timeframeDays(a)
		db, okb := timeframeDays(b)
		switch {
		case oka && okb && da != db:
			return da - db
		case oka != okb: // known timeframes before "custom"
			if oka {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys[0], d.Thresholds[keys[0]], true
}

// timeframeDays reads "7d", "30d", "90d".
func timeframeDays(tf string) (int, bool) {
	n, ok := strings.CutSuffix(tf, "d")
	if !ok || n == "" {
		return 0, false
	}
	days := 0
	for _, c := range n {
		if c < '0' || c > '9' {
			return 0, false
		}
		days = days*10 + int(c-'0')
	}
	return days, true
}

// noDataReason is Datadog's explanation of a missing SLI:
// "The denominator is zero valued (ZERO_VALUED_DENOMINATOR)".
func noDataReason(o *datadogV1.SLOHistorySLIData) string {
	if o == nil {
		return "Datadog returned no overall SLI"
	}
	var parts []string
	for _, e := range o.Errors {
		switch {
		case e.ErrorMessage != "" && e.ErrorType != "":
			parts = append(parts, fmt.Sprintf("%s (%s)", e.ErrorMessage, e.ErrorType))
		case e.ErrorMessage != "" || e.ErrorType != "":
			parts = append(parts, e.ErrorMessage+e.ErrorType)
		}
	}
	if len(parts) == 0 {
		return "Datadog returned no SLI value"
	}
	return strings.Join(parts, "; ")
}

// sliHistory is good/total × 100 per bucket of a metric SLO's series, the
// buckets that overlap w. The client decodes a null count as 0, so a bucket
// with no total is a gap, not 0 % (or 100 %).
func sliHistory(m *datadogV1.SLOHistoryMetrics, w sources.Window) []sources.Series {
	if m == nil || len(m.Times) == 0 {
		return nil
	}
	num, den := m.Numerator.Values, m.Denominator.Values
	step := time.Duration(m.Interval) * time.Second
	pts := make([]sources.Point, 0, len(m.Times))
	for i, ms := range m.Times {
		t := time.UnixMilli(int64(math.Round(ms))).UTC()
		if !inWindow(t, step, w) {
			continue
		}
		v := math.NaN()
		if i < len(num) && i < len(den) && den[i] > 0 {
			v = num[i] / den[i] * 100
		}
		pts = append(pts, sources.Point{T: t, V: v})
	}
	return []sources.Series{{Name: "SLI", Unit: "%", Step: step, Points: pts}}
}
