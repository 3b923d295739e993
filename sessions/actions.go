package sessions

import (
	"math"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// TrackedAction is an action item followed across sessions: where it came
// from and its latest review.
type TrackedAction struct {
	ActionItem
	// Key is "<session>/<id>", unique across the sessions folder.
	Key string `json:"key"`
	// Title of the agenda of the session that created it.
	Title string `json:"title"`
	// PanelTitle of the panel it was raised on.
	PanelTitle string `json:"panel_title,omitempty"`
	// Status is the latest review's (open when never reviewed).
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
	// ReviewedIn is the session of the latest review; ReviewedAt its time.
	ReviewedIn string    `json:"reviewed_in,omitempty"`
	ReviewedAt time.Time `json:"reviewed_at,omitzero"`
	// Issues are the item's GitHub issues as last synced (nagame publish,
	// nagame actions --sync).
	Issues []PublishedIssue `json:"issues,omitempty"`
	// ClosedRemotely is set when Status comes from an issue closed after
	// the latest review (done, or dropped when closed as not planned): the
	// next session's review still shows the item, to confirm it.
	ClosedRemotely bool `json:"closed_remotely,omitempty"`
}

// Open reports whether the item still needs doing.
func (t TrackedAction) Open() bool { return t.Status == journal.ActionOpen || t.Status == "" }

// AgeDays is how many whole days old the item is at t.
func (t TrackedAction) AgeDays(at time.Time) int {
	if at.Before(t.Created) {
		return 0
	}
	return int(math.Floor(at.Sub(t.Created).Hours() / 24))
}

// TrackActions lists every action item of the records (given oldest first)
// with its latest status: reviews in later sessions override earlier ones,
// and an issue closed on GitHub after the latest review overrides both.
func TrackActions(records []*Record) []TrackedAction {
	var out []TrackedAction
	index := map[string]int{}
	for _, r := range records {
		titles := panelTitles(r.Agenda)
		for _, a := range r.State.Actions {
			a.Session = r.Name
			key := ActionKey(r.Name, a.ID)
			index[key] = len(out)
			out = append(out, TrackedAction{
				ActionItem: a, Key: key, Title: r.State.Start.Title,
				PanelTitle: titles[a.Panel], Status: journal.ActionOpen,
			})
		}
		for key, rev := range r.State.Reviews {
			i, ok := index[key]
			if !ok || rev.At.Before(out[i].ReviewedAt) {
				continue
			}
			out[i].Status, out[i].Note = rev.Status, rev.Note
			out[i].ReviewedIn, out[i].ReviewedAt = r.Name, rev.At
		}
		for _, iss := range r.Published.Issues {
			if i, ok := index[ActionKey(r.Name, iss.Action)]; ok {
				out[i].Issues = append(out[i].Issues, iss)
			}
		}
	}
	for i := range out {
		out[i].applyIssues()
	}
	return out
}

// applyIssues lets an issue closed after the latest review settle the
// item: the tracker is where the work was followed up.
func (t *TrackedAction) applyIssues() {
	for _, iss := range t.Issues {
		closed, done := iss.Closed()
		if !closed || (!t.ReviewedAt.IsZero() && !iss.ClosedAt.After(t.ReviewedAt)) {
			continue
		}
		t.Status = journal.ActionDone
		if !done {
			t.Status = journal.ActionDropped
		}
		t.Note = "closed on GitHub (" + iss.Ref() + ")"
		t.ClosedRemotely = true
		return
	}
}

// OpenActions lists the action items still open after the given sessions:
// what the next session of the same agenda reviews first. Items closed on
// GitHub since their latest review are among them (ClosedRemotely), so the
// room confirms them.
func OpenActions(history []*Record) []TrackedAction {
	var out []TrackedAction
	for _, t := range TrackActions(history) {
		if t.Open() || t.ClosedRemotely {
			out = append(out, t)
		}
	}
	return out
}

func panelTitles(a *agenda.Agenda) map[string]string {
	out := map[string]string{}
	if a == nil {
		return out
	}
	for _, p := range a.Panels {
		out[p.ID] = p.Title
	}
	return out
}
