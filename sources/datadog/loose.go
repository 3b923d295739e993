package datadog

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// The client never fails to decode a 200: what it cannot read (a field it
// requires missing in one element, a value of another type, an enum value
// it does not know) makes the enclosing object, and every object around it,
// an UnparsedObject with nothing else set. One odd series would cost the
// whole answer, and an SLO history whose series lacks a field would hide an
// overall SLI, and Datadog's reason for having none, that read fine.
//
// So when the client gives up, nagame reads the raw answer itself, one part
// at a time, taking only what a panel uses, and lets the panel know what it
// could not read. The parts are put back into the client's types, so the
// rest of the backend reads one shape whichever decoder filled it.

// rawBody is the body of an answer the client has decoded: it reads it whole
// (bounded by the answer limit) and leaves a re-readable copy in resp.
func rawBody(resp *http.Response) []byte {
	if resp == nil || resp.Body == nil {
		return nil
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil
	}
	return b
}

// object is a JSON object as its raw members.
type object map[string]json.RawMessage

// objectOf reads raw as an object; false when it is anything else (null
// included).
func objectOf(raw []byte) (object, bool) {
	var o object
	if json.Unmarshal(raw, &o) != nil || o == nil {
		return nil, false
	}
	return o, true
}

// has reports whether key is present and not null.
func (o object) has(key string) bool {
	v, ok := o[key]
	return ok && string(v) != "null"
}

// decode reads member key into into; false when it is absent, null or of
// another shape.
func (o object) decode(key string, into any) bool {
	return o.has(key) && json.Unmarshal(o[key], into) == nil
}

// str reads member key as a string ("" when it is not one).
func (o object) str(key string) string {
	var s string
	if !o.decode(key, &s) {
		return ""
	}
	return s
}

// optional reads member key as a string; nil when it is not one or empty.
func (o object) optional(key string) *string {
	if v := o.str(key); v != "" {
		return &v
	}
	return nil
}

// integer reads member key as a whole number; nil when absent, and nil
// with what noted in lost when it is not a number.
func (o object) integer(key, what string, lost *unreadable) *int64 {
	f, ok := o.number(key)
	switch {
	case ok:
		n := int64(f)
		return &n
	case o.has(key):
		lost.add("%s", what)
	}
	return nil
}

// number reads member key as a number, also when it is written as a string
// ("300"); false when it is neither.
func (o object) number(key string) (float64, bool) {
	if !o.has(key) {
		return 0, false
	}
	return looseNumber(o[key])
}

