package join

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/text"
)

// Cookies, both scoped to the join page's path, HttpOnly and SameSite=Strict.
const (
	// voterCookie holds the device's signed random voter id.
	voterCookie = "nagame_v"
	// nameCookie holds the name picked from the attendance list.
	nameCookie = "nagame_n"
	// cookieAge outlives a meeting and a restart of it, not the day.
	cookieAge = 12 * time.Hour
)

// routes is the whole site: the join page and its two forms under
// /j/<token>, and the short code's way in at the root. Anything else is a
// plain 404.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.codePage)
	mux.HandleFunc("GET /c", s.codeForm)
	mux.HandleFunc("GET /{code}", s.codePath)
	mux.HandleFunc("GET /j/{token}", s.withToken(s.joinPage))
	mux.HandleFunc("GET /j/{token}/name", s.withToken(s.namePage))
	mux.HandleFunc("POST /j/{token}/name", s.withToken(s.pickName))
	mux.HandleFunc("POST /j/{token}/answer", s.withToken(s.submit))
	mux.HandleFunc("/", s.notFound)
	return s.guard(mux)
}

// guard sets the headers of every response, checks the Host header and
// applies the rate limit before anything else runs.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", s.pages.csp)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if ok, wait := s.limit.allow(clientAddr(r)); !ok {
			h.Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.pages.message(w, http.StatusTooManyRequests, s.msg.JoinTitle, s.msg.TooMany, "")
			return
		}
		if !s.ownHost(r.Host) {
			// A name that is not ours points here: DNS rebinding, or a
			// proxy. Nothing is served to it.
			s.notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientAddr is the client's IP address, the rate limit's key. Headers
// such as X-Forwarded-For are ignored: anyone can send them.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ownHost reports whether a request's Host header names this server.
func (s *Server) ownHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, s.host)
}

func (s *Server) notFound(w http.ResponseWriter, _ *http.Request) {
	s.pages.message(w, http.StatusNotFound, s.msg.NotFoundTitle, s.msg.NotFound, "")
}

// withToken serves h only for the right token, compared in constant time;
// any other gets the same 404 as an unknown path.
func (s *Server) withToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !sameString(strings.ToLower(r.PathValue("token")), s.token) {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

func (s *Server) base() string { return "/j/" + s.token }

// voter returns the device's voter id from its cookie, giving it a new one
// (with the cookie) when it has none or one the server did not sign.
func (s *Server) voter(w http.ResponseWriter, r *http.Request) (string, error) {
	if c, err := r.Cookie(voterCookie); err == nil {
		if id, ok := voterFromCookie(s.keys.voter, c.Value); ok {
			return id, nil
		}
	}
	id, value, err := newVoterCookie(s.keys.voter)
	if err != nil {
		return "", err
	}
	http.SetCookie(w, s.cookie(voterCookie, value))
	return id, nil
}

// device is voter for a page: it counts the device for Joined, and writes
// the error page when no voter id can be made.
func (s *Server) device(w http.ResponseWriter, r *http.Request) (string, bool) {
	voter, err := s.voter(w, r)
	if err != nil {
		s.pages.message(w, http.StatusInternalServerError, s.msg.JoinTitle, s.msg.NotSaved, "")
		return "", false
	}
	s.sawDevice(voter)
	return voter, true
}

func (s *Server) cookie(name, value string) *http.Cookie {
	return &http.Cookie{
		Name: name, Value: value, Path: s.base(),
		MaxAge: int(cookieAge / time.Second), HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode,
	}
}

// name is the name the device picked, if it is still on the attendance list.
func name(r *http.Request, people []string) string {
	c, err := r.Cookie(nameCookie)
	if err != nil {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) > maxName {
		return ""
	}
	if n := string(b); slices.Contains(people, n) {
		return n
	}
	return ""
}

// lookupName finds a submitted name on the attendance list, both cleaned
// the same way.
func lookupName(people []string, submitted string) (string, bool) {
	want := text.Line(submitted)
	for _, p := range people {
		if text.Line(p) == want {
			return p, true
		}
	}
	return "", false
}

// respondent is who answers question c of ballot b from this device: the
// picked name, or the device's pseudonym for c on an anonymous ballot.
func (s *Server) respondent(b *Ballot, c coord, voter, picked string) string {
	if b.Anonymous {
		return pseudonym(s.keys.pseudonym, voter, c)
	}
	return picked
}

// joinPage is what the link opens: the open ballot, the name list when the
// ballot needs a name the device has not picked, what the device answered
// (reloading itself), or a page that waits for the next question.
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	voter, ok := s.device(w, r)
	if !ok {
		return
	}
	b, people := s.snapshot()
	picked := name(r, people)
	q := r.URL.Query()
	v := view{Base: s.base(), Name: picked, Private: true}
	switch {
	case !b.open():
		v.View, v.Heading, v.Refresh = "waiting", s.msg.JoinTitle, refreshSeconds
		if picked == "" {
			v.People, v.NameCSRF = people, csrfToken(s.keys.csrf, voter, "name", "")
		}
	case !b.Anonymous && picked == "":
		v.View, v.Heading = "names", s.msg.title(b)
		v.People, v.NameCSRF = people, csrfToken(s.keys.csrf, voter, "name", "")
		v.Rule = s.msg.rule(b)
	default:
		v.Heading, v.Rule, v.Ballot = s.msg.title(b), s.msg.rule(b), b.key()
		v.CSRF = csrfToken(s.keys.csrf, voter, "answer", v.Ballot)
		if b.Anonymous {
			v.Name = ""
		}
		answeredAny := false
		for _, bq := range b.questions() {
			c := coord{b.Stage, b.Panel, bq.ID}
			cur, ok := s.current(c, s.respondent(b, c, voter, picked))
			answeredAny = answeredAny || ok
			v.Questions = append(v.Questions, s.pages.questionView(bq, b, cur, ok))
		}
		v.View = "ballot"
		if answeredAny && q.Get("edit") == "" {
			v.View, v.Refresh = "answers", refreshSeconds
		}
	}
	if q.Get("saved") != "" && v.View == "answers" {
		v.Notice = s.msg.Saved
	}
	if q.Get("closed") != "" && v.View != "waiting" {
		v.Problem = s.msg.Closed
	}
	s.pages.render(w, http.StatusOK, v)
}

