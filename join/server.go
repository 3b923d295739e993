package join

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Config says how to run a join server. Addr and Sink are required.
type Config struct {
	// Addr is the host:port to listen on, such as DefaultAddr's. The host
	// must be a concrete address or name: an empty or unspecified one
	// (":8765", "0.0.0.0:8765") is refused, so the server never listens on
	// every interface by accident. Port 0 picks a free port.
	Addr string
	// Token is the join token (NewToken). Empty: a new one; pass the one
	// Token returned before to resume after a crash with the same links.
	Token string
	// Lang is the meeting's language ("en", "ja"; see Languages). Another
	// code gets English.
	Lang string
	// Meeting is the meeting's title, shown small above each page's heading.
	Meeting string
	// Sink receives the answers.
	Sink Sink
	// CertFile and KeyFile, both or neither, serve HTTPS with that
	// certificate and key (PEM files).
	CertFile, KeyFile string
	// Rate and Burst limit requests per client address (DefaultRate and
	// DefaultBurst when zero).
	Rate  float64
	Burst int
	// Now is the clock of the rate limit (time.Now when nil).
	Now func() time.Time
	// ErrorLog receives the HTTP server's own errors (a broken TLS
	// handshake, say). Nil discards them: the TUI owns the terminal, and
	// such lines would name client addresses.
	ErrorLog *log.Logger
}

// Timeouts and sizes of the HTTP server: a phone on a meeting room's Wi-Fi
// needs far less, and a client that holds a connection open gets no more.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 15 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 8 << 10
	// MaxBody is the largest form a participant may submit.
	MaxBody = 16 << 10
	// submitTimeout bounds one call of the Sink.
	submitTimeout = 5 * time.Second
)

// Bounds of what the server remembers, so a client with the token cannot
// make it grow without end.
const (
	maxDevices     = 10000
	maxRespondents = 500 // per question
	maxWrongCodes  = 300
	maxPeople      = 500
)

// Server is a running join server. Its methods are safe for concurrent
// use; none of them blocks on a participant's request, so the TUI may call
// Open, SetPeople and Joined from its Update.
type Server struct {
	sink     Sink
	msg      messages
	token    string
	code     string
	keys     keys
	url      string
	host     string // the host participants use, to check the Host header
	secure   bool
	srv      *http.Server
	cop      *http.CrossOriginProtection
	limit    *limiter
	pages    *pages
	cancel   context.CancelFunc
	stopped  chan struct{}
	serveErr error

	mu         sync.Mutex
	ballot     *Ballot // never changed once set: Open replaces it
	people     []string
	store      map[coord]map[string]string // respondent → answer
	devices    map[string]struct{}
	wrongCodes int

	// submitMu makes one answer at a time reach the Sink, in the order the
	// server accepts them. Open never waits for it, so a Sink that waits
	// for the TUI's event loop cannot deadlock with an Update that calls
	// Open.
	submitMu sync.Mutex
}

// Start checks cfg, listens on cfg.Addr and serves the join pages in the
// background until Shutdown. Nothing is open until the first Open.
func Start(cfg Config) (*Server, error) {
	if cfg.Sink == nil {
		return nil, errors.New("join: no Sink to give the answers to")
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("join: listen address %q: %w (write host:port, like 192.168.1.20:8765)", cfg.Addr, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return nil, fmt.Errorf("join: %q would listen on every network interface: name one address (DefaultAddr finds the machine's own)", cfg.Addr)
	}
	if (cfg.CertFile == "") != (cfg.KeyFile == "") {
		return nil, errors.New("join: TLS needs both a certificate file and a key file")
	}
	token := cfg.Token
	if token == "" {
		if token, err = NewToken(); err != nil {
			return nil, err
		}
	} else if token, err = checkToken(token); err != nil {
		return nil, err
	}
	var tlsConf *tls.Config
	if cfg.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(cfg.CertFile, cfg.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("join: TLS certificate: %w", err)
		}
		tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	msg, _ := messagesFor(cfg.Lang)
	pg, err := newPages(msg, cfg.Meeting)
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("join: cannot listen on %s: %w (is another program using the port? pick another)", cfg.Addr, err)
	}
	if port == "0" {
		port = strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	}
	scheme := "http"
	if tlsConf != nil {
		scheme = "https"
		ln = tls.NewListener(ln, tlsConf)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		sink:    cfg.Sink,
		msg:     msg,
		token:   token,
		keys:    deriveKeys(token),
		url:     scheme + "://" + net.JoinHostPort(host, port),
		host:    host,
		secure:  tlsConf != nil,
		cop:     http.NewCrossOriginProtection(),
		limit:   newLimiter(cfg.Rate, cfg.Burst, now),
		pages:   pg,
		cancel:  cancel,
		stopped: make(chan struct{}),
		ballot:  &Ballot{},
		store:   map[coord]map[string]string{},
		devices: map[string]struct{}{},
	}
	s.code = shortCode(s.keys.code)
	errorLog := cfg.ErrorLog
	if errorLog == nil {
		errorLog = log.New(io.Discard, "", 0)
	}
	s.srv = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          errorLog,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	go func() {
		defer close(s.stopped)
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.serveErr = err
		}
	}()
	return s, nil
}

