package join_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nagame-dev/nagame/join"
)

// answerMsg is what the TUI's Sink sends its event loop: the answer and
// where to say whether it was journaled.
type answerMsg struct {
	a     join.Answer
	reply chan error
}

// loopSink hands answers to the TUI's event loop (in the TUI: p.Send) and
// waits for Update to journal them; it gives up when the request ends.
type loopSink struct{ send func(any) }

func (s loopSink) Submit(ctx context.Context, a join.Answer) error {
	reply := make(chan error, 1)
	s.send(answerMsg{a: a, reply: reply})
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tokenFor returns the session's join token, making and keeping one the
// first time, so a resumed session keeps its link, code and QR code.
func tokenFor(sessionDir string) (string, error) {
	path := filepath.Join(sessionDir, "join-token")
	if b, err := os.ReadFile(path); err == nil {
		return string(b), nil
	}
	tok, err := join.NewToken()
	if err != nil {
		return "", err
	}
	return tok, os.WriteFile(path, []byte(tok), 0o600)
}

// How the TUI runs a join server: start it with the session's token, open a
// ballot on each phase or panel change, journal what the Sink receives, shut
// it down when the meeting ends.
func Example() {
	dir, _ := os.MkdirTemp("", "session")
	defer os.RemoveAll(dir)
	token, err := tokenFor(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	events := make(chan any, 16) // the TUI's event loop (tea.Program.Send)
	addr := "127.0.0.1:0"        // join.DefaultAddr() in a meeting room
	srv, err := join.Start(join.Config{
		Addr: addr, Token: token, Lang: "en", Meeting: "checkout H2",
		Sink: loopSink{send: func(m any) { events <- m }},
	})
	if err != nil {
		fmt.Println(err) // says what to do: another address, a free port
		return
	}
	qr, _ := join.QR(srv.URL()) // shown black on white, with srv.ShortURL() beside it
	_ = qr

	// In Update, on entering a panel (and again on attendance changes):
	srv.SetPeople([]string{"Aiko", "Ben", "Chen"})
	_ = srv.Open(join.Ballot{
		Stage: join.StagePanel, Panel: "latency", Title: "Checkout latency (p95)",
		Questions: []join.Question{{ID: "trend", Ask: "Compared with last time latency is", Kind: join.Choice, Options: []string{"better", "same", "worse"}}},
		// Answers: state.Answers["latency"], so phones show what the journal has.
	})

	// In Update, on an answerMsg: post the journal event and reply.
	go func() {
		for m := range events {
			if m, ok := m.(answerMsg); ok {
				// StagePanel → journal.Event{Type: EvAnswer, Panel, Question, Person: a.Respondent, Value}
				// StageImpression → EvImpression{Person: a.Respondent, Text: a.Value}
				// StageSurvey → EvSurvey{Question, Person: a.Respondent, Value}
				m.reply <- nil // or session.Post's error
			}
		}
	}()

	// At the closing: the impressions, then the anonymous survey.
	_ = srv.Open(join.Ballot{Stage: join.StageImpression})
	_ = srv.Open(join.Ballot{Stage: join.StageSurvey, Anonymous: true, Questions: []join.Question{
		{ID: "understanding", Ask: "How well did you understand today's metrics?", Kind: join.Scale, Options: []string{"1", "2", "3", "4", "5"}},
	}})

	// The header shows srv.Joined() devices; counts and tallies come from
	// the journal state.

	// When the meeting ends, from a tea.Cmd:
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Println(err)
	}
	close(events)
	fmt.Println("joined:", srv.Joined())
	// Output: joined: 0
}
