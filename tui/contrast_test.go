package tui

import (
	"image/color"
	"math"
	"reflect"
	"testing"

	"charm.land/lipgloss/v2"
)

// The backgrounds a shared screen is assumed to have: black and the usual
// dark grey of terminal themes, white and an off-white.
var (
	darkBackgrounds  = []string{"#000000", "#1E1E1E"}
	lightBackgrounds = []string{"#FFFFFF", "#F2F2F2"}
)

// decoration are the styles that may be faint: they carry no text the
// room must read (borders, separators, placeholders, the dash of a
// missing answer).
var decoration = map[string]bool{"Faint": true, "HelpSep": true, "Box": true, "BoxActive": true, "Overlay": true}

// onHeader are the styles drawn on the header band (over its background).
var onHeader = []string{"Header", "AppTitle", "Title", "Warn", "Danger"}

// TestEveryTextTheRoomReadsHasContrast computes the WCAG contrast ratio of
// every style's foreground against the backgrounds it is drawn on: the
// terminal's, dark and light, and the header band's. Text the room must
// read needs 4.5:1; only decoration may be fainter.
func TestEveryTextTheRoomReadsHasContrast(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		bgs := lightBackgrounds
		if dark {
			bgs = darkBackgrounds
		}
		v := reflect.ValueOf(st)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			style, ok := v.Field(i).Interface().(lipgloss.Style)
			if !ok || decoration[name] {
				continue
			}
			fg := style.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none {
				t.Errorf("dark=%v: %s has no foreground colour: its contrast is the terminal's, not ours", dark, name)
				continue
			}
			on := bgs
			if bg := style.GetBackground(); !isNoColor(bg) {
				on = []string{hexOf(bg)}
			}
			for _, bg := range on {
				if r := contrast(fg, lipgloss.Color(bg)); r < 4.5 {
					t.Errorf("dark=%v: %s %s on %s has contrast %.2f:1, want ≥ 4.5:1", dark, name, hexOf(fg), bg, r)
				}
			}
		}
		for _, name := range onHeader {
			fg := v.FieldByName(name).Interface().(lipgloss.Style).GetForeground()
			if r := contrast(fg, st.HeaderBg); r < 4.5 {
				t.Errorf("dark=%v: %s %s on the header band %s has contrast %.2f:1", dark, name, hexOf(fg), hexOf(st.HeaderBg), r)
			}
		}
	}
}

// TestContrastFigures logs the figures the Styles doc promises, for the
// record (go test -run ContrastFigures -v).
func TestContrastFigures(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		bg := lipgloss.Color(lightBackgrounds[0])
		if dark {
			bg = lipgloss.Color(darkBackgrounds[1])
		}
		for _, c := range []struct {
			name string
			s    lipgloss.Style
		}{{"text", st.Title}, {"subtle", st.Subtle}, {"accent", st.Accent}, {"ok", st.OK}, {"warn", st.Warn}, {"danger", st.Danger}, {"faint (decoration)", st.Faint}} {
			t.Logf("dark=%-5v %-18s %s on %s: %5.2f:1", dark, c.name, hexOf(c.s.GetForeground()), hexOf(bg), contrast(c.s.GetForeground(), bg))
		}
	}
}

func isNoColor(c color.Color) bool {
	_, ok := c.(lipgloss.NoColor)
	return c == nil || ok
}

// contrast is the WCAG 2 contrast ratio of two colours: (L1+0.05)/(L2+0.05)
// of their relative luminances, the lighter first.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance of an sRGB colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func hexOf(c color.Color) string {
	r, g, b, _ := c.RGBA()
	const hex = "0123456789ABCDEF"
	out := []byte{'#'}
	for _, v := range []uint32{r >> 8, g >> 8, b >> 8} {
		out = append(out, hex[v>>4], hex[v&15])
	}
	return string(out)
}
