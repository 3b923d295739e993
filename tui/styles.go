package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are every style the app uses, built by one function from whether
// the terminal background is dark.
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

	// Colours for components that take colours, not styles.
	AccentColor color.Color
	FaintColor  color.Color
}

// NewStyles builds the styles for a dark or light background. Colour is
// removed later, by the renderer, when the terminal has none or NO_COLOR is
// set: bold and faint remain, so the screen still reads.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent = ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#A78BFA"))
		text   = ld(lipgloss.Color("#1F1F1F"), lipgloss.Color("#E8E8E8"))
		subtle = ld(lipgloss.Color("#5C5C5C"), lipgloss.Color("#A8A8A8"))
		faint  = ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
		green  = ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#4ADE80"))
		amber  = ld(lipgloss.Color("#9A6700"), lipgloss.Color("#FBBF24"))
		red    = ld(lipgloss.Color("#CF222E"), lipgloss.Color("#F87171"))
		barBg  = ld(lipgloss.Color("#ECE8FD"), lipgloss.Color("#2A2342"))
		selBg  = ld(lipgloss.Color("#DDD6FE"), lipgloss.Color("#3B2F6B"))
	)
	s := Styles{IsDark: isDark, AccentColor: accent, FaintColor: faint}
	s.Header = lipgloss.NewStyle().Background(barBg).Foreground(text)
	s.AppTitle = lipgloss.NewStyle().Background(barBg).Foreground(accent).Bold(true)
	s.Title = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.Subtle = lipgloss.NewStyle().Foreground(subtle)
	s.Faint = lipgloss.NewStyle().Foreground(faint).Faint(true)
	s.Accent = lipgloss.NewStyle().Foreground(accent)
	s.Bold = lipgloss.NewStyle().Bold(true)
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
	s.HelpKey = lipgloss.NewStyle().Foreground(accent)
	s.HelpDesc = lipgloss.NewStyle().Foreground(subtle)
	s.HelpSep = lipgloss.NewStyle().Foreground(faint)
	s.Overlay = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2)
	return s
}
