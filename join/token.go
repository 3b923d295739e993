package join

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// tokenBytes is the size of a join token: 160 bits from crypto/rand, more
// than the 128 that make guessing hopeless.
const tokenBytes = 20

// b32 is lower-case base32 without padding: URL-safe, case-insensitive and
// easy to read aloud. It is the encoding of tokens, voter ids and MACs.
var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewToken returns a new join token: 160 random bits from crypto/rand,
// written in 32 lower-case letters and digits. Keep it with the session
// (in a file only its owner can read, not in the journal) and pass it to
// Start again after a crash, so the join URL, the short code, the QR code
// and the cookies people's phones already have keep working.
func NewToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("join: no random token: %w", err)
	}
	return b32.EncodeToString(b), nil
}

// checkToken accepts tokens NewToken makes (any case) and refuses anything
// shorter than 128 bits.
func checkToken(t string) (string, error) {
	t = strings.ToLower(t)
	b, err := b32.DecodeString(t)
	if err != nil {
		return "", errors.New("join: the token is not one NewToken made (32 letters a-z and digits 2-7)")
	}
	if len(b) < 16 {
		return "", fmt.Errorf("join: the token has %d bits; it needs at least 128 (use NewToken)", len(b)*8)
	}
	return t, nil
}

// keys are what the server derives from its token: everything that must
// survive a restart with the same token (the short code, voter cookies,
// CSRF tokens and pseudonyms) and nothing that needs storing.
type keys struct {
	code      []byte // the short code's source
	voter     []byte // signs voter ids in cookies
	csrf      []byte // makes the forms' CSRF tokens
	pseudonym []byte // makes anonymous respondents' pseudonyms
}

func deriveKeys(token string) keys {
	k := func(purpose string) []byte { return mac([]byte(token), "nagame join "+purpose) }
	return keys{code: k("code"), voter: k("voter"), csrf: k("csrf"), pseudonym: k("pseudonym")}
}

// mac is HMAC-SHA256 of the parts, each ended by a NUL so that no two lists
// of parts give the same input.
func mac(key []byte, parts ...string) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// crockford is the alphabet of the short code: digits and upper-case
// letters without I, L, O and U, so that what people type by hand is read
// one way (Crockford's base32).
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// codeLength is the short code's length: 30 bits, which the rate limit and
// the cap on wrong codes keep out of reach of guessing for a meeting's hour.
const codeLength = 6

// shortCode derives the short code from the code key.
func shortCode(key []byte) string {
	var b strings.Builder
	for i := range codeLength {
		b.WriteByte(crockford[key[i]&31])
	}
	return b.String()
}

// normalizeCode reads a code the way a person may type it: any case, with
// spaces or dashes, O for 0 and I or L for 1.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '.':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sameString compares in constant time (for equal lengths).
func sameString(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Voter ids identify a device (a browser) to the server, in a cookie: 128
// random bits, signed, so the server needs to remember nothing to trust one
// and a forged one is refused. They derive from nothing about the device.
const (
	voterPrefix = "v1."
	voterBytes  = 16
	voterMAC    = 10
)

func newVoterCookie(key []byte) (id, cookie string, err error) {
	b := make([]byte, voterBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("join: no random voter id: %w", err)
	}
	id = b32.EncodeToString(b)
	return id, voterPrefix + id + "." + b32.EncodeToString(mac(key, "voter", id)[:voterMAC]), nil
}

// voterFromCookie returns the voter id a cookie carries, if it is one the
// server signed.
func voterFromCookie(key []byte, cookie string) (string, bool) {
	rest, ok := strings.CutPrefix(cookie, voterPrefix)
	if !ok {
		return "", false
	}
	id, sig, ok := strings.Cut(rest, ".")
	if !ok || len(id) != b32.EncodedLen(voterBytes) {
		return "", false
	}
	want := b32.EncodeToString(mac(key, "voter", id)[:voterMAC])
	return id, sameString(sig, want)
}

// csrfToken is the token a form carries: bound to the device's voter id
// (from its cookie), to the form and to the ballot the page showed.
func csrfToken(key []byte, voter, form, ballot string) string {
	return b32.EncodeToString(mac(key, "csrf", voter, form, ballot)[:20])
}

// pseudonym is an anonymous respondent: the same for one device and one
// question every time (so a second answer replaces the first), different
// across questions (so the journal cannot link one person's answers to
// each other), and derived from the random voter id alone.
func pseudonym(key []byte, voter string, c coord) string {
	return "anon-" + b32.EncodeToString(mac(key, "anon", voter, string(c.stage), c.panel, c.question)[:10])
}
