package publishtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Fault is an answer a fake gives instead of the real one.
type Fault struct {
	Status int
	Header map[string]string
	Body   string
}

// server is what both fakes share: the HTTP server, the lock that orders
// its answers and the queue of faults.
type server struct {
	t   *testing.T
	srv *httptest.Server

	mu sync.Mutex
	// faults are answers given instead of the real one, first to last, by
	// method.
	faults map[string][]Fault
}

func (s *server) start(t *testing.T, serve http.HandlerFunc) {
	s.t, s.faults = t, map[string][]Fault{}
	s.srv = httptest.NewServer(serve)
	t.Cleanup(s.srv.Close)
}

// URL is the fake's base URL.
func (s *server) URL() string { return s.srv.URL }

// Fail queues faults for the next requests of method.
func (s *server) Fail(method string, fs ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], fs...)
}

// fault answers with the next fault queued for method, if any; s.mu is
// held.
func (s *server) fault(w http.ResponseWriter, method string) bool {
	q := s.faults[method]
	if len(q) == 0 {
		return false
	}
	s.faults[method] = q[1:]
	for k, v := range q[0].Header {
		w.Header().Set(k, v)
	}
	writeJSON(w, q[0].Status, q[0].Body)
	return true
}

// writeJSON answers with a JSON body.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
