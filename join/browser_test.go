package join_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/nagame-dev/nagame/join"
)

// chromium is Debian's Chromium, which .ci/run installs.
const chromium = "/usr/bin/chromium"

// browser starts a headless Chromium for the test, with the flags this
// machine needs (no sandbox as root, no GPU, no network but loopback) and
// an empty profile. Without Chromium the test fails under CI and is skipped
// elsewhere.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: .ci/run installs it with .ci/install-debs.sh chromium", chromium)
		}
		t.Skipf("%s is missing (apt-get install chromium, or .ci/install-debs.sh chromium)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return bctx
}

// person is one participant's browser: a browser context of its own, so
// its cookies are its own, as on a separate phone.
func person(b context.Context, t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	phone(ctx, t)
	return ctx
}

// do runs steps in a tab within a time limit long enough for a page that
// reloads itself every five seconds.
func do(ctx context.Context, t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("in the browser: %v\nat %s:\n%s", err, loc, body)
	}
}

// text is what the page says.
func text(ctx context.Context, t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// status navigates and returns the HTTP status of the page.
func status(ctx context.Context, t *testing.T, steps ...chromedp.Action[chromedp.Void]) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		t.Fatal(err)
	}
	return res.Status
}

func phone(ctx context.Context, t *testing.T) {
	t.Helper()
	do(ctx, t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateTouch))
}

