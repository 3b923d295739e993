package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
)

// Target is where to publish: "datadog" or "github:OWNER/REPO"
// (agenda.ParseTarget reads one, an agenda's publish: lists them).
type Target = agenda.Target

// ParseTarget reads "datadog" or "github:OWNER/REPO".
func ParseTarget(s string) (Target, error) { return agenda.ParseTarget(s) }

// DefaultTimeout bounds one HTTP request when Options.HTTPClient is nil.
const DefaultTimeout = 30 * time.Second

// DefaultMaxWait is how long a rate-limited call waits for its reset before
// it gives up and says when to publish again.
const DefaultMaxWait = 10 * time.Second

// Options are what a publish needs from outside: the environment, the
// network, the clock, and the other sessions.
type Options struct {
	// Getenv reads DD_API_KEY, DD_APP_KEY, DD_SITE, GITHUB_TOKEN, GH_TOKEN
	// and GITHUB_API_URL (os.Getenv when nil). Nothing else is read.
	Getenv func(string) string
	// HTTPClient sends every request (one with DefaultTimeout when nil).
	HTTPClient *http.Client
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Sessions are the sessions folder's records, as sessions.ListRecords
	// returns them (the record published may be among them or not): the
	// earlier sessions of the same agenda give the minutes their trends and
	// carried items; later ones may have settled the action items.
	Sessions []*sessions.Record
	// Write replaces a file of the session folder; the record's WriteFile
	// when nil. A live meeting passes its Session.WriteFile.
	Write func(name string, data []byte) error
	// DryRun builds every request and sends none: Result.Requests holds
	// them. It needs no key or token and reads no network.
	DryRun bool
	// MinutesURL is where issues link back to when no notebook was
	// published (the wiki page the minutes were pasted to); optional.
	MinutesURL string
	// MaxWait bounds the wait for a rate limit's reset (DefaultMaxWait
	// when 0); past it the publish stops and says when to run it again.
	MaxWait time.Duration
	// Location is the time zone of the times the minutes show (time.Local
	// when nil).
	Location *time.Location
}

// Result is what a publish did.
type Result struct {
	Target Target
	// URL is the notebook's link, or the repository's issues.
	URL string
	// Created and Updated count notebooks or issues; Found counts issues
	// that existed already (by their marker) and were only recorded.
	Created, Updated, Found int
	// Issues are the action items' outcomes, in the session's order.
	Issues []IssueResult
	// Requests are the requests a dry run would send, bodies included.
	Requests []Request
	// Notes are what the user should know besides: an owner that could not
	// be assigned, a notebook made anew because the old one was deleted.
	Notes []string
}

// IssueResult is one action item's issue.
type IssueResult struct {
	// Action is the item's id; Key its ActionKey.
	Action, Key string
	Title       string
	Number      int
	URL         string
	// Outcome is "created", "found" (by its marker), "published" (kept
	// from before), "would create" (dry run), or "skipped" (the item is
	// done or dropped).
	Outcome string
}

// Outcomes of an action item.
const (
	OutcomeCreated     = "created"
	OutcomeFound       = "found"
	OutcomePublished   = "published"
	OutcomeWouldCreate = "would create"
	OutcomeSkipped     = "skipped"
)

// Request is one HTTP request as sent, or as a dry run would send it.
type Request struct {
	Method string `json:"method"`
	URL    string `json:"url"`
	// Body is the JSON body, indented; nil for none.
	Body json.RawMessage `json:"body,omitempty"`
}

// Publish sends the session rec to t. It may be called from a tea.Cmd: it
// blocks until done or ctx ends, writes only the session folder's
// published.json (through opt.Write), and reads rec without changing it;
// pass a record that does not change meanwhile (a live meeting passes
// sessions.OpenRecord(sess.Dir()) after sess.Flush()). Publishes of one
// session must not run at once: All runs several in turn.
//
// A failure is an *Error saying what to do; what was done before it is
// kept, so publishing again completes the rest without duplicates.
func Publish(ctx context.Context, t Target, rec *sessions.Record, opt Options) (Result, error) {
	opt = opt.withDefaults(rec)
	pub, err := sessions.ReadPublication(rec.Dir)
	if err != nil {
		return Result{Target: t}, err
	}
	m, err := buildMinutes(rec, opt)
	if err != nil {
		return Result{Target: t}, err
	}
	j := &job{rec: rec, minutes: m, pub: &pub, opt: opt}
	switch t.Kind {
	case agenda.TargetDatadog:
		return j.datadog(ctx)
	case agenda.TargetGitHub:
		return j.github(ctx, t.Repo)
	}
	return Result{Target: t}, fmt.Errorf("unknown publish target %q: use datadog or github:OWNER/REPO", t)
}

// All publishes to every target in turn, Datadog first so that the
// issues link to the notebook, and stops at the first failure (publishing
// again resumes there).
func All(ctx context.Context, targets []Target, rec *sessions.Record, opt Options) ([]Result, error) {
	ordered := slices.Clone(targets)
	slices.SortStableFunc(ordered, func(a, b Target) int {
		return boolRank(a.Kind != agenda.TargetDatadog) - boolRank(b.Kind != agenda.TargetDatadog)
	})
	var out []Result
	for _, t := range ordered {
		r, err := Publish(ctx, t, rec, opt)
		out = append(out, r)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (o Options) withDefaults(rec *sessions.Record) Options {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: DefaultTimeout}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Write == nil {
		o.Write = rec.WriteFile
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	return o
}

// buildMinutes builds rec's minutes as nagame export does.
func buildMinutes(rec *sessions.Record, opt Options) (*minutes.Minutes, error) {
	return minutes.Build(rec, minutes.Options{History: opt.history(rec), Location: opt.Location})
}

// history is the earlier sessions of rec's agenda, for the minutes.
func (o Options) history(rec *sessions.Record) []*sessions.Record {
	return sessions.History(o.Sessions, rec.State.Start.Title, rec.State.Start.Service, rec.Name)
}

// tracked is rec's action items with their latest status, later sessions'
// reviews and synced issues included.
func (o Options) tracked(rec *sessions.Record) []sessions.TrackedAction {
	recs := make([]*sessions.Record, 0, len(o.Sessions)+1)
	seen := false
	for _, r := range o.Sessions {
		if r.Name == rec.Name {
			r, seen = rec, true
		}
		recs = append(recs, r)
	}
	if !seen {
		recs = append(recs, rec)
	}
	var out []sessions.TrackedAction
	for _, t := range sessions.TrackActions(recs) {
		if t.Session == rec.Name {
			out = append(out, t)
		}
	}
	return out
}

// job is one publish of one session.
type job struct {
	rec     *sessions.Record
	minutes *minutes.Minutes
	pub     *sessions.Publication
	opt     Options
}

// save writes the publication as it stands: after every notebook or issue
// made, so a publish cut short keeps what it did.
func (j *job) save() error {
	b, err := j.pub.Marshal()
	if err != nil {
		return err
	}
	if err := j.opt.Write(sessions.PublishedFile, b); err != nil {
		return fmt.Errorf("session %s: cannot keep what was published in %s: %w; publishing again finds it by its markers", j.rec.Name, sessions.PublishedFile, err)
	}
	return nil
}

// pretty indents a JSON body for a dry run, with <, > and & as they are
// (the marker reads <!-- nagame:… -->, not \u003c!-- …).
func pretty(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return json.RawMessage(fmt.Sprintf("%q", err.Error()))
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
