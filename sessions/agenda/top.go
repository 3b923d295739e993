package agenda

import (
	"math"
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/nagame-dev/nagame/i18n"
	"github.com/nagame-dev/nagame/sources"
)

// topKeys are the keys of an agenda, in the order DESIGN.md documents them.
var topKeys = []string{
	"version", "title", "service", "lang", "duration", "window", "compare",
	"participants", "source", "sources", "events", "panels", "closing", "vars",
	"publish", "github",
}

// Defaults of an agenda that does not set them.
const (
	defaultDuration = 60 * time.Minute
	defaultWindow   = 30 * 24 * time.Hour
	// demoSourceName is the source an agenda without sources: reads, so
	// that a three-line agenda can try nagame.
	demoSourceName = "demo"
)

// agenda reads the top-level mapping. Problems go to w.ps; the result is
// only meaningful when there are none.
func (w *walker) agenda(body ast.Node, baseDir string, vars map[string]string) *Agenda {
	a := &Agenda{
		Duration: defaultDuration,
		Window:   WindowSpec{Last: defaultWindow},
		Compare:  CompareSpec{Mode: ComparePrevious},
		Closing:  Closing{Impressions: true, Survey: DefaultSurvey(), Anonymous: true},
		GitHub:   GitHubOptions{Labels: DefaultLabels()},
	}
	o, ok := w.object(body, posOf(body), "the agenda", "")
	if !ok {
		return a
	}
	w.allow(o, "the agenda", topKeys, nil)

	w.version(o, a)
	w.readVars(o, vars)
	a.Vars, a.VarNames = w.vars.values, w.vars.names
	if f, ok := o.get("title"); ok {
		a.Title, _ = w.expanded(w.nonEmptyLine, f)
	} else {
		w.ps.add(o.at, `add a line like title: "checkout — metrics viewing party"`, "the agenda has no title")
	}
	if f, ok := o.get("service"); ok {
		a.Service, _ = w.expanded(w.line, f)
	}
	setFrom(o, "lang", w.lang, &a.Lang)
	setFrom(o, "duration", w.positiveDuration, &a.Duration)
	setFrom(o, "window", w.window, &a.Window)
	setFrom(o, "compare", w.compare, &a.Compare)
	if f, ok := o.get("participants"); ok {
		a.Participants = w.participants(f)
	}

	srcs := w.sourceSet(o, baseDir)
	a.Sources, a.SourceNames = srcs.configs, srcs.names
	a.Source = w.defaultSource(o, srcs)

	if f, ok := o.get("events"); ok {
		a.Events = w.events(f, "the agenda", a.Source, srcs)
	}
	if f, ok := o.get("panels"); ok {
		a.Panels = w.panels(f, a.Source, srcs)
		w.timeboxes(f, a)
		withAgendaEvents(a)
	} else {
		w.ps.add(o.at, "add panels: with at least one panel (id, kind, query)", "the agenda has no panels")
	}
	if f, ok := o.get("closing"); ok {
		w.closing(f, &a.Closing)
	}
	setFrom(o, "publish", w.publishTargets, &a.Publish)
	setFrom(o, "github", w.github, &a.GitHub)
	return a
}

// version checks version: 1, which every agenda must state so that a later
// format can change meaning without misreading old files.
func (w *walker) version(o *object, a *Agenda) {
	const hint = "this nagame reads version 1 only: write version: 1"
	f, ok := o.get("version")
	if !ok {
		w.ps.add(o.at, hint, "the agenda has no version")
		return
	}
	if w.empty(f) {
		return
	}
	n, isInt := f.val.(*ast.IntegerNode)
	if !isInt {
		w.ps.add(f.at(), hint, "version must be the number 1, not %s", describe(f.val))
		return
	}
	if v, ok := intValue(n); !ok || v != Version {
		w.ps.add(f.at(), hint, "agenda version %s is not supported", n.GetToken().Value)
		return
	}
	a.Version = Version
}

// participants reads the list of names; an empty list is a solo review.
func (w *walker) participants(f field) []string {
	items, ok := w.items(f)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	first := map[string]pos{}
	for _, it := range items {
		name, ok := w.nonEmptyLine(it)
		if !ok {
			continue
		}
		if p, dup := first[name]; dup {
			w.ps.add(it.at(), "list each participant once", "participant %s is listed twice (first at line %d)", quote(name), p.line)
			continue
		}
		first[name] = it.at()
		out = append(out, name)
	}
	return out
}

// timeboxes checks that the panels' timeboxes fit the meeting. Running a
// little over is a plan people make on purpose (the closing can be short),
// so only a sum above one and a half times the duration is an error.
func (w *walker) timeboxes(f field, a *Agenda) {
	// In float64: twenty timeboxes of a century each would overflow a Duration.
	var sum float64
	for _, p := range a.Panels {
		sum += float64(p.Timebox)
	}
	if sum > 1.5*float64(a.Duration) {
		total := time.Duration(math.MaxInt64)
		if sum < float64(math.MaxInt64) {
			total = time.Duration(sum)
		}
		w.ps.add(f.keyPos, "shorten the timeboxes or raise duration:",
			"the panels' timeboxes add up to %s, more than one and a half times the %s meeting",
			FormatDuration(total), FormatDuration(a.Duration))
	}
}

// pick is a helper for enums: the value when it is one of allowed.
func (w *walker) pick(f field, allowed []string, what string) (string, bool) {
	s, ok := w.str(f)
	if !ok {
		return "", false
	}
	for _, v := range allowed {
		if s == v {
			return s, true
		}
	}
	hint := "one of: " + joinOr(allowed)
	if c := closest(s, allowed); c != "" {
		hint = "did you mean " + quote(c) + "?"
	}
	w.ps.add(f.at(), hint, "unknown %s %s in %s", what, quote(s), whereOf(f))
	return "", false
}

// kindNames is sources.Kinds as text, for enums and messages.
func kindNames() []string {
	out := make([]string, len(sources.Kinds))
	for i, k := range sources.Kinds {
		out[i] = string(k)
	}
	return out
}

// lang reads lang:, the meeting's language ("en", "ja", "ja-JP"); an
// unknown one is a problem naming the languages nagame speaks. The --lang
// flag overrides it (i18n.Choose).
func (w *walker) lang(f field) (string, bool) {
	s, ok := w.line(f)
	if !ok {
		return "", false
	}
	l, err := i18n.Parse(s)
	if err != nil {
		w.ps.add(f.at(), "write lang: en or lang: ja, or leave it out to follow --lang and the environment", "%v", err)
		return "", false
	}
	return string(l), true
}
