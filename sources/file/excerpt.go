package file

import (
	"errors"
	"strconv"
	"strings"
	"unicode"

	"github.com/nagame-dev/nagame/sources"
)

// maxExcerpt is the most of a file's own text a message quotes: enough to
// recognise "0,12" or "yesterday", too little to carry a credential whole.
const maxExcerpt = 40

// excerpts decides how much of a file's text its messages may quote. A
// file inside the agenda's folder is quoted in short excerpts, cleaned of
// control characters; a file outside it (a source with
// allow_outside_agenda: true) not at all: it may be any file of the machine
// of whoever runs the agenda, and its errors reach the screen and the
// minutes.
type excerpts struct {
	none bool
}

// text is s cleaned (control and format characters removed, spaces
// collapsed) and clipped to maxExcerpt characters; "" when the file may
// not be quoted.
func (x excerpts) text(s string) string {
	if x.none {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	return sources.Clip(strings.Join(strings.Fields(s), " "), maxExcerpt)
}

// quote is text in quotes, or instead when the file may not be quoted.
func (x excerpts) quote(s, instead string) string {
	if x.none {
		return instead
	}
	return strconv.Quote(x.text(s))
}

// named is a JSON value of the file as a message names it: what followed
// by the value as the file writes it (`value "x"`, `timestamp 12e`, clipped
// like text), or "the " + what when the file may not be quoted.
func (x excerpts) named(what string, v []byte) string {
	if t := x.text(string(v)); t != "" {
		return what + " " + t
	}
	return "the " + what
}

// badCell is a cell that is not what its column holds. Its message quotes
// the cell as the source's excerpts allow (see describe); Error quotes a
// short excerpt.
type badCell struct {
	cell string
	// what the cell is not: "a number", "a timestamp (RFC 3339, …)".
	what string
	// why is a guess at the cause: " (a decimal comma? write it with a point)".
	why string
}

func (e *badCell) Error() string { return e.describe(excerpts{}) }

func (e *badCell) describe(x excerpts) string {
	return x.quote(e.cell, "the cell") + " is not " + e.what + e.why
}

// describe is err's message, quoting the file only as x allows.
func (x excerpts) describe(err error) string {
	var bc *badCell
	if errors.As(err, &bc) {
		return bc.describe(x)
	}
	return err.Error()
}
