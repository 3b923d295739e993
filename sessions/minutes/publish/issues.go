package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
)

// What an action item's issue looks like:
//
//	title   the item's text
//	body    the item, owner, due date and panel; the panel's figures as
//	        the team saw them that day; a link to the notebook (or the
//	        given minutes URL, else how to export the minutes); and the
//	        marker <!-- nagame:SESSION/ID --> that finds it again
//	assignees  the owner's login from the agenda's github: assignees
//	labels     the agenda's github: labels (nagame by default)

// maxTitle is GitHub's limit on an issue's title.
const maxTitle = 256

// Marker is the line in an issue's body that ties it to its action item
// (key is the item's sessions.ActionKey): it finds the issue again when
// published.json is lost.
func Marker(key string) string { return "<!-- nagame:" + key + " -->" }

// planned is an issue to create.
type planned struct {
	item   sessions.TrackedAction
	issue  newIssue
	marker string
	at     int // index in Result.Issues
}

func (j *job) github(ctx context.Context, repo string) (Result, error) {
	t := Target{Kind: agenda.TargetGitHub, Repo: repo}
	res := Result{Target: t}
	base, host, err := githubBase(j.opt.Getenv)
	if err != nil {
		return res, err
	}
	res.URL = webURL(base, repo) + "/issues"
	var todo []planned
	for _, item := range j.opt.tracked(j.rec) {
		ir := IssueResult{Action: item.ID, Key: item.Key, Title: issueTitle(item.Text)}
		switch prev, ok := j.pub.Issue(repo, item.ID); {
		case ok:
			ir.Outcome, ir.Number, ir.URL = OutcomePublished, prev.Number, prev.URL
		case !item.Open():
			ir.Outcome = OutcomeSkipped
		default:
			todo = append(todo, planned{item: item, issue: j.newIssue(item), marker: Marker(item.Key), at: len(res.Issues)})
		}
		res.Issues = append(res.Issues, ir)
	}
	if j.opt.DryRun {
		for _, p := range todo {
			res.Requests = append(res.Requests, Request{Method: http.MethodPost, URL: base + "/repos/" + repo + "/issues", Body: pretty(p.issue)})
			res.Issues[p.at].Outcome = OutcomeWouldCreate
		}
		if len(todo) > 0 {
			res.Notes = append(res.Notes, "a real run first looks in "+repo+" for issues already made for these items (by the marker in their body), and creates only the others")
		}
		return res, nil
	}

	token := githubToken(j.opt.Getenv)
	w := wire{target: t.String(), secrets: sources.NewSecrets(token), now: j.opt.Now, maxWait: j.opt.MaxWait}
	if token == "" {
		return res, w.fail(0, nil, tokenHint, "no GitHub token to create issues in %s", repo)
	}
	c := githubClient{base: base, host: host, token: token, repo: repo, hc: j.opt.HTTPClient, w: w, ctx: ctx}

	fresh := map[string]bool{}
	if len(todo) > 0 {
		existing, err := c.marked(j.rec.Agenda.GitHub.Labels, j.rec.Name)
		if err != nil {
			return res, err
		}
		for _, p := range todo {
			ir := &res.Issues[p.at]
			iss, found := existing[p.marker]
			if !found {
				var note string
				if iss, note, err = c.createAssigning(p.issue); err != nil {
					return res, err
				}
				if note != "" {
					res.Notes = append(res.Notes, note)
				}
			}
			j.pub.SetIssue(published(p.item.ID, repo, iss, j.opt.Now()))
			if err := j.save(); err != nil {
				return res, err
			}
			ir.Number, ir.URL = iss.Number, iss.HTMLURL
			fresh[p.item.ID] = true
			if found {
				ir.Outcome = OutcomeFound
				res.Found++
			} else {
				ir.Outcome = OutcomeCreated
				res.Created++
			}
		}
	}
	// The issues made before come back with their state, so nagame actions
	// shows what was closed on GitHub.
	notes, err := j.refresh(c, func(i sessions.PublishedIssue) bool {
		return i.Repo == repo && !fresh[i.Action]
	})
	res.Notes = append(res.Notes, notes...)
	return res, err
}

