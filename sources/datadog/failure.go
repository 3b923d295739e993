package datadog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"

	"github.com/nagame-dev/nagame/sources"
)

// request describes a call for the messages of its failure.
type request struct {
	// query is the query as the agenda wrote it: the error's Query.
	query string
	// sent is the query nagame sent when it differs (a rollup appended).
	sent string
	// slo is the SLO id of an SLO call.
	slo string
	// dashboard is the dashboard id of a dashboard call.
	dashboard string
	// events marks an events call, whose query is an event filter.
	events bool
	// probe marks the calls of Check, whose 401/403 blame one key.
	probe probe
}

type probe int

const (
	noProbe probe = iota
	apiKeyProbe
	appKeyProbe
)

// failure turns the outcome of a failed call into a *sources.Error worded
// for the panel: Datadog's own words where it gave any, the host it talked
// to, and what to do next. Every text that came from the wire is scrubbed of
// key values first.
func (s *Source) failure(ctx context.Context, r request, o outcome) error {
	e := &sources.Error{Backend: backend, Query: r.query, Err: o.err}
	var tooLarge *sources.TooLargeError
	switch {
	case errors.As(o.err, &tooLarge):
		e.Msg = fmt.Sprintf("the answer of %s is %s: narrow the query or the window", s.ep.host, tooLarge)
		e.Hint = fmt.Sprintf("nagame reads at most %s of one answer; a query grouped by a tag of many values "+
			"(by {host}, by {pod_name}) is large: group by fewer tags, or filter the scope", sources.SizeText(tooLarge.Limit))
		if r.events {
			e.Hint = fmt.Sprintf("nagame reads at most %s of one answer; events with long texts fill it: "+
				"add sources: or tags: to the events query", sources.SizeText(tooLarge.Limit))
		}
	case o.resp != nil && o.resp.StatusCode >= 300:
		s.statusFailure(e, r, o)
	default:
		s.transportFailure(ctx, e, o)
	}
	// The client's error text can hold a whole response body or a URL; the
	// message above already says what matters, so keep only a scrubbed copy.
	s.secrets.RedactError(e)
	return e
}

