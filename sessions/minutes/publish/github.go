package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// DefaultGitHubAPI is GitHub's REST API; GITHUB_API_URL names another (a
// GitHub Enterprise Server's https://HOST/api/v3).
const DefaultGitHubAPI = "https://api.github.com"

// githubAPIVersion pins the REST API's shape.
const githubAPIVersion = "2022-11-28"

// maxGitHubAnswer bounds what is read of one answer: a page of 100 issues
// with long bodies is a few hundred kilobytes.
const maxGitHubAnswer = 8 << 20

// maxPages bounds the pages read when looking for markers.
const maxPages = 10

// tokenHint says where a token comes from and what it needs.
const tokenHint = "set GITHUB_TOKEN (or GH_TOKEN) in the shell that runs nagame: a fine-grained token with Issues: read and write " +
	"on the repository, or a classic token with the repo scope (public_repo for a public repository)"

// issue is the part of GitHub's issue object nagame reads.
type issue struct {
	Number      int        `json:"number"`
	HTMLURL     string     `json:"html_url"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	State       string     `json:"state"`
	StateReason string     `json:"state_reason"`
	ClosedAt    *time.Time `json:"closed_at"`
	// PullRequest is set on pull requests, which the issues list mixes in.
	PullRequest json.RawMessage `json:"pull_request,omitempty"`
}

// newIssue is the body of POST /repos/{owner}/{repo}/issues.
type newIssue struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Assignees []string `json:"assignees,omitempty"`
	Labels    []string `json:"labels,omitempty"`
}

// githubClient speaks the few REST calls publishing needs.
type githubClient struct {
	base  string // API base URL, no trailing slash
	host  string // what messages call it
	token string
	repo  string
	hc    *http.Client
	w     wire
	ctx   context.Context
}

// githubBase reads GITHUB_API_URL (else api.github.com).
func githubBase(getenv func(string) string) (base, host string, err error) {
	raw := strings.TrimSpace(getenv("GITHUB_API_URL"))
	if raw == "" {
		raw = DefaultGitHubAPI
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return "", "", fmt.Errorf("GITHUB_API_URL must be the API's base URL, like https://github.example.com/api/v3")
	}
	return strings.TrimRight(u.String(), "/"), u.Host, nil
}

// githubToken reads GITHUB_TOKEN, else GH_TOKEN.
func githubToken(getenv func(string) string) string {
	if t := strings.TrimSpace(getenv("GITHUB_TOKEN")); t != "" {
		return t
	}
	return strings.TrimSpace(getenv("GH_TOKEN"))
}

// githubError is GitHub's error body.
type githubError struct {
	Message string `json:"message"`
	Errors  []struct {
		Resource string `json:"resource"`
		Field    string `json:"field"`
		Code     string `json:"code"`
		Value    any    `json:"value"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// answer is one call's outcome: status and body, or the Error it made.
type answer struct {
	status int
	header http.Header
	body   []byte
	gh     githubError
}

// call sends one request (rate limits waited out within bounds) and reads
// its answer. A status ≥ 300 is not an error here: callers word it.
func (c githubClient) call(method, path string, query url.Values, body any) (answer, error) {
	var payload []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return answer{}, err
		}
		payload = b
	}
	target := c.base + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var a answer
	resp, err := c.w.retry(c.ctx, c.host, true, func() (*http.Response, error) {
		req, err := http.NewRequestWithContext(c.ctx, method, target, bytes.NewReader(payload))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/vnd.github+json")
		req.Header.Set("X-GitHub-Api-Version", githubAPIVersion)
		req.Header.Set("User-Agent", "nagame")
		req.Header.Set("Authorization", "Bearer "+c.token)
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			return nil, c.w.transport(c.host, err)
		}
		defer func() { _ = resp.Body.Close() }()
		data, err := io.ReadAll(sources.LimitBody(resp.Body, resp.ContentLength, maxGitHubAnswer))
		if err != nil {
			return nil, c.w.transport(c.host, err)
		}
		a = answer{status: resp.StatusCode, header: resp.Header, body: data}
		if resp.StatusCode >= 300 {
			_ = json.Unmarshal(data, &a.gh)
		}
		return resp, nil
	})
	if resp != nil {
		_ = resp.Body.Close() // read and closed already; for the linter's sake
	}
	return a, err
}

