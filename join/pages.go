package join

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the page template and its style sheet
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
)

//go:embed page.html
var pageHTML string

//go:embed page.css
var pageCSS string

// refreshSeconds is how often a waiting page reloads itself: soon enough
// that the next question appears while the facilitator introduces it.
const refreshSeconds = 5

// fieldPrefix names a question's form field: "q:" and the question's id
// ("q:" alone for the impression).
const fieldPrefix = "q:"

// pages renders the join pages in one language.
type pages struct {
	tmpl    *template.Template
	msg     messages
	meeting string
	// csp is the Content-Security-Policy: nothing but the page's own
	// inline style sheet, named by its hash, and forms to this server.
	csp string
}

func newPages(msg messages, meeting string) (*pages, error) {
	t, err := template.New("page").Parse(pageHTML)
	if err != nil {
		return nil, fmt.Errorf("join: page template: %w", err)
	}
	sum := sha256.Sum256([]byte(pageCSS))
	csp := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	return &pages{tmpl: t, msg: msg, meeting: meeting, csp: csp}, nil
}

// view is what one page shows. View picks the page's body: waiting, names,
// ballot, answers, code or message.
type view struct {
	View    string
	Heading string
	Notice  string // good news (saved)
	Problem string // what went wrong
	Refresh int    // seconds, 0 for none
	Base    string // the join page's path, /j/<token>
	Back    string // a message page's link back
	// Private pages (those behind the token) show the meeting's title;
	// the root and the error pages show nothing of the meeting.
	Private bool

	Name     string   // who is answering, for a named ballot
	People   []string // the attendance list, to pick a name from
	NameCSRF string

	Rule      string
	Ballot    string // the ballot's key
	CSRF      string
	Questions []questionView

	// Filled in by render.
	M       messages
	Meeting string
	Style   template.CSS
	Field   string
}

// questionView is one question on a page.
type questionView struct {
	ID      string
	Ask     string
	Kind    Kind
	Options []optionView
	Line    bool   // a one-line text field (the impression)
	Current string // the text answer so far
	Max     int    // maxlength of a text field
	Shown   string // the answer so far, as the answers page shows it
}

// optionView is one option of a question.
type optionView struct {
	Question string
	Value    string
	Label    string
	Checked  bool
}

// render writes the page with status code.
func (p *pages) render(w http.ResponseWriter, code int, v view) {
	v.M = p.msg
	if v.Private {
		v.Meeting = p.meeting
	}
	v.Style = template.CSS(pageCSS) // #nosec G203 -- our own embedded style sheet
	v.Field = fieldPrefix
	var buf bytes.Buffer
	if err := p.tmpl.Execute(&buf, v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// message renders a page that only says something, with a link back.
func (p *pages) message(w http.ResponseWriter, code int, heading, problem, back string) {
	p.render(w, code, view{View: "message", Heading: heading, Problem: problem, Back: back})
}

// label is how an option reads on the page.
func (p *pages) label(q Question, value string) string {
	if q.Kind == YesNo {
		switch value {
		case "yes":
			return p.msg.Yes
		case "no":
			return p.msg.No
		}
	}
	return value
}

// questionView lays out q with the respondent's answer so far.
func (p *pages) questionView(q Question, b *Ballot, current string, answered bool) questionView {
	qv := questionView{ID: q.ID, Ask: q.Ask, Kind: q.Kind}
	if b.Stage == StageImpression {
		qv.Ask = p.msg.ImpressionAsk
		qv.Line = true
	}
	switch q.Kind {
	case Text:
		qv.Current = current
		qv.Max = MaxText
		if qv.Line {
			qv.Max = MaxImpression
		}
	default:
		for _, o := range q.options() {
			qv.Options = append(qv.Options, optionView{
				Question: q.ID, Value: o, Label: p.label(q, o), Checked: answered && o == current,
			})
		}
	}
	if answered {
		qv.Shown = p.label(q, current)
		if opts := q.options(); q.Kind == Scale {
			qv.Shown += " / " + opts[len(opts)-1] // "4 / 5": the scale it was on
		}
	}
	return qv
}