// statusFailure words an HTTP error status.
func (s *Source) statusFailure(e *sources.Error, r request, o outcome) {
	code := o.resp.StatusCode
	said := s.datadogSays(o.err)
	status := fmt.Sprintf("%d %s", code, http.StatusText(code))
	if said != "" {
		status += ": " + said
	}
	switch {
	case (code == http.StatusUnauthorized || code == http.StatusForbidden) && r.probe == apiKeyProbe:
		e.Msg = fmt.Sprintf("DD_API_KEY rejected by %s (%s)", s.ep.host, status)
		e.Hint = fmt.Sprintf("use an API key of an org on %s (Organization Settings → API Keys); a key works only on its own site", s.ep.site)
	case (code == http.StatusUnauthorized || code == http.StatusForbidden) && r.probe == appKeyProbe:
		e.Msg = fmt.Sprintf("DD_APP_KEY rejected by %s (%s)", s.ep.host, status)
		e.Hint = "use an application key of the same org as DD_API_KEY (Organization Settings → Application Keys); " +
			"a scoped key needs timeseries_query, and slos_read for SLO panels"
	case (code == http.StatusUnauthorized || code == http.StatusForbidden) && r.dashboard != "":
		e.Msg = fmt.Sprintf("%s refused to show dashboard %s (%s)", s.ep.host, r.dashboard, status)
		e.Hint = fmt.Sprintf("check DD_API_KEY / DD_APP_KEY and the site (%s here); a scoped application key needs dashboards_read", s.ep.site)
	case code == http.StatusNotFound && r.dashboard != "":
		e.Msg = fmt.Sprintf("dashboard %s not found on %s", r.dashboard, s.ep.host)
		e.Hint = fmt.Sprintf("the id is in the dashboard's address (/dashboard/<id>/…); the keys must belong to the org that owns it, on %s (a dashboard address gives the site too)", s.ep.site)
	case (code == http.StatusUnauthorized || code == http.StatusForbidden) && r.events:
		e.Msg = fmt.Sprintf("%s refused to list events (%s)", s.ep.host, status)
		e.Hint = fmt.Sprintf("check DD_API_KEY / DD_APP_KEY and the site (%s here); a scoped application key needs events_read", s.ep.site)
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		e.Msg = fmt.Sprintf("%s refused the keys (%s)", s.ep.host, status)
		e.Hint = fmt.Sprintf("check DD_API_KEY / DD_APP_KEY and site (keys work only on their org's site, %s here); "+
			"a scoped application key needs timeseries_query and slos_read", s.ep.site)
	case code == http.StatusNotFound && r.slo != "":
		e.Msg = fmt.Sprintf("SLO %s not found; check the id in the agenda", r.slo)
		e.Hint = fmt.Sprintf("the id is the slo_id in the SLO's Datadog address; the keys must belong to the org that owns it, on %s", s.ep.site)
	case code == http.StatusNotFound:
		e.Msg = fmt.Sprintf("%s has no Datadog API here (%s)", s.ep.host, status)
		e.Hint = "if url: points at a proxy, check its path prefix; otherwise leave url: out"
	case code == http.StatusBadRequest:
		e.Msg = "Datadog rejected the request: " + orStatus(said, status)
		e.Hint = "fix the query in the agenda; try it in Datadog's Metrics Explorer first"
		if r.slo != "" {
			e.Hint = "check the slo: id in the agenda and the meeting's window"
		}
		if r.events {
			e.Hint = `fix the events query in the agenda: sources: and tags: terms, like "sources:github tags:service:checkout"`
		}
		if r.sent != "" && r.sent != r.query {
			e.Hint += "; nagame sent: " + r.sent
		}
	case code == http.StatusTooManyRequests:
		e.Temporary = true
		e.Msg = "rate limited by Datadog; retry " + retryIn(o.resp.Header)
		e.Hint = "the org's API rate limit for this endpoint is spent"
		if limit, period := o.resp.Header.Get("X-RateLimit-Limit"), o.resp.Header.Get("X-RateLimit-Period"); limit != "" && period != "" {
			e.Hint += fmt.Sprintf(" (%s requests per %s s)", limit, period)
		}
		e.Hint += "; fewer panels at once, or a retry after the reset, helps"
	case code >= 500:
		e.Temporary = true
		e.Msg = fmt.Sprintf("%s answered %s%s", s.ep.host, status, afterTries(o.tries))
		e.Hint = "Datadog (or the proxy) is having trouble; see status.datadoghq.com and retry in a minute"
	default:
		e.Msg = fmt.Sprintf("%s answered %s", s.ep.host, status)
	}
}

