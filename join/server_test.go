package join_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/join"
)

func TestNamedAnswerReachesTheSinkWithTheName(t *testing.T) {
	s, rec := start(t, join.Config{})
	s.SetPeople([]string{"Aiko", "Ben"})
	mustOpen(t, s, latencyBallot)
	d := newDevice(t, s)
	d.pick("Ben")
	if r := d.answer(map[string]string{"trend": "worse"}); r.code != http.StatusSeeOther || !strings.HasSuffix(r.location, "?saved=1") {
		t.Fatalf("submit: %d %s\n%s", r.code, r.location, r.body)
	}
	want := []join.Answer{{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: "Ben", Value: "worse"}}
	if got := rec.all(); !equalAnswers(got, want) {
		t.Fatalf("sink got %+v, want %+v", got, want)
	}
	p := d.get(d.page() + "?saved=1")
	for _, s := range []string{"Saved.", "worse", "Answering as Ben.", `http-equiv="refresh"`} {
		if !strings.Contains(p.body, s) {
			t.Errorf("the page after saving lacks %q:\n%s", s, p.body)
		}
	}
}

func TestANamedBallotAsksTheNameFirst(t *testing.T) {
	s, rec := start(t, join.Config{})
	s.SetPeople([]string{"Aiko", "Ben"})
	mustOpen(t, s, latencyBallot)
	d := newDevice(t, s)
	p := d.get(d.page())
	if !strings.Contains(p.body, "Who are you?") || !strings.Contains(p.body, `value="Aiko"`) {
		t.Fatalf("the page does not ask for a name:\n%s", p.body)
	}
	// A form posted without a name picked is sent back to pick one.
	f := url.Values{"b": {"panel/latency"}, "csrf": {"x"}, "q:trend": {"same"}}
	if r := d.do(http.MethodPost, d.page()+"/answer", f); r.code != http.StatusForbidden {
		t.Errorf("answer without a name or token: %d", r.code)
	}
	if len(rec.all()) != 0 {
		t.Errorf("sink got %+v", rec.all())
	}
}

func TestAPersonCannotPickANameNotOnTheList(t *testing.T) {
	s, _ := start(t, join.Config{})
	s.SetPeople([]string{"Aiko"})
	d := newDevice(t, s)
	f := fields(d.get(d.page() + "/name").body)
	f.Set("name", "Mallory")
	if r := d.do(http.MethodPost, d.page()+"/name", f); r.code != http.StatusBadRequest {
		t.Fatalf("unknown name: %d", r.code)
	}
}

func TestASecondSubmitReplacesTheFirst(t *testing.T) {
	_, rec, d := aiko(t, latencyBallot)
	d.answer(map[string]string{"trend": "same"})
	d.answer(map[string]string{"trend": "better"})
	d.answer(map[string]string{"trend": "better"}) // unchanged: nothing new
	got := rec.all()
	if len(got) != 2 || got[0].Respondent != got[1].Respondent || got[1].Value != "better" {
		t.Fatalf("sink got %+v, want same then better from one respondent", got)
	}
	if l := rec.latest(); len(l) != 1 {
		t.Fatalf("folded: %v", l)
	}
	// The form shows the answer selected.
	p := d.get(d.page() + "?edit=1")
	if !strings.Contains(p.body, `value="better" checked`) {
		t.Errorf("the form does not show the current answer:\n%s", p.body)
	}
}

