package sessions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// TestTheJoinTokenIsKeptForTheOwnerOnly: made once, readable by its owner
// only, the same after a resume, never in the journal, gone at the end.
func TestTheJoinTokenIsKeptForTheOwnerOnly(t *testing.T) {
	root := t.TempDir()
	clock := testclock.New(t0)
	s, err := Start(root, testAgenda(t), StartOptions{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if tok, _, err := s.JoinToken(nil); err != nil || tok != "" {
		t.Fatalf("a session without a join server has a token %q (%v)", tok, err)
	}
	made := 0
	newToken := func() (string, error) { made++; return "abcdefghijklmnopqrstuvwxyz234567", nil }
	tok, _, err := s.JoinToken(newToken)
	if err != nil || tok == "" {
		t.Fatalf("JoinToken: %q %v", tok, err)
	}
	if err := s.KeepJoinAddr(tok, "10.0.0.5:8765"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(s.Dir(), JoinTokenFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v, mode %v", err, fi.Mode())
	}
	if err := s.Post(journal.Event{Type: journal.EvClock}); err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Resume(dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	again, addr, err := r.JoinToken(newToken)
	if err != nil || again != tok || made != 1 || addr != "10.0.0.5:8765" {
		t.Errorf("after a resume: %q at %q (%v), made %d times; want the same token and address, made once", again, addr, err, made)
	}
	if j, _ := os.ReadFile(filepath.Join(dir, JournalFile)); strings.Contains(string(j), tok) {
		t.Error("the journal holds the join token")
	}
	if err := r.RemoveJoinToken(); err != nil {
		t.Fatal(err)
	}
	if tok, _, _ := r.JoinToken(nil); tok != "" {
		t.Error("the token outlived the meeting")
	}
	if err := r.RemoveJoinToken(); err != nil {
		t.Errorf("removing it twice: %v", err)
	}
}

// TestDeviceMarksFollowTheLatestAnswer: a device's answer is marked, a
// typed one that replaces it is not, and replay gives the same marks.
func TestDeviceMarksFollowTheLatestAnswer(t *testing.T) {
	st := NewState()
	events := []journal.Event{
		{Type: journal.EvStart, Start: &journal.StartInfo{Participants: []string{"Aiko", "Ben"}}},
		{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Aiko", Value: "better", Device: true},
		{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "same", Device: true},
		{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: "Ben", Value: "worse"},
		{Type: journal.EvSurvey, Question: "comments", Person: "anon-1", Value: "ok", Device: true},
		{Type: journal.EvSurvey, Question: "comments", Person: "anon-1", Value: "", Device: true},
	}
	for i, e := range events {
		e.Seq, e.Time = int64(i+1), t0
		if err := st.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	if !st.FromDevice[DeviceKey(journal.EvAnswer, "latency", "trend", "Aiko")] {
		t.Error("Aiko's answer from her phone is not marked")
	}
	if len(st.FromDevice) != 1 {
		t.Errorf("marks = %v, want only Aiko's (Ben's was retyped, the comment withdrawn)", st.FromDevice)
	}
}
