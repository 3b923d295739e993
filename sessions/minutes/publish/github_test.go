package publish

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/minutes/publish/publishtest"
)

var toGitHub = Target{Kind: agenda.TargetGitHub, Repo: fakeRepo}

// sentIssue is a POST body as the fake received it.
type sentIssue struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Assignees []string `json:"assignees"`
	Labels    []string `json:"labels"`
}

func sent(t *testing.T, gh *publishtest.GitHub) []sentIssue {
	t.Helper()
	var out []sentIssue
	for _, b := range gh.Posts() {
		var s sentIssue
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func outcomes(res Result) string {
	var parts []string
	for _, ir := range res.Issues {
		parts = append(parts, ir.Action+":"+ir.Outcome)
	}
	return strings.Join(parts, " ")
}

func TestEachOpenActionItemBecomesAnIssue(t *testing.T) {
	dd, gh := publishtest.NewDatadog(t), publishtest.NewGitHub(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	// The notebook first, so the issues link to it.
	results, err := All(context.Background(), []Target{toGitHub, toDatadog}, rec, options(gh.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Target != toDatadog {
		t.Fatalf("results %+v: Datadog goes first", results)
	}
	res := results[1]
	if res.Created != 3 || outcomes(res) != "a1:created a2:created a3:skipped a4:created" {
		t.Errorf("created %d: %s", res.Created, outcomes(res))
	}
	if res.URL != gh.URL()+"/acme/checkout/issues" || res.Issues[0].URL != "https://github.com/acme/checkout/issues/1" {
		t.Errorf("links: %s, %s", res.URL, res.Issues[0].URL)
	}
	got := sent(t, gh)
	if len(got) != 3 {
		t.Fatalf("%d issues sent", len(got))
	}
	a1, a2, a4 := got[0], got[1], got[2]
	if a1.Title != "Raise the pool size" || !slices.Equal(a1.Assignees, []string{"aiko-gh"}) || !slices.Equal(a1.Labels, []string{"nagame"}) {
		t.Errorf("a1: %+v", a1)
	}
	for _, want := range []string{
		"Raise the pool size\n", "An action item of **checkout — metrics viewing party** on 2026-11-16.",
		"- **Owner:** Aiko\n", "- **Due:** 2026-12-01\n", "- **Panel:** Checkout latency (p95)\n",
		"### What the team saw", "- p95: ", "(previous ", "- Objective: ",
		"**Minutes:** <" + results[0].URL + ">", Marker(rec.Name + "/a1"),
	} {
		if !strings.Contains(a1.Body, want) {
			t.Errorf("a1's body lacks %q:\n%s", want, a1.Body)
		}
	}
	if a2.Title != "Page on error budget burn over 2×" || len(a2.Assignees) != 0 || !strings.Contains(a2.Body, "- **Owner:** Ben") ||
		!strings.Contains(a2.Body, "- error rate: ") {
		t.Errorf("a2 (Ben has no login: named only):\n%+v", a2)
	}
	if len(a4.Assignees) != 0 || !strings.Contains(a4.Body, "- **Raised in:** the closing") || strings.Contains(a4.Body, "What the team saw") {
		t.Errorf("a4 (the closing's):\n%+v", a4)
	}
	pub, _ := sessions.ReadPublication(rec.Dir)
	if len(pub.Issues) != 3 || pub.Issues[0].Number != 1 || pub.Issues[0].State != "open" || pub.Issues[0].Repo != fakeRepo {
		t.Errorf("published.json: %+v", pub.Issues)
	}
	raw, _ := os.ReadFile(filepath.Join(rec.Dir, sessions.PublishedFile))
	noSecrets(t, "published.json", string(raw))
}

func TestASecondPublishCreatesNoIssue(t *testing.T) {
	gh := publishtest.NewGitHub(t)
	rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
	if _, err := Publish(context.Background(), toGitHub, rec, options(gh.URL())); err != nil {
		t.Fatal(err)
	}
	gh.Forget()
	res, err := Publish(context.Background(), toGitHub, reread(t, rec), options(gh.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || gh.Created() != 3 || outcomes(res) != "a1:published a2:published a3:skipped a4:published" {
		t.Errorf("second run: %s, %d issues on GitHub", outcomes(res), gh.Created())
	}
	want := []string{"GET /repos/acme/checkout/issues/1", "GET /repos/acme/checkout/issues/2", "GET /repos/acme/checkout/issues/3"}
	if got := gh.Seen(); !slices.Equal(got, want) {
		t.Errorf("second run sent %v, want only the state reads %v", got, want)
	}
}

func TestAPublishCutShortCompletesWithoutDuplicates(t *testing.T) {
	gh := publishtest.NewGitHub(t)
	rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
	// The second issue fails; the first is made and kept.
	first := true
	gh.FailAfter = func(method string, issues int) *fault {
		if method == "POST" && issues == 1 && first {
			first = false
			return &fault{Status: 502, Body: `{"message":"Server Error"}`}
		}
		return nil
	}
	res, err := Publish(context.Background(), toGitHub, rec, options(gh.URL()))
	var e *Error
	if !errors.As(err, &e) || e.Status != 502 || !strings.Contains(err.Error(), rerun) {
		t.Fatalf("err = %v", err)
	}
	if outcomes(res) != "a1:created a2: a3:skipped a4:" {
		t.Errorf("cut short: %s", outcomes(res))
	}
	if pub, _ := sessions.ReadPublication(rec.Dir); len(pub.Issues) != 1 {
		t.Errorf("published.json keeps %+v, want a1 only", pub.Issues)
	}
	res, err = Publish(context.Background(), toGitHub, reread(t, rec), options(gh.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if gh.Created() != 3 || outcomes(res) != "a1:published a2:created a3:skipped a4:created" {
		t.Errorf("re-run: %s; %d issues on GitHub", outcomes(res), gh.Created())
	}
}

func TestLostStateFindsTheIssuesByTheirMarkers(t *testing.T) {
	for _, labelled := range []bool{true, false} {
		t.Run("labelled="+strconv.FormatBool(labelled), func(t *testing.T) {
			gh := publishtest.NewGitHub(t)
			gh.PageSize = 2 // the list takes two pages
			rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
			if !labelled {
				rec.Agenda.GitHub.Labels = []string{}
			}
			if _, err := Publish(context.Background(), toGitHub, rec, options(gh.URL())); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(rec.Dir, sessions.PublishedFile)); err != nil {
				t.Fatal(err)
			}
			again := reread(t, rec)
			again.Agenda.GitHub = rec.Agenda.GitHub
			gh.Forget()
			res, err := Publish(context.Background(), toGitHub, again, options(gh.URL()))
			if err != nil {
				t.Fatal(err)
			}
			if gh.Created() != 3 || res.Found != 3 || outcomes(res) != "a1:found a2:found a3:skipped a4:found" {
				t.Errorf("%s; %d issues on GitHub; requests %v", outcomes(res), gh.Created(), gh.Seen())
			}
			seen := strings.Join(gh.Seen(), "\n")
			if labelled && (!strings.Contains(seen, "labels=nagame") || !strings.Contains(seen, "page=2")) {
				t.Errorf("should list by label over two pages:\n%s", seen)
			}
			if !labelled && !strings.Contains(seen, "/search/issues?") {
				t.Errorf("should search the bodies:\n%s", seen)
			}
			if pub, _ := sessions.ReadPublication(rec.Dir); len(pub.Issues) != 3 {
				t.Errorf("published.json: %+v", pub.Issues)
			}
		})
	}
}

func TestAnOwnerGitHubWillNotAssignIsNamedInTheBody(t *testing.T) {
	gh := publishtest.NewGitHub(t)
	gh.Collaborators = nil
	rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
	res, err := Publish(context.Background(), toGitHub, rec, options(gh.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if gh.Created() != 3 || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "could not assign aiko-gh to acme/checkout#1") {
		t.Errorf("%d issues, notes %q", gh.Created(), res.Notes)
	}
}

func TestAnIssueClosedOnGitHubComesBackAsDone(t *testing.T) {
	gh := publishtest.NewGitHub(t)
	root := t.TempDir()
	rec := recordSession(t, root, "http://127.0.0.1:9")
	if _, err := Publish(context.Background(), toGitHub, rec, options(gh.URL())); err != nil {
		t.Fatal(err)
	}
	closed := t0.Add(48 * time.Hour)
	gh.Close(1, "completed", closed)
	gh.Close(2, "not_planned", closed)
	notes, err := Sync(context.Background(), reread(t, rec), options(gh.URL()))
	if err != nil || len(notes) != 0 {
		t.Fatalf("sync: %v %v", notes, err)
	}
	recs, errs := sessions.ListRecords(root)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]sessions.TrackedAction{}
	for _, ta := range sessions.TrackActions(recs) {
		got[ta.ID] = ta
	}
	if a := got["a1"]; a.Status != journal.ActionDone || !a.ClosedRemotely || a.Note != "closed on GitHub (acme/checkout#1)" {
		t.Errorf("a1 = %+v", a)
	}
	if a := got["a2"]; a.Status != journal.ActionDropped || !a.ClosedRemotely {
		t.Errorf("a2 = %+v", a)
	}
	if a := got["a4"]; a.Status != journal.ActionOpen {
		t.Errorf("a4 = %+v", a)
	}
	// The next session's review still offers them, to confirm.
	var review []string
	for _, ta := range sessions.OpenActions(recs) {
		review = append(review, ta.ID)
	}
	if strings.Join(review, ",") != "a1,a2,a4" {
		t.Errorf("the next review shows %v", review)
	}
}

func TestGitHubFailuresSayWhatToDo(t *testing.T) {
	reset := strconv.FormatInt(t0.Add(2*time.Hour+17*time.Minute).Unix(), 10)
	cases := []struct {
		name   string
		faults []fault
		token  string
		want   []string
		status int
		retry  bool
	}{
		{name: "no token", token: "-", want: []string{"no GitHub token", "GITHUB_TOKEN (or GH_TOKEN)", "Issues: read and write"}},
		{name: "bad token", token: "ghp_wrong0123456789", status: 401, want: []string{"refused the token", "401 Unauthorized: Bad credentials", "GITHUB_TOKEN"}},
		{name: "no access", faults: []fault{{Status: 403, Body: `{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"403"}`}},
			status: 403, want: []string{"may not create issues in acme/checkout", "Resource not accessible", "repo scope"}},
		{name: "no repository", faults: []fault{{Status: 404, Body: `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"404"}`}},
			status: 404, want: []string{"no repository acme/checkout", "private one answers 404"}},
		{name: "issues off", faults: []fault{{Status: 410, Body: `{"message":"Issues are disabled for this repo","documentation_url":"https://docs.github.com/v3/issues/","status":"410"}`}},
			status: 410, want: []string{"issues are turned off"}},
		{name: "labels", faults: []fault{{Status: 422, Body: `{"message":"Validation Failed","errors":[{"value":"x","resource":"Label","field":"name","code":"invalid"}],"status":"422"}`}},
			status: 422, want: []string{"GitHub rejected the issue", "name invalid", "github: key"}},
		{name: "primary rate limit", faults: []fault{{Status: 403, Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, Body: `{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting","status":"403"}`}},
			status: 403, retry: true, want: []string{"rate-limiting", "resets in 17m0s", "publish again after"}},
		{name: "secondary rate limit", faults: []fault{{Status: 429, Header: map[string]string{"Retry-After": "600"}, Body: `{"message":"You have exceeded a secondary rate limit."}`}},
			status: 429, retry: true, want: []string{"rate-limiting", "10m0s"}},
		{name: "echoed token", faults: []fault{{Status: 500, Body: `{"message":"proxy: Authorization: Bearer ` + testToken + `"}`}},
			status: 500, want: []string{"REDACTED", "try again later"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gh := publishtest.NewGitHub(t)
			rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
			gh.Fail("POST", c.faults...)
			opt := options(gh.URL())
			if c.token != "" {
				opt = withEnv(opt, map[string]string{"GITHUB_TOKEN": strings.TrimPrefix(c.token, "-")})
			}
			_, err := Publish(context.Background(), toGitHub, rec, opt)
			wantError(t, err, c.want, c.status, c.retry)
			if gh.Created() != 0 {
				t.Errorf("%d issues made", gh.Created())
			}
		})
	}
}

func TestGitHubDryRunSendsNothingAndNeedsNoToken(t *testing.T) {
	gh := publishtest.NewGitHub(t)
	rec := recordSession(t, t.TempDir(), "http://127.0.0.1:9")
	opt := options(gh.URL())
	opt.DryRun = true
	opt.Getenv = func(k string) string {
		if k == "GITHUB_API_URL" {
			return gh.URL()
		}
		return ""
	}
	res, err := Publish(context.Background(), toGitHub, rec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(gh.Seen()) != 0 {
		t.Errorf("a dry run sent %v", gh.Seen())
	}
	if len(res.Requests) != 3 || res.Requests[0].URL != gh.URL()+"/repos/acme/checkout/issues" || outcomes(res) != "a1:would create a2:would create a3:skipped a4:would create" {
		t.Fatalf("%s: %+v", outcomes(res), res.Requests)
	}
	var body sentIssue
	if err := json.Unmarshal(res.Requests[0].Body, &body); err != nil || body.Title != "Raise the pool size" || !strings.Contains(body.Body, "`nagame export "+rec.Name+"`") {
		t.Errorf("%v: %+v", err, body)
	}
}

func TestGitHubEnterpriseAddresses(t *testing.T) {
	base, host, err := githubBase(func(string) string { return "https://github.example.com/api/v3/" })
	if err != nil || base != "https://github.example.com/api/v3" || host != "github.example.com" {
		t.Errorf("%q %q %v", base, host, err)
	}
	if u := webURL(base, "acme/checkout"); u != "https://github.example.com/acme/checkout" {
		t.Errorf("web URL %q", u)
	}
	if _, _, err := githubBase(func(string) string { return "https://user:pw@github.example.com/api/v3" }); err == nil || strings.Contains(err.Error(), "pw") {
		t.Errorf("credentials in GITHUB_API_URL: %v", err)
	}
}