// URL is the join link: scheme, host, port and /j/<token>. It is what the
// QR code holds.
func (s *Server) URL() string { return s.url + "/j/" + s.token }

// Code is the short code (6 characters of 0-9 and A-Z without I, L, O, U),
// for people who type the address by hand: ShortURL leads to the join page,
// and so does typing Code on the page at the server's root.
func (s *Server) Code() string { return s.code }

// ShortURL is the address to read out or show beside the QR code:
// scheme, host, port and /<code>, which redirects to URL. Case, dashes and
// spaces do not matter, and O, I and L are read as 0, 1 and 1.
func (s *Server) ShortURL() string { return s.url + "/" + s.code }

// Token is the join token, to keep for resuming (see NewToken).
func (s *Server) Token() string { return s.token }

// Joined counts the devices (browsers) that opened the join page since
// the server started. It says nothing of who they are.
func (s *Server) Joined() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.devices)
}

// SetPeople sets the attendance list people pick their name from (the
// names present, in the TUI's order). It copies names.
func (s *Server) SetPeople(names []string) {
	var list []string
	for _, n := range names {
		if n != "" && len(n) <= maxName && !slices.Contains(list, n) && len(list) < maxPeople {
			list = append(list, n)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.people = list
}

// Open makes b what participants can answer, replacing what was open; the
// zero Ballot (or CloseBallot) closes it. Answers to a ballot that is no longer open are
// refused. Open copies b, so the caller may change it afterwards. It fails,
// leaving the open ballot as it was, when b is malformed.
func (s *Server) Open(b Ballot) error {
	if err := b.validate(); err != nil {
		return err
	}
	nb := b.clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	if nb.Answers != nil {
		for _, q := range nb.questions() {
			c := coord{nb.Stage, nb.Panel, q.ID}
			as := nb.Answers[q.ID]
			if as == nil {
				as = map[string]string{}
			}
			s.store[c] = as
		}
		nb.Answers = nil // the store has them now
	}
	s.ballot = &nb
	return nil
}

// CloseBallot closes the open ballot: the same as Open(Ballot{}). The
// server goes on; Shutdown stops it.
func (s *Server) CloseBallot() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ballot = &Ballot{}
}

// Shutdown stops the server: it stops listening, ends the requests still
// waiting for the Sink, and waits for the rest to finish until ctx ends.
// Call it from a tea.Cmd, not from Update, when the meeting ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		// A phone still holding a connection (a request in flight, or a
		// connection opened and never used) must not keep the meeting's
		// server alive past the caller's deadline: close what is left.
		if cerr := s.srv.Close(); cerr != nil {
			return fmt.Errorf("join: shutdown: %w", errors.Join(err, cerr))
		}
	}
	<-s.stopped
	return nil
}

// Wait blocks until the server has stopped and returns why, when it was
// not Shutdown: a failure to accept connections.
func (s *Server) Wait() error {
	<-s.stopped
	if s.serveErr != nil {
		return fmt.Errorf("join: the server stopped: %w", s.serveErr)
	}
	return nil
}

// snapshot returns the open ballot and the attendance list; both are
// never changed in place, so the caller may read them without the lock.
func (s *Server) snapshot() (*Ballot, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ballot, s.people
}

// current is respondent's answer to c.
func (s *Server) current(c coord, respondent string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.store[c][respondent]
	return v, ok
}

// remember records an answer the Sink took.
func (s *Server) remember(c coord, respondent, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.store[c]
	if m == nil {
		m = map[string]string{}
		s.store[c] = m
	}
	if value == "" {
		delete(m, respondent)
		return
	}
	m[respondent] = value
}

// respondents counts who answered c.
func (s *Server) respondents(c coord) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.store[c])
}

// sawDevice counts a device for Joined.
func (s *Server) sawDevice(voter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.devices) < maxDevices {
		s.devices[voter] = struct{}{}
	}
}
