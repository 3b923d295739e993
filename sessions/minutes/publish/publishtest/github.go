package publishtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// GitHub is a fake GitHub REST API for the repository Repo. It speaks the issues API as GitHub documents it (and as
// cli/cli's and go-github's fixtures show it): create (201, the issue
// object), get, list with labels/state filters and Link pagination, and
// issue search; errors as {"message", "documentation_url", "status"} with
// 422's "errors" list.
type GitHub struct {
	server

	issues []map[string]any // of acme/checkout, by number-1
	// Collaborators may be assigned; anyone else is a 422. Set before use.
	Collaborators []string
	// PageSize of list answers (100 when 0, as per_page asks). Set before use.
	PageSize int
	posts    [][]byte
	requests []string // "METHOD path?query"
	// FailAfter, when set, may answer a request with a Fault given how
	// many issues exist. Set before use.
	FailAfter func(method string, issues int) *Fault
}

// Repo is the one repository the fake has.
const Repo = "acme/checkout"

// NewGitHub starts a fake GitHub API, stopped when the test ends. It
// answers only requests with Token.
func NewGitHub(t *testing.T) *GitHub {
	f := &GitHub{Collaborators: []string{"aiko-gh"}}
	f.start(t, f.serve)
	return f
}

func ghError(w http.ResponseWriter, status int, msg, doc string) {
	writeJSON(w, status, fmt.Sprintf(`{"message":%q,"documentation_url":%q,"status":"%d"}`, msg, doc, status))
}

func (f *GitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	if r.Header.Get("Authorization") != "Bearer "+Token {
		ghError(w, http.StatusUnauthorized, "Bad credentials", "https://docs.github.com/rest")
		return
	}
	if r.Header.Get("Accept") != "application/vnd.github+json" || r.Header.Get("X-GitHub-Api-Version") == "" {
		f.t.Errorf("%s %s: Accept %q, version %q", r.Method, r.URL, r.Header.Get("Accept"), r.Header.Get("X-GitHub-Api-Version"))
	}
	if f.FailAfter != nil {
		if ft := f.FailAfter(r.Method, len(f.issues)); ft != nil {
			writeJSON(w, ft.Status, ft.Body)
			return
		}
	}
	if f.fault(w, r.Method) {
		return
	}
	base := "/repos/" + Repo + "/issues"
	switch {
	case r.Method == http.MethodPost && r.URL.Path == base:
		body, _ := io.ReadAll(r.Body)
		f.posts = append(f.posts, body)
		f.create(w, body)
	case r.Method == http.MethodGet && r.URL.Path == base:
		f.list(w, r.URL.Query())
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, base+"/"):
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, base+"/"))
		if n < 1 || n > len(f.issues) {
			ghError(w, http.StatusNotFound, "Not Found", "https://docs.github.com/rest/issues/issues#get-an-issue")
			return
		}
		f.reply(w, http.StatusOK, f.issues[n-1])
	case r.Method == http.MethodGet && r.URL.Path == "/search/issues":
		f.search(w, r.URL.Query().Get("q"))
	default:
		ghError(w, http.StatusNotFound, "Not Found", "https://docs.github.com/rest")
	}
}

func (f *GitHub) reply(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		f.t.Fatal(err)
	}
	writeJSON(w, status, string(b))
}

