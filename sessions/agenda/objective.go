package agenda

import (
	"github.com/nagame-dev/nagame/sources"
)

// objectiveKeys are the keys of a panel's objective.
var objectiveKeys = []string{"threshold", "target", "slo"}

// objective reads a panel's objective in one of its three forms:
//
//	{threshold: 300ms, target: 99.5%}  time-slice: latency and custom panels
//	{target: 99.9%}                    request-based: errors panels with a total
//	{slo: abc123}                      a backend SLO: errors and latency panels
//	                                   on a datadog or demo source
func (w *walker) objective(f field, p Panel, set sourceSet) *Objective {
	if w.empty(f) {
		return nil
	}
	where := "the objective of panel " + quote(p.ID)
	o, ok := w.object(f.val, f.at(), where, where)
	if !ok {
		return nil
	}
	w.allow(o, where, objectiveKeys, nil)
	if p.Kind == sources.KindSLO {
		w.ps.add(f.keyPos, "remove objective: (a kind slo panel reads target and budget from the backend)",
			"panel %q is kind slo: its objective is the backend's", p.ID)
		return nil
	}
	sf, hasSLO := o.get("slo")
	tf, hasThreshold := o.get("threshold")
	gf, hasTarget := o.get("target")
	switch {
	case hasSLO:
		return w.backendObjective(o, sf, p, set)
	case hasThreshold:
		return w.timeSliceObjective(o, tf, gf, hasTarget, p)
	case hasTarget:
		return w.requestObjective(o, gf, p)
	case len(o.fields) == 0:
		w.ps.add(f.at(), "write {threshold: 300ms, target: 99.5%}, {target: 99.9%} or {slo: <id>}", "%s is empty", where)
	}
	return nil
}

// backendObjective is {slo: id}: the backend computes SLI and budget.
func (w *walker) backendObjective(o *object, sf field, p Panel, set sourceSet) *Objective {
	for _, k := range []string{"threshold", "target"} {
		if f, ok := o.get(k); ok {
			w.ps.add(f.keyPos, "remove "+k+": (the backend's SLO has its own)", "%s names a backend SLO and also a %s", o.where, k)
		}
	}
	if p.Kind != "" && p.Kind != sources.KindErrors && p.Kind != sources.KindLatency {
		w.ps.add(sf.keyPos, "", "a backend SLO objective is for errors and latency panels, and panel %q is kind %s", p.ID, p.Kind)
		return nil
	}
	if cfg, ok := set.configs[p.Source]; ok && cfg.Type != sources.TypeDatadog && cfg.Type != sources.TypeDemo {
		w.ps.add(sf.keyPos, "use {threshold: …, target: …} or {target: …} to compute the objective from the query",
			"a backend SLO objective needs a datadog or demo source, and panel %q reads %q (type %s)", p.ID, p.Source, cfg.Type)
		return nil
	}
	id, ok := w.nonEmpty(sf)
	if !ok {
		return nil
	}
	return &Objective{SLO: id}
}

// timeSliceObjective is {threshold, target}: the share of time buckets
// whose value is on the good side of the threshold.
func (w *walker) timeSliceObjective(o *object, tf, gf field, hasTarget bool, p Panel) *Objective {
	if p.Kind != "" && p.Kind != sources.KindLatency && p.Kind != sources.KindCustom {
		hint := ""
		if p.Kind == sources.KindErrors {
			hint = "an errors panel's objective is {target: 99.9%}: the share of good requests"
		}
		w.ps.add(tf.keyPos, hint, "a threshold objective is for latency and custom panels, and panel %q is kind %s", p.ID, p.Kind)
		return nil
	}
	if !hasTarget {
		w.ps.add(o.at, "add target: like 99.5% (the share of time under the threshold)", "%s has a threshold but no target", o.where)
	}
	obj := &Objective{}
	threshold, text, okT := w.threshold(tf, p.Unit)
	obj.Threshold, obj.ThresholdText, obj.HasThreshold = threshold, text, okT
	okG := false
	if hasTarget {
		obj.Target, okG = w.target(gf)
	}
	if !okT || !okG {
		return nil
	}
	return obj
}

// requestObjective is {target}: the share of good requests of an errors
// panel, which needs total to count requests.
func (w *walker) requestObjective(o *object, gf field, p Panel) *Objective {
	switch {
	case p.Kind == sources.KindLatency || p.Kind == sources.KindCustom:
		w.ps.add(o.at, "add the threshold the target applies to: {threshold: 300ms, target: 99.5%}",
			"%s has a target but no threshold", o.where)
		return nil
	case p.Kind == sources.KindLoad:
		w.ps.add(gf.keyPos, "load has no good or bad requests; put the objective on an errors or latency panel",
			"panel %q is kind load: it takes no objective", p.ID)
		return nil
	case p.Kind == sources.KindErrors && p.Total == "":
		w.ps.add(gf.keyPos, "add total: to the panel (a request-based objective counts errors against all requests)",
			"%s needs the panel's total", o.where)
		return nil
	}
	t, ok := w.target(gf)
	if !ok {
		return nil
	}
	return &Objective{Target: t}
}

// target reads a percentage strictly between 0 and 100 as a fraction: a
// target of 100 % leaves no error budget to spend, so nothing to review.
func (w *walker) target(f field) (float64, bool) {
	const hint = "write a percentage like 99.5%"
	if w.empty(f) {
		return 0, false
	}
	s, _, ok := scalarText(f.val, f.tag)
	if !ok {
		w.ps.add(f.at(), hint, "%s must be a percentage, not %s", f.name(), describe(f.val))
		return 0, false
	}
	v, err := sources.ParsePercent(s)
	if err != nil {
		w.ps.add(f.at(), hint, "%s is not a percentage: %s", f.name(), quote(s))
		return 0, false
	}
	if !(v > 0 && v < 1) {
		w.ps.add(f.at(), "a target lies between 0% and 100%, like 99.9%", "%s must be above 0%% and below 100%%", f.name())
		return 0, false
	}
	return v, true
}

// threshold reads a quantity into the panel's unit ("300ms" on a panel in
// seconds is 0.3). It returns the text as written too, for the minutes.
func (w *walker) threshold(f field, unit string) (float64, string, bool) {
	hint := "write a number in the panel's unit, or with a unit like 300ms"
	if w.empty(f) {
		return 0, "", false
	}
	s, _, ok := scalarText(f.val, f.tag)
	if !ok {
		w.ps.add(f.at(), hint, "%s must be a number or a quantity like 300ms, not %s", f.name(), describe(f.val))
		return 0, "", false
	}
	v, err := sources.ParseQuantity(s, unit)
	if err != nil {
		w.ps.add(f.at(), hint, "%s: %v", f.name(), err)
		return 0, "", false
	}
	return v, s, true
}
