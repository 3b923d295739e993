package prometheus

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"unicode"

	"github.com/nagame-dev/nagame/sources"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
)

// apiError is the error document Prometheus sends with 4xx and 5xx:
// {"status":"error","errorType":"bad_data","error":"1:5: parse error: …"}.
type apiError struct {
	Status    string `json:"status"`
	ErrorType string `json:"errorType"`
	Error     string `json:"error"`
}

// fail turns whatever went wrong with a request into a *sources.Error that
// says what happened, where, and what to do: never a stack trace, never a
// credential.
func (s *Source) fail(query string, err error) *sources.Error {
	e := s.describe(query, err)
	s.creds.secrets.RedactError(e)
	return e
}

// describe is fail before redaction.
func (s *Source) describe(query string, err error) *sources.Error {
	e := &sources.Error{Backend: sources.TypePrometheus, Query: query, Err: err}
	var se *statusError
	var ve *v1.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var tooLarge *sources.TooLargeError
	switch {
	case errors.Is(err, context.Canceled):
		e.Msg = "the request was canceled"
	case errors.As(err, &tooLarge):
		e.Msg = fmt.Sprintf("the answer of %s is %s: narrow the query or the window", s.url, tooLarge)
		e.Hint = fmt.Sprintf("nagame reads at most %s of one answer; a query that returns many series (sum by (pod) …) "+
			"is large: aggregate by fewer labels, or keep the largest with topk()", sources.SizeText(tooLarge.Limit))
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		e.Msg = fmt.Sprintf("no answer from %s within %s", s.url, s.timeout)
		e.Hint = "the server is slow or the query heavy: retry, narrow the query or the window, or raise timeout: in the source"
		e.Temporary = true
	case errors.As(err, &se):
		s.failStatus(e, se)
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr):
		e.Msg = fmt.Sprintf("the TLS certificate of %s is not trusted: %s", s.url, s.clean(sources.RootCause(err).Error(), 200))
		e.Hint = "check url: (host name, http vs https) or install the server's CA certificate in the system trust store"
	case errors.As(err, &dnsErr):
		e.Msg = fmt.Sprintf("cannot find the host of %s: %s", s.url, dnsErr.Err)
		e.Hint = "check url: in the agenda (the host name) and your network or VPN"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Msg = fmt.Sprintf("the connection to %s was cut before a whole answer came (%s)", s.url, s.clean(sources.RootCause(err).Error(), 100))
		e.Hint = "retry; if it keeps happening, a proxy, load balancer or firewall between nagame and the server is closing connections"
		e.Temporary = true
	case errors.As(err, &opErr):
		e.Msg = fmt.Sprintf("cannot reach Prometheus at %s: %s", s.url, s.clean(sources.RootCause(err).Error(), 200))
		e.Hint = fmt.Sprintf("is Prometheus running at %s? check url: in the agenda, and the network", s.url)
	case errors.As(err, &ve) && isAPIErrorType(ve.Type):
		// A 2xx whose body is Prometheus' error document: some servers and
		// proxies answer 200 with {"status":"error",…}.
		e.Msg = string(ve.Type) + ": " + s.clean(ve.Msg, 500)
		e.Hint, e.Temporary = errorTypeHint(string(ve.Type))
	case errors.As(err, &ve) && strings.Contains(ve.Msg, "unexpected end of JSON input"):
		e.Msg = fmt.Sprintf("the answer of %s ended before its JSON did (%s)", s.url, s.clean(ve.Msg, 200))
		e.Hint = "retry; if it keeps happening, a proxy between nagame and the server cuts answers short (check its size and time limits)"
		e.Temporary = true
	case errors.As(err, &ve):
		// The server answered 2xx with something that is not the API's JSON:
		// a UI page, a proxy's login form.
		e.Msg = fmt.Sprintf("%s did not answer with Prometheus API JSON (%s)", s.url, s.clean(ve.Msg, 200))
		e.Hint = "url: must be the server's base URL (the one serving /api/v1/query_range), not a Grafana or UI page"
	default:
		e.Msg = fmt.Sprintf("request to %s failed: %s", s.url, s.clean(sources.RootCause(err).Error(), 200))
	}
	return e
}

