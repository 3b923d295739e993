package sessions

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxSlugBytes bounds the title part of a session folder name, so that
// "YYYY-MM-DD-" + slug + "-999" stays within 200 bytes: far under the
// 255-byte limit of a name on ext4, APFS and NTFS (UTF-16 units there are
// fewer than UTF-8 bytes), leaving room for the files inside.
const maxSlugBytes = 200 - len("2006-01-02-") - len("-999")

// slug turns a title into the title part of a session folder name. Letters
// and digits of every script are kept (NFC-normalised, lower case, so two
// spellings a case- or normalisation-insensitive file system such as APFS or
// NTFS takes for one name are one name here too, and the -2 suffix keeps
// them apart), with the combining marks that follow them; everything else
// (spaces, punctuation, symbols and emoji, the characters Windows or macOS
// refuse: / \ : * ? " < > | and control characters) becomes one dash
// between words. The result is at most maxSlugBytes bytes, cut between two
// characters (never inside one, nor between a letter and its marks), and
// never starts or ends with a dash, so it has no trailing dot or space; as
// it always follows a date, a folder name is never a reserved Windows name
// (CON, NUL, COM1, …). A title with nothing left is "session".
func slug(title string) string {
	var b strings.Builder
	dash := false
	base := false // the last rune kept is a letter, digit or mark
	for _, r := range strings.ToLower(norm.NFC.String(title)) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && (!base || !unicode.IsMark(r)) {
			base = false
			dash = dash || b.Len() > 0
			continue
		}
		need := utf8.RuneLen(r)
		if dash {
			need++
		}
		if b.Len()+need > maxSlugBytes {
			if unicode.IsMark(r) {
				// The letter before would lose its mark: another word.
				return orSession(strings.TrimRight(dropLastCluster(b.String()), "-"))
			}
			break
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
		base = true
	}
	return orSession(b.String())
}

// dropLastCluster removes the last letter or digit of s with the marks
// that follow it.
func dropLastCluster(s string) string {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if !unicode.IsMark(r) {
			break
		}
	}
	return s
}

func orSession(s string) string {
	if s == "" {
		return "session"
	}
	return s
}