// Sync reads back from GitHub the state of every issue published for rec
// (open, closed as done, closed as not planned) and keeps it in the
// session folder, where nagame actions and the next session's review read
// it. It sends only GET requests.
func Sync(ctx context.Context, rec *sessions.Record, opt Options) (notes []string, err error) {
	opt = opt.withDefaults(rec)
	pub, err := sessions.ReadPublication(rec.Dir)
	if err != nil || len(pub.Issues) == 0 {
		return nil, err
	}
	base, host, err := githubBase(opt.Getenv)
	if err != nil {
		return nil, err
	}
	token := githubToken(opt.Getenv)
	j := &job{rec: rec, pub: &pub, opt: opt}
	repos := map[string]bool{}
	for _, i := range pub.Issues {
		if repos[i.Repo] {
			continue
		}
		repos[i.Repo] = true
		w := wire{target: "github:" + i.Repo, secrets: sources.NewSecrets(token), now: opt.Now, maxWait: opt.MaxWait}
		if token == "" {
			return notes, w.fail(0, nil, tokenHint, "no GitHub token to read the issues of %s", i.Repo)
		}
		c := githubClient{base: base, host: host, token: token, repo: i.Repo, hc: opt.HTTPClient, w: w, ctx: ctx}
		more, err := j.refresh(c, func(p sessions.PublishedIssue) bool { return p.Repo == c.repo })
		notes = append(notes, more...)
		if err != nil {
			return notes, err
		}
	}
	return notes, nil
}

// refresh reads the state of the kept issues that pick selects and saves
// them. An issue that is gone is a note, not a failure.
func (j *job) refresh(c githubClient, pick func(sessions.PublishedIssue) bool) ([]string, error) {
	var notes []string
	changed := false
	for _, kept := range j.pub.Issues {
		if !pick(kept) {
			continue
		}
		iss, err := c.get(kept.Number)
		var e *Error
		if errors.As(err, &e) && (e.Status == http.StatusNotFound || e.Status == http.StatusGone) {
			notes = append(notes, fmt.Sprintf("%s is gone from GitHub; its state stays as last seen (%s)", kept.Ref(), kept.State))
			continue
		}
		if err != nil {
			return notes, err
		}
		j.pub.SetIssue(published(kept.Action, kept.Repo, iss, j.opt.Now()))
		changed = true
	}
	if changed {
		return notes, j.save()
	}
	return notes, nil
}

func published(action, repo string, iss issue, now time.Time) sessions.PublishedIssue {
	p := sessions.PublishedIssue{
		Action: action, Repo: repo, Number: iss.Number, URL: iss.HTMLURL,
		State: iss.State, StateReason: iss.StateReason, SyncedAt: now.UTC(),
	}
	if iss.ClosedAt != nil {
		p.ClosedAt = iss.ClosedAt.UTC()
	}
	return p
}

// marked finds the issues already made for session's items, by marker:
// listed by the first label when issues are labelled, else searched for.
func (c githubClient) marked(labels []string, session string) (map[string]issue, error) {
	var found []issue
	var err error
	if len(labels) > 0 {
		found, err = c.listLabelled(labels[0])
	} else {
		found, err = c.search("nagame:" + session + "/")
	}
	if err != nil {
		return nil, err
	}
	out := map[string]issue{}
	for _, iss := range found {
		for _, line := range strings.Split(iss.Body, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "<!-- nagame:"+session+"/") {
				if _, dup := out[line]; !dup {
					out[line] = iss
				}
			}
		}
	}
	return out, nil
}

// createAssigning creates the issue; when GitHub refuses the assignee (not
// a collaborator, a login that does not exist), it creates it unassigned
// and says so: the owner is named in the body either way.
func (c githubClient) createAssigning(body newIssue) (issue, string, error) {
	iss, a, err := c.create(body)
	if err == nil || len(body.Assignees) == 0 || a.status != http.StatusUnprocessableEntity || !refusesAssignee(a.gh) {
		return iss, "", err
	}
	login := body.Assignees[0]
	body.Assignees = nil
	iss, _, err = c.create(body)
	if err != nil {
		return iss, "", err
	}
	return iss, fmt.Sprintf("could not assign %s to %s#%d (GitHub refused the login: not a collaborator?); the owner is named in its body", login, c.repo, iss.Number), nil
}

