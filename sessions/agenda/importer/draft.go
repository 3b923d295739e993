package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Draft is an agenda in the making: what an importer understood of a
// dashboard, with the reason for every choice, before it is written.
type Draft struct {
	// Origin says where the agenda comes from, for its header:
	// `Datadog dashboard "Checkout" (abc-def-ghi)`.
	Origin  string
	Title   string
	Service string
	// Duration is the meeting's length; DefaultDuration when zero.
	Duration time.Duration
	// Window is the agenda's window as written ("30d"), WindowRule why.
	Window, WindowRule string
	Source             Source
	Vars               []Var
	Panels             []Panel
	Events             []Event
	Skipped            []Skipped
	// Notes are lines for the header: the rules an importer applied.
	Notes []string
}

// Source is the agenda's one source.
type Source struct {
	Name string
	Type string
	// Site and URL for datadog, URL for prometheus, Path for file.
	Site, URL, Path string
	// Comment goes beside the source's line.
	Comment string
}

// Var is an agenda variable: a dashboard's template variable with the value
// it had, which ${Name} in queries, titles and prompts stands for.
type Var struct {
	Name, Default string
	// Comment says where the variable came from.
	Comment string
}

// Panel is one panel of the draft.
type Panel struct {
	// From names the widget it comes from: `timeseries widget "Latency"`.
	From  string
	ID    string
	Title string
	Kind  sources.Kind
	// KindRule is why the panel has its kind.
	KindRule string
	Query    string
	Total    string
	// Ratio false writes ratio: false (an errors panel without a total).
	NoRatio  bool
	Unit     string
	UnitRule string
	// Threshold, when set, is a time-slice objective's threshold as written
	// ("300ms", "15"); ThresholdRule says where it came from.
	Threshold, ThresholdRule string
	// SLO is the backend's SLO id of a kind slo panel.
	SLO string
	// Prompt from a note beside the widget; a starter prompt when empty.
	Prompt     string
	PromptRule string
	// Notes are more comments about the panel (queries left out, macros
	// replaced).
	Notes   []string
	Timebox time.Duration
}

// Event is something a dashboard overlays on its charts (deploys,
// incidents): a Datadog event query or a Grafana annotation.
type Event struct {
	Query string
	From  string
}

// Skipped is a widget nagame cannot show, and why.
type Skipped struct {
	What, Reason string
}

// DefaultDuration is the meeting length of an agenda that sets none.
const DefaultDuration = 60 * time.Minute

// Fixed parts of the meeting that are not panels: attendance and the review
// of earlier action items at the start, the impression round and the survey
// at the end. The panels share what is left.
const (
	openingTime = 5 * time.Minute
	closingTime = 10 * time.Minute
)

// panelBudget is the time the panels share in a meeting of d.
func panelBudget(d time.Duration) time.Duration {
	if d >= 30*time.Minute {
		return d - openingTime - closingTime
	}
	return d
}

// assignTimeboxes splits the panels' budget into whole minutes, evenly; the
// first panels take the remainder. Every panel gets at least a minute.
func (d *Draft) assignTimeboxes() {
	n := len(d.Panels)
	if n == 0 {
		return
	}
	minutes := int(panelBudget(d.duration()) / time.Minute)
	if minutes < n {
		// A minute a panel at least: the meeting grows to fit them.
		d.Duration = time.Duration(n)*time.Minute + openingTime + closingTime
		d.Notes = append(d.Notes, fmt.Sprintf("The meeting is %s long so that each of the %d panels has a minute; cut panels rather than rush them.",
			d.Duration, n))
		minutes = n
	}
	each, extra := minutes/n, minutes%n
	for i := range d.Panels {
		m := each
		if i < extra {
			m++
		}
		d.Panels[i].Timebox = time.Duration(max(m, 1)) * time.Minute
	}
}

func (d *Draft) duration() time.Duration {
	if d.Duration <= 0 {
		return DefaultDuration
	}
	return d.Duration
}

var (
	nonSlug    = regexp.MustCompile(`[^a-z0-9]+`)
	nonVarName = regexp.MustCompile(`[^A-Za-z0-9_]+`)
)

// slug makes a panel id from a title: "Checkout p95 (ms)" → "checkout-p95-ms".
func slug(s string, n int) string {
	s = nonSlug.ReplaceAllString(strings.ToLower(s), "-")
	s = strings.Trim(s, "-")
	if len(s) > n {
		s = strings.TrimRight(s[:n], "-")
	}
	return s
}

// varName makes an agenda variable name from a dashboard's:
// "test template var" → "test_template_var".
func varName(s string) string {
	s = strings.Trim(nonVarName.ReplaceAllString(s, "_"), "_")
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "v_" + s
	}
	return s
}

// assignIDs gives every panel a unique id from its title (or its kind).
func (d *Draft) assignIDs() {
	seen := map[string]int{}
	for i := range d.Panels {
		p := &d.Panels[i]
		id := slug(stripVars(p.Title), 40)
		if id == "" {
			id = string(p.Kind)
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
			seen[id]++
		}
		p.ID = id
	}
}

var varRef = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*\}`)

// stripVars drops ${name} from a title, so an id never depends on a value.
func stripVars(s string) string { return varRef.ReplaceAllString(s, "") }

// attachNote gives a note's text to the panel it stands beside: the next
// panel, or the last one when the note ends the dashboard. pending holds
// notes seen before any panel follows them.
type noteQueue struct {
	pending []string
}

func (q *noteQueue) add(text string) {
	if t := noteText(text); t != "" {
		q.pending = append(q.pending, t)
	}
}

// onPanel hands the pending notes to p.
func (q *noteQueue) onPanel(p *Panel) {
	if len(q.pending) == 0 {
		return
	}
	p.Prompt = clipText(strings.Join(q.pending, " "), maxPrompt)
	p.PromptRule = "from the note above this widget on the dashboard"
	q.pending = nil
}

// finish hands notes left at the end to the last panel.
func (q *noteQueue) finish(panels []Panel) {
	if len(q.pending) == 0 || len(panels) == 0 {
		return
	}
	p := &panels[len(panels)-1]
	text := strings.Join(q.pending, " ")
	if p.Prompt != "" {
		text = p.Prompt + " " + text
	}
	p.Prompt = clipText(text, maxPrompt)
	p.PromptRule = "from the note below this widget on the dashboard"
	q.pending = nil
}

const maxPrompt = 300

var (
	markup     = regexp.MustCompile(`<[^>]*>|[#*` + "`" + `>]+|\[([^\]]*)\]\([^)]*\)`)
	whitespace = regexp.MustCompile(`\s+`)
)

// noteText reduces a note's Markdown or HTML to one line of prose.
func noteText(s string) string {
	s = markup.ReplaceAllStringFunc(s, func(m string) string {
		if sub := markup.FindStringSubmatch(m); len(sub) > 1 && sub[1] != "" {
			return sub[1]
		}
		return " "
	})
	return strings.TrimSpace(whitespace.ReplaceAllString(s, " "))
}

// clipText shortens s to at most n runes, at a word when it can.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