func (f *GitHub) create(w http.ResponseWriter, body []byte) {
	var in struct {
		Title     string   `json:"title"`
		Body      string   `json:"body"`
		Assignees []string `json:"assignees"`
		Labels    []string `json:"labels"`
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil || in.Title == "" {
		ghError(w, http.StatusUnprocessableEntity, "Invalid request.", "https://docs.github.com/rest/issues/issues#create-an-issue")
		return
	}
	for _, a := range in.Assignees {
		if !slices.Contains(f.Collaborators, a) {
			writeJSON(w, http.StatusUnprocessableEntity, fmt.Sprintf(`{"message":"Validation Failed","errors":[{"value":%q,"resource":"Issue","field":"assignees","code":"invalid"}],"documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"422"}`, a))
			return
		}
	}
	n := len(f.issues) + 1
	now := "2026-11-16T11:00:00Z"
	var labels, assignees []any
	for i, l := range in.Labels {
		labels = append(labels, map[string]any{"id": 208045946 + i, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "url": f.srv.URL + "/repos/" + Repo + "/labels/" + l, "name": l, "color": "ededed", "default": false, "description": nil})
	}
	for _, a := range in.Assignees {
		assignees = append(assignees, user(a))
	}
	iss := map[string]any{
		"url":            f.srv.URL + "/repos/" + Repo + "/issues/" + strconv.Itoa(n),
		"repository_url": f.srv.URL + "/repos/" + Repo,
		"html_url":       "https://github.com/" + Repo + "/issues/" + strconv.Itoa(n),
		"id":             1000 + n, "node_id": "I_kwDOA" + strconv.Itoa(n), "number": n,
		"title": in.Title, "body": in.Body, "user": user("nagame-bot"),
		"labels": labels, "state": "open", "state_reason": nil, "locked": false,
		"assignee": nil, "assignees": assignees, "milestone": nil, "comments": 0,
		"created_at": now, "updated_at": now, "closed_at": nil, "closed_by": nil,
		"author_association": "OWNER", "active_lock_reason": nil,
	}
	if len(assignees) > 0 {
		iss["assignee"] = assignees[0]
	}
	f.issues = append(f.issues, iss)
	f.reply(w, http.StatusCreated, iss)
}

func user(login string) map[string]any {
	return map[string]any{"login": login, "id": 583231, "node_id": "MDQ6VXNlcjU4MzIzMQ==", "type": "User", "site_admin": false,
		"html_url": "https://github.com/" + login}
}

// list answers GET /repos/{owner}/{repo}/issues: newest first, filtered by
// state and labels, paged with a Link header.
func (f *GitHub) list(w http.ResponseWriter, q url.Values) {
	if q.Get("state") != "all" {
		f.t.Errorf("the issues are listed with state=%q; closed ones would be missed", q.Get("state"))
	}
	var match []map[string]any
	for i := len(f.issues) - 1; i >= 0; i-- {
		iss := f.issues[i]
		if l := q.Get("labels"); l != "" && !hasLabel(iss, l) {
			continue
		}
		match = append(match, iss)
	}
	size := f.PageSize
	if size == 0 {
		size = 100
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	from, to := min((page-1)*size, len(match)), min(page*size, len(match))
	if to < len(match) {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("page", strconv.Itoa(page+1))
		w.Header().Set("Link", fmt.Sprintf(`<%s/repos/%s/issues?%s>; rel="next", <%s/repos/%s/issues?page=%d>; rel="last"`,
			f.srv.URL, Repo, next.Encode(), f.srv.URL, Repo, (len(match)+size-1)/size))
	}
	f.reply(w, http.StatusOK, match[from:to])
}

func hasLabel(iss map[string]any, name string) bool {
	ls, _ := iss["labels"].([]any)
	for _, l := range ls {
		if l.(map[string]any)["name"] == name {
			return true
		}
	}
	return false
}

// search answers GET /search/issues for `repo:R is:issue in:body "text"`.
func (f *GitHub) search(w http.ResponseWriter, q string) {
	i := strings.Index(q, `"`)
	j := strings.LastIndex(q, `"`)
	if !strings.Contains(q, "repo:"+Repo) || i < 0 || j <= i {
		ghError(w, http.StatusUnprocessableEntity, "Validation Failed", "https://docs.github.com/rest/search/search#search-issues-and-pull-requests")
		return
	}
	text := q[i+1 : j]
	var items []map[string]any
	for _, iss := range f.issues {
		if strings.Contains(iss["body"].(string), text) {
			items = append(items, iss)
		}
	}
	f.reply(w, http.StatusOK, map[string]any{"total_count": len(items), "incomplete_results": false, "items": items})
}

// Close closes issue n as GitHub does when someone closes it.
func (f *GitHub) Close(n int, reason string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	iss := f.issues[n-1]
	iss["state"], iss["state_reason"], iss["closed_at"] = "closed", reason, at.UTC().Format(time.RFC3339)
}

// Created is how many issues exist.
func (f *GitHub) Created() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.issues)
}

// Posts are the bodies of the issue creates received, in order.
func (f *GitHub) Posts() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.posts)
}

// Forget clears the log of requests.
func (f *GitHub) Forget() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = nil
}

// Seen are the requests since the last Forget: "METHOD /path?query".
func (f *GitHub) Seen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.requests)
}
