// Package faulttest is the shared half of the HTTP backends' fault matrix
// tests: servers that fail the way backends, proxies and networks fail
// (a hang, an endless answer, a reset connection), a server that heals
// once a test says so, and the check that a panel's error says what
// happened, where, and what to do, in time. Only tests import it.
package faulttest

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Timeout is the request timeout a fault matrix gives its source: short,
// so that a hang costs half a second, and every fault must be reported
// within Budget: two timeouts and the waits of fast retries.
const (
	Timeout = 500 * time.Millisecond
	Budget  = 2*Timeout + 2*time.Second
)

// ReadTimeout is the timeout of faults whose answer must be read before it
// can be refused (a 16 MiB stream): reading and decoding it takes longer
// than Timeout under the race detector on a loaded machine, and the fault
// is about the size, not the time. ReadBudget is its Budget.
const (
	ReadTimeout = 10 * time.Second
	ReadBudget  = 2*ReadTimeout + 2*time.Second
)

// TimeoutOf is the timeout and budget of a fault matrix row: the read ones
// for a streamed body, the short ones otherwise.
func TimeoutOf(readsBody bool) (time.Duration, time.Duration) {
	if readsBody {
		return ReadTimeout, ReadBudget
	}
	return Timeout, Budget
}

// Hang holds the answer until the client gives up (or 10 s, so that a
// client without a timeout cannot hang the test). A request's body is read
// first: the server notices a client that went away only once it has.
func Hang(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// BigBody answers 200 with n bytes made of item repeated, with its
// Content-Length or streamed (chunked, flushed as it goes).
func BigBody(n int, announced bool, item string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if announced {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat(item, max(1, (64<<10)/len(item))))
		for written := 0; written < n; written += len(chunk) {
			if _, err := w.Write(chunk[:min(len(chunk), n-written)]); err != nil {
				return // the client stopped reading: as it should
			}
		}
	}
}

// Reset closes the connection with a TCP reset instead of answering.
func Reset(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // close with RST, not FIN
		}
		_ = conn.Close()
	}
}

// Server answers every request with fault until heal is called, and with
// good from then on. It is closed when the test ends.
func Server(t testing.TB, fault, good http.HandlerFunc) (srv *httptest.Server, heal func()) {
	t.Helper()
	var healed atomic.Bool
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if healed.Load() {
			good(w, r)
			return
		}
		fault(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() { healed.Store(true) }
}

// Want is what a panel's error must say about a fault.
type Want struct {
	// What happened: a part of the message.
	What string
	// Where: a part of the error's text or of its hint (the host, the URL,
	// the query).
	Where string
	// Todo, what to do: a part of the hint.
	Todo string
	// Temporary says whether the same query may work when retried.
	Temporary bool
}

// Check fails the test when err, returned after took, is not a
// *sources.Error of backend that says what w wants, took longer than
// budget, or holds any of secrets.
func Check(t testing.TB, err error, backend string, w Want, took, budget time.Duration, secrets ...string) {
	t.Helper()
	var se *sources.Error
	if !errors.As(err, &se) {
		t.Fatalf("got %v (%T), want a *sources.Error", err, err)
	}
	if se.Backend != backend {
		t.Errorf("Backend %q, want %q", se.Backend, backend)
	}
	if !strings.Contains(se.Msg, w.What) {
		t.Errorf("Msg %q does not say what happened: %q", se.Msg, w.What)
	}
	if !strings.Contains(err.Error()+" "+se.Hint, w.Where) {
		t.Errorf("error %q (hint %q) does not say where: %q", err, se.Hint, w.Where)
	}
	if !strings.Contains(se.Hint, w.Todo) {
		t.Errorf("Hint %q does not say what to do: %q", se.Hint, w.Todo)
	}
	if se.Temporary != w.Temporary {
		t.Errorf("Temporary = %v, want %v", se.Temporary, w.Temporary)
	}
	if took > budget {
		t.Errorf("the panel waited %s for its error, more than %s", took, budget)
	}
	for _, s := range secrets {
		if strings.Contains(err.Error()+se.Hint, s) {
			t.Errorf("a secret leaked: %v / %s", err, se.Hint)
		}
	}
}
