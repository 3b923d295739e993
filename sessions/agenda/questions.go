package agenda

import (
	"fmt"
	"strings"

	"github.com/nagame-dev/nagame/text"
)

// questionKeys are the keys of a question; questionForms the keys of which
// exactly one says what kind of answer it takes.
var (
	questionKeys  = []string{"id", "ask", "choice", "scale", "yesno", "text", "group"}
	questionForms = []string{"choice", "scale", "yesno", "text"}
	closingKeys   = []string{"impressions", "survey", "anonymous"}
)

// maxScaleSteps bounds a scale: 0–10 (the usual "how likely" scale) has ten
// steps; more is not a question people answer consistently.
const maxScaleSteps = 10

const formsHint = "give it one of: choice: [a, b, c], scale: [1, 5], yesno: true or text: true"

// questions reads a list of questions with ids unique within it. of says
// whose they are, for messages: `of panel "latency"`, "of the survey".
func (w *walker) questions(f field, of string) []Question {
	items, ok := w.items(f)
	if !ok {
		return nil
	}
	out := make([]Question, 0, len(items))
	first := map[string]pos{}
	for i, it := range items {
		q, idAt, ok := w.question(it, fmt.Sprintf("question %d %s", i+1, of), of)
		if q.ID != "" {
			if prev, dup := first[q.ID]; dup {
				w.ps.add(idAt, "give each question its own id", "duplicate question id %q %s (first at line %d)", q.ID, of, prev.line)
				ok = false
			} else {
				first[q.ID] = idAt
			}
		}
		if ok {
			out = append(out, q)
		}
	}
	return out
}

// question reads one question.
func (w *walker) question(it field, what, of string) (q Question, idAt pos, ok bool) {
	o, ok := w.object(it.val, it.at(), what, what)
	if !ok {
		return Question{}, pos{}, false
	}
	before := len(w.ps.list)
	if f, ok := o.get("id"); ok {
		idAt = f.at()
		if id, ok := w.nonEmpty(f); ok {
			if idPattern.MatchString(id) {
				q.ID = id
				what = "question " + quote(id) + " " + of
			} else {
				w.ps.add(f.at(), "use lower-case letters, digits, - and _ (like trend)", "question id %s is not a plain name", quote(id))
			}
		}
	} else {
		w.ps.add(o.at, "add id: with a short name like trend", "%s has no id", what)
	}
	for i := range o.fields {
		o.fields[i].where = what
	}
	o.where = what
	w.allow(o, what, questionKeys, nil)

	if f, ok := o.get("ask"); ok {
		q.Ask, _ = w.nonEmptyLine(f)
	} else {
		w.ps.add(o.at, `add ask: with the question people answer`, "%s has no ask", what)
	}
	if f, ok := o.get("group"); ok {
		q.Group, _ = w.boolean(f)
	}
	w.questionForm(o, &q)
	return q, idAt, len(w.ps.list) == before
}

// questionForm reads the one key that says what kind of answer it takes.
func (w *walker) questionForm(o *object, q *Question) {
	var forms []field
	for _, k := range questionForms {
		if f, ok := o.get(k); ok {
			forms = append(forms, f)
		}
	}
	if len(forms) == 0 {
		w.ps.add(o.at, formsHint, "%s says no kind of answer", o.where)
		return
	}
	if len(forms) > 1 {
		// Report at the later key, where the second form was added.
		later := forms[1]
		for _, f := range forms[1:] {
			if later.keyPos.before(f.keyPos) {
				later = f
			}
		}
		names := make([]string, len(forms))
		for i, f := range forms {
			names[i] = f.key
		}
		w.ps.add(later.keyPos, "keep one", "%s has %s: a question takes one kind of answer", o.where, strings.Join(names, " and "))
		return
	}
	f := forms[0]
	switch f.key {
	case "choice":
		q.Kind = Choice
		q.Choices = w.choices(f)
	case "scale":
		q.Kind = Scale
		q.Min, q.Max = w.scale(f)
	case "yesno":
		q.Kind = YesNo
		w.mustBeTrue(f)
	case "text":
		q.Kind = Text
		w.mustBeTrue(f)
	}
}

// mustBeTrue checks yesno: true and text: true; false is not a form.
func (w *walker) mustBeTrue(f field) {
	if b, ok := w.boolean(f); ok && !b {
		w.ps.add(f.at(), fmt.Sprintf("write %s: true, or another form", f.key), "%s: false is not a kind of answer", f.key)
	}
}

// choices reads at least two distinct, non-blank choices. Numbers are
// taken as written ("choice: [1, 2, 3]").
func (w *walker) choices(f field) []string {
	items, ok := w.items(f)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	first := map[string]pos{}
	for _, it := range items {
		if w.empty(it) {
			continue
		}
		s, _, ok := scalarText(it.val, it.tag)
		s = text.Line(s) // shown to people like an ask: see line
		if !ok {
			w.ps.add(it.at(), "", "%s must be text, not %s", it.name(), describe(it.val))
			continue
		}
		if strings.TrimSpace(s) == "" {
			w.ps.add(it.at(), "", "%s is blank", it.name())
			continue
		}
		if p, dup := first[s]; dup {
			w.ps.add(it.at(), "list each choice once", "choice %s is listed twice (first at line %d)", quote(s), p.line)
			continue
		}
		first[s] = it.at()
		out = append(out, s)
	}
	if len(items) < 2 {
		w.ps.add(f.at(), "list at least two choices, like [better, same, worse]", "%s needs at least two choices", f.name())
	}
	return out
}

// scale reads [lo, hi]: whole numbers, lo below hi, at most ten steps apart.
func (w *walker) scale(f field) (lo, hi int) {
	const hint = "write scale: [1, 5]"
	items, ok := w.items(f)
	if !ok {
		return 0, 0
	}
	if len(items) != 2 {
		w.ps.add(f.at(), hint, "%s must list two numbers, the lowest and the highest", f.name())
		return 0, 0
	}
	a, okA := w.integer(items[0])
	b, okB := w.integer(items[1])
	if !okA || !okB {
		return 0, 0
	}
	if a >= b {
		w.ps.add(f.at(), hint, "%s must go from low to high", f.name())
		return 0, 0
	}
	if b-a > maxScaleSteps || b-a < 0 { // < 0: the subtraction overflowed
		w.ps.add(f.at(), "a scale of 1 to 5 or 0 to 10 is answered consistently", "%s spans %s steps; at most %d", f.name(), stepsText(a, b), maxScaleSteps)
		return 0, 0
	}
	return int(a), int(b)
}

// stepsText is b − a for a message, without overflowing.
func stepsText(a, b int64) string {
	if d := b - a; d > 0 {
		return fmt.Sprint(d)
	}
	return "too many"
}

// closing reads closing:, over the defaults already in c.
func (w *walker) closing(f field, c *Closing) {
	if w.empty(f) {
		return
	}
	o, ok := w.object(f.val, f.at(), "closing", "closing")
	if !ok {
		return
	}
	w.allow(o, "closing", closingKeys, nil)
	setFrom(o, "impressions", w.boolean, &c.Impressions)
	setFrom(o, "anonymous", w.boolean, &c.Anonymous)
	if f, ok := o.get("survey"); ok {
		// survey: [] is a meeting without a survey, which is a choice; the
		// default applies only when the key is absent.
		c.Survey = w.questions(f, "of the survey")
		if c.Survey == nil {
			c.Survey = []Question{}
		}
	}
}
