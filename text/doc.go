// Package text makes people's and backends' text safe to show in a terminal
// and lays it out by display width: the one place where nagame cleans,
// measures, clips, wraps and aligns text, so that the TUI, the CLI tables,
// snapshot output and the minutes agree.
//
// # Cleaning
//
// [Clean] removes what a terminal would act on instead of print: every
// escape sequence (CSI, OSC ended by BEL or ST, DCS, SOS, PM, APC and the
// short ESC forms) in its 7-bit form and in its C1 form, whether the C1
// control is UTF-8 encoded (U+009B, U+009D …) or a raw byte; the other C0
// and C1 control characters and DEL; and the bidirectional formatting
// characters that reorder what follows them (U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069). Line breaks (CR LF, CR, VT, FF, NEL,
// U+2028, U+2029) become "\n"; a tab becomes four spaces. Each run of bytes
// that is not UTF-8 becomes one U+FFFD, so damage stays visible, except a raw
// byte 0x80–0x9F, which is taken for the C1 control an 8-bit terminal would
// see and removed with its sequence. A string sequence that is never ended
// (an OSC without BEL or ST) runs to the end of the text, as it would in a
// terminal; CAN and SUB cancel a sequence, and a C0 control inside one is
// obeyed (a line break stays) while the sequence goes on, as terminals do.
// Sequences are parsed in one pass, in time linear in the text, however
// malformed. [Line] is Clean for one line: breaks become spaces, runs of
// spaces one space, and the ends are trimmed.
// Text that needs no change is returned as it is, without allocating.
//
// # Width
//
// Widths are terminal cells, measured the way lipgloss v2 measures them (it
// uses the same tables, from github.com/clipperhouse/displaywidth): by
// grapheme cluster, so a letter with combining marks, a flag or a ZWJ
// sequence such as 👨‍👩‍👧 is one unit; East Asian wide and fullwidth
// characters and emoji presentation are 2 cells; escape sequences are 0
// (parsed as x/ansi parses them for lipgloss, so both skip the same bytes).
// East Asian Ambiguous characters (…, ○, ※, ①, box drawing, Greek and
// Cyrillic letters) are 1 cell, as lipgloss counts them by default; a
// [Measure] with AmbiguousWide counts them 2, for terminals set up for CJK.
// The package functions use the zero Measure; a Measure's methods do the
// same work with its rule. The package keeps no mutable state and its
// initialisation costs nothing measurable: it does not import go-runewidth.
//
// # Clipping
//
// [Clip] cuts to at most w cells, never inside a grapheme or a wide
// character, and ends a cut with "…" (which counts 2 cells under
// AmbiguousWide). [Excerpt] and [Quote] are for messages and logs: one clean
// line, clipped, followed by the size of the whole value when it was cut, so
// a pasted blob is never printed whole.
//
// # Wrapping
//
// [Wrap] fills lines up to w cells. It breaks at spaces in Latin text and
// between characters in Chinese and Japanese text (kana, kanji, fullwidth
// forms, and any other 2-cell grapheme such as emoji), keeps a Latin word
// inside Japanese text whole where it fits, and breaks a word wider than
// the line between graphemes. Explicit newlines are kept. It follows the
// Japanese line-breaking rules (kinsoku shori, after JIS X 4051): no line
// starts with closing punctuation, small kana, the prolonged sound mark,
// iteration marks, ellipses, hyphens or wave dashes (、。，．）」』】〕〉》〙〗〟’”ー…‥ゃゅょっァィゥェォッャュョ！？
// and their kin), and no line ends with an opening bracket or quote
// (（「『【〔〈《〘〖〝‘“). A character that may not start a line takes the
// character before it to the next line (oidashi); punctuation never hangs
// past the margin, so every line fits in w cells; where the rules leave a
// run wider than the line (『ジョ in 4 cells) it is broken all the same,
// between words where it can. A doubled dash (——) is not split. Spaces
// where a line breaks are dropped; no other character is.
//
// # Tables
//
// [PadRight], [PadLeft] and [Table] align by display width, unlike
// text/tabwriter, which counts runes and so misaligns Japanese text.
package text