func TestAnAnonymousBallotCarriesNoNameAndAStablePseudonym(t *testing.T) {
	s, rec := start(t, join.Config{})
	s.SetPeople([]string{"Aiko", "Ben"})
	mustOpen(t, s, surveyBallot)
	d := newDevice(t, s)
	d.header = http.Header{"User-Agent": {"Aiko's phone"}}
	d.pick("Aiko") // picked earlier for a named ballot: not used here
	p := d.get(d.page())
	if !strings.Contains(p.body, "Answers are anonymous: the minutes show only totals, and only counts when fewer than 3 answer; comments are kept verbatim without names.") {
		t.Errorf("the survey does not say what the minutes show:\n%s", p.body)
	}
	if strings.Contains(p.body, "Aiko") {
		t.Errorf("the anonymous survey names the person:\n%s", p.body)
	}
	d.answer(map[string]string{"understanding": "4", "again": "yes", "comments": "more SLOs"})
	d.answer(map[string]string{"understanding": "5"})
	other := newDevice(t, s)
	other.answer(map[string]string{"understanding": "4"})

	got := rec.all()
	if len(got) != 5 {
		t.Fatalf("sink got %d answers: %+v", len(got), got)
	}
	first := map[string]string{}
	for _, a := range got[:4] {
		if !a.Anonymous || !strings.HasPrefix(a.Respondent, "anon-") {
			t.Errorf("answer %+v is not anonymous", a)
		}
		for _, leak := range []string{"Aiko", "127.0.0.1", "phone"} {
			if strings.Contains(a.Respondent, leak) {
				t.Errorf("respondent %q contains %q", a.Respondent, leak)
			}
		}
		if prev, ok := first[a.Question]; ok && prev != a.Respondent {
			t.Errorf("question %s: respondent changed from %s to %s", a.Question, prev, a.Respondent)
		}
		first[a.Question] = a.Respondent
	}
	if first["understanding"] == first["again"] {
		t.Errorf("one pseudonym across questions links a person's answers: %v", first)
	}
	if got[4].Respondent == first["understanding"] {
		t.Errorf("two devices share the pseudonym %s", got[4].Respondent)
	}
}

func TestResumingWithTheSameTokenKeepsLinksCookiesAndPseudonyms(t *testing.T) {
	token, err := join.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	first, err := join.Start(join.Config{Addr: "127.0.0.1:0", Token: token, Sink: rec})
	if err != nil {
		t.Fatal(err)
	}
	mustOpen(t, first, surveyBallot)
	d := newDevice(t, first)
	d.answer(map[string]string{"understanding": "2"})
	url1, code1 := first.URL(), first.Code()
	if err := first.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}

	// The crash: a new server, the same token and address, the answers so
	// far from the journal.
	addr := strings.TrimPrefix(strings.TrimSuffix(url1, "/j/"+token), "http://")
	second, err := join.Start(join.Config{Addr: addr, Token: token, Sink: rec})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = second.Shutdown(context.Background()) })
	if second.URL() != url1 || second.Code() != code1 {
		t.Fatalf("URL %s code %s, were %s %s", second.URL(), second.Code(), url1, code1)
	}
	b := surveyBallot
	anon := rec.all()[0].Respondent
	b.Answers = map[string]map[string]string{"understanding": {anon: "2"}}
	mustOpen(t, second, b)
	d.s = second
	if p := d.get(d.page() + "?edit=1"); !strings.Contains(p.body, `value="2" checked`) {
		t.Errorf("after resume the form does not show the answer:\n%s", p.body)
	}
	d.answer(map[string]string{"understanding": "3"})
	got := rec.all()
	if len(got) != 2 || got[1].Respondent != anon || got[1].Value != "3" {
		t.Fatalf("after resume: %+v", got)
	}
}

