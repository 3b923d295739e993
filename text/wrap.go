package text

import (
	"strings"
	"unicode/utf8"
)

// Wrap breaks s into lines of at most w cells (see the package doc for the
// rules). Explicit newlines are kept; a line that already fits is returned
// as it is. A grapheme wider than w (a wide character when w is 1) gets a
// line of its own. w < 1 only splits at newlines. Wrap is for plain text
// (see [Clean]): an escape sequence counts 0 cells and stays where it was,
// but a style is not carried on to the next line.
func Wrap(s string, w int) []string { return Measure{}.Wrap(s, w) }

// Wrap is [Wrap] under m.
func (m Measure) Wrap(s string, w int) []string { return m.WrapIndent(s, w, "") }

// WrapIndent is Wrap with a hanging indent: the lines that continue a
// paragraph start with indent and still fit in w cells. An indent that would
// leave less than one cell is left out.
func WrapIndent(s string, w int, indent string) []string {
	return Measure{}.WrapIndent(s, w, indent)
}

// WrapIndent is [WrapIndent] under m.
func (m Measure) WrapIndent(s string, w int, indent string) []string {
	if w < 1 {
		return strings.Split(s, "\n")
	}
	indentW := m.lineWidth(indent)
	if indentW >= w {
		indent, indentW = "", 0
	}
	pw := paragraphWrapper{m: m, w: w, indent: indent, indentW: indentW}
	for p := range strings.SplitSeq(s, "\n") {
		pw.paragraph(p)
	}
	return pw.out
}

// grapheme is one user-perceived character of a paragraph being wrapped.
type grapheme struct {
	start, end int
	width      int
	first      rune
	kind       breakKind
	// noStart: may not begin a line; noEnd: may not end one (kinsoku).
	noStart, noEnd bool
}

type breakKind uint8

const (
	// kindWord is Latin letters, digits and the like: no break between two.
	kindWord breakKind = iota
	// kindSpace is U+0020: a break after a run of them.
	kindSpace
	// kindIdeo is kana, kanji, fullwidth forms, emoji, every 2-cell
	// grapheme: a break before and after.
	kindIdeo
	// kindZWSP is U+200B: a break after it.
	kindZWSP
)

// paragraphWrapper fills lines greedily, one paragraph at a time.
type paragraphWrapper struct {
	m       Measure
	w       int
	indent  string
	indentW int
	out     []string

	// The paragraph being wrapped and the line being filled.
	p                 string
	gs                []grapheme
	lines             int // lines of this paragraph emitted
	lineStart, lineAt int // byte range of the line, -1 when none
	lineW, pendingW   int // its width; spaces after it, kept if more follows
}

func (pw *paragraphWrapper) limit() int {
	if pw.lines == 0 {
		return pw.w
	}
	return pw.w - pw.indentW
}

func (pw *paragraphWrapper) emit(a, b int) {
	if pw.lines == 0 {
		pw.out = append(pw.out, pw.p[a:b])
	} else {
		pw.out = append(pw.out, pw.indent+pw.p[a:b])
	}
	pw.lines++
}

func (pw *paragraphWrapper) paragraph(p string) {
	if pw.m.lineWidth(p) <= pw.w {
		pw.out = append(pw.out, p)
		return
	}
	pw.p, pw.lines, pw.lineStart, pw.lineW, pw.pendingW = p, 0, -1, 0, 0
	if cap(pw.gs) < len(p) {
		// At most one grapheme a byte: one allocation per call, not a
		// doubling per few dozen graphemes.
		pw.gs = make([]grapheme, 0, len(p))
	}
	pw.gs = pw.graphemes(pw.gs[:0], p)
	gs := pw.gs
	segStart, lastNonSpace := 0, -1
	for i := 0; i < len(gs); i++ {
		if i > 0 && canBreak(gs, i, lastNonSpace) {
			pw.place(segStart, i)
			segStart = i
		}
		if gs[i].kind != kindSpace {
			lastNonSpace = i
		}
	}
	pw.place(segStart, len(gs))
	if pw.lineStart >= 0 {
		pw.emit(pw.lineStart, pw.lineAt)
	}
}

// graphemes appends the graphemes of p, measured and classified, to gs.
func (pw *paragraphWrapper) graphemes(gs []grapheme, p string) []grapheme {
	narrow := Measure{}.options()
	u := pw.m.units(p)
	for u.next() {
		v := p[u.start:u.end]
		g := grapheme{start: u.start, end: u.end, width: u.width}
		g.first, _ = utf8.DecodeRuneInString(v)
		g.noStart, g.noEnd = noLineStart(g.first), noLineEnd(g.first)
		switch {
		case u.escape:
			g.kind = kindWord
		case v == " ": // not " " and a combining mark, which is a letter
			g.kind = kindSpace
		case g.first == 0x200b:
			g.kind = kindZWSP
		case g.width == 2 && !pw.m.AmbiguousWide, g.width == 2 && narrow.String(v) == 2,
			g.first >= 0xff61 && g.first <= 0xff9f: // halfwidth katakana
			g.kind = kindIdeo
		default:
			g.kind = kindWord
		}
		gs = append(gs, g)
	}
	return gs
}

