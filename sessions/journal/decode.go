package journal

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// eventDecoder decodes journal lines into Events. Lines shaped like the ones
// Append writes take a fast path, several times quicker than encoding/json,
// which keeps replaying a long meeting well under the 50 ms budget of a
// resume. Anything else (whitespace, \u escapes, unknown or differently
// cased keys, null, the start payload) falls back to json.Unmarshal, so the
// result — and every error — is exactly what json.Unmarshal gives:
// FuzzDecodeEventMatchesEncodingJSON checks that.
//
// The fast path is a strict parser of the subset of JSON that encoding/json
// produces for an Event without a start payload; each method returns false
// on anything outside it. One decoder serves a whole replay, so its scratch
// buffer is reused.
type eventDecoder struct {
	b       []byte // the line
	i       int    // next byte of b
	scratch []byte // unescaped string being built
	// checksummed is set once a line of the journal had a checksum: from
	// then on every line must have one (checksum.go).
	checksummed bool
}

// decode decodes one line (a JSON object without its newline) into e,
// which must be the zero Event.
func (p *eventDecoder) decode(line []byte, e *Event) error {
	p.b, p.i = line, 0
	ok := p.event(e)
	p.b = nil
	if ok {
		return nil
	}
	*e = Event{}
	return json.Unmarshal(line, e)
}

// event parses a whole line into e.
func (p *eventDecoder) event(e *Event) bool {
	if !p.take('{') {
		return false
	}
	if p.take('}') {
		return p.i == len(p.b)
	}
	for {
		key, ok := p.plainString()
		if !ok || !p.take(':') {
			return false
		}
		if !p.field(string(key), e) { // string(key) in a switch does not allocate
			return false
		}
		if p.take(',') {
			continue
		}
		return p.take('}') && p.i == len(p.b)
	}
}

// field parses the value of key into e.
func (p *eventDecoder) field(key string, e *Event) bool {
	var ok bool
	switch key {
	case "seq":
		e.Seq, ok = p.int()
	case "t":
		start := p.i
		if _, ok = p.plainString(); ok {
			ok = e.Time.UnmarshalJSON(p.b[start:p.i]) == nil
		}
	case "type":
		var s string
		s, ok = p.string()
		e.Type = EventType(s)
	case "person":
		e.Person, ok = p.string()
	case "panel":
		e.Panel, ok = p.string()
	case "question":
		e.Question, ok = p.string()
	case "value":
		e.Value, ok = p.string()
	case "text":
		e.Text, ok = p.string()
	case "phase":
		e.Phase, ok = p.string()
	case "present":
		var v bool
		v, ok = p.bool()
		e.Present = &v
	case "late":
		e.Late, ok = p.bool()
	case "device":
		e.Device, ok = p.bool()
	case "action":
		e.Action, ok = p.string()
	case "owner":
		e.Owner, ok = p.string()
	case "due":
		e.Due, ok = p.string()
	case "status":
		e.Status, ok = p.string()
	case "from":
		e.From, ok = p.string()
	case "error":
		e.Error, ok = p.string()
	case "crc": // verified on the raw line (checksum.go); not an Event field
		_, ok = p.plainString()
	default: // "start", and anything encoding/json may match differently
		return false
	}
	return ok
}

// take consumes c if it is next.
func (p *eventDecoder) take(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// plainString consumes a string of printable ASCII without escapes and
// returns its content (a slice of the line).
func (p *eventDecoder) plainString() ([]byte, bool) {
	if !p.take('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c < 0x20 || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// string consumes a string value: valid UTF-8, with the escapes \" \\ \/
// \b \f \n \r \t (not \u, left to encoding/json).
func (p *eventDecoder) string() (string, bool) {
	if !p.take('"') {
		return "", false
	}
	escaped := false
	seg := p.i // start of the bytes not yet copied to scratch
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c >= 0x20 && c != '"' && c != '\\' {
			p.i++
			continue
		}
		switch c {
		case '"':
			s := p.b[seg:p.i]
			p.i++
			if escaped {
				p.scratch = append(p.scratch, s...)
				s = p.scratch
			}
			if !utf8.Valid(s) { // fast on ASCII, 8 bytes at a time
				return "", false
			}
			return string(s), true
		case '\\':
			if !escaped {
				escaped = true
				p.scratch = p.scratch[:0]
			}
			if p.i+1 >= len(p.b) {
				return "", false
			}
			u, ok := unescapeJSON(p.b[p.i+1])
			if !ok {
				return "", false
			}
			p.scratch = append(p.scratch, p.b[seg:p.i]...)
			p.scratch = append(p.scratch, u)
			p.i += 2
			seg = p.i
		default: // a raw control character: invalid JSON
			return "", false
		}
	}
	return "", false
}

// unescapeJSON maps the letter after a backslash to the byte it stands for.
func unescapeJSON(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

// int consumes a non-negative integer of at most 18 digits (no overflow
// possible), written as JSON writes it: no sign, no leading zero.
func (p *eventDecoder) int() (int64, bool) {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	digits := p.b[start:p.i]
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(digits), 10, 64)
	return n, err == nil
}

// bool consumes true or false.
func (p *eventDecoder) bool() (bool, bool) {
	rest := p.b[p.i:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		p.i += 4
		return true, true
	case len(rest) >= 5 && string(rest[:5]) == "false":
		p.i += 5
		return false, true
	}
	return false, false
}
