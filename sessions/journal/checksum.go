package journal

import (
	"bytes"
	"hash/crc32"
)

// Every line Append writes ends in a checksum of the line without it:
//
//	{"seq":3,"t":"…","type":"note","panel":"latency","text":"…","crc":"8f3a01c2"}
//
// The checksum is CRC-32C (Castagnoli, computed in hardware on amd64 and
// arm64) of the line as it would read without the field: the bytes before
// `,"crc":"` followed by "}". Replay verifies it, so a letter changed in a
// note, by a disk or by hand, is reported with its line instead of read as
// if nagame had written it. Journals written before checksums have none and
// still load; once a line has one, a later line without one is damage.

// crcField starts the checksum field; crcSuffixLen is the length of the
// field with its value and the closing brace: ,"crc":"8f3a01c2"}
const (
	crcField     = `,"crc":"`
	crcSuffixLen = len(crcField) + 8 + len(`"}`)
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// lineChecksum is the checksum of an object whose bytes are body (without
// its closing brace) and "}".
func lineChecksum(body []byte) uint32 {
	return crc32.Update(crc32.Checksum(body, castagnoli), castagnoli, closingBrace)
}

var closingBrace = []byte{'}'}

const hexDigits = "0123456789abcdef"

// appendChecksum turns the encoded object obj ("{…}") into the line with
// its checksum field; buf holds obj and is extended in place.
func appendChecksum(buf *bytes.Buffer, objLen int) {
	body := buf.Bytes()[:objLen-1] // without "}"
	sum := lineChecksum(body)
	buf.Truncate(objLen - 1)
	buf.WriteString(crcField)
	for shift := 28; shift >= 0; shift -= 4 {
		buf.WriteByte(hexDigits[sum>>uint(shift)&0xf])
	}
	buf.WriteString("\"}\n")
}

// lineCRC is what a line says about its checksum.
type lineCRC int

const (
	crcNone  lineCRC = iota // the line has no checksum field at its end
	crcGood                 // it has one, and it matches
	crcWrong                // it has one, and it does not match
)

// checkLine verifies the checksum of obj, a line without its newline and
// surrounding white space.
func checkLine(obj []byte) lineCRC {
	n := len(obj)
	if n < crcSuffixLen+1 || obj[n-1] != '}' || obj[n-2] != '"' || !bytes.Equal(obj[n-crcSuffixLen:n-crcSuffixLen+len(crcField)], []byte(crcField)) {
		return crcNone
	}
	var want uint32
	for _, c := range obj[n-10 : n-2] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		default:
			return crcWrong
		}
		want = want<<4 | uint32(d)
	}
	if lineChecksum(obj[:n-crcSuffixLen]) != want {
		return crcWrong
	}
	return crcGood
}
