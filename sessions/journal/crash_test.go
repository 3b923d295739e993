package journal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashWriterEnv, when set, turns TestHelperWriter into the writer process
// of TestJournalSurvivesKill9; it holds the journal's path.
const crashWriterEnv = "NAGAME_TEST_JOURNAL_WRITER"

// crashSeedEnv replays a failing TestJournalSurvivesKill9 run with its seed.
const crashSeedEnv = "NAGAME_TEST_CRASH_SEED"

// crashEvent is the event the writer process appends as seq: its content is
// a function of seq alone, so the parent can tell an intact event from a
// damaged one. Every 5th is a 50 KB note, so writes span many pages and a
// kill can land in the middle of one.
func crashEvent(seq int64) Event {
	rng := rand.New(rand.NewPCG(uint64(seq), 0xC0FFEE))
	e := Event{Seq: seq, Time: journalEpoch.Add(time.Duration(seq) * time.Millisecond)}
	switch seq % 5 {
	case 0:
		e.Type, e.Panel, e.Text = EvNote, "latency", noteText(rng, 50_000)
	case 1:
		e.Type, e.Panel, e.Text = EvNote, "errors", noteText(rng, 200+rng.IntN(1801))
	case 2:
		e.Type, e.Panel, e.Question, e.Person, e.Value = EvAnswer, "latency", "trend", "Aiko", "worse"
	default:
		e.Type = EvClock
	}
	return e
}

// TestHelperWriter is the writer process of TestJournalSurvivesKill9, not a
// test of its own: run normally (without crashWriterEnv) it does nothing.
// It continues (or creates) the journal, prints "ready <events replayed>",
// then appends crashEvents forever, printing "ack <seq>" after each Append
// returns, until it is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(crashWriterEnv)
	if path == "" {
		return
	}
	fail := func(err error) {
		fmt.Printf("error %v\n", err)
		os.Exit(3)
	}
	j, rep, err := Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		j, err = Create(path)
	}
	if err != nil {
		fail(err)
	}
	fmt.Printf("ready %d\n", len(rep.Events))
	for seq := int64(len(rep.Events)) + 1; ; seq++ {
		e, err := j.Append(crashEvent(seq))
		if err != nil {
			fail(err)
		}
		if e.Seq != seq {
			fail(fmt.Errorf("Append assigned seq %d, want %d", e.Seq, seq))
		}
		fmt.Printf("ack %d\n", seq) // a broken pipe (parent gone) ends us
	}
}

// writerOutput collects what a writer process prints.
type writerOutput struct {
	ready chan struct{} // closed on the "ready" line
	done  chan struct{} // closed at end of output

	mu      sync.Mutex
	lastAck int64 // highest acknowledged seq; acks must come in order
	bad     []string
}

// acked is the last seq acknowledged before this writer started: its replay
// must hold at least that many events.
func readWriterOutput(r io.Reader, acked int64) *writerOutput {
	w := &writerOutput{ready: make(chan struct{}), done: make(chan struct{}), lastAck: acked}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(r)
		readyClosed := false
		for sc.Scan() {
			line := sc.Text()
			w.mu.Lock()
			switch {
			case strings.HasPrefix(line, "ready "):
				n, err := strconv.ParseInt(strings.TrimPrefix(line, "ready "), 10, 64)
				if err != nil || n < w.lastAck {
					w.bad = append(w.bad, line+": replay lost acknowledged events")
				}
				w.lastAck = n
				if !readyClosed {
					close(w.ready)
					readyClosed = true
				}
			case strings.HasPrefix(line, "ack "):
				n, err := strconv.ParseInt(strings.TrimPrefix(line, "ack "), 10, 64)
				if err != nil || n != w.lastAck+1 {
					w.bad = append(w.bad, fmt.Sprintf("%s after ack %d", line, w.lastAck))
				}
				w.lastAck = n
			default:
				w.bad = append(w.bad, line)
			}
			w.mu.Unlock()
		}
	}()
	return w
}

// TestJournalSurvivesKill9 runs a writer process and SIGKILLs it at a
// random moment, over and over on the same journal: after every kill, every
// acknowledged event must replay intact and in order, with a torn line only
// after the last acknowledged one; the next writer continues the journal
// (Open cutting any torn tail) and is killed in turn.
func TestJournalSurvivesKill9(t *testing.T) {
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(crashSeedEnv); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, s, err)
		}
	}
	t.Logf("seed %d (rerun with %s=%d)", seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	path := filepath.Join(t.TempDir(), "journal.jsonl")
	var acked int64 // highest seq any writer acknowledged
	var unacked, torn, cuts int
	for round := range rounds {
		r := runAndKillWriter(t, path, acked, rng, round)
		acked = r.lastAck
		unacked += r.events - int(r.lastAck)
		torn += r.torn
		cuts += r.cut
	}

	// Continue once more in this process and check the replay is clean.
	j, rep, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Append(crashEvent(int64(len(rep.Events)) + 1)); err != nil {
		t.Fatal(err)
	}
	closeJournal(t, j)
	final, err := Read(path)
	if err != nil || final.Torn != nil || len(final.Events) != len(rep.Events)+1 {
		t.Fatalf("final replay: %d events (want %d), torn %v, %v", len(final.Events), len(rep.Events)+1, final.Torn, err)
	}
	checkCrashEvents(t, final.Events)
	t.Logf("%d kills: %d events acknowledged, %d written but not yet acknowledged, %d torn by a kill, %d cut by the test",
		rounds, acked, unacked, torn, cuts)
}

