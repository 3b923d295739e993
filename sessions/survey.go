package sessions

import (
	"slices"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

// SurveyOf is the closing survey a meeting asks: the agenda's, except that
// a self-review asks the default survey without "would you join a session
// like this again?", which means nothing to someone reviewing alone. The
// TUI asks it and the minutes report it, so the two agree.
func SurveyOf(a *agenda.Agenda, solo bool) []agenda.Question {
	qs := a.Closing.Survey
	if !solo || !isDefaultSurvey(qs) {
		return qs
	}
	return slices.DeleteFunc(slices.Clone(qs), func(q agenda.Question) bool { return q.ID == "again" })
}

func isDefaultSurvey(qs []agenda.Question) bool {
	def := agenda.DefaultSurvey()
	return slices.EqualFunc(qs, def, func(a, b agenda.Question) bool {
		return a.ID == b.ID && a.Ask == b.Ask && a.Kind == b.Kind
	})
}
