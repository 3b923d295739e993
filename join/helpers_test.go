package join_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/join"
)

// recorder is a Sink that keeps every answer, in order.
type recorder struct {
	mu      sync.Mutex
	answers []join.Answer
	fail    error
}

func (r *recorder) Submit(_ context.Context, a join.Answer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.answers = append(r.answers, a)
	return nil
}

func (r *recorder) all() []join.Answer {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.answers)
}

// latest folds the answers the way the journal's state does: a later answer
// to the same question by the same respondent replaces the earlier.
func (r *recorder) latest() map[string]string {
	out := map[string]string{}
	for _, a := range r.all() {
		k := string(a.Stage) + "/" + a.Panel + "/" + a.Question + "/" + a.Respondent
		if a.Value == "" {
			delete(out, k)
			continue
		}
		out[k] = a.Value
	}
	return out
}

// start runs a server on a free loopback port for the test.
func start(t *testing.T, cfg join.Config) (*join.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	if cfg.Sink == nil {
		cfg.Sink = rec
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	s, err := join.Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return s, rec
}

// Ballots of the tests, shaped like the demo agenda's.
var (
	trend = join.Question{ID: "trend", Ask: "Compared with last time latency is", Kind: join.Choice, Options: []string{"better", "same", "worse"}}

	latencyBallot = join.Ballot{Stage: join.StagePanel, Panel: "latency", Title: "Checkout latency (p95)", Questions: []join.Question{trend}}

	survey = []join.Question{
		{ID: "understanding", Ask: "How well did you understand today's metrics?", Kind: join.Scale, Options: []string{"1", "2", "3", "4", "5"}},
		{ID: "again", Ask: "Would you join a session like this again?", Kind: join.YesNo},
		{ID: "comments", Ask: "Anything else?", Kind: join.Text},
	}
	surveyBallot     = join.Ballot{Stage: join.StageSurvey, Questions: survey, Anonymous: true}
	impressionBallot = join.Ballot{Stage: join.StageImpression}
)

func mustOpen(t *testing.T, s *join.Server, b join.Ballot) {
	t.Helper()
	if err := s.Open(b); err != nil {
		t.Fatalf("Open: %v", err)
	}
}

// aiko starts a server with b open and Aiko on a device, her name picked.
func aiko(t *testing.T, b join.Ballot) (*join.Server, *recorder, *device) {
	t.Helper()
	s, rec := start(t, join.Config{})
	s.SetPeople([]string{"Aiko"})
	mustOpen(t, s, b)
	d := newDevice(t, s)
	d.pick("Aiko")
	return s, rec, d
}

// device is one participant's browser without the browser: a client with
// its own cookie jar that does not follow redirects.
type device struct {
	t      *testing.T
	c      *http.Client
	s      *join.Server
	header http.Header // sent with every request
}

func newDevice(t *testing.T, s *join.Server) *device {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &device{t: t, s: s, c: &http.Client{
		Jar:           jar,
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// response is what a request got.
type response struct {
	code     int
	body     string
	header   http.Header
	location string
}

func (d *device) do(method, path string, form url.Values) response {
	d.t.Helper()
	u := path
	if !strings.HasPrefix(u, "http") {
		u = strings.TrimSuffix(d.s.URL(), "/j/"+d.s.Token()) + path
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(d.t.Context(), method, u, body)
	if err != nil {
		d.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range d.header {
		req.Header[k] = v
	}
	res, err := d.c.Do(req)
	if err != nil {
		d.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		d.t.Fatal(err)
	}
	return response{code: res.StatusCode, body: string(b), header: res.Header, location: res.Header.Get("Location")}
}

func (d *device) get(path string) response { return d.do(http.MethodGet, path, nil) }

// page is the join page's path.
func (d *device) page() string { return "/j/" + d.s.Token() }

var hidden = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)

// fields are the hidden fields of the first form on a page.
func fields(body string) url.Values {
	v := url.Values{}
	for _, m := range hidden.FindAllStringSubmatch(body, -1) {
		if !v.Has(m[1]) {
			v.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	return v
}

// pick chooses a name as a person would: open the page, press the name.
func (d *device) pick(name string) {
	d.t.Helper()
	p := d.get(d.page() + "/name")
	f := fields(p.body)
	f.Set("name", name)
	if r := d.do(http.MethodPost, d.page()+"/name", f); r.code != http.StatusSeeOther {
		d.t.Fatalf("picking %q: %d\n%s", name, r.code, r.body)
	}
}

// answer opens the form of the ballot open now and submits values.
func (d *device) answer(values map[string]string) response {
	d.t.Helper()
	p := d.get(d.page() + "?edit=1")
	if p.code != http.StatusOK {
		d.t.Fatalf("join page: %d\n%s", p.code, p.body)
	}
	f := fields(p.body)
	for k, v := range values {
		f.Set("q:"+k, v)
	}
	return d.do(http.MethodPost, d.page()+"/answer", f)
}
