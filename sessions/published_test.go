package sessions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestPublicationRoundTripsThroughTheSessionFolder(t *testing.T) {
	dir := t.TempDir()
	r := &Record{Dir: dir, Name: filepath.Base(dir)}
	if p, err := ReadPublication(dir); err != nil || len(p.Notebooks)+len(p.Issues) != 0 {
		t.Fatalf("a session never published: %+v, %v", p, err)
	}
	var p Publication
	at := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	p.SetNotebook(PublishedNotebook{Host: "api.datadoghq.eu", ID: 1, URL: "https://app.datadoghq.eu/notebook/1", At: at})
	p.SetNotebook(PublishedNotebook{Host: "api.datadoghq.eu", ID: 2, URL: "https://app.datadoghq.eu/notebook/2", At: at})
	p.SetIssue(PublishedIssue{Action: "a1", Repo: "acme/checkout", Number: 7, State: "open"})
	p.SetIssue(PublishedIssue{Action: "a1", Repo: "acme/checkout", Number: 7, State: "closed", StateReason: "completed"})
	p.SetIssue(PublishedIssue{Action: "a1", Repo: "acme/other", Number: 1, State: "open"})
	b, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.WriteFile(PublishedFile, b); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPublication(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := got.Notebook("api.datadoghq.eu"); !ok || n.ID != 2 || len(got.Notebooks) != 1 {
		t.Errorf("notebooks: %+v", got.Notebooks)
	}
	if i, ok := got.Issue("acme/checkout", "a1"); !ok || i.State != "closed" || len(got.Issues) != 2 {
		t.Errorf("issues: %+v", got.Issues)
	}
	if st, _ := os.Stat(filepath.Join(dir, PublishedFile)); st.Mode().Perm() != 0o600 {
		t.Errorf("published.json is %v, want 0600", st.Mode().Perm())
	}
	if err := r.WriteFile("../x", b); err == nil {
		t.Error("WriteFile accepted a path")
	}
}

func TestDamagedPublicationSaysHowToRecover(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, PublishedFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadPublication(dir)
	if err == nil || !strings.Contains(err.Error(), "publish again") || !strings.Contains(err.Error(), PublishedFile) {
		t.Errorf("err = %v", err)
	}
}

func TestAnIssueClosedOnGitHubSettlesTheItemUntilAMeetingReviewsIt(t *testing.T) {
	t0 := time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)
	first := &Record{Name: "s1", State: NewState()}
	first.State.Actions = []ActionItem{
		{ID: "a1", Text: "alert on pool saturation", Created: t0},
		{ID: "a2", Text: "page on budget burn", Created: t0},
		{ID: "a3", Text: "share the minutes", Created: t0},
		{ID: "a4", Text: "runbook", Created: t0},
	}
	closedAt := t0.Add(10 * 24 * time.Hour)
	first.Published.Issues = []PublishedIssue{
		{Action: "a1", Repo: "acme/checkout", Number: 1, State: "closed", StateReason: "completed", ClosedAt: closedAt},
		{Action: "a2", Repo: "acme/checkout", Number: 2, State: "closed", StateReason: "not_planned", ClosedAt: closedAt},
		{Action: "a3", Repo: "acme/checkout", Number: 3, State: "closed", StateReason: "completed", ClosedAt: closedAt},
		{Action: "a4", Repo: "acme/checkout", Number: 4, State: "open"},
	}
	second := &Record{Name: "s2", State: NewState()}
	// The room looked at a3 after it closed and kept it open: the meeting
	// has the last word.
	second.State.Reviews[ActionKey("s1", "a3")] = Review{Key: "s1/a3", Status: journal.ActionOpen, At: closedAt.Add(time.Hour)}

	got := map[string]TrackedAction{}
	for _, ta := range TrackActions([]*Record{first, second}) {
		got[ta.ID] = ta
	}
	if a := got["a1"]; a.Status != journal.ActionDone || !a.ClosedRemotely || a.Note != "closed on GitHub (acme/checkout#1)" || len(a.Issues) != 1 {
		t.Errorf("a1 = %+v", a)
	}
	if a := got["a2"]; a.Status != journal.ActionDropped || !a.ClosedRemotely {
		t.Errorf("a2 closed as not planned = %+v", a)
	}
	if a := got["a3"]; a.Status != journal.ActionOpen || a.ClosedRemotely {
		t.Errorf("a3 reviewed after the close = %+v", a)
	}
	if a := got["a4"]; a.Status != journal.ActionOpen || a.ClosedRemotely {
		t.Errorf("a4 still open on GitHub = %+v", a)
	}
	var review []string
	for _, ta := range OpenActions([]*Record{first, second}) {
		review = append(review, ta.ID)
	}
	if strings.Join(review, ",") != "a1,a2,a3,a4" {
		t.Errorf("the next review shows %v; items closed on GitHub are confirmed there", review)
	}
}