// namePage lists the attendance list to pick a name from.
func (s *Server) namePage(w http.ResponseWriter, r *http.Request) {
	voter, ok := s.device(w, r)
	if !ok {
		return
	}
	_, people := s.snapshot()
	s.pages.render(w, http.StatusOK, view{
		View: "names", Heading: s.msg.JoinTitle, Base: s.base(), Private: true,
		People: people, NameCSRF: csrfToken(s.keys.csrf, voter, "name", ""),
	})
}

// form reads a POSTed form after the checks every form gets: a urlencoded
// body of at most MaxBody bytes, a same-origin request, a signed voter
// cookie, and a CSRF token made for this device, form and ballot. It
// writes the refusal and returns ok false when one fails.
func (s *Server) form(w http.ResponseWriter, r *http.Request, form string) (voter string, ok bool) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		s.pages.message(w, http.StatusUnsupportedMediaType, s.msg.JoinTitle, s.msg.Forbidden, s.base())
		return "", false
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.pages.message(w, http.StatusRequestEntityTooLarge, s.msg.JoinTitle, s.msg.TooLarge, s.base())
			return "", false
		}
		s.pages.message(w, http.StatusBadRequest, s.msg.JoinTitle, s.msg.Forbidden, s.base())
		return "", false
	}
	if err := s.cop.Check(r); err != nil {
		s.pages.message(w, http.StatusForbidden, s.msg.JoinTitle, s.msg.Forbidden, s.base())
		return "", false
	}
	c, err := r.Cookie(voterCookie)
	if err == nil {
		voter, ok = voterFromCookie(s.keys.voter, c.Value)
	}
	if !ok || !sameString(r.PostForm.Get("csrf"), csrfToken(s.keys.csrf, voter, form, r.PostForm.Get("b"))) {
		s.pages.message(w, http.StatusForbidden, s.msg.JoinTitle, s.msg.Forbidden, s.base())
		return "", false
	}
	return voter, true
}

// pickName keeps the name a device picked, in its cookie.
func (s *Server) pickName(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.form(w, r, "name"); !ok {
		return
	}
	_, people := s.snapshot()
	n, ok := lookupName(people, r.PostForm.Get("name"))
	if !ok {
		s.pages.message(w, http.StatusBadRequest, s.msg.JoinTitle, s.msg.BadName, s.base()+"/name")
		return
	}
	http.SetCookie(w, s.cookie(nameCookie, base64.RawURLEncoding.EncodeToString([]byte(n))))
	http.Redirect(w, r, s.base(), http.StatusSeeOther)
}

// pending is an answer checked and ready for the Sink.
type pending struct {
	c coord
	a Answer
}