func colorScheme(ctx context.Context, t *testing.T, scheme string) {
	t.Helper()
	do(ctx, t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// looksRight checks what a person would see first on a phone: nothing
// wider than the screen, and every control at least 44 CSS pixels tall
// (the smallest tap target the platforms recommend). With
// NAGAME_SCREENSHOTS set to a folder, it also saves the page at phone and
// desktop size there, to look at.
func looksRight(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	type check struct {
		Overflow int      `json:"overflow"`
		Small    []string `json:"small"`
	}
	c, err := chromedp.Run(ctx, chromedp.Evaluate[check](`(() => {
		const small = [];
		for (const el of document.querySelectorAll("button, a.button, label.option, input.text, textarea, input.code")) {
			const r = el.getBoundingClientRect();
			if (r.height < 44) small.push(el.outerHTML.slice(0, 80) + " " + Math.round(r.height) + "px");
		}
		return {overflow: document.documentElement.scrollWidth - window.innerWidth, small};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Overflow > 0 {
		t.Errorf("%s: the page is %d px wider than a phone", name, c.Overflow)
	}
	for _, s := range c.Small {
		t.Errorf("%s: tap target too small: %s", name, s)
	}
	dir := os.Getenv("NAGAME_SCREENSHOTS")
	if dir == "" {
		return
	}
	save := func(size string) {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+size+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save("phone")
	do(ctx, t, chromedp.EmulateViewport(1280, 800))
	save("desktop")
	phone(ctx, t)
}

func submit(ctx context.Context, t *testing.T) {
	t.Helper()
	do(ctx, t, chromedp.Click(chromedp.CSS(`form[action$="/answer"] button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
}

// Three people join from three browsers: one picks a name while waiting,
// one follows the link once the question is open, one types the short code.
// Each answers a panel question, the impression and the anonymous survey;
// one changes her answer. The Sink receives exactly those answers.
func TestThreeBrowsersJoinAndAnswer(t *testing.T) {
	if dir := os.Getenv("NAGAME_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s, rec := start(t, join.Config{Meeting: "checkout — metrics viewing party 2026 H2"})
	s.SetPeople([]string{"Aiko", "Ben", "Chen"})
	root := strings.TrimSuffix(s.URL(), "/j/"+s.Token())
	b := browser(t)
	aiko, ben, chen := person(b, t), person(b, t), person(b, t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	// Aiko joins before anything is open and picks her name while waiting.
	do(aiko, t, chromedp.Navigate(s.URL()), chromedp.WaitVisible(css(`button[value="Aiko"]`)))
	looksRight(aiko, t, "waiting-names")
	do(aiko, t, chromedp.Click(css(`button[value="Aiko"]`)), chromedp.WaitVisible(css("p.as")))
	if got := text(aiko, t); !strings.Contains(got, "Answering as Aiko.") || !strings.Contains(got, "Nothing to answer right now.") {
		t.Fatalf("Aiko's waiting page:\n%s", got)
	}
	colorScheme(aiko, t, "dark")
	looksRight(aiko, t, "waiting-dark")
	colorScheme(aiko, t, "light")

	// The facilitator opens the panel: Aiko's page reloads itself to it.
	mustOpen(t, s, latencyBallot)
	do(aiko, t, chromedp.WaitVisible(css(`input[name="q:trend"][value="worse"]`)))
	if got := text(aiko, t); !strings.Contains(got, "Answers are recorded with your name") {
		t.Errorf("the panel's page does not say names are recorded:\n%s", got)
	}
	looksRight(aiko, t, "panel")
	do(aiko, t, chromedp.Click(css(`input[value="worse"]`)))
	submit(aiko, t)
	looksRight(aiko, t, "panel-saved")

	// Ben follows the link and is asked his name first.
	do(ben, t, chromedp.Navigate(s.URL()), chromedp.WaitVisible(css(`button[value="Ben"]`)))
	looksRight(ben, t, "names")
	do(ben, t, chromedp.Click(css(`button[value="Ben"]`)), chromedp.WaitVisible(css(`input[value="same"]`)), chromedp.Click(css(`input[value="same"]`)))
	submit(ben, t)

	// Chen types the short code at the server's root.
	do(chen, t, chromedp.Navigate(root), chromedp.WaitVisible(css("#code")))
	looksRight(chen, t, "code")
	code := strings.ToLower(s.Code()[:3] + " " + s.Code()[3:])
	do(chen, t, chromedp.SendKeys(css("#code"), code), chromedp.Click(css(`form[action="/c"] button`)),
		chromedp.WaitVisible(css(`button[value="Chen"]`)), chromedp.Click(css(`button[value="Chen"]`)),
		chromedp.WaitVisible(css(`input[value="better"]`)), chromedp.Click(css(`input[value="better"]`)))
	submit(chen, t)

	// Aiko changes her mind: the form shows her answer, she picks another.
	do(aiko, t, chromedp.Click(css(`a[href$="?edit=1"]`)), chromedp.WaitVisible(css(`input[value="worse"]:checked`)))
	looksRight(aiko, t, "panel-edit")
	do(aiko, t, chromedp.Click(css(`input[value="better"]`)))
	submit(aiko, t)

	// The impression round: every page reloads itself to it.
	mustOpen(t, s, impressionBallot)
	lines := map[string]string{"Aiko": "Errors are tiny as a share, I did not expect that", "Ben": "the p95 step lines up with the deploy", "Chen": "more SLO panels next time"}
	for i, p := range []context.Context{aiko, ben, chen} {
		n := []string{"Aiko", "Ben", "Chen"}[i]
		do(p, t, chromedp.WaitVisible(css(`input[name="q:"]`)))
		if i == 0 {
			looksRight(p, t, "impression")
		}
		do(p, t, chromedp.SendKeys(css(`input[name="q:"]`), lines[n]))
		submit(p, t)
	}

	// The anonymous survey.
	mustOpen(t, s, surveyBallot)
	for i, p := range []context.Context{aiko, ben, chen} {
		do(p, t, chromedp.WaitVisible(css(`input[name="q:understanding"]`)))
		got := text(p, t)
		if !strings.Contains(got, "Answers are anonymous: the minutes show only totals, and only counts when fewer than 3 answer; comments are kept verbatim without names.") {
			t.Errorf("the survey does not say what the minutes show:\n%s", got)
		}
		if strings.Contains(got, "Answering as") {
			t.Errorf("the anonymous survey says who is answering:\n%s", got)
		}
		if i == 0 {
			looksRight(p, t, "survey")
			colorScheme(p, t, "dark")
			looksRight(p, t, "survey-dark")
			colorScheme(p, t, "light")
		}
		do(p, t, chromedp.Click(css(fmt.Sprintf(`input[name="q:understanding"][value="%d"]`, 3+i))),
			chromedp.Click(css(`input[name="q:again"][value="yes"]`)),
			chromedp.SendKeys(css(`textarea[name="q:comments"]`), fmt.Sprintf("comment %d", i)))
		submit(p, t)
		if i == 0 {
			looksRight(p, t, "survey-saved")
		}
	}

	want := []join.Answer{
		{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: "Aiko", Value: "worse"},
		{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: "Ben", Value: "same"},
		{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: "Chen", Value: "better"},
		{Stage: join.StagePanel, Panel: "latency", Question: "trend", Respondent: "Aiko", Value: "better"},
		{Stage: join.StageImpression, Respondent: "Aiko", Value: lines["Aiko"]},
		{Stage: join.StageImpression, Respondent: "Ben", Value: lines["Ben"]},
		{Stage: join.StageImpression, Respondent: "Chen", Value: lines["Chen"]},
	}
	for i := range 3 {
		want = append(want,
			join.Answer{Stage: join.StageSurvey, Question: "understanding", Anonymous: true, Value: fmt.Sprint(3 + i)},
			join.Answer{Stage: join.StageSurvey, Question: "again", Anonymous: true, Value: "yes"},
			join.Answer{Stage: join.StageSurvey, Question: "comments", Anonymous: true, Value: fmt.Sprintf("comment %d", i)},
		)
	}
	got := rec.all()
	if len(got) != len(want) {
		t.Fatalf("the sink got %d answers, want %d:\n%+v", len(got), len(want), got)
	}
	pseudonyms := map[string]bool{}
	for i := range want {
		g := got[i]
		if g.Anonymous {
			if !strings.HasPrefix(g.Respondent, "anon-") || pseudonyms[g.Respondent] {
				t.Errorf("answer %d: respondent %q is not a fresh pseudonym", i, g.Respondent)
			}
			pseudonyms[g.Respondent] = true
			g.Respondent = ""
		}
		if g != want[i] {
			t.Errorf("answer %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	n := len(got)

	// A wrong token gets the plain 404.
	wrong := strings.Repeat("a", len(s.Token()))
	if st := status(chen, t, chromedp.Navigate(root+"/j/"+wrong)); st != http.StatusNotFound {
		t.Errorf("a wrong token: %d, want 404", st)
	}
	if got := text(chen, t); !strings.Contains(got, "Not found") || strings.Contains(got, "survey") {
		t.Errorf("the 404 page:\n%s", got)
	}
	looksRight(chen, t, "not-found")

	// A form without its CSRF token is refused, and nothing reaches the Sink.
	do(ben, t, chromedp.Navigate(s.URL()+"?edit=1"), chromedp.WaitVisible(css(`input[name="q:understanding"]`)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="csrf"]').remove()`),
		chromedp.Click(css(`input[name="q:understanding"][value="1"]`)))
	if st := status(ben, t, chromedp.Click(css(`form[action$="/answer"] button[type="submit"]`))); st != http.StatusForbidden {
		t.Errorf("a form without its token: %d, want 403", st)
	}
	if got := len(rec.all()); got != n {
		t.Errorf("the refused form reached the sink: %d answers, were %d", got, n)
	}

	// Nothing open: the waiting page again.
	s.CloseBallot()
	do(aiko, t, chromedp.Navigate(s.URL()), chromedp.WaitVisible(css("p.lead")))
	if s.Joined() != 3 {
		t.Errorf("Joined = %d, want 3", s.Joined())
	}
}

// The Japanese pages, on a phone.
func TestTheJapanesePagesInABrowser(t *testing.T) {
	s, rec := start(t, join.Config{Lang: "ja", Meeting: "checkout — メトリクス鑑賞会 2026 下期"})
	s.SetPeople([]string{"相田 愛子", "Ben", "陳"})
	p := person(browser(t), t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	mustOpen(t, s, join.Ballot{Stage: join.StagePanel, Panel: "latency", Title: "チェックアウトのレイテンシー (p95)", Questions: []join.Question{
		{ID: "trend", Ask: "前回と比べてレイテンシーは", Kind: join.Choice, Options: []string{"良くなった", "変わらない", "悪くなった"}},
	}})
	do(p, t, chromedp.Navigate(s.URL()), chromedp.WaitVisible(css(`button[value="相田 愛子"]`)))
	looksRight(p, t, "ja-names")
	do(p, t, chromedp.Click(css(`button[value="相田 愛子"]`)), chromedp.WaitVisible(css(`input[value="悪くなった"]`)))
	looksRight(p, t, "ja-panel")
	do(p, t, chromedp.Click(css(`input[value="悪くなった"]`)))
	submit(p, t)
	mustOpen(t, s, join.Ballot{Stage: join.StageSurvey, Anonymous: true, Questions: []join.Question{
		{ID: "understanding", Ask: "今日のメトリクスはどのくらい理解できましたか？", Kind: join.Scale, Options: []string{"1", "2", "3", "4", "5"}},
		{ID: "again", Ask: "また参加したいですか？", Kind: join.YesNo},
		{ID: "comments", Ask: "ほかに何かあれば", Kind: join.Text},
	}})
	do(p, t, chromedp.WaitVisible(css(`input[name="q:understanding"]`)))
	if got := text(p, t); !strings.Contains(got, "回答は匿名です") {
		t.Errorf("the survey does not state the rule:\n%s", got)
	}
	looksRight(p, t, "ja-survey")
	do(p, t, chromedp.Click(css(`input[name="q:again"][value="no"]`)), chromedp.SendKeys(css(`textarea[name="q:comments"]`), "グラフが見やすかった"))
	submit(p, t)
	got := rec.all()
	if len(got) != 3 || got[0].Respondent != "相田 愛子" || got[0].Value != "悪くなった" || got[1].Value != "no" || got[2].Value != "グラフが見やすかった" {
		t.Errorf("the sink got %+v", got)
	}
}