// failure words a GitHub error status for what was being done.
func (c githubClient) failure(a answer, what string) *Error {
	status := fmt.Sprintf("%d %s", a.status, http.StatusText(a.status))
	if said := c.w.said(a.gh.Message); said != "" {
		status += ": " + said
	}
	switch a.status {
	case http.StatusUnauthorized:
		return c.w.fail(a.status, nil, tokenHint+"; the token must be valid for "+c.host, "%s refused the token (%s)", c.host, status)
	case http.StatusForbidden:
		return c.w.fail(a.status, nil, tokenHint, "the token may not %s in %s (%s)", what, c.repo, status)
	case http.StatusNotFound:
		return c.w.fail(a.status, nil, "check OWNER/REPO, and that the token can see the repository (a private one answers 404 to a token without access)",
			"%s: no repository %s, or the token cannot see it (%s)", c.host, c.repo, status)
	case http.StatusGone:
		return c.w.fail(a.status, nil, "turn issues on in the repository's settings, or publish to another one", "issues are turned off in %s (%s)", c.repo, status)
	case http.StatusUnprocessableEntity:
		var parts []string
		for _, e := range a.gh.Errors {
			parts = append(parts, c.w.said(strings.TrimSpace(e.Field+" "+e.Code+" "+e.Message)))
		}
		if len(parts) > 0 {
			status += " (" + strings.Join(parts, "; ") + ")"
		}
		return c.w.fail(a.status, nil, "fix the agenda's github: key (labels, assignees), then publish again: "+rerun, "GitHub rejected the issue to %s: %s", what, status)
	}
	return c.w.fail(a.status, nil, "try again later: "+rerun, "%s could not %s in %s (%s)", c.host, what, c.repo, status)
}

func (c githubClient) repoPath(rest string) string {
	owner, name, _ := strings.Cut(c.repo, "/")
	return "/repos/" + url.PathEscape(owner) + "/" + url.PathEscape(name) + rest
}

// create makes an issue.
func (c githubClient) create(body newIssue) (issue, answer, error) {
	a, err := c.call(http.MethodPost, c.repoPath("/issues"), nil, body)
	if err != nil {
		return issue{}, a, err
	}
	if a.status != http.StatusCreated && a.status != http.StatusOK {
		return issue{}, a, c.failure(a, "create issues")
	}
	var out issue
	if err := json.Unmarshal(a.body, &out); err != nil || out.Number == 0 {
		return issue{}, a, c.w.fail(a.status, nil, "look in the repository before publishing again", "%s answered with an issue nagame cannot read", c.host)
	}
	return out, a, nil
}

// get reads one issue.
func (c githubClient) get(number int) (issue, error) {
	a, err := c.call(http.MethodGet, c.repoPath("/issues/"+strconv.Itoa(number)), nil, nil)
	if err != nil {
		return issue{}, err
	}
	if a.status != http.StatusOK {
		return issue{}, c.failure(a, fmt.Sprintf("read issue #%d", number))
	}
	var out issue
	if err := json.Unmarshal(a.body, &out); err != nil {
		return issue{}, c.w.fail(a.status, err, "try again later", "%s answered issue #%d with a body nagame cannot read", c.host, number)
	}
	return out, nil
}

// listLabelled lists every issue with label, open or closed, newest first,
// up to maxPages pages.
func (c githubClient) listLabelled(label string) ([]issue, error) {
	q := url.Values{"state": {"all"}, "labels": {label}, "per_page": {"100"}, "sort": {"created"}, "direction": {"desc"}}
	return c.pages(c.repoPath("/issues"), q, func(b []byte) ([]issue, error) {
		var out []issue
		err := json.Unmarshal(b, &out)
		return out, err
	})
}

// search finds the issues whose body holds text, through the search API
// (used when issues carry no label to list them by).
func (c githubClient) search(text string) ([]issue, error) {
	q := url.Values{"q": {fmt.Sprintf("repo:%s is:issue in:body %q", c.repo, text)}, "per_page": {"100"}}
	return c.pages("/search/issues", q, func(b []byte) ([]issue, error) {
		var out struct {
			Items []issue `json:"items"`
		}
		err := json.Unmarshal(b, &out)
		return out.Items, err
	})
}

var nextLink = regexp.MustCompile(`<([^>]+)>;\s*rel="next"`)

// pages follows the Link header's rel="next" from path.
func (c githubClient) pages(path string, q url.Values, decode func([]byte) ([]issue, error)) ([]issue, error) {
	var out []issue
	for page := 1; page <= maxPages; page++ {
		a, err := c.call(http.MethodGet, path, q, nil)
		if err != nil {
			return nil, err
		}
		if a.status != http.StatusOK {
			return nil, c.failure(a, "list issues")
		}
		items, err := decode(a.body)
		if err != nil {
			return nil, c.w.fail(a.status, err, "try again later", "%s answered the issue list with a body nagame cannot read", c.host)
		}
		for _, it := range items {
			if len(it.PullRequest) == 0 {
				out = append(out, it)
			}
		}
		next, ok := nextPage(a.header)
		if !ok {
			break
		}
		q = next.Query()
		if p := strings.TrimPrefix(next.Path, pathPrefix(c.base)); p != "" {
			path = p
		}
	}
	return out, nil
}

// nextPage reads the Link header's rel="next".
func nextPage(h http.Header) (*url.URL, bool) {
	m := nextLink.FindStringSubmatch(h.Get("Link"))
	if m == nil {
		return nil, false
	}
	u, err := url.Parse(m[1])
	return u, err == nil
}

// pathPrefix is the path of the API base (GitHub Enterprise's /api/v3).
func pathPrefix(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.Path, "/")
}
