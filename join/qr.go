package join

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QuietZone is the light margin around a QR code, in modules: the four the
// standard asks for, which cameras need to find the code on a busy screen.
const QuietZone = 4

// QR renders url as a QR code for a terminal, two modules a character with
// the half blocks ▀ ▄ █ and space, with a quiet zone of QuietZone modules
// on every side, and returns its lines joined by "\n". A character cell is
// about twice as tall as wide, so each module is close to square.
//
// The ink (the characters' foreground) is the dark modules and the cell
// background the light ones: show it in black on white (the TUI styles it
// so), or as it is on a terminal with dark text on a light background. For
// light text on a dark background without colours, use QRInverted. The
// error correction is level M (15 %), which survives the blur and scaling of
// a screen share.
func QR(url string) (string, error) { return renderQR(url, false) }

// QRInverted is QR with the ink as the light modules (and the quiet zone
// drawn in ink): the right way round on a terminal with light text on a
// dark background when no colours can be set.
func QRInverted(url string) (string, error) { return renderQR(url, true) }

func renderQR(url string, inkIsLight bool) (string, error) {
	code, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("join: cannot make a QR code of %d bytes: %w", len(url), err)
	}
	code.DisableBorder = true
	return halfBlocks(withQuietZone(code.Bitmap(), QuietZone), inkIsLight), nil
}

// withQuietZone surrounds a module matrix (true = dark) with margin light
// modules.
func withQuietZone(m [][]bool, margin int) [][]bool {
	n := len(m) + 2*margin
	out := make([][]bool, n)
	for y := range out {
		out[y] = make([]bool, n)
		if y >= margin && y < margin+len(m) {
			copy(out[y][margin:], m[y-margin])
		}
	}
	return out
}

// halfBlocks draws a module matrix (true = dark) two rows a line; an odd
// last row is paired with a half row of no ink. The ink draws the dark
// modules, or with inkIsLight the light ones.
func halfBlocks(m [][]bool, inkIsLight bool) string {
	ink := func(y, x int) bool { return y < len(m) && m[y][x] != inkIsLight }
	var b strings.Builder
	for y := 0; y < len(m); y += 2 {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := range m[y] {
			b.WriteString(block(ink(y, x), ink(y+1, x)))
		}
	}
	return b.String()
}

// block is the character whose ink covers the top half, the bottom half,
// both or neither of a cell.
func block(top, bottom bool) string {
	switch {
	case top && bottom:
		return "█"
	case top:
		return "▀"
	case bottom:
		return "▄"
	}
	return " "
}
