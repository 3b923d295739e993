package join_test

// The join server's defences: tokens, CSRF, sizes, rates, hosts, the
// addresses it listens on.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/join"
)

func TestAWrongTokenGetsAPlain404(t *testing.T) {
	s, _ := start(t, join.Config{})
	mustOpen(t, s, latencyBallot)
	d := newDevice(t, s)
	wrong := strings.Repeat("a", len(s.Token()))
	for _, path := range []string{"/j/" + wrong, "/j/" + wrong + "/name", "/j/" + s.Token()[:10], "/j/", "/metrics", "/minutes.md", "/j/" + s.Token() + "/../"} {
		r := d.get(path)
		if r.code != http.StatusNotFound && r.code != http.StatusTemporaryRedirect { // the mux cleans "/../" by redirecting
			t.Errorf("GET %s: %d, want 404", path, r.code)
		}
		if strings.Contains(r.body, "latency") || strings.Contains(r.body, s.Token()) || len(r.header.Values("Set-Cookie")) > 0 {
			t.Errorf("GET %s shows something of the meeting:\n%s", path, r.body)
		}
	}
	f := url.Values{"b": {"panel/latency"}, "csrf": {"x"}, "q:trend": {"worse"}}
	if r := d.do(http.MethodPost, "/j/"+wrong+"/answer", f); r.code != http.StatusNotFound {
		t.Errorf("POST to a wrong token: %d", r.code)
	}
}

func TestEveryResponseHasTheSecurityHeaders(t *testing.T) {
	s, _ := start(t, join.Config{})
	d := newDevice(t, s)
	for _, path := range []string{d.page(), "/", "/nothing", "/j/wrong"} {
		r := d.get(path)
		want := map[string]string{
			"Cache-Control":           "no-store",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
			"Content-Security-Policy": "default-src 'none'; style-src 'sha256-",
		}
		for k, v := range want {
			if !strings.HasPrefix(r.header.Get(k), v) {
				t.Errorf("GET %s: %s = %q, want %q", path, k, r.header.Get(k), v)
			}
		}
		if csp := r.header.Get("Content-Security-Policy"); strings.Contains(csp, "script") || strings.Contains(csp, "unsafe") {
			t.Errorf("CSP allows too much: %s", csp)
		}
		if strings.Contains(r.body, "<script") {
			t.Errorf("GET %s has a script", path)
		}
	}
	r := newDevice(t, s).get(d.page())
	c := r.header.Get("Set-Cookie")
	for _, attr := range []string{"HttpOnly", "SameSite=Strict", "Path=/j/" + s.Token()} {
		if !strings.Contains(c, attr) {
			t.Errorf("cookie %q lacks %s", c, attr)
		}
	}
}

func TestAPostWithoutTheCSRFTokenIsRefused(t *testing.T) {
	s, rec, d := aiko(t, latencyBallot)
	good := fields(d.get(d.page()).body)
	cases := map[string]url.Values{
		"no token":    {"b": {"panel/latency"}, "q:trend": {"worse"}},
		"wrong token": {"b": {"panel/latency"}, "csrf": {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, "q:trend": {"worse"}},
	}
	for name, f := range cases {
		if r := d.do(http.MethodPost, d.page()+"/answer", f); r.code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, r.code)
		}
	}
	// Another device's token does not work with this device's cookie.
	other := newDevice(t, s)
	other.pick("Aiko")
	f := fields(other.get(other.page()).body)
	f.Set("q:trend", "worse")
	if r := d.do(http.MethodPost, d.page()+"/answer", f); r.code != http.StatusForbidden {
		t.Errorf("another device's token: %d, want 403", r.code)
	}
	// A page of another site posting here is refused, token or not.
	good.Set("q:trend", "worse")
	d.header = http.Header{"Origin": {"http://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}
	if r := d.do(http.MethodPost, d.page()+"/answer", good); r.code != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", r.code)
	}
	if len(rec.all()) != 0 {
		t.Errorf("sink got %+v", rec.all())
	}
}

func TestAValueNotAmongTheOptionsIsRefused(t *testing.T) {
	_, rec, d := aiko(t, join.Ballot{Stage: join.StageSurvey, Questions: survey})
	for _, bad := range []map[string]string{
		{"understanding": "6"},
		{"understanding": "0"},
		{"again": "maybe"},
		{"understanding": "4", "again": "perhaps"}, // all or nothing
	} {
		if r := d.answer(bad); r.code != http.StatusBadRequest {
			t.Errorf("%v: %d, want 400", bad, r.code)
		}
	}
	// A question that is not open is refused, with the rest of the form.
	if r := d.answer(map[string]string{"trend": "worse", "understanding": "3"}); r.code != http.StatusBadRequest || !strings.Contains(r.body, "not open") {
		t.Errorf("a question not open: %d\n%s", r.code, r.body)
	}
	d.answer(map[string]string{"understanding": "3"})
	got := rec.all()
	if len(got) != 1 || got[0].Question != "understanding" {
		t.Fatalf("sink got %+v", got)
	}
}

func TestAnAnswerToABallotThatClosedIsRefused(t *testing.T) {
	s, rec, d := aiko(t, latencyBallot)
	f := fields(d.get(d.page()).body)
	f.Set("q:trend", "worse")
	mustOpen(t, s, join.Ballot{Stage: join.StagePanel, Panel: "errors", Questions: []join.Question{trend}})
	r := d.do(http.MethodPost, d.page()+"/answer", f)
	if r.code != http.StatusSeeOther || !strings.Contains(r.location, "closed=1") {
		t.Fatalf("late answer: %d %s", r.code, r.location)
	}
	if len(rec.all()) != 0 {
		t.Fatalf("sink got %+v", rec.all())
	}
	if p := d.get(r.location); !strings.Contains(p.body, "That question has closed") {
		t.Errorf("the page does not say the question closed:\n%s", p.body)
	}
	s.CloseBallot()
	if p := d.get(d.page()); !strings.Contains(p.body, "Nothing to answer right now.") {
		t.Errorf("closed: %s", p.body)
	}
}