func TestOpenCopiesTheBallotAndRefusesMalformedOnes(t *testing.T) {
	s, _ := start(t, join.Config{})
	s.SetPeople([]string{"Aiko"})
	b := join.Ballot{Stage: join.StagePanel, Panel: "latency", Questions: []join.Question{{ID: "trend", Ask: "Trend?", Kind: join.Choice, Options: []string{"up", "down"}}}}
	mustOpen(t, s, b)
	b.Questions[0].Options[0] = "changed"
	d := newDevice(t, s)
	d.pick("Aiko")
	if p := d.get(d.page()); !strings.Contains(p.body, `value="up"`) || strings.Contains(p.body, "changed") {
		t.Errorf("Open did not copy the ballot:\n%s", p.body)
	}
	for name, bad := range map[string]join.Ballot{
		"no panel":     {Stage: join.StagePanel, Questions: []join.Question{trend}},
		"no questions": {Stage: join.StageSurvey},
		"one choice":   {Stage: join.StageSurvey, Questions: []join.Question{{ID: "a", Kind: join.Choice, Options: []string{"x"}}}},
		"same choice":  {Stage: join.StageSurvey, Questions: []join.Question{{ID: "a", Kind: join.Choice, Options: []string{"x", " x"}}}},
		"maybe":        {Stage: join.StageSurvey, Questions: []join.Question{{ID: "a", Kind: join.YesNo, Options: []string{"yes", "no", "maybe"}}}},
		"same ids":     {Stage: join.StageSurvey, Questions: []join.Question{trend, trend}},
		"bad kind":     {Stage: join.StageSurvey, Questions: []join.Question{{ID: "a", Kind: "slider"}}},
		"no scale":     {Stage: join.StageSurvey, Questions: []join.Question{{ID: "a", Kind: join.Scale}}},
		"bad stage":    {Stage: "lunch"},
	} {
		if err := s.Open(bad); err == nil {
			t.Errorf("%s: Open did not fail", name)
		}
	}
	if p := d.get(d.page()); !strings.Contains(p.body, `value="up"`) {
		t.Error("a refused Open changed what is open")
	}
}

func TestJoinedCountsDevicesNotRequests(t *testing.T) {
	s, _ := start(t, join.Config{})
	for range 3 {
		d := newDevice(t, s)
		d.get(d.page())
		d.get(d.page())
	}
	if n := s.Joined(); n != 3 {
		t.Errorf("Joined = %d, want 3", n)
	}
}

func TestASinkFailureSaysTheAnswerWasNotSaved(t *testing.T) {
	_, rec, d := aiko(t, latencyBallot)
	rec.fail = errors.New("disk full")
	if r := d.answer(map[string]string{"trend": "worse"}); r.code != http.StatusServiceUnavailable || !strings.Contains(r.body, "not saved") {
		t.Fatalf("%d\n%s", r.code, r.body)
	}
	rec.mu.Lock()
	rec.fail = nil
	rec.mu.Unlock()
	// The failed answer was not remembered: sending it again reaches the sink.
	d.answer(map[string]string{"trend": "worse"})
	if got := rec.all(); len(got) != 1 {
		t.Fatalf("sink got %+v", got)
	}
}

func TestShutdownEndsARequestWaitingForTheSink(t *testing.T) {
	entered := make(chan struct{})
	sink := join.SinkFunc(func(ctx context.Context, _ join.Answer) error {
		close(entered)
		<-ctx.Done()
		return ctx.Err()
	})
	s, err := join.Start(join.Config{Addr: "127.0.0.1:0", Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	s.SetPeople([]string{"Aiko"})
	mustOpen(t, s, latencyBallot)
	d := newDevice(t, s)
	d.pick("Aiko")
	done := make(chan response, 1)
	go func() { done <- d.answer(map[string]string{"trend": "same"}) }()
	<-entered
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if r := <-done; r.code != http.StatusServiceUnavailable {
		t.Errorf("the waiting request got %d", r.code)
	}
	if err := s.Wait(); err != nil {
		t.Errorf("Wait: %v", err)
	}
}

func TestThePagesSpeakTheMeetingsLanguage(t *testing.T) {
	s, _ := start(t, join.Config{Lang: "ja-JP"})
	mustOpen(t, s, surveyBallot)
	d := newDevice(t, s)
	p := d.get(d.page())
	for _, want := range []string{`<html lang="ja">`, "回答は匿名です", "はい", "いいえ", "保存"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("the Japanese page lacks %q", want)
		}
	}
}

func equalAnswers(a, b []join.Answer) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