// killRound is what one round of TestJournalSurvivesKill9 saw.
type killRound struct {
	lastAck int64 // last acknowledged seq
	events  int   // events on disk after the kill
	torn    int   // 1 if the kill left a torn line
	cut     int   // 1 if the test then cut the journal
}

// runAndKillWriter runs one writer process on path, kills it, and checks the
// journal.
func runAndKillWriter(t *testing.T, path string, acked int64, rng *rand.Rand, round int) killRound {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperWriter$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := readWriterOutput(stdout, acked)

	// One round in eight kills the writer while it starts up (maybe while
	// Open replays or truncates); the others while it appends.
	if rng.IntN(8) == 0 {
		time.Sleep(time.Duration(rng.IntN(30_000)) * time.Microsecond)
	} else {
		select {
		case <-out.ready:
		case <-out.done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("round %d: writer never got ready", round)
		}
		time.Sleep(time.Duration(rng.IntN(60_000)) * time.Microsecond)
	}
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("round %d: kill: %v", round, err)
	}
	<-out.done
	werr := cmd.Wait()

	out.mu.Lock()
	lastAck, bad := out.lastAck, out.bad
	out.mu.Unlock()
	if len(bad) > 0 || (werr != nil && !isKilled(cmd)) {
		t.Fatalf("round %d: writer said %q (exit %v); stderr:\n%s", round, bad, werr, stderr.String())
	}
	rep, err := Read(path)
	if errors.Is(err, fs.ErrNotExist) && lastAck == 0 {
		return killRound{} // killed before it created the journal
	}
	if err != nil {
		t.Fatalf("round %d: replay after kill: %v", round, err)
	}
	if int64(len(rep.Events)) < lastAck {
		t.Fatalf("round %d: %d acknowledged events, only %d replayed", round, lastAck, len(rep.Events))
	}
	if rep.Torn != nil && int64(rep.Torn.Line) <= lastAck {
		t.Fatalf("round %d: torn line %d is not after the last acknowledged event %d", round, rep.Torn.Line, lastAck)
	}
	checkCrashEvents(t, rep.Events)
	r := killRound{lastAck: lastAck, events: len(rep.Events)}
	if rep.Torn != nil {
		r.torn = 1
	} else if int64(len(rep.Events)) > lastAck && rng.IntN(2) == 0 {
		cutUnacknowledged(t, path, lastAck, rng)
		r.cut = 1
	}
	return r
}

// cutUnacknowledged cuts the journal at a random byte after the line of
// event lastAck: what a kill or power loss in the middle of writing the
// first unacknowledged event leaves. A SIGKILL rarely lands inside a write
// call (microseconds next to the milliseconds of fsync), so this makes sure
// the next writer meets torn tails and must cut them off.
func cutUnacknowledged(t *testing.T, path string, lastAck int64, rng *rand.Rand) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	keep := 0 // end of line lastAck
	for range lastAck {
		keep += bytes.IndexByte(data[keep:], '\n') + 1
	}
	next := keep + bytes.IndexByte(data[keep:], '\n') // newline of the first unacknowledged line
	cut := keep + 1 + rng.IntN(next-keep)             // keep ≥ 1 byte of it, drop at least its newline
	if err := os.Truncate(path, int64(cut)); err != nil {
		t.Fatal(err)
	}
	rep, err := Read(path)
	if err != nil || int64(len(rep.Events)) != lastAck || rep.Torn == nil || rep.Torn.Offset != int64(keep) {
		t.Fatalf("after cutting at %d: %d events, torn %+v, %v; want %d events and a torn tail at %d",
			cut, len(rep.Events), rep.Torn, err, lastAck, keep)
	}
}

// checkCrashEvents checks every event is the intact crashEvent of its seq.
func checkCrashEvents(t *testing.T, events []Event) {
	t.Helper()
	for i, e := range events {
		if want := crashEvent(int64(i) + 1); !reflect.DeepEqual(e, want) {
			t.Fatalf("event %d damaged: got type %s seq %d, %d bytes of text; want seq %d, %d bytes",
				i+1, e.Type, e.Seq, len(e.Text), want.Seq, len(want.Text))
		}
	}
}

// isKilled reports whether cmd ended by a signal (our kill) rather than by
// exiting on its own.
func isKilled(cmd *exec.Cmd) bool {
	return cmd.ProcessState != nil && !cmd.ProcessState.Exited()
}