func refusesAssignee(e githubError) bool {
	for _, f := range e.Errors {
		if f.Field == "assignees" || f.Field == "assignee" {
			return true
		}
	}
	return false
}

// newIssue is the issue an action item becomes.
func (j *job) newIssue(item sessions.TrackedAction) newIssue {
	gh := j.rec.Agenda.GitHub
	out := newIssue{Title: issueTitle(item.Text), Body: j.issueBody(item), Labels: gh.Labels}
	if login, ok := gh.Assignees[item.Owner]; ok && item.Owner != "" {
		out.Assignees = []string{login}
	}
	return out
}

func issueTitle(text string) string { return sources.Clip(agenda.CleanLine(text), maxTitle) }

func (j *job) issueBody(item sessions.TrackedAction) string {
	m := j.minutes
	md := minutes.MarkdownInline
	loc := j.opt.Location
	if loc == nil {
		loc = time.Local
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", md(item.Text))
	fmt.Fprintf(&b, "An action item of **%s** on %s.\n\n", md(m.Title), m.Started.In(loc).Format(time.DateOnly))
	if item.Owner != "" {
		fmt.Fprintf(&b, "- **Owner:** %s\n", md(item.Owner))
	}
	if item.Due != "" {
		fmt.Fprintf(&b, "- **Due:** %s\n", md(item.Due))
	}
	var panel *minutes.Panel
	for i := range m.Panels {
		if m.Panels[i].ID == item.Panel {
			panel = &m.Panels[i]
		}
	}
	if panel != nil {
		fmt.Fprintf(&b, "- **Panel:** %s\n", md(panel.Title))
	} else {
		b.WriteString("- **Raised in:** the closing\n")
	}
	if panel != nil {
		if figs := panelFigures(panel); figs != "" {
			fmt.Fprintf(&b, "\n### What the team saw (%s)\n\n%s", md(m.Window.String()), figs)
		}
	}
	fmt.Fprintf(&b, "\n**Minutes:** %s\n\n%s\n", j.minutesLink(), Marker(item.Key))
	return b.String()
}

// panelFigures lists a panel's figures as the minutes give them.
func panelFigures(p *minutes.Panel) string {
	if p.Current == nil || p.Current.Error != "" || p.Current.Summary.Empty() {
		return ""
	}
	var prev *sources.Summary
	if p.Previous != nil && p.Previous.Error == "" && !p.Previous.Summary.Empty() {
		prev = &p.Previous.Summary
	}
	var b strings.Builder
	for _, f := range minutes.Figures(p.Current.Summary, prev, p.Changes) {
		line := "- " + minutes.MarkdownInline(f.Label) + ": " + f.Value
		if f.At != "" {
			line += " at " + f.At + " UTC"
		}
		if f.Change != nil {
			line += " (previous " + f.Change.Prev + ", " + f.Change.Text + ")"
		}
		b.WriteString(line + "\n")
	}
	if s := p.Current.SLO; s != nil {
		b.WriteString("- Objective: " + minutes.MarkdownInline(minutes.SLOText(*s, p.Current.SLOName)) + "\n")
	}
	return b.String()
}

// minutesLink is where an issue sends its reader: the notebook, the given
// minutes URL, or how to write the minutes out.
func (j *job) minutesLink() string {
	if n := len(j.pub.Notebooks); n > 0 {
		return "<" + j.pub.Notebooks[n-1].URL + ">"
	}
	if j.opt.MinutesURL != "" {
		return "<" + j.opt.MinutesURL + ">"
	}
	return "`nagame export " + j.rec.Name + "`"
}

// webURL is the repository's web address for an API base: github.com for
// api.github.com, the server itself for GitHub Enterprise's /api/v3.
func webURL(base, repo string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "https://github.com/" + repo
	}
	if u.Host == "api.github.com" {
		return "https://github.com/" + repo
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/api/v3")
	return strings.TrimRight(u.String(), "/") + "/" + repo
}
