package join_test

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/nagame-dev/nagame/join"
)

// modules reads half-block lines back into modules: each character is two
// modules stacked, true where there is ink.
func modules(t *testing.T, lines string) [][]bool {
	t.Helper()
	var out [][]bool
	for _, line := range strings.Split(lines, "\n") {
		var top, bottom []bool
		for _, r := range line {
			switch r {
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			default:
				t.Fatalf("unexpected character %q in the QR code", r)
			}
		}
		out = append(out, top, bottom)
	}
	return out
}

// picture draws modules as a camera would see them on a screen: dark where
// dark is true, scale pixels a module.
func picture(m [][]bool, dark func(ink bool) bool, scale int) image.Image {
	img := image.NewGray(image.Rect(0, 0, len(m[0])*scale, len(m)*scale))
	for y, row := range m {
		for x, ink := range row {
			c := color.Gray{Y: 255}
			if dark(ink) {
				c = color.Gray{Y: 0}
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray(x*scale+dx, y*scale+dy, c)
				}
			}
		}
	}
	return img
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the QR code does not decode: %v", err)
	}
	return res.GetText()
}

func TestTheQRCodeDecodesToTheURL(t *testing.T) {
	tok, err := join.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	for _, url := range []string{
		"http://192.168.1.20:8765/j/" + tok,
		"https://192.168.100.200:65535/j/" + tok,
		"http://[fd00::1234:5678:9abc:def0]:8765/j/" + tok,
	} {
		for _, inverted := range []bool{false, true} {
			render, dark := join.QR, func(ink bool) bool { return ink }
			if inverted {
				render, dark = join.QRInverted, func(ink bool) bool { return !ink }
			}
			lines, err := render(url)
			if err != nil {
				t.Fatal(err)
			}
			m := modules(t, lines)
			for _, scale := range []int{3, 8} {
				if got := decode(t, picture(m, dark, scale)); got != url {
					t.Errorf("inverted %v, %d px a module: decoded %q, want %q", inverted, scale, got, url)
				}
			}
		}
	}
}

func TestTheQRCodeHasAQuietZoneAndFitsAnEightyColumnTerminal(t *testing.T) {
	tok, _ := join.NewToken()
	lines, err := join.QR("http://192.168.100.200:8765/j/" + tok)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(lines, "\n")
	width := len([]rune(rows[0]))
	t.Logf("%d columns × %d lines\n%s", width, len(rows), lines)
	if width > 60 || len(rows) > 24 {
		t.Errorf("%d×%d is too big for a terminal beside the meeting", width, len(rows))
	}
	m := modules(t, lines)
	for y, row := range m {
		if len(row) != width {
			t.Fatalf("row %d is %d modules wide, want %d", y, len(row), width)
		}
		for x, ink := range row {
			inZone := x < join.QuietZone || x >= width-join.QuietZone || y < join.QuietZone || y >= width-join.QuietZone
			if inZone && ink {
				t.Fatalf("ink at (%d,%d), inside the quiet zone", x, y)
			}
		}
	}
	// The finder pattern starts right inside the quiet zone.
	if !m[join.QuietZone][join.QuietZone] {
		t.Error("no finder pattern at the quiet zone's corner")
	}
}

func TestAURLTooLongForAQRCodeIsAnError(t *testing.T) {
	if _, err := join.QR(strings.Repeat("x", 5000)); err == nil {
		t.Error("no error")
	}
}
