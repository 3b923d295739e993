package tui

import (
	"context"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/nagame-dev/nagame/join"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// deviceSays delivers an answer from a device the way the Sink does, and
// returns what Update replied.
func deviceSays(m *Model, a join.Answer) error {
	reply := make(chan error, 1)
	m.Update(deviceAnswerMsg{a: a, reply: reply})
	return <-reply
}

// TestAnswersFromDevicesAreJournaledAndCounted: a device's answer becomes
// the journal event a typed one makes, marked Device; the panel counts it
// and tallies it; an anonymous survey answer is counted, never shown
// against a name; a nonsense answer is refused.
func TestAnswersFromDevicesAreJournaledAndCounted(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter")
	for _, p := range []string{"Aiko", "Ben", "Chen"} {
		if err := deviceSays(m, join.Answer{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: p, Value: "better"}); err != nil {
			t.Fatal(err)
		}
	}
	if out := screen(m); !strings.Contains(out, "trend 3/5") || !strings.Contains(out, "better ████████ 3") {
		t.Errorf("the panel does not count the devices' answers:\n%s", out)
	}
	keys(m, "a", "1") // the facilitator still types for the room: Aiko again
	st := journaled(t, m)
	if st.Answers["latency"]["trend"]["Ben"] != "better" || !st.FromDevice[sessions.DeviceKey(journal.EvAnswer, "latency", "trend", "Ben")] {
		t.Errorf("Ben's answer from his phone: %v, marked %v", st.Answers["latency"]["trend"], st.FromDevice)
	}
	if st.FromDevice[sessions.DeviceKey(journal.EvAnswer, "latency", "trend", "Aiko")] {
		t.Error("Aiko's typed answer still counts as from her phone")
	}
	if err := deviceSays(m, join.Answer{Stage: join.StagePanel, Panel: "nope", Question: "trend", Respondent: "Ben", Value: "x"}); err == nil {
		t.Error("an answer to a panel the agenda lacks was journaled")
	}

	keys(m, "esc")
	keys(m, toClosing[1:]...)
	keys(m, "right")
	for _, v := range []string{"4", "5"} {
		if err := deviceSays(m, join.Answer{Stage: join.StageSurvey, Question: "understanding", Respondent: "anon-" + v, Anonymous: true, Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	out := screen(m)
	if !strings.Contains(out, "2 of 5 answered") || strings.Contains(out, "anon-") {
		t.Errorf("the survey shows more than the count of anonymous answers:\n%s", out)
	}
	if !strings.Contains(out, "Anonymous: the minutes show totals only") {
		t.Errorf("the survey does not say what the minutes will show:\n%s", out)
	}
}

// TestPhonesAnswerThroughARealJoinServer runs the program (teatest) with a
// join server on loopback; three "phones" (HTTP clients with their own
// cookies) pick their names and answer the panel's question. The shared
// screen counts them, the minutes hold them, and the server stops when the
// meeting ends, its token gone.
func TestPhonesAnswerThroughARealJoinServer(t *testing.T) {
	m, _ := newApp(t, 120, 40, appOptions{join: JoinOptions{Start: true, Addr: "127.0.0.1:0"}})
	dir := m.s.Dir()
	tm := startProgram(t, m)
	short := waitForMatch(t, tm, regexp.MustCompile(`http://127\.0\.0\.1:\d+/[0-9A-Z]{6}`))
	tm.Send(press("enter"))
	waitFor(t, tm, "Panel 1/6")
	for _, who := range []struct{ name, trend string }{{"Aiko", "better"}, {"Ben", "better"}, {"Chen", "worse"}} {
		p := newPhone(t, short)
		p.pick(who.name)
		p.answer(map[string]string{"trend": who.trend})
	}
	// Each answer was journaled before its page returned: the grid shows
	// them against the names (the renderer sends only what changed, so the
	// spaces between may be cursor moves).
	tm.Send(press("a"))
	waitForMatch(t, tm, regexp.MustCompile(`(?s)Aiko\s*better.*Chen\s*worse`))
	tm.Send(press("esc"))
	for range 6 {
		tm.Send(press("l"))
	}
	tm.Send(press("right"))
	tm.Send(press("right"))
	waitFor(t, tm, "Minutes:")
	tm.Send(press("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	md, err := os.ReadFile(filepath.Join(dir, sessions.MinutesFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"better 2 (Aiko, Ben) · worse 1 (Chen)", "all 3 answered on their own devices"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the minutes lack %q", want)
		}
	}
	if fm.join.srv != nil {
		t.Error("the join server still runs after the meeting ended")
	}
	if _, err := os.Stat(filepath.Join(dir, sessions.JoinTokenFile)); !os.IsNotExist(err) {
		t.Errorf("the join token outlived the meeting: %v", err)
	}
}

// TestAResumedMeetingServesTheSameLink: a session that had a join server
// starts it again by itself, with the same link.
func TestAResumedMeetingServesTheSameLink(t *testing.T) {
	addr := freeAddr(t)
	m, c := newApp(t, 100, 30, appOptions{join: JoinOptions{Start: true, Addr: addr}})
	first := startedURL(t, m, true)
	if err := m.StopJoin(context.Background()); err != nil {
		t.Fatal(err)
	}
	dir := m.s.Dir()
	m.Stop()
	if err := m.s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := sessions.Resume(dir, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// No address given: the one the room has, kept beside the token.
	r := New(Options{Session: s, Now: c.Now, Getenv: func(string) string { return "" }})
	defer r.Stop()
	if got := startedURL(t, r, false); got != first { // what Init starts without --join
		t.Errorf("after the resume the link is %s, before it was %s", got, first)
	}
	if err := r.StopJoin(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// startedURL starts the app's join server as Init does (create: as with
// --join, else only when the session has a token) and returns its link.
func startedURL(t *testing.T, m *Model, create bool) string {
	t.Helper()
	cmd := m.startJoin(create)
	if cmd == nil {
		t.Fatal("no join server to start")
	}
	m.Update(cmd())
	if m.join.srv == nil {
		t.Fatalf("the join server did not start: %v", m.join.err)
	}
	return m.join.srv.URL()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// waitForMatch waits until the program's output shows re and returns the
// match.
func waitForMatch(t *testing.T, tm *teatest.TestModel, re *regexp.Regexp) string {
	t.Helper()
	var got string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		got = re.FindString(ansi.Strip(string(b)))
		return got != ""
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	return got
}

// phone is a participant's browser without the browser: a client with its
// own cookies that does not follow redirects.
type phone struct {
	t    *testing.T
	c    *http.Client
	base string // http://host:port/j/<token>
}

// newPhone opens the short address, as a person types it.
func newPhone(t *testing.T, short string) *phone {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &phone{t: t, c: &http.Client{
		Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	code, _, loc := p.do(http.MethodGet, short, nil)
	if code != http.StatusSeeOther && code != http.StatusFound {
		t.Fatalf("the short address answered %d", code)
	}
	u, err := url.Parse(short)
	if err != nil {
		t.Fatal(err)
	}
	p.base = u.Scheme + "://" + u.Host + loc
	return p
}

func (p *phone) do(method, u string, form url.Values) (code int, body, location string) {
	p.t.Helper()
	var r io.Reader
	if form != nil {
		r = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(p.t.Context(), method, u, r)
	if err != nil {
		p.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := p.c.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return res.StatusCode, string(b), res.Header.Get("Location")
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)

func hiddenFields(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(body, -1) {
		if !v.Has(m[1]) {
			v.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	return v
}

// pick chooses a name from the attendance list.
func (p *phone) pick(name string) {
	p.t.Helper()
	_, body, _ := p.do(http.MethodGet, p.base+"/name", nil)
	f := hiddenFields(body)
	f.Set("name", name)
	if code, body, _ := p.do(http.MethodPost, p.base+"/name", f); code != http.StatusSeeOther {
		p.t.Fatalf("picking %s: %d\n%s", name, code, body)
	}
}

// answer fills the open ballot's form and submits it.
func (p *phone) answer(values map[string]string) {
	p.t.Helper()
	_, body, _ := p.do(http.MethodGet, p.base+"?edit=1", nil)
	f := hiddenFields(body)
	for k, v := range values {
		f.Set("q:"+k, v)
	}
	if code, body, _ := p.do(http.MethodPost, p.base+"/answer", f); code != http.StatusSeeOther {
		p.t.Fatalf("answering %v: %d\n%s", values, code, body)
	}
}