// looseNumber reads a JSON number, or a string holding one.
func looseNumber(raw json.RawMessage) (float64, bool) {
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return f, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// unreadable collects what could not be read, for one warning.
type unreadable []string

func (u *unreadable) add(format string, args ...any) { *u = append(*u, fmt.Sprintf(format, args...)) }

// warning words what could not be read of an answer, or "" when all was.
func (u unreadable) warning(what string) string {
	if len(u) == 0 {
		return ""
	}
	return fmt.Sprintf("nagame could not read all of %s and shows what it could; not read: %s", what, strings.Join(u, "; "))
}

// lostNote is the warning about what could not be read of what, for the
// panel: it can name parts of the wire (a threshold's timeframe), so it is
// scrubbed of the keys before it is clipped.
func (s *Source) lostNote(lost unreadable, what string) string {
	return sources.Clip(s.redact(lost.warning(what)), 500)
}

// looseQuery reads a v1 query answer the client could not. ok is false when
// the body is no JSON object or its series are not a list: then nothing of
// it can be trusted.
func looseQuery(body []byte) (resp datadogV1.MetricsQueryResponse, lost unreadable, ok bool) {
	o, ok := objectOf(body)
	if !ok {
		return resp, nil, false
	}
	var list []json.RawMessage
	if o.has("series") && !o.decode("series", &list) {
		return resp, nil, false
	}
	resp.Status, resp.Error, resp.Message = o.optional("status"), o.optional("error"), o.optional("message")
	for i, raw := range list {
		var m datadogV1.MetricsQueryMetadata
		if json.Unmarshal(raw, &m) == nil && m.UnparsedObject == nil {
			if unparsed, _ := datadog.ContainsUnparsedObject(m); !unparsed {
				resp.Series = append(resp.Series, m)
				continue
			}
		}
		if m, ok := looseSeries(raw, i, &lost); ok {
			resp.Series = append(resp.Series, m)
		}
	}
	return resp, lost, true
}

// looseSeries reads one element of an answer's series, field by field. A
// series without readable points is left out.
func looseSeries(raw json.RawMessage, i int, lost *unreadable) (datadogV1.MetricsQueryMetadata, bool) {
	var m datadogV1.MetricsQueryMetadata
	o, ok := objectOf(raw)
	if !ok {
		lost.add("series %d (not an object), not shown", i+1)
		return m, false
	}
	var pts []json.RawMessage
	if !o.decode("pointlist", &pts) {
		lost.add("the points of series %d, not shown", i+1)
		return m, false
	}
	bad := 0
	for _, p := range pts {
		var pair []json.RawMessage
		if json.Unmarshal(p, &pair) != nil || len(pair) < 2 {
			bad++
			continue
		}
		ts, ok := looseNumber(pair[0])
		if !ok {
			bad++
			continue
		}
		var v *float64
		if string(pair[1]) != "null" {
			f, ok := looseNumber(pair[1])
			if !ok {
				bad++
				continue
			}
			v = &f
		}
		m.Pointlist = append(m.Pointlist, []*float64{&ts, v})
	}
	if bad > 0 {
		lost.add("%d points of series %d", bad, i+1)
	}
	m.DisplayName, m.Metric, m.Expression, m.Scope = o.optional("display_name"), o.optional("metric"), o.optional("expression"), o.optional("scope")
	if o.has("tag_set") && !o.decode("tag_set", &m.TagSet) {
		lost.add("the tags of series %d", i+1)
	}
	m.Interval = o.integer("interval", fmt.Sprintf("the interval of series %d", i+1), lost)
	m.QueryIndex = o.integer("query_index", fmt.Sprintf("the query index of series %d", i+1), lost)
	if o.has("unit") {
		// The client's unit type takes what it cannot read without an
		// error, into its UnparsedObject.
		read := o.decode("unit", &m.Unit)
		if unparsed, _ := datadog.ContainsUnparsedObject(m.Unit); !read || unparsed {
			lost.add("the unit of series %d", i+1)
			m.Unit = nil
		}
	}
	return m, true
}

// looseHistory reads an SLO history answer the client could not. ok is
// false when the body is no JSON object: then it says nothing.
func looseHistory(body []byte) (resp datadogV1.SLOHistoryResponse, lost unreadable, ok bool) {
	o, ok := objectOf(body)
	if !ok {
		return resp, nil, false
	}
	var errs []json.RawMessage
	if o.decode("errors", &errs) {
		for _, raw := range errs {
			var e datadogV1.SLOHistoryResponseError
			if json.Unmarshal(raw, &e) == nil && e.GetError() != "" {
				resp.Errors = append(resp.Errors, e)
				continue
			}
			if text := stringOf(raw); text != "" {
				resp.Errors = append(resp.Errors, datadogV1.SLOHistoryResponseError{Error: &text})
			}
		}
	}
	d, ok := objectOf(o["data"])
	if !ok {
		return resp, lost, true
	}
	data := &datadogV1.SLOHistoryResponseData{}
	resp.Data = data
	var slo map[string]any
	if d.decode("slo", &slo) {
		data.AdditionalProperties = map[string]any{"slo": slo}
	}
	data.Thresholds = looseThresholds(d, &lost)
	data.Overall = looseOverall(d, &lost)
	data.Series = looseMetrics(d, &lost)
	return resp, lost, true
}

// stringOf reads raw as a string, "" when it is not one.
func stringOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// looseThresholds reads data.thresholds entry by entry: a target and a
// timeframe are all an SLO panel needs, whatever else an entry holds (a
// timeframe the client does not know yet, such as "60d").
func looseThresholds(d object, lost *unreadable) map[string]datadogV1.SLOThreshold {
	var entries map[string]json.RawMessage
	if !d.decode("thresholds", &entries) {
		if d.has("thresholds") {
			lost.add("the SLO's thresholds")
		}
		return nil
	}
	out := map[string]datadogV1.SLOThreshold{}
	for tf, raw := range entries {
		th, ok := objectOf(raw)
		target, hasTarget := th.number("target")
		if !ok || !hasTarget {
			lost.add("the %s threshold", tf)
			continue
		}
		out[tf] = datadogV1.SLOThreshold{Target: target, Timeframe: datadogV1.SLOTimeframe(tf)}
	}
	return out
}

// looseOverall reads data.overall: the SLI, the budget left per timeframe and
// Datadog's reasons for having no SLI.
func looseOverall(d object, lost *unreadable) *datadogV1.SLOHistorySLIData {
	if !d.has("overall") {
		return nil
	}
	var sli datadogV1.SLOHistorySLIData
	if json.Unmarshal(d["overall"], &sli) == nil && sli.UnparsedObject == nil {
		if unparsed, _ := datadog.ContainsUnparsedObject(sli); !unparsed {
			return &sli
		}
	}
	o, ok := objectOf(d["overall"])
	if !ok {
		lost.add("the overall SLI")
		return nil
	}
	out := &datadogV1.SLOHistorySLIData{}
	if v, ok := o.number("sli_value"); ok {
		out.SliValue.Set(&v)
	} else if o.has("sli_value") {
		lost.add("the SLI value")
	}
	var budgets map[string]json.RawMessage
	if o.decode("error_budget_remaining", &budgets) {
		out.ErrorBudgetRemaining = map[string]float64{}
		for tf, raw := range budgets {
			if v, ok := looseNumber(raw); ok {
				out.ErrorBudgetRemaining[tf] = v
			}
		}
	}
	var errs []json.RawMessage
	if o.decode("errors", &errs) {
		for _, raw := range errs {
			e, _ := objectOf(raw)
			msg, typ := e.str("error_message"), e.str("error_type")
			if msg != "" || typ != "" {
				out.Errors = append(out.Errors, datadogV1.SLOHistoryResponseErrorWithType{ErrorMessage: msg, ErrorType: typ})
			}
		}
	}
	return out
}

// looseMetrics reads data.series, the good and total counts per bucket of
// a metric SLO; nil, and a note, when its times or values cannot be read.
func looseMetrics(d object, lost *unreadable) *datadogV1.SLOHistoryMetrics {
	if !d.has("series") {
		return nil
	}
	s, ok := objectOf(d["series"])
	var times []json.RawMessage
	if !ok || !s.decode("times", &times) {
		lost.add("the SLI history (its times), so there is no SLI chart")
		return nil
	}
	out := &datadogV1.SLOHistoryMetrics{}
	for _, raw := range times {
		t, ok := looseNumber(raw)
		if !ok {
			lost.add("the SLI history (a time), so there is no SLI chart")
			return nil
		}
		out.Times = append(out.Times, t)
	}
	for _, c := range []struct {
		key  string
		into *datadogV1.SLOHistoryMetricsSeries
	}{{"numerator", &out.Numerator}, {"denominator", &out.Denominator}} {
		counts, _ := objectOf(s[c.key])
		var values []*float64
		if !counts.decode("values", &values) {
			lost.add("the SLI history (its %s), so there is no SLI chart", c.key)
			return nil
		}
		for _, v := range values {
			// The client reads null as 0; so does this, and a bucket whose
			// total is 0 is a gap.
			c.into.Values = append(c.into.Values, deref(v))
		}
	}
	if iv, ok := s.number("interval"); ok {
		out.Interval = int64(iv)
	}
	return out
}

func deref(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}