// canBreak reports whether a line may break before gs[i]; lastNonSpace is
// the index of the last grapheme before i that is not a space, or -1.
func canBreak(gs []grapheme, i, lastNonSpace int) bool {
	a, b := gs[i-1], gs[i]
	switch {
	case b.kind == kindSpace, b.noStart:
		return false
	case a.kind == kindSpace:
		// After a run of spaces, unless the run opens the paragraph or
		// follows an opening bracket.
		return lastNonSpace >= 0 && !gs[lastNonSpace].noEnd
	case a.noEnd:
		return false
	case a.first == b.first && (a.first == '—' || a.first == '―'):
		return false // a doubled dash is one mark
	case a.kind == kindZWSP:
		return true
	}
	return a.kind == kindIdeo || b.kind == kindIdeo
}

// place adds the segment gs[a:b] (graphemes between two break
// opportunities; any spaces at its end) to the lines.
func (pw *paragraphWrapper) place(a, b int) {
	gs := pw.gs
	k := b
	for k > a && gs[k-1].kind == kindSpace {
		k--
	}
	contentW, spaceW := 0, 0
	for i := a; i < b; i++ {
		if i < k {
			contentW += gs[i].width
		} else {
			spaceW += gs[i].width
		}
	}
	end := gs[a].start
	if k > a {
		end = gs[k-1].end
	}
	if pw.lineStart >= 0 && pw.lineW+pw.pendingW+contentW <= pw.limit() {
		pw.lineAt, pw.lineW, pw.pendingW = end, pw.lineW+pw.pendingW+contentW, spaceW
		return
	}
	if pw.lineStart >= 0 {
		pw.emit(pw.lineStart, pw.lineAt)
		pw.lineStart = -1
	}
	if contentW <= pw.limit() {
		pw.lineStart, pw.lineAt, pw.lineW, pw.pendingW = gs[a].start, end, contentW, spaceW
		return
	}
	// Wider than a line: break between graphemes, still keeping the
	// kinsoku rules where the piece allows it.
	i := a
	for {
		j, used := i, 0
		for j < k && (j == i || used+gs[j].width <= pw.limit()) {
			used += gs[j].width
			j++
		}
		if j == k {
			pw.lineStart, pw.lineAt, pw.lineW, pw.pendingW = gs[i].start, end, used, spaceW
			return
		}
		cut := bestCut(gs, i, j)
		last := cut - 1
		for last > i && gs[last].kind == kindSpace {
			last--
		}
		pw.emit(gs[i].start, gs[last].end)
		i = cut
	}
}

// bestCut chooses where to break a piece that has no allowed break within a
// line: the line is gs[i:cut], and everything up to j fits. It takes the
// last place between words or next to an ideograph where kinsoku holds,
// else the last place between words or next to an ideograph (the rule gives
// way to the margin: "aaaa" then "。"), else j, inside a word.
func bestCut(gs []grapheme, i, j int) int {
	between := func(c int) bool {
		a, b := gs[c-1], gs[c]
		return b.kind != kindSpace && (a.kind == kindSpace || a.kind == kindIdeo || b.kind == kindIdeo || a.kind == kindZWSP)
	}
	for c := j; c > i; c-- {
		if between(c) && !gs[c].noStart && !gs[c-1].noEnd {
			return c
		}
	}
	for c := j; c > i; c-- {
		if between(c) {
			return c
		}
	}
	return j
}

// noLineStart reports whether r may not begin a line: closing brackets and
// quotes, punctuation that ends a phrase, small kana, the prolonged sound
// mark, iteration marks, ellipses, hyphens and units written after a number
// (JIS X 4051 classes cl-02 to cl-07 and the like).
func noLineStart(r rune) bool {
	switch r {
	case ')', ']', '}', ',', '.', ':', ';', '!', '?', '%',
		'°', '’', '”', '‐', '–', '…', '‥', '‼', '⁇', '⁈', '⁉', '′', '″', '‰', '℃',
		'、', '。', '々', '〻', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛', '〞', '〟', '〜',
		'゛', '゜', 'ゝ', 'ゞ', '゠', '・', 'ー', 'ヽ', 'ヾ',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ',
		'！', '％', '）', '，', '．', '：', '；', '？', '］', '｝', '～', '｠',
		'｡', '｣', '､', '･', 'ｰ', 'ﾞ', 'ﾟ':
		return true
	}
	return (r >= 0x31f0 && r <= 0x31ff) || // katakana small letters for Ainu
		(r >= 0xff67 && r <= 0xff6f) // halfwidth small katakana
}

// noLineEnd reports whether r may not end a line: opening brackets and
// quotes, and currency signs written before a number.
func noLineEnd(r rune) bool {
	switch r {
	case '(', '[', '{', '‘', '“',
		'〈', '《', '「', '『', '【', '〔', '〖', '〘', '〚', '〝',
		'（', '［', '｛', '｟', '｢', '＄', '￥':
		return true
	}
	return false
}
