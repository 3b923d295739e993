package sources

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Error is a failure of a backend, worded for the panel that shows it and the
// facilitator who must fix it: what the backend said, about which query, and
// what to do next.
type Error struct {
	// Backend is the source type ("datadog", "prometheus", "file", "demo").
	Backend string
	// Query that failed, when there is one.
	Query string
	// Msg is what went wrong, in the backend's words where it gave any.
	Msg string
	// Hint says what to do about it ("check DD_API_KEY / DD_APP_KEY and site").
	Hint string
	// Temporary marks failures worth retrying as they are (timeouts, 429, 5xx).
	Temporary bool
	// Err is the underlying cause, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Backend)
	b.WriteString(": ")
	msg := e.Msg
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	b.WriteString(msg)
	if e.Query != "" {
		b.WriteString(" (query ")
		b.WriteString(QuoteQuery(Clip(e.Query, 80)))
		b.WriteString(")")
	}
	return b.String()
}

// QuoteQuery delimits a query inside a message, so that a broken query
// looks broken: sum(rate(x[1m]) in "(query …)" would borrow the closing
// parenthesis and look balanced. Backquotes are used, as Markdown does for
// code and as neither Datadog nor PromQL queries usually contain them; a
// query that has one is written as a Go string literal instead.
func QuoteQuery(q string) string {
	if strings.ContainsRune(q, '`') {
		return fmt.Sprintf("%q", q)
	}
	return "`" + q + "`"
}

func (e *Error) Unwrap() error { return e.Err }

// HintOf returns the hint of the first *Error in err's chain, or "".
func HintOf(err error) string {
	var se *Error
	if errors.As(err, &se) {
		return se.Hint
	}
	return ""
}

// RootCause is the innermost error of err's chain: net/http wraps a
// transport failure in messages that repeat the method and the whole URL,
// query included, which a panel has no room for.
func RootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// IsTemporary reports whether err is a backend failure worth retrying as is.
func IsTemporary(err error) bool {
	var se *Error
	return errors.As(err, &se) && se.Temporary
}

// Clip shortens s to at most n runes, marking the cut with an ellipsis.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return s
	}
	return string(r[:n-1]) + "…"
}

// TooLargeError is the failure of an answer (or a file) longer than a
// backend reads: rather than hold an unbounded answer in memory, nagame
// stops at Limit bytes and says so.
type TooLargeError struct {
	// Limit is the number of bytes the backend reads at most.
	Limit int64
}

func (e *TooLargeError) Error() string { return "larger than " + SizeText(e.Limit) }

// SizeText writes a byte count the way limits are documented: "16 MiB",
// "512 KiB", "100 bytes".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// LimitBody reads body up to limit bytes and then fails with a
// *TooLargeError, where io.LimitReader would end as if the answer were
// complete (and a truncated answer could pass for a whole one). declared is
// the length the sender announced (Content-Length; -1 when unknown): when it
// is over the limit, the first Read fails without reading anything.
func LimitBody(body io.ReadCloser, declared, limit int64) io.ReadCloser {
	return &limitedBody{body: body, left: limit, limit: limit, over: declared > limit}
}

type limitedBody struct {
	body        io.ReadCloser
	left, limit int64
	over        bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.over {
		return 0, &TooLargeError{Limit: b.limit}
	}
	if b.left <= 0 {
		// One byte more tells a body of exactly limit bytes from a longer one.
		var one [1]byte
		n, err := b.body.Read(one[:])
		if n > 0 {
			b.over = true
			return 0, &TooLargeError{Limit: b.limit}
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.body.Close() }
