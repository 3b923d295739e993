package sources

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const testKey = "sekret0123456789abcdef0123456789ab"

func TestRedact(t *testing.T) {
	s := NewSecrets(testKey, "pw", "", "hunter2hunter2")
	tests := []struct {
		name, in, want string
	}{
		{"a whole key", "key " + testKey + " rejected", "key REDACTED rejected"},
		{"a key clipped by a clip", "…" + strings.Repeat("x", 20) + " sekret0123456789abcdef012345678…", "…" + strings.Repeat("x", 20) + " REDACTED…"},
		{"a header list cut short", "'Dd-Api-Key': 'sekret0…'", "'Dd-Api-Key': 'REDACTED…'"},
		{"the end of a key at the start of a text", "6789ab', 'Accept'", "REDACTED', 'Accept'"},
		{"a piece from the middle", "id=9abcdef0 ok", "id=REDACTED ok"},
		{"five characters are left alone", "sekre is fine", "sekre is fine"},
		{"two secrets side by side", testKey + "hunter2hunter2", "REDACTEDREDACTED"},
		{"a secret shorter than four characters is not looked for", "pw: pw", "pw: pw"},
		{"ordinary text", "bad query: avg:x{*}", "bad query: avg:x{*}"},
		{"the key twice", testKey + "," + testKey, "REDACTED,REDACTED"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRedactLeavesNoPiece checks every cut of the key a clip could make, at
// either end: no six characters of it survive.
func TestRedactLeavesNoPiece(t *testing.T) {
	s := NewSecrets(testKey)
	for i := 0; i <= len(testKey); i++ {
		for _, text := range []string{
			"echo: '" + testKey[:i] + "…", // clipped at the end
			"…" + testKey[i:] + "' done",  // clipped at the start
			Clip("padding padding "+testKey, 16+i),
		} {
			got := s.Redact(text)
			for j := 0; j+minPiece <= len(testKey); j++ {
				if piece := testKey[j : j+minPiece]; strings.Contains(got, piece) {
					t.Fatalf("Redact(%q) = %q still holds %q", text, got, piece)
				}
			}
		}
	}
}

func TestRedactError(t *testing.T) {
	s := NewSecrets(testKey)
	sentinel := errors.New("no data")
	e := &Error{Backend: "x", Query: "q " + testKey, Msg: "said " + testKey[:20], Hint: "try " + testKey[10:],
		Err: errors.Join(sentinel, errors.New("body "+testKey))}
	s.RedactError(e)
	if strings.Contains(e.Error()+e.Msg+e.Hint+e.Err.Error(), testKey[:8]) || strings.Contains(e.Hint, testKey[20:28]) {
		t.Fatalf("a piece of the key survived: %+v", e)
	}
	if !errors.Is(e, sentinel) {
		t.Error("errors.Is no longer finds the sentinel in the cause")
	}
	c := &Error{Err: context.Canceled}
	s.RedactError(c)
	if !errors.Is(c, context.Canceled) {
		t.Error("a cancelled request no longer reads as cancelled")
	}
}

func BenchmarkRedact(b *testing.B) {
	s := NewSecrets(testKey, "another-secret-value-0123")
	text := strings.Repeat("Datadog answered 400 Bad Request: the query is not valid; ", 40)
	for b.Loop() {
		_ = s.Redact(text)
	}
}
