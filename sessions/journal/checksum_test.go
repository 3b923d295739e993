package journal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Journals written before checksums have none, and read as they always did.
func TestJournalsWithoutChecksumsStillLoad(t *testing.T) {
	old, err := Read(filepath.Join("testdata", "journal", "append.nocrc.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	now, err := Read(filepath.Join("testdata", "journal", "append.golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Events) != 10 || !reflect.DeepEqual(old.Events, now.Events) {
		t.Errorf("the journal without checksums reads as %d events, not as the same journal with them", len(old.Events))
	}
}

// writeLines writes lines as a journal file and returns its path.
func writeLines(t *testing.T, lines []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s", "journal.jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func goldenLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "journal", "append.golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// A change that leaves the JSON valid (one letter of a note) is caught by
// the line's checksum and reported with the line's number, as are a line
// whose checksum was removed and one added by hand among checksummed ones.
func TestChecksumsCatchSilentChanges(t *testing.T) {
	nocrc := func(s string) string { return s[:strings.LastIndex(s, `,"crc":`)] + "}" }
	tests := []struct {
		name   string
		change func(lines []string)
		line   int
		want   string
	}{
		{"a letter of a note", func(l []string) { l[4] = strings.Replace(l[4], "rollback", "rollbock", 1) }, 5,
			"its checksum does not match: the line was changed after nagame wrote it"},
		{"a digit of the checksum", func(l []string) { l[1] = strings.Replace(l[1], `"crc":"f22a66f3"`, `"crc":"f22a66f4"`, 1) }, 2,
			"its checksum does not match"},
		{"the checksum removed", func(l []string) { l[6] = nocrc(l[6]) }, 7,
			"it has no checksum, unlike the lines before it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := goldenLines(t)
			tt.change(lines)
			_, err := Read(writeLines(t, lines))
			var je *Error
			if !errors.As(err, &je) || je.Line != tt.line || !strings.Contains(je.Problem, tt.want) || !je.Changed {
				t.Fatalf("Read = %v, want line %d: %s", err, tt.line, tt.want)
			}
			if !strings.Contains(err.Error(), "run nagame repair s: it keeps every event that still reads") {
				t.Errorf("the message does not say how to repair: %v", err)
			}
		})
	}
	// A journal begun before checksums and continued after: old lines
	// without, new lines with. It reads.
	lines := goldenLines(t)
	for i := range 4 {
		lines[i] = nocrc(lines[i])
	}
	if rep, err := Read(writeLines(t, lines)); err != nil || len(rep.Events) != 10 {
		t.Errorf("an older journal continued by this nagame: %d events, %v", len(rep.Events), err)
	}
}

// The checksum covers the line exactly as the golden file's lines show it:
// CRC-32C of the object without its checksum field.
func TestChecksumIsOfTheLineWithoutIt(t *testing.T) {
	var buf bytes.Buffer
	line, err := encodeJournalLine(&buf, Event{Seq: 10, Time: journalEpoch, Type: EvEnd})
	if err != nil {
		t.Fatal(err)
	}
	// crc32c(`{"seq":10,"t":"2026-11-22T10:00:00Z","type":"end"}`), computed apart.
	want := `{"seq":10,"t":"2026-11-22T10:00:00Z","type":"end","crc":"` + crcHex(`{"seq":10,"t":"2026-11-22T10:00:00Z","type":"end"}`) + "\"}\n"
	if string(line) != want {
		t.Errorf("line\n got %s\nwant %s", line, want)
	}
	if checkLine(bytes.TrimSpace(line)) != crcGood {
		t.Error("the line's own checksum does not verify")
	}
}

// crcHex is a bitwise CRC-32C, independent of hash/crc32.
func crcHex(s string) string {
	crc := ^uint32(0)
	for i := 0; i < len(s); i++ {
		crc ^= uint32(s[i])
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0x82F63B78
			} else {
				crc >>= 1
			}
		}
	}
	crc = ^crc
	const digits = "0123456789abcdef"
	out := make([]byte, 8)
	for i := range out {
		out[i] = digits[crc>>(28-4*uint(i))&0xf]
	}
	return string(out)
}
