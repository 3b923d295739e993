package agenda

import (
	"fmt"
	"regexp"
	"strings"
)

// Publish targets: where nagame publish sends a session's minutes and
// action items. They are read here, beside the rest of the agenda, so that
// a typo is an agenda error at line:col before the meeting, not a failure
// after it.
const (
	// TargetDatadog is a Datadog notebook in the org of the agenda's
	// Datadog source (else DD_SITE).
	TargetDatadog = "datadog"
	// TargetGitHub is a GitHub repository's issues: "github:OWNER/REPO".
	TargetGitHub = "github"
)

// Target is one place to publish to.
type Target struct {
	// Kind is TargetDatadog or TargetGitHub.
	Kind string
	// Repo is OWNER/REPO for GitHub.
	Repo string
}

// String writes the target as the agenda and --to take it.
func (t Target) String() string {
	if t.Kind == TargetGitHub {
		return TargetGitHub + ":" + t.Repo
	}
	return t.Kind
}

// GitHub's own rules for names: an owner is letters, digits and single
// dashes (at most 39); a repository also takes dots and underscores.
var (
	ownerPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)
	repoPattern  = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)
	loginPattern = ownerPattern
)

// ParseTarget reads "datadog" or "github:OWNER/REPO".
func ParseTarget(s string) (Target, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, TargetDatadog) {
		return Target{Kind: TargetDatadog}, nil
	}
	rest, ok := strings.CutPrefix(s, TargetGitHub+":")
	if !ok {
		return Target{}, fmt.Errorf("unknown publish target %s: use datadog or github:OWNER/REPO", quote(s))
	}
	owner, repo, ok := strings.Cut(rest, "/")
	if !ok || !ownerPattern.MatchString(owner) || !repoPattern.MatchString(repo) || repo == "." || repo == ".." {
		return Target{}, fmt.Errorf("%s does not name a repository: write github:OWNER/REPO, like github:acme/checkout", quote(s))
	}
	return Target{Kind: TargetGitHub, Repo: owner + "/" + repo}, nil
}

// GitHubOptions are the agenda's github: key: how action items become
// issues.
type GitHubOptions struct {
	// Assignees maps a participant's name to a GitHub login.
	Assignees map[string]string
	// Labels every issue gets; DefaultLabels when the agenda sets none.
	Labels []string
}

// DefaultLabels label the issues of an agenda without github: labels.
func DefaultLabels() []string { return []string{"nagame"} }

var githubKeys = []string{"assignees", "labels"}

// publishTargets reads publish:, a list of targets.
func (w *walker) publishTargets(f field) ([]Target, bool) {
	items, ok := w.items(f)
	if !ok {
		return nil, false
	}
	var out []Target
	seen := map[Target]bool{}
	for _, it := range items {
		s, ok := w.nonEmpty(it)
		if !ok {
			continue
		}
		t, err := ParseTarget(s)
		if err != nil {
			w.ps.add(it.at(), "", "%s: %s", it.name(), err.Error())
			continue
		}
		if seen[t] {
			w.ps.add(it.at(), "list each target once", "%s lists %s twice", it.name(), t)
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out, true
}

// github reads github: {assignees: {Name: login}, labels: [...]}.
func (w *walker) github(f field) (GitHubOptions, bool) {
	opt := GitHubOptions{Labels: DefaultLabels()}
	if w.empty(f) {
		return opt, false
	}
	o, ok := w.object(f.val, f.at(), `"github"`, "github")
	if !ok {
		return opt, false
	}
	w.allow(o, "github", githubKeys, nil)
	if af, ok := o.get("assignees"); ok && !w.empty(af) {
		if ao, ok := w.object(af.val, af.at(), `"assignees" in github`, "the assignees of github"); ok {
			opt.Assignees = map[string]string{}
			for _, e := range ao.fields {
				login, ok := w.nonEmpty(e)
				if !ok {
					continue
				}
				login = strings.TrimPrefix(login, "@")
				if !loginPattern.MatchString(login) {
					w.ps.add(e.at(), "write the GitHub login, like aiko-gh", "%s is not a GitHub login: %s", e.name(), quote(login))
					continue
				}
				opt.Assignees[e.key] = login
			}
		}
	}
	if lf, ok := o.get("labels"); ok {
		if items, ok := w.items(lf); ok {
			opt.Labels = []string{}
			for _, it := range items {
				if l, ok := w.nonEmpty(it); ok {
					opt.Labels = append(opt.Labels, strings.TrimSpace(l))
				}
			}
		}
	}
	return opt, true
}