// failStatus words a non-2xx answer.
func (s *Source) failStatus(e *sources.Error, se *statusError) {
	doc, isAPI := decodeAPIError(se.body)
	said := s.failText(se)
	e.Msg = said
	switch {
	case se.code == http.StatusTooManyRequests:
		e.Msg = "rate limited by Prometheus; retry " + s.retryIn(se) + afterTries(se.tries)
		e.Hint = fmt.Sprintf("%s answered %s; it (or a proxy in front of it) limits how many queries it takes: "+
			"fewer panels at once, or a retry after the wait, helps", s.url, said)
		e.Temporary = true
	case isAPI && isAPIErrorType(v1.ErrorType(doc.ErrorType)):
		e.Hint, e.Temporary = errorTypeHint(doc.ErrorType)
		e.Msg += afterTries(se.tries)
	case se.code == http.StatusUnauthorized || se.code == http.StatusForbidden:
		e.Msg = fmt.Sprintf("%s refused the credentials: %s", s.url, said)
		e.Hint = s.authHint(se.code)
	case se.code == http.StatusNotFound:
		e.Msg = fmt.Sprintf("%s has no %s: %s", s.url, se.endpoint, said)
		e.Hint = "url: must be the base URL under which /api/v1 lives, with any path prefix (Mimir: …/prometheus)"
	case se.code/100 == 5:
		e.Msg = fmt.Sprintf("%s failed: %s%s", s.url, said, afterTries(se.tries))
		e.Hint = "a server-side failure: retry in a moment; if it persists, check the server's logs"
		e.Temporary = true
	}
}

// isAPIErrorType reports whether t is one of the error types of Prometheus'
// own error document, rather than one client_golang makes up for an answer
// it could not read.
func isAPIErrorType(t v1.ErrorType) bool {
	switch t {
	case v1.ErrBadData, v1.ErrExec, v1.ErrTimeout, v1.ErrCanceled, "internal", "unavailable":
		return true
	}
	return false
}

// errorTypeHint says what to do about an error document of type t, and
// whether trying the same query again may help.
func errorTypeHint(t string) (hint string, temporary bool) {
	switch v1.ErrorType(t) {
	case v1.ErrBadData:
		return "fix the query in the agenda; try it in Prometheus' own /graph page first", false
	case v1.ErrExec:
		return "the query was valid but could not run over this window: narrow it (fewer series, a shorter window) or check the server's limits", false
	case v1.ErrTimeout:
		return "the server gave up on the query: retry, or narrow the query or the window", true
	}
	return "a server-side failure: retry in a moment; if it persists, check the server's logs", true
}

// decodeAPIError reads Prometheus' error document, if body is one.
func decodeAPIError(body []byte) (apiError, bool) {
	var doc apiError
	ok := json.Unmarshal(body, &doc) == nil && doc.Status == "error" && doc.Error != ""
	return doc, ok
}

// failText is what the server said: Prometheus' "bad_data: 1:5: parse
// error: …" as is, or the HTTP status and the start of the body.
func (s *Source) failText(se *statusError) string {
	if doc, ok := decodeAPIError(se.body); ok {
		return doc.ErrorType + ": " + s.clean(doc.Error, 500)
	}
	said := fmt.Sprintf("HTTP %d %s", se.code, http.StatusText(se.code))
	if b := s.clean(string(se.body), 200); b != "" {
		said += ": " + b
	}
	return said
}

// authHint says what to check when the server refuses the request.
func (s *Source) authHint(code int) string {
	switch {
	case s.creds.kind == authNone:
		return "the server wants credentials: set token_env (a bearer token) or username_env and password_env in the source"
	case code == http.StatusForbidden:
		return fmt.Sprintf("the credentials in %s are valid but not allowed here: check their permissions (and X-Scope-OrgID in headers: for a multi-tenant server)", s.creds.env)
	default:
		return fmt.Sprintf("check the credentials in %s: expired or for another server?", s.creds.env)
	}
}

// clean makes text from a server fit for one line of a panel: the
// credentials are scrubbed first (a clip must never leave part of one
// behind), control characters become spaces, runs of space shrink to one,
// and it is clipped to n runes.
func (s *Source) clean(text string, n int) string {
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s.creds.redact(text))
	return sources.Clip(strings.Join(strings.Fields(text), " "), n)
}
