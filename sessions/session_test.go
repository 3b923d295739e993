package sessions

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
)

const testAgendaYAML = `# my comment stays
version: 1
title: "checkout — review"
service: checkout
duration: 30m
participants: [Aiko, Ben, Chen]
sources:
  demo: {type: demo, seed: 7}
panels:
  - id: latency
    kind: latency
    query: "p95:trace.http.request{service:checkout,env:prod}"
    timebox: 5m
    objective: {threshold: 300ms, target: 99%}
    questions:
      - {id: trend, ask: "Latency is", choice: [better, same, worse]}
  - id: errors
    kind: errors
    query: "sum:trace.http.request.errors{service:checkout,env:prod}.as_count()"
    total: "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()"
    objective: {target: 99.9%}
`

func testAgenda(t *testing.T) *agenda.Agenda {
	t.Helper()
	return agendaTitled(t, "checkout — review")
}

func TestStartCreatesTheSessionFolder(t *testing.T) {
	root := t.TempDir()
	clock := testclock.New(t0)
	s, err := Start(root, testAgenda(t), StartOptions{Now: clock.Now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wantName := t0.Local().Format(time.DateOnly) + "-checkout-review"
	if s.Name() != wantName {
		t.Errorf("name = %q, want %q", s.Name(), wantName)
	}
	raw, err := os.ReadFile(filepath.Join(s.Dir(), AgendaFile))
	if err != nil || !bytes.Equal(raw, []byte(testAgendaYAML)) {
		t.Errorf("the agenda copy must be byte for byte the agenda (comments kept): %v", err)
	}
	if fi, err := os.Stat(filepath.Join(s.Dir(), DataDir)); err != nil || !fi.IsDir() {
		t.Errorf("no data folder: %v", err)
	}
	st := s.State()
	if st.Start.Title != "checkout — review" || st.Start.Planned != 30*time.Minute || len(st.Attendance) != 3 {
		t.Errorf("start = %+v", st.Start)
	}
	// The window is frozen at start: 30 days (the default) up to the minute.
	if st.Start.To != t0 || st.Start.From != t0.Add(-30*24*time.Hour) || st.Start.CompareTo != st.Start.From {
		t.Errorf("window = %v–%v, compare %v–%v", st.Start.From, st.Start.To, st.Start.CompareFrom, st.Start.CompareTo)
	}
	// A second session of the same agenda that day gets its own folder.
	s2, err := Start(root, testAgenda(t), StartOptions{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Name() != wantName+"-2" {
		t.Errorf("second name = %q", s2.Name())
	}
}

func TestPostedEventsSurviveCloseAndResume(t *testing.T) {
	root := t.TempDir()
	clock := testclock.New(t0)
	s, err := Start(root, testAgenda(t), StartOptions{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	must(t, s.Post(journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels}))
	must(t, s.Post(journal.Event{Type: journal.EvPanel, Panel: "latency"}))
	clock.Advance(2 * time.Minute)
	must(t, s.Post(journal.Event{Type: journal.EvNote, Panel: "latency", Text: "p95 ↑ after 14:10 deploy"}))
	must(t, s.Post(journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "worse"}))
	must(t, s.Flush())
	dir := s.Dir()
	must(t, s.Close())

	clock.Advance(time.Hour)
	r, err := Resume(dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	st := r.State()
	if st.Phase != journal.PhasePanels || st.Panel != "latency" || st.Notes["latency"] != "p95 ↑ after 14:10 deploy" ||
		st.Answer("latency", "trend", "Ben") != "worse" {
		t.Errorf("resumed state = phase %q panel %q notes %q", st.Phase, st.Panel, st.Notes)
	}
	// 3 minutes ran before the quit; the hour closed does not count.
	if st.Elapsed != 3*time.Minute || st.Resumes != 1 {
		t.Errorf("elapsed %v resumes %d, want 3m and 1", st.Elapsed, st.Resumes)
	}
	if got := st.SpentAt("latency", clock.Now().Add(30*time.Second)); got != 2*time.Minute+30*time.Second {
		t.Errorf("latency spent = %v, want 2m30s", got)
	}
}

func TestASessionOpenElsewhereIsRefused(t *testing.T) {
	root := t.TempDir()
	s, err := Start(root, testAgenda(t), StartOptions{Now: testclock.New(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Resume(s.Dir(), nil)
	var le *lock.HeldError
	if !errors.As(err, &le) {
		t.Fatalf("resume of an open session: %v, want a lock.HeldError", err)
	}
}

func TestResumeOfANonSessionSaysWhatToDo(t *testing.T) {
	_, err := Resume(t.TempDir(), nil)
	if !errors.Is(err, ErrNoSession) || !strings.Contains(err.Error(), "nagame sessions") {
		t.Errorf("err = %v", err)
	}
}

func TestPostRefusesNonsenseAndWritesNothing(t *testing.T) {
	s, err := Start(t.TempDir(), testAgenda(t), StartOptions{Now: testclock.New(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Post(journal.Event{Type: "dance"}); err == nil {
		t.Fatal("an unknown event type must be refused")
	}
	must(t, s.Flush())
	rep, err := journal.Read(filepath.Join(s.Dir(), JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Events) != 1 {
		t.Errorf("journal has %d events, want only the start", len(rep.Events))
	}
}

func TestWriteFileReplacesAFileOfTheFolderOnly(t *testing.T) {
	s, err := Start(t.TempDir(), testAgenda(t), StartOptions{Now: testclock.New(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must(t, s.WriteFile(MinutesFile, []byte("old\n")))
	must(t, s.WriteFile(MinutesFile, []byte("# Minutes\n")))
	got, err := os.ReadFile(filepath.Join(s.Dir(), MinutesFile))
	if err != nil || string(got) != "# Minutes\n" {
		t.Errorf("minutes.md = %q, %v", got, err)
	}
	if st, err := os.Stat(filepath.Join(s.Dir(), MinutesFile)); err != nil {
		t.Error(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Errorf("minutes.md mode = %v, want 0600", st.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), MinutesFile+".tmp")); err == nil {
		t.Error("the temporary file was left behind")
	}
	for _, name := range []string{"", ".", "..", "../escape.md", "data/x.json"} {
		if err := s.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) wrote outside a plain file name", name)
		}
	}
}

// recorded runs a session of a started at t under root, ended or not, and
// reads it back.
func recorded(t *testing.T, root string, a *agenda.Agenda, at time.Time, ended bool, previous ...string) *Record {
	t.Helper()
	s, err := Start(root, a, StartOptions{Now: testclock.New(at).Now, Previous: previous})
	if err != nil {
		t.Fatal(err)
	}
	if ended {
		must(t, s.Post(journal.Event{Type: journal.EvEnd}))
	}
	must(t, s.Close())
	r, err := OpenRecord(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func names(recs []*Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Name)
	}
	return out
}

func TestChoosingWhatToResumeAndWhatToFollowUp(t *testing.T) {
	root := t.TempDir()
	checkout := testAgenda(t)
	search, err := agenda.Parse("search.yaml", []byte(strings.Replace(testAgendaYAML, "checkout — review", "search — review", 1)), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	c1 := recorded(t, root, checkout, t0, true)
	s1 := recorded(t, root, search, t0.Add(day), true)
	c2 := recorded(t, root, checkout, t0.Add(2*day), false, c1.Name)
	c3 := recorded(t, root, checkout, t0.Add(3*day), true, c1.Name, c2.Name)
	recs, errs := ListRecords(root)
	if len(errs) > 0 || len(recs) != 4 {
		t.Fatalf("ListRecords = %d records, %v", len(recs), errs)
	}

	dir, err := ToResume(root, "", recs)
	if err != nil || dir != c2.Dir {
		t.Errorf("ToResume(\"\") = %q, %v; want the latest unfinished session %s", dir, err, c2.Dir)
	}
	if dir, err := ToResume(root, s1.Name[:len(s1.Name)-3], recs); err != nil || dir != s1.Dir {
		t.Errorf("ToResume(prefix) = %q, %v; want %s", dir, err, s1.Dir)
	}
	if dir, err := ToResume(root, "", []*Record{c1, s1}); err != nil || dir != s1.Dir {
		t.Errorf("ToResume with every session ended = %q, %v; want the latest, %s", dir, err, s1.Dir)
	}
	if _, err := ToResume(root, "", nil); err == nil || !strings.Contains(err.Error(), "no session to resume") {
		t.Errorf("ToResume of nothing: %v", err)
	}
	if got := names(PreviousOf(recs, c3.State.Start)); !slices.Equal(got, []string{c1.Name, c2.Name}) {
		t.Errorf("PreviousOf(c3) = %v", got)
	}

	hist, err := FollowUps(root, recs, checkout, "")
	if got := names(hist); err != nil || !slices.Equal(got, []string{c1.Name, c2.Name, c3.Name}) {
		t.Errorf("FollowUps(checkout) = %v, %v; want every checkout session", got, err)
	}
	hist, err = FollowUps(root, recs, checkout, s1.Name)
	if got := names(hist); err != nil || !slices.Equal(got, []string{s1.Name}) {
		t.Errorf("FollowUps(--previous search) = %v, %v; want the search session alone", got, err)
	}
	hist, err = FollowUps(root, recs, search, c2.Name)
	if got := names(hist); err != nil || !slices.Equal(got, []string{c1.Name, c2.Name}) {
		t.Errorf("FollowUps(--previous c2) = %v, %v; want c1 then c2", got, err)
	}
	if _, err := FollowUps(root, recs, checkout, "nope"); err == nil {
		t.Error("FollowUps of a session that does not exist must fail")
	}
	if r, err := Pick(root, "", recs, nil); err != nil || r.Name != c3.Name {
		t.Errorf("Pick(\"\") = %v, %v; want the latest", r, err)
	}
	if _, err := Pick(root, "", nil, nil); err == nil || !strings.Contains(err.Error(), "no sessions in") {
		t.Errorf("Pick of nothing: %v", err)
	}
}

func TestRootOrder(t *testing.T) {
	env := map[string]string{"NAGAME_SESSIONS": "/env", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	cases := []struct {
		flag string
		drop []string
		want string
	}{
		{"/flag", nil, "/flag"},
		{"", nil, "/env"},
		{"", []string{"NAGAME_SESSIONS"}, "/xdg/nagame/sessions"},
		{"", []string{"NAGAME_SESSIONS", "XDG_DATA_HOME"}, "/home/u/.local/share/nagame/sessions"},
	}
	for _, c := range cases {
		for _, k := range c.drop {
			delete(env, k)
		}
		got, err := Root(c.flag, get)
		if err != nil || got != c.want {
			t.Errorf("Root(%q) = %q, %v; want %q", c.flag, got, err, c.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
