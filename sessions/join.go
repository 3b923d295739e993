package sessions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// JoinTokenFile holds the session's join token (package join): the secret
// in the link participants open on their phones. It lives in the session
// folder, readable by its owner only, so a resumed meeting (after a quit or
// a kill -9) serves the same link, short code and QR code the room already
// has. It is never journaled, exported or logged, and is removed when the
// meeting ends. Its second line, once the server has started, is the
// address it listened on, so the link stays the same after a resume.
const JoinTokenFile = "join-token"

// JoinToken returns the session's join token and the address its server
// last listened on. When there is no token, it returns "" or, with
// newToken, makes one and keeps it (mode 0600).
func (s *Session) JoinToken(newToken func() (string, error)) (token, addr string, err error) {
	path := filepath.Join(s.Dir(), JoinTokenFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) > 1 {
			addr = strings.TrimSpace(lines[1])
		}
		return strings.TrimSpace(lines[0]), addr, nil
	case !errors.Is(err, os.ErrNotExist):
		return "", "", fmt.Errorf("cannot read the join token: %w", err)
	case newToken == nil:
		return "", "", nil
	}
	tok, err := newToken()
	if err != nil {
		return "", "", err
	}
	if err := writeFileSync(path, []byte(tok+"\n"), 0o600); err != nil {
		return "", "", fmt.Errorf("cannot keep the join token: %w", err)
	}
	return tok, "", nil
}

// KeepJoinAddr keeps beside the token the address the join server
// listens on (host:port), for the next resume.
func (s *Session) KeepJoinAddr(token, addr string) error {
	path := filepath.Join(s.Dir(), JoinTokenFile)
	if err := writeFileAtomic(path, []byte(token+"\n"+addr+"\n"), 0o600); err != nil {
		return fmt.Errorf("cannot keep the join address: %w", err)
	}
	return nil
}

// RemoveJoinToken deletes the join token: the meeting is over, and its
// link must not work again.
func (s *Session) RemoveJoinToken() error {
	err := os.Remove(filepath.Join(s.Dir(), JoinTokenFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("cannot remove the join token: %w", err)
	}
	return nil
}
