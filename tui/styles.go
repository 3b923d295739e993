package tui

import (
	"image/color"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles are every style the app uses, built by one function from whether
// the terminal background is dark.
//
// The screen is shared with a room (a projector, a video call), so every
// style that carries text the room reads has a contrast of at least 4.5:1
// (WCAG AA) against the background it is drawn on, dark or light
// (contrast_test.go computes it). Faint is the exception, and only for
// decoration: borders, separators, placeholders, the "–" of a missing
// answer; never for options, hints or times.
type Styles struct {
	IsDark bool

	Header    lipgloss.Style
	AppTitle  lipgloss.Style
	Title     lipgloss.Style
	Subtle    lipgloss.Style
	Faint     lipgloss.Style
	Accent    lipgloss.Style
	Bold      lipgloss.Style
	OK        lipgloss.Style
	Warn      lipgloss.Style
	Danger    lipgloss.Style
	Better    lipgloss.Style
	Worse     lipgloss.Style
	Selected  lipgloss.Style
	Cursor    lipgloss.Style
	Label     lipgloss.Style
	Section   lipgloss.Style
	Box       lipgloss.Style
	BoxActive lipgloss.Style
	Prompt    lipgloss.Style
	Status    lipgloss.Style
	StatusErr lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
	HelpSep   lipgloss.Style
	Overlay   lipgloss.Style
	// Bar draws a tally's bars; Count the number beside each.
	Bar   lipgloss.Style
	Count lipgloss.Style
	// QR draws a QR code in light ink on black (join.QRInverted), whatever
	// the terminal's colours: dark modules on light, as cameras expect.
	QR lipgloss.Style

	// Colours for components that take colours, not styles.
	AccentColor color.Color
	FaintColor  color.Color
	// TextColor is the body text; HeaderBg the header band behind it.
	TextColor, HeaderBg color.Color
}

// NewStyles builds the styles for a dark or light background. Colour is
// removed later, by the renderer, when the terminal has none or NO_COLOR is
// set: bold and faint remain, so the screen still reads.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent = ld(lipgloss.Color("#5032C8"), lipgloss.Color("#B09CFB"))
		text   = ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#ECECEC"))
		subtle = ld(lipgloss.Color("#4F4F4F"), lipgloss.Color("#B8B8B8"))
		faint  = ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
		green  = ld(lipgloss.Color("#116329"), lipgloss.Color("#4ADE80"))
		amber  = ld(lipgloss.Color("#7A4A00"), lipgloss.Color("#FBBF24"))
		red    = ld(lipgloss.Color("#B3121F"), lipgloss.Color("#FF8A8A"))
		barBg  = ld(lipgloss.Color("#ECE8FD"), lipgloss.Color("#2A2342"))
		selBg  = ld(lipgloss.Color("#DDD6FE"), lipgloss.Color("#3B2F6B"))
	)
	s := Styles{IsDark: isDark, AccentColor: accent, FaintColor: faint, TextColor: text, HeaderBg: barBg}
	s.Header = lipgloss.NewStyle().Background(barBg).Foreground(text)
	s.AppTitle = lipgloss.NewStyle().Background(barBg).Foreground(accent).Bold(true)
	s.Title = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.Subtle = lipgloss.NewStyle().Foreground(subtle)
	s.Faint = lipgloss.NewStyle().Foreground(faint).Faint(true)
	s.Accent = lipgloss.NewStyle().Foreground(accent)
	s.Bold = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.OK = lipgloss.NewStyle().Foreground(green)
	s.Warn = lipgloss.NewStyle().Foreground(amber).Bold(true)
	s.Danger = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Better = lipgloss.NewStyle().Foreground(green)
	s.Worse = lipgloss.NewStyle().Foreground(red)
	s.Selected = lipgloss.NewStyle().Background(selBg).Foreground(text).Bold(true)
	s.Cursor = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Label = lipgloss.NewStyle().Foreground(subtle).Bold(true)
	s.Section = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1)
	s.BoxActive = s.Box.BorderForeground(accent)
	s.Prompt = lipgloss.NewStyle().Foreground(text).Italic(true)
	s.Status = lipgloss.NewStyle().Foreground(subtle)
	s.StatusErr = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.HelpKey = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.HelpDesc = lipgloss.NewStyle().Foreground(subtle)
	s.HelpSep = lipgloss.NewStyle().Foreground(faint)
	s.Overlay = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2)
	s.Bar = lipgloss.NewStyle().Foreground(accent)
	s.Count = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.QR = lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#000000"))
	return s
}

// darkFromEnv reads COLORFGBG ("15;0", "0;default;15"), which many
// terminals set to their foreground and background colour numbers: a
// background of 7 or 9–15 is light. known is false when it is not set or
// not a number; the app then asks the terminal.
func darkFromEnv(getenv func(string) string) (isDark, known bool) {
	v := getenv("COLORFGBG")
	if v == "" {
		return false, false
	}
	parts := strings.Split(v, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg != 7 && bg < 9, true
}

// inputStyles are a one-line input's styles: the text as body text, the
// prompt as a label, the placeholder faint (it is not text anyone typed).
func inputStyles(st Styles) textinput.Styles {
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Text, s.Focused.Prompt, s.Focused.Placeholder = textStyles(st)
	s.Blurred.Text, s.Blurred.Prompt, s.Blurred.Placeholder = textStyles(st)
	s.Focused.Suggestion, s.Blurred.Suggestion = st.Faint, st.Faint
	s.Cursor.Color = st.AccentColor
	return s
}

// notesStyles are the notes box's styles, in the same spirit; its prompt
// (the bar before each line) is decoration.
func notesStyles(st Styles) textarea.Styles {
	s := textarea.DefaultStyles(st.IsDark)
	s.Focused.Text, _, s.Focused.Placeholder = textStyles(st)
	s.Blurred.Text, _, s.Blurred.Placeholder = textStyles(st)
	s.Focused.Prompt, s.Blurred.Prompt = st.Faint, st.Faint
	s.Focused.EndOfBuffer, s.Blurred.EndOfBuffer = st.Faint, st.Faint
	s.Cursor.Color = st.AccentColor
	return s
}

// textStyles are an input's text, prompt and placeholder styles.
func textStyles(st Styles) (text, prompt, placeholder lipgloss.Style) {
	return lipgloss.NewStyle().Foreground(st.TextColor), st.Label, st.Faint
}

// placeholder is an input's placeholder as shown: after a space, so the
// cursor sits on the space and no letter of the hint looks typed.
func placeholder(s string) string { return " " + s }
