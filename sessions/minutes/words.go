package minutes

import (
	"math"
	"strconv"
	"strings"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/text"
)

// This file is the one place that turns a panel's numbers and an action
// item into words. The TUI styles the pieces, snapshot prints them plain,
// and the minutes escape them for Markdown: what each says is decided here
// once, so the three never disagree.

// FigureWords is one figure of a window in words.
type FigureWords struct {
	// Key is the figure's stable key ("p95").
	Key string
	// Label and Value read "p95" and "289 ms".
	Label, Value string
	// At is when the value happened, "Nov 15 16:30" (UTC); "" when the
	// figure is not about one moment.
	At string
	// Headline marks the panel's headline figure.
	Headline bool
	// Prev is the previous window's value, "" when there is none.
	Prev string
	// Change is the change against the previous window; nil when none.
	Change *ChangeWords
}

// ChangeWords is a change against the previous window in words.
type ChangeWords struct {
	// Label names the figure ("p95").
	Label string
	// Prev and Cur read "218 ms" and "289 ms".
	Prev, Cur string
	// Text reads "+33 % (worse)".
	Text string
	// Arrow is ▲, ▼ or = for the direction of the move.
	Arrow string
	// Verdict says whether the move is better or worse.
	Verdict sources.Verdict
}

// Line reads "218 ms → 289 ms, +33 % (worse)".
func (c ChangeWords) Line() string { return c.Prev + " → " + c.Cur + ", " + c.Text }

// TimeFormat is how a figure's moment is written ("Nov 15 16:30").
const TimeFormat = "Jan 2 15:04"

// Figures are the figures of a window in the summary's order, each with
// its previous value (when prev is given) and its change.
func Figures(cur sources.Summary, prev *sources.Summary, changes []sources.Change) []FigureWords {
	out := make([]FigureWords, 0, len(cur.Figures))
	for _, f := range cur.Figures {
		fw := FigureWords{Key: f.Key, Label: f.Label, Value: sources.FormatValue(f.Value, f.Unit), Headline: f.Key == cur.Headline}
		if !f.At.IsZero() && !math.IsNaN(f.Value) {
			fw.At = f.At.UTC().Format(TimeFormat)
		}
		if prev != nil {
			if pf, ok := prev.Figure(f.Key); ok {
				fw.Prev = sources.FormatValue(pf.Value, pf.Unit)
			}
		}
		for _, c := range changes {
			if c.Key == f.Key {
				cw := Change(c)
				fw.Change = &cw
			}
		}
		out = append(out, fw)
	}
	return out
}

// HeadlineFirst reorders figures with the headline first, for a one-line
// summary.
func HeadlineFirst(figs []FigureWords) []FigureWords {
	out := make([]FigureWords, 0, len(figs))
	for _, f := range figs {
		if f.Headline {
			out = append([]FigureWords{f}, out...)
		} else {
			out = append(out, f)
		}
	}
	return out
}

// Headline is the headline figure of a window: "p95 289 ms".
func Headline(s sources.Summary) string {
	h := s.Head()
	return strings.TrimSpace(h.Label + " " + sources.FormatValue(h.Value, h.Unit))
}

// HeadlineChange is the change of the headline figure, if it was compared.
func HeadlineChange(s sources.Summary, changes []sources.Change) (ChangeWords, bool) {
	for _, c := range changes {
		if c.Key == s.Headline {
			return Change(c), true
		}
	}
	return ChangeWords{}, false
}

// Change puts a change in words.
func Change(c sources.Change) ChangeWords {
	arrow := "▼"
	switch {
	case math.IsNaN(c.Abs) || c.Abs == 0:
		arrow = "="
	case c.Abs > 0:
		arrow = "▲"
	}
	return ChangeWords{
		Label: c.Label, Prev: sources.FormatValue(c.Prev, c.Unit), Cur: sources.FormatValue(c.Cur, c.Unit),
		Text: sources.FormatChange(c), Arrow: arrow, Verdict: c.Verdict,
	}
}

// ActionWords is an action item in words: what, who, and the details that
// follow in brackets ("due 2026-05-27", "from Checkout latency").
type ActionWords struct {
	Text, Owner string
	// Status is open, done or dropped.
	Status string
	// Details follow the owner in brackets, in order.
	Details []string
	// Note follows a colon (a review's note).
	Note string
}

// Plain is the item as one line of plain text: "text — owner (due …)".
func (a ActionWords) Plain() string {
	return a.render(text.Line, "")
}

// Markdown is the item as a Markdown task-list line without the newline:
// a ticked box when done, struck through when dropped.
func (a ActionWords) Markdown() string {
	box := "[ ]"
	if a.Status == "done" {
		box = "[x]"
	}
	return "- " + box + " " + a.render(mdInline, "~~")
}

func (a ActionWords) render(esc func(string) string, strike string) string {
	var b strings.Builder
	t := esc(a.Text)
	if a.Status == "dropped" && strike != "" {
		t = strike + t + strike
	}
	b.WriteString(t)
	if a.Owner != "" {
		b.WriteString(" — " + esc(a.Owner))
	}
	if len(a.Details) > 0 {
		parts := make([]string, len(a.Details))
		for i, d := range a.Details {
			parts[i] = esc(d)
		}
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	if a.Note != "" {
		b.WriteString(": " + esc(a.Note))
	}
	return b.String()
}

// Days reads "1 day", "12 days".
func Days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