func TestSubmittedTextIsCleanedAndClipped(t *testing.T) {
	_, rec, d := aiko(t, impressionBallot)
	d.answer(map[string]string{"": "good\x1b]0;owned\x07 \x1b[31mred\x1b[0m\nsession\u202e"})
	d.answer(map[string]string{"": strings.Repeat("x", 5000)})
	got := rec.all()
	if len(got) != 2 {
		t.Fatalf("sink got %+v", got)
	}
	if got[0].Value != "good red session" || got[0].Question != "" || got[0].Stage != join.StageImpression {
		t.Errorf("cleaned: %+v", got[0])
	}
	if n := len([]rune(got[1].Value)); n > join.MaxImpression {
		t.Errorf("clipped to %d runes, want at most %d", n, join.MaxImpression)
	}
	// Emptying the field withdraws the impression.
	d.answer(map[string]string{"": "  "})
	if all := rec.all(); len(all) != 3 || all[2].Value != "" {
		t.Errorf("withdrawal: %+v", all)
	}
}

func TestABodyOverTheLimitIsRefused(t *testing.T) {
	_, rec, d := aiko(t, impressionBallot)
	f := fields(d.get(d.page()).body)
	f.Set("q:", strings.Repeat("y", join.MaxBody))
	if r := d.do(http.MethodPost, d.page()+"/answer", f); r.code != http.StatusRequestEntityTooLarge {
		t.Errorf("%d bytes: %d, want 413", len(f.Encode()), r.code)
	}
	if len(rec.all()) != 0 {
		t.Errorf("sink got %+v", rec.all())
	}
}

func TestAClientOverTheRateLimitIsRefused(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s, _ := start(t, join.Config{Burst: 5, Rate: 1, Now: func() time.Time { return now }})
	d := newDevice(t, s)
	for i := range 5 {
		if r := d.get(d.page()); r.code != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, r.code)
		}
	}
	r := d.get(d.page())
	if r.code != http.StatusTooManyRequests || r.header.Get("Retry-After") != "1" {
		t.Fatalf("over the limit: %d, Retry-After %q", r.code, r.header.Get("Retry-After"))
	}
}

func TestTheShortCodeLeadsToTheJoinPage(t *testing.T) {
	s, _ := start(t, join.Config{Meeting: "checkout party"})
	code := s.Code()
	if len(code) != 6 || strings.Trim(code, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") != "" {
		t.Fatalf("code %q", code)
	}
	if s.ShortURL() != strings.TrimSuffix(s.URL(), "/j/"+s.Token())+"/"+code {
		t.Errorf("ShortURL %s, URL %s", s.ShortURL(), s.URL())
	}
	d := newDevice(t, s)
	typed := strings.ToLower(code[:3] + "-" + code[3:])
	for _, path := range []string{"/" + code, "/" + typed, "/c?code=" + url.QueryEscape(typed)} {
		r := d.get(path)
		if r.code != http.StatusSeeOther || r.location != "/j/"+s.Token() {
			t.Errorf("GET %s: %d %q", path, r.code, r.location)
		}
	}
	if r := d.get("/"); r.code != http.StatusOK || !strings.Contains(r.body, `name="code"`) || strings.Contains(r.body, "checkout party") {
		t.Errorf("root (a form for the code, and nothing of the meeting): %d\n%s", r.code, r.body)
	}
	wrong := "ZZZZZZ"
	if code == wrong {
		wrong = "YYYYYY"
	}
	if r := d.get("/" + wrong); r.code != http.StatusNotFound || r.location != "" {
		t.Errorf("wrong code: %d %q", r.code, r.location)
	}
}

func TestTheShortCodeClosesAfterTooManyWrongCodes(t *testing.T) {
	s, _ := start(t, join.Config{Burst: 1000, Rate: 1000})
	d := newDevice(t, s)
	wrong := "ZZZZZZ"
	if s.Code() == wrong {
		wrong = "YYYYYY"
	}
	for range 300 {
		d.get("/" + wrong)
	}
	if r := d.get("/" + s.Code()); r.code != http.StatusNotFound {
		t.Errorf("the right code after 300 wrong ones: %d, want 404", r.code)
	}
	if r := d.get(d.page()); r.code != http.StatusOK {
		t.Errorf("the link after the code closed: %d", r.code)
	}
}

func TestAnotherHostNameIsNotServed(t *testing.T) {
	s, _ := start(t, join.Config{})
	d := newDevice(t, s)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "rebound.example"
	res, err := d.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("Host rebound.example: %d, want 404", res.StatusCode)
	}
}

func TestStartRefusesToListenOnEveryInterface(t *testing.T) {
	for _, addr := range []string{":8765", "0.0.0.0:8765", "[::]:8765", "8765"} {
		if _, err := join.Start(join.Config{Addr: addr, Sink: &recorder{}}); err == nil {
			t.Errorf("Start(%q) did not fail", addr)
		}
	}
	if _, err := join.Start(join.Config{Addr: "127.0.0.1:0"}); err == nil {
		t.Error("Start without a Sink did not fail")
	}
	if _, err := join.Start(join.Config{Addr: "127.0.0.1:0", Sink: &recorder{}, Token: "short"}); err == nil {
		t.Error("Start with a short token did not fail")
	}
}

func TestTokensHaveAtLeast128RandomBits(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, err := join.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(tok)*5 < 128 || seen[tok] {
			t.Fatalf("token %q", tok)
		}
		seen[tok] = true
	}
}