// transportFailure words a failure without an HTTP status: the caller gave
// up, no answer in time, no connection, or an answer that is not Datadog's.
func (s *Source) transportFailure(ctx context.Context, e *sources.Error, o outcome) {
	err := o.err
	var (
		netErr net.Error
		dnsErr *net.DNSError
	)
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		// The caller's own deadline, shorter than the request timeout.
		e.Msg = fmt.Sprintf("no answer from %s before the deadline", s.ep.host)
		e.Err = ctx.Err()
		e.Temporary = true
	case ctx.Err() != nil:
		// The caller moved on (the facilitator left the panel, or quit):
		// say so plainly, and keep the context error for errors.Is.
		e.Msg = "request cancelled"
		e.Err = ctx.Err()
	case errors.As(err, &dnsErr):
		e.Msg = fmt.Sprintf("cannot resolve %s: %s", s.ep.host, dnsErr.Err)
		e.Hint = "check site: (or url:) in the agenda and the network or VPN"
		e.Temporary = dnsErr.IsTemporary
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Msg = fmt.Sprintf("the connection to %s was cut before a whole answer came (%s)", s.ep.host, s.clientText(sources.RootCause(err)))
		e.Hint = "retry; if it keeps happening, a proxy, load balancer or firewall between nagame and Datadog is closing connections"
		e.Temporary = true
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Msg = fmt.Sprintf("cannot connect to %s: connection refused", s.ep.host)
		e.Hint = "check url: in the agenda and that the proxy or endpoint is running"
		e.Temporary = true
	case errors.As(err, &netErr) && netErr.Timeout():
		e.Msg = fmt.Sprintf("no answer from %s within %s", s.ep.host, roundDuration(s.timeout))
		e.Hint = "Datadog or the network is slow; retry, or raise timeout: for this source in the agenda"
		e.Temporary = true
	case o.resp != nil && strings.Contains(err.Error(), "unexpected end of JSON input"):
		e.Msg = fmt.Sprintf("the answer of %s ended before its JSON did (%s)", s.ep.host, s.clientText(err))
		e.Hint = "retry; if it keeps happening, a proxy between nagame and Datadog cuts answers short (check its size and time limits)"
		e.Temporary = true
	case o.resp != nil:
		// A 2xx whose body the client could not decode: a captive portal,
		// a proxy's HTML page.
		e.Msg = fmt.Sprintf("could not read the answer of %s: %s", s.ep.host, s.clientText(err))
		e.Hint = "the answer is not Datadog's JSON; if url: points at a proxy, check that it forwards Datadog's API unchanged"
	default:
		e.Msg = fmt.Sprintf("request to %s failed: %s", s.ep.host, s.clientText(err))
		e.Hint = "check the network, and site: or url: in the agenda"
	}
}

// datadogSays extracts Datadog's words from an error body:
// {"errors": ["Forbidden"]} or {"error": "…"}; "" when there are none.
// The keys are scrubbed before the text is clipped: a clip could cut a key
// and leave most of it behind.
func (s *Source) datadogSays(err error) string {
	var apiErr datadog.GenericOpenAPIError
	if !errors.As(err, &apiErr) || len(apiErr.Body()) == 0 {
		return ""
	}
	var body struct {
		Errors []json.RawMessage `json:"errors"`
		Error  string            `json:"error"`
	}
	if json.Unmarshal(apiErr.Body(), &body) != nil {
		return ""
	}
	var parts []string
	for _, raw := range body.Errors {
		var text string
		if json.Unmarshal(raw, &text) == nil {
			parts = append(parts, text)
			continue
		}
		// v2-style error objects: keep their detail or title.
		var obj struct{ Detail, Title string }
		if json.Unmarshal(raw, &obj) == nil && (obj.Detail != "" || obj.Title != "") {
			parts = append(parts, orStatus(obj.Detail, obj.Title))
		}
	}
	if body.Error != "" {
		parts = append(parts, body.Error)
	}
	return sources.Clip(s.redact(strings.Join(parts, "; ")), 300)
}

// clientText is the client's error text, clipped: a decode error can quote
// a long body.
func (s *Source) clientText(err error) string {
	if err == nil {
		return "no error text"
	}
	return sources.Clip(s.redact(err.Error()), 200)
}

func orStatus(said, status string) string {
	if said != "" {
		return said
	}
	return status
}

// retryIn says when a rate limit resets: "in 37 s", or "in a minute" when
// Datadog did not say.
func retryIn(h http.Header) string {
	if d := resetAfter(h); d > 0 {
		return fmt.Sprintf("in %d s", int(d/time.Second))
	}
	return "in a minute"
}

func afterTries(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (%d tries)", n)
}

// roundDuration prints a timeout as people write it: 30s, 1m30s, 250ms.
func roundDuration(d time.Duration) string {
	if d >= time.Second {
		d = d.Round(time.Second)
	}
	return d.String()
}
