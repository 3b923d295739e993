package minutes

import (
	"math"
	"slices"
	"strconv"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// MinRespondents is how many answers an anonymous survey question needs
// before anything but the count is shown: with fewer, a mean or a
// distribution would tell who answered what.
const MinRespondents = 3

// Tally is how a question was answered.
type Tally struct {
	Question agenda.Question `json:"-"`
	// Respondents counts the people who answered.
	Respondents int `json:"respondents"`
	// Buckets count the answers per option in the question's order: scale
	// steps, choices, yes/no. Empty for text questions.
	Buckets []Bucket `json:"distribution,omitempty"`
	// Mean of a scale question (NaN when nobody answered); YesShare of a
	// yes/no question as a fraction (NaN when nobody answered).
	Mean     float64 `json:"-"`
	YesShare float64 `json:"-"`
	// Texts of a text question, in the order of the people who gave them.
	Texts []Response `json:"-"`
	// Responses per person, in attendance order.
	Responses []Response `json:"-"`
	// Group is the room's consensus answer, if one was given.
	Group string `json:"group,omitempty"`
}

// Bucket is one option and how many chose it.
type Bucket struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Response is one person's answer.
type Response struct {
	Person string `json:"person"`
	Value  string `json:"value"`
}

// TallyAnswers counts the answers to q. order lists people in the order
// their answers should be shown (attendance order); people missing from it
// come after, sorted.
func TallyAnswers(q agenda.Question, answers map[string]string, order []string) Tally {
	t := Tally{Question: q, Mean: math.NaN(), YesShare: math.NaN()}
	people := orderedPeople(answers, order)
	opts := q.Options()
	counts := make([]int, len(opts))
	sum := 0.0
	for _, person := range people {
		v := answers[person]
		if person == journal.GroupRespondent {
			t.Group = v
			continue
		}
		if !q.Valid(v) {
			continue
		}
		t.Respondents++
		t.Responses = append(t.Responses, Response{Person: person, Value: v})
		if q.Kind == agenda.Text {
			t.Texts = append(t.Texts, Response{Person: person, Value: v})
			continue
		}
		i := slices.Index(opts, v)
		counts[i]++
		if q.Kind == agenda.Scale {
			n, _ := strconv.Atoi(v)
			sum += float64(n)
		}
	}
	for i, o := range opts {
		t.Buckets = append(t.Buckets, Bucket{Label: o, Count: counts[i]})
	}
	if t.Respondents > 0 {
		switch q.Kind {
		case agenda.Scale:
			t.Mean = sum / float64(t.Respondents)
		case agenda.YesNo:
			t.YesShare = float64(counts[0]) / float64(t.Respondents)
		}
	}
	return t
}

func orderedPeople(answers map[string]string, order []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range order {
		if _, ok := answers[p]; ok && !seen[p] {
			out = append(out, p)
			seen[p] = true
		}
	}
	var rest []string
	for p := range answers {
		if !seen[p] {
			rest = append(rest, p)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
