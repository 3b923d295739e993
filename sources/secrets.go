package sources

import (
	"errors"
	"sort"
	"strings"
)

// Redacted is what a scrubbed secret reads as in a message.
const Redacted = "REDACTED"

// minPiece is the shortest piece of a secret that Redact removes when the
// whole secret is not there: a clip (ours, a proxy's, a server's) can cut a
// key anywhere, and what is left of it still gives much of it away. Shorter
// pieces would match ordinary words.
const minPiece = 6

// minSecret is the shortest credential Redact looks for at all: shorter
// values would match ordinary text, and no backend accepts keys that short.
const minSecret = 4

// Secrets are the credential values a source holds (API and application
// keys, a bearer token, a basic-auth user and password, the encoded
// Authorization header, secret header values). A backend keeps them in
// memory only, to scrub them from any text that came from the wire before
// that text reaches a message: a proxy or a misconfigured server can echo a
// request, its headers included, in an error page.
type Secrets struct {
	values []string // longest first, so a longer secret wins over its parts
	pieces map[string]bool
}

// NewSecrets keeps the non-empty values among vs.
func NewSecrets(vs ...string) Secrets {
	var s Secrets
	s.Add(vs...)
	return s
}

// Add keeps more secrets; empty and too-short values are ignored.
func (s *Secrets) Add(vs ...string) {
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if len(v) < minSecret {
			continue
		}
		s.values = append(s.values, v)
		if s.pieces == nil {
			s.pieces = map[string]bool{}
		}
		for i := 0; i+minPiece <= len(v); i++ {
			s.pieces[v[i:i+minPiece]] = true
		}
	}
	sort.SliceStable(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

// Len is how many secrets are kept.
func (s Secrets) Len() int { return len(s.values) }

// Redact replaces every secret in text with Redacted, and every piece of
// six or more bytes of one: a key cut short by a clip, a key a server
// quoted only in part. Call it on wire text before clipping it, and again
// on any message built from it.
func (s Secrets) Redact(text string) string {
	if len(s.values) == 0 || text == "" {
		return text
	}
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, Redacted)
	}
	if len(text) < minPiece {
		return text
	}
	var b strings.Builder
	last := 0
	for i := 0; i+minPiece <= len(text); {
		if !s.pieces[text[i:i+minPiece]] {
			i++
			continue
		}
		// Extend the match while it stays inside one secret.
		end := i + minPiece
		for end < len(text) && s.within(text[i:end+1]) {
			end++
		}
		b.WriteString(text[last:i])
		b.WriteString(Redacted)
		last, i = end, end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// within reports whether piece is part of one of the secrets.
func (s Secrets) within(piece string) bool {
	for _, v := range s.values {
		if strings.Contains(v, piece) {
			return true
		}
	}
	return false
}

// RedactError scrubs a backend error in place: its message, its hint, its
// query and its cause. The cause is kept behind a scrubbed text: errors.Is
// still finds sentinels in it (the context's errors, ErrNoData), but nothing
// can unwrap it into a typed error that holds wire data (the Datadog
// client's error keeps the whole response body).
func (s Secrets) RedactError(e *Error) {
	if e == nil {
		return
	}
	e.Msg = s.Redact(e.Msg)
	e.Hint = s.Redact(e.Hint)
	e.Query = s.Redact(e.Query)
	if e.Err != nil {
		if done := (redactedError{}); !errors.As(e.Err, &done) {
			e.Err = redactedError{text: s.Redact(e.Err.Error()), cause: e.Err}
		}
	}
}

// redactedError is a cause seen only through its scrubbed text.
type redactedError struct {
	text  string
	cause error
}

func (e redactedError) Error() string { return e.text }

// Is matches sentinel errors by identity, which reveals no text.
func (e redactedError) Is(target error) bool { return errors.Is(e.cause, target) }