// submit takes a ballot's form: every value is checked against the ballot
// open now and given to the Sink when it differs from the answer so far.
// Either every changed answer is taken, or the page says which was refused.
func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	voter, ok := s.form(w, r, "answer")
	if !ok {
		return
	}
	s.submitMu.Lock()
	defer s.submitMu.Unlock()
	b, people := s.snapshot()
	if !b.open() || r.PostForm.Get("b") != b.key() {
		http.Redirect(w, r, s.base()+"?closed=1", http.StatusSeeOther)
		return
	}
	picked := name(r, people)
	if !b.Anonymous && picked == "" {
		http.Redirect(w, r, s.base(), http.StatusSeeOther)
		return
	}
	asked := map[string]bool{}
	for _, q := range b.questions() {
		asked[fieldPrefix+q.ID] = true
	}
	for k := range r.PostForm {
		if strings.HasPrefix(k, fieldPrefix) && !asked[k] {
			s.pages.message(w, http.StatusBadRequest, s.msg.JoinTitle, s.msg.NotOpen, s.base())
			return
		}
	}
	var todo []pending
	for _, q := range b.questions() {
		raw, present := r.PostForm[fieldPrefix+q.ID]
		if !present || len(raw) == 0 {
			continue
		}
		if len(raw) > 1 {
			s.refuse(w, q, b)
			return
		}
		value, ok := accept(q, b.Stage == StageImpression, raw[0])
		if !ok {
			s.refuse(w, q, b)
			return
		}
		c := coord{b.Stage, b.Panel, q.ID}
		who := s.respondent(b, c, voter, picked)
		cur, had := s.current(c, who)
		if value == cur && (had || value == "") {
			continue // unchanged, or an empty text that was never answered
		}
		if !had && s.respondents(c) >= maxRespondents {
			s.pages.message(w, http.StatusServiceUnavailable, s.msg.JoinTitle, s.msg.NotSaved, s.base())
			return
		}
		todo = append(todo, pending{c, Answer{
			Stage: b.Stage, Panel: b.Panel, Question: q.ID,
			Respondent: who, Anonymous: b.Anonymous, Value: value,
		}})
	}
	for _, p := range todo {
		if err := s.deliver(r.Context(), p.a); err != nil {
			s.pages.message(w, http.StatusServiceUnavailable, s.msg.JoinTitle, s.msg.NotSaved, s.base())
			return
		}
		s.remember(p.c, p.a.Respondent, p.a.Value)
	}
	http.Redirect(w, r, s.base()+"?saved=1", http.StatusSeeOther)
}

// deliver gives one answer to the Sink, within submitTimeout.
func (s *Server) deliver(ctx context.Context, a Answer) error {
	ctx, cancel := context.WithTimeout(ctx, submitTimeout)
	defer cancel()
	if err := s.sink.Submit(ctx, a); err != nil {
		return fmt.Errorf("join: the sink refused an answer: %w", err)
	}
	return nil
}

// refuse says that an answer to q is not one it takes.
func (s *Server) refuse(w http.ResponseWriter, q Question, b *Ballot) {
	ask := q.Ask
	if b.Stage == StageImpression {
		ask = s.msg.ImpressionAsk
	}
	s.pages.message(w, http.StatusBadRequest, s.msg.JoinTitle, fmt.Sprintf(s.msg.BadValue, ask), s.base()+"?edit=1")
}

// codePage is the root: a field for the short code.
func (s *Server) codePage(w http.ResponseWriter, _ *http.Request) {
	s.pages.render(w, http.StatusOK, view{View: "code", Heading: s.msg.CodeTitle})
}

// codeForm takes the root page's field (GET /c?code=…).
func (s *Server) codeForm(w http.ResponseWriter, r *http.Request) {
	s.tryCode(w, r, r.URL.Query().Get("code"))
}

// codePath takes a code typed as the path (GET /K7M2QP).
func (s *Server) codePath(w http.ResponseWriter, r *http.Request) {
	s.tryCode(w, r, r.PathValue("code"))
}

// tryCode redirects the right short code to the join page. Wrong codes are
// counted for the whole server: after maxWrongCodes the short code stops
// working for the meeting (the link and the QR code still work), which
// keeps 30 bits out of reach of guessing. Paths that cannot be a code
// (favicon.ico) are a plain 404 and not counted.
func (s *Server) tryCode(w http.ResponseWriter, r *http.Request, typed string) {
	code := normalizeCode(typed)
	if len(code) != codeLength || strings.Trim(code, crockford) != "" {
		if typed == "" || r.URL.Path == "/c" {
			s.pages.render(w, http.StatusNotFound, view{View: "code", Heading: s.msg.CodeTitle, Problem: s.msg.CodeWrong})
			return
		}
		s.notFound(w, r)
		return
	}
	s.mu.Lock()
	closed := s.wrongCodes >= maxWrongCodes
	right := !closed && sameString(code, s.code)
	if !closed && !right {
		s.wrongCodes++
	}
	s.mu.Unlock()
	switch {
	case closed:
		s.pages.message(w, http.StatusNotFound, s.msg.CodeTitle, s.msg.CodeClosed, "")
	case right:
		http.Redirect(w, r, s.base(), http.StatusSeeOther)
	default:
		s.pages.render(w, http.StatusNotFound, view{View: "code", Heading: s.msg.CodeTitle, Problem: s.msg.CodeWrong})
	}
}
