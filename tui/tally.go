package tui

import (
	"fmt"
	"strings"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/text"
)

// Tallies show the room what it answered, as it answers: a bar and a count
// per option, the room's one answer, how many of those present answered.
// The counts are the minutes' (minutes.TallyAnswers), so the screen and
// the minutes agree. Anonymous answers are only counted.

// tallyOf counts q's answers in the order of the people present.
func tallyOf(q agenda.Question, answers map[string]string, people []string) minutes.Tally {
	return minutes.TallyAnswers(q, answers, people)
}

// answeredText is "4/5": how many of those present answered.
func answeredText(t minutes.Tally, people int) string {
	return fmt.Sprintf("%d/%d", t.Respondents, people)
}

// barOf is n of most drawn in at most w cells, at least one cell for any
// answer, so a single vote shows.
func barOf(st Styles, n, most, w int) string {
	if n <= 0 || most <= 0 || w <= 0 {
		return ""
	}
	cells := max(1, (n*w+most/2)/most)
	return st.Bar.Render(strings.Repeat("█", min(w, cells)))
}

// mostOf is the largest count of a tally.
func mostOf(t minutes.Tally) int {
	most := 0
	for _, b := range t.Buckets {
		most = max(most, b.Count)
	}
	return most
}

// tallyLine is a question's tally in one line of w cells: "better ███ 3
// same █ 1 worse 0"; the bars shrink, then go, before the line is cut. With
// dist false (an anonymous question) only the count is shown.
func tallyLine(st Styles, t minutes.Tally, people, w int, dist bool) string {
	if t.Group != "" {
		return st.Label.Render(roomWord(people)+": ") + st.Count.Render(text.Line(t.Group))
	}
	count := st.Subtle.Render(fmt.Sprintf("%d of %d answered", t.Respondents, people))
	if people <= 1 && t.Respondents == 0 {
		count = st.Subtle.Render(notYet(people))
	}
	if !dist || len(t.Buckets) == 0 || t.Respondents == 0 {
		return count
	}
	most := mostOf(t)
	for _, bw := range []int{8, 4, 2, 0} {
		parts := make([]string, len(t.Buckets))
		for i, b := range t.Buckets {
			p := text.Line(b.Label) + " "
			if s := barOf(st, b.Count, most, bw); s != "" {
				p += s + " "
			}
			parts[i] = p + st.Count.Render(fmt.Sprint(b.Count))
		}
		line := strings.Join(parts, "  ")
		if text.Width(line) <= w || bw == 0 {
			return truncate(line, w)
		}
	}
	return count
}

// tallyBlock is a question's tally a line per option, bars as long as the
// column allows: the side column's and the survey's.
func tallyBlock(st Styles, t minutes.Tally, people, w int, dist bool) []string {
	if t.Group != "" || !dist || len(t.Buckets) == 0 || t.Respondents == 0 {
		return []string{tallyLine(st, t, people, w, dist)}
	}
	labelW := 0
	for _, b := range t.Buckets {
		labelW = max(labelW, text.Width(text.Line(b.Label)))
	}
	labelW = min(labelW, w/3)
	most := mostOf(t)
	barW := max(1, w-labelW-6)
	out := make([]string, 0, len(t.Buckets)+1)
	for _, b := range t.Buckets {
		label := text.PadRight(text.Clip(text.Line(b.Label), labelW), labelW)
		line := label + " " + barOf(st, b.Count, most, barW)
		if b.Count > 0 {
			line += " "
		}
		out = append(out, line+st.Count.Render(fmt.Sprint(b.Count)))
	}
	return append(out, st.Subtle.Render(fmt.Sprintf("%d of %d answered", t.Respondents, people)))
}

// notYet says a question has no answer yet: the room's one answer, or in
// a self-review, yours.
func notYet(people int) string {
	if people <= 1 {
		return "not answered yet"
	}
	return "The room answers as one: not yet"
}

// roomWord names the one answer of a group question: the room's, or in a
// self-review, yours.
func roomWord(people int) string {
	if people <= 1 {
		return "Your answer"
	}
	return "The room"
}
